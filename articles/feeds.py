from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy

from clinic.models import SiteSettings

from .models import Article
from .seo import absolute_url


class LatestArticlesFeed(Feed):
    """The latest pages in the feed's language (/feed/ English, /es/feed/ Spanish, each
    with its <language>: Django's Feed takes the active one); every address on
    ``DJANGO_SITE_URL``, not the request's Host."""

    description = gettext_lazy("New and updated pages about conditions and treatments.")

    def title(self):
        return gettext("%(clinic)s: health library") % {"clinic": SiteSettings.load().clinic_name}

    def link(self):
        return absolute_url(reverse("articles:home"))

    def feed_url(self):
        return absolute_url(reverse("feed"))

    def items(self):
        return (
            Article.objects.published()
            .only("title", "slug", "kind", "language", "summary", "published_at", "updated_at")
            .order_by("-published_at")[:20]
        )

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
