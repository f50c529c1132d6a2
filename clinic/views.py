"""Project-wide views: health check, robots.txt and the error pages."""

import logging
import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe
from django.views.static import serve

from .context_processors import site_urls
from .models import SiteSettings

logger = logging.getLogger(__name__)

NOT_FOR_CRAWLERS = ("inquiries:contact", "articles:search")


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers, 503 otherwise (for load balancers and monitors)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("Health check failed: database unreachable", exc_info=True)
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
def robots_txt(request):
    sitemap_url = f"{settings.SITE_URL}{reverse('sitemap')}"  # not the request's Host
    lines = ["User-agent: *"]
    # A custom admin path (DJANGO_ADMIN_PATH) is kept out of robots.txt, which anyone can
    # read; admin pages say noindex themselves (clinic.middleware.StaffSessionMiddleware).
    if settings.ADMIN_PATH == "admin/":
        lines.append("Disallow: /admin/")
    # The form and the search, in every language (/contact/, /es/contacto/...).
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            lines += [f"Disallow: {reverse(name)}" for name in NOT_FOR_CRAWLERS]
    lines.append(f"Sitemap: {sitemap_url}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def site_for_error_page():
    """Site settings for an error page, which must render even when the database is down.

    Without the database, the defaults stand in (name and phone number included).
    """
    try:
        return SiteSettings.load()
    except (DatabaseError, InterfaceError):  # InterfaceError: "connection already closed"
        return SiteSettings()


def server_error(request):
    """The 500 page; a 503 "back in a few minutes" page when the database is unreachable.

    Django calls this while handling the exception, so ``sys.exc_info()`` tells which it is:
    a database that cannot be reached (or went away mid-request) is an outage, not a bug,
    and the page says so, with the phone number, and asks anyone sending a request to
    send it again. Both pages render without the database.
    """
    context = {"site": site_for_error_page(), "urls": site_urls(), "request": request}
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        template = loader.get_template("503.html")
        return HttpResponse(template.render(context), status=503, headers={"Retry-After": "60"})
    return HttpResponse(loader.get_template("500.html").render(context), status=500)


@require_safe
def media(request, path):
    """Uploaded media (images only, see articles/uploads.py), sent with nosniff."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)
