from ckeditor_uploader import views as ckeditor_views
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from articles.sitemaps import ArticleSitemap, StaticPagesSitemap
from articles.uploads import image_upload

from . import views
from .pagecache import cache_public_page

admin.site.site_header = "Clinic administration"
admin.site.site_title = "Clinic admin"

sitemaps = {"articles": ArticleSitemap, "pages": StaticPagesSitemap}

urlpatterns = [
    # Patients' pages first: Django tries the patterns in order on every request.
    path("", include("articles.urls")),
    path("", include("inquiries.urls")),
    path(settings.ADMIN_PATH, admin.site.urls),
    path("ckeditor/upload/", staff_member_required(image_upload), name="ckeditor_upload"),
    path(
        "ckeditor/browse/",
        staff_member_required(ckeditor_views.browse),
        name="ckeditor_browse",
    ),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", cache_public_page(sitemap), {"sitemaps": sitemaps}, name="sitemap"),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", views.media),
    ]

handler500 = "clinic.views.server_error"
