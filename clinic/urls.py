from ckeditor_uploader import views as ckeditor_views
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from articles.feeds import LatestArticlesFeed
from articles.sitemaps import ArticleSitemap, StaticPagesSitemap
from articles.uploads import image_upload

from . import views
from .admin import view_on_site
from .pagecache import cache_public_page

admin.site.site_header = "Clinic administration"
admin.site.site_title = "Clinic admin"


def for_editors(view):
    """Staff who may change articles (editors); other staff get a 403, the public the login."""
    return staff_member_required(
        permission_required("articles.change_article", raise_exception=True)(view)
    )


sitemaps = {"articles": ArticleSitemap, "pages": StaticPagesSitemap}


def sitemap_page(raw):
    """The sitemap's page as Django's view reads ``p`` (int(): " 01" is page 1); what is no
    number is an error page, never stored."""
    try:
        return int(raw)
    except ValueError:
        return raw


# Patients' pages, in each language (settings.LANGUAGES): English at the root as ever,
# Spanish under /es/ with its own words for the paths (/es/condiciones/<slug>/). First:
# Django tries the patterns in order on every request.
urlpatterns = i18n_patterns(
    path("", include("articles.urls")),
    path("", include("inquiries.urls")),
    # Each language's latest pages: /feed/ and /es/feed/ (the same word: feed readers
    # and their users know it).
    path("feed/", cache_public_page(LatestArticlesFeed()), name="feed"),
    prefix_default_language=False,
)

# One address whatever the language.
urlpatterns += [
    # Before the admin's own "view on site" shortcut, which it replaces (see clinic/admin.py).
    path(
        f"{settings.ADMIN_PATH}r/<path:content_type_id>/<path:object_id>/",
        admin.site.admin_view(view_on_site),
    ),
    path(f"{settings.ADMIN_PATH}second-factor/", include("clinic.second_factor.urls")),
    path(settings.ADMIN_PATH, admin.site.urls),
    path("ckeditor/upload/", for_editors(image_upload), name="ckeditor_upload"),
    path("ckeditor/browse/", for_editors(ckeditor_views.browse), name="ckeditor_browse"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        cache_public_page(sitemap, query_params={"p": sitemap_page}),
        {"sitemaps": sitemaps},
        name="sitemap",
    ),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", views.media),
    ]

handler500 = "clinic.views.server_error"
