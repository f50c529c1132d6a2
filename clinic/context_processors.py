from django.conf import settings
from django.urls import reverse

from .models import SiteSettings

# The pages every page links to (header, footer, calls to action), as ``{{ urls.<key> }}``.
SITE_URLS = {
    "home": "articles:home",
    "conditions": "articles:conditions",
    "treatments": "articles:treatments",
    "search": "articles:search",
    "feed": "feed",
    "contact": "inquiries:contact",
    "privacy": "inquiries:privacy",
    "about": "articles:about",
}


def site_urls():
    return {key: reverse(name) for key, name in SITE_URLS.items()}


def site(request):
    # site_url: the public address (DJANGO_SITE_URL) for canonical links, never the Host header.
    return {"site": SiteSettings.load(), "urls": site_urls(), "site_url": settings.SITE_URL}
