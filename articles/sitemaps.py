from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from .models import Article
from .seo import site_scheme_and_domain


class SiteUrlSitemap(Sitemap):
    """Addresses on ``DJANGO_SITE_URL``, whatever Host header the request came with."""

    def get_protocol(self, protocol=None):
        return site_scheme_and_domain()[0]

    def get_domain(self, site=None):
        return site_scheme_and_domain()[1]


class ArticleSitemap(SiteUrlSitemap):
    """Every published article in every language, each at its own address; a page with a
    published translation lists its versions as hreflang alternates, English as x-default."""

    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return (
            Article.objects.live()
            .only("slug", "kind", "language", "updated_at")
            .annotate(last_review_at=Max("reviews__created_at"))
            .with_translation_slugs()
            .order_by("pk")
        )

    def lastmod(self, item):
        # A new review changes the page (its review line) without changing the article.
        return max(filter(None, (item.updated_at, item.last_review_at)))

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page, site, protocol)
        base = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        for url in urls:
            item = url["item"]
            versions = {item.language: item, **item.published_translations}
            if len(versions) < 2:
                continue
            paths = {code: version.get_absolute_url() for code, version in versions.items()}
            url["alternates"] = [
                {"lang_code": code, "location": f"{base}{paths[code]}"}
                for code, _name in settings.LANGUAGES
                if code in paths
            ]
            if settings.LANGUAGE_CODE in paths:
                url["alternates"].append(
                    {"lang_code": "x-default", "location": f"{base}{paths[settings.LANGUAGE_CODE]}"}
                )
        return urls


class StaticPagesSitemap(SiteUrlSitemap):
    """The fixed pages in every language, each with its alternates and x-default."""

    changefreq = "weekly"
    priority = 0.5
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return ["articles:home", "articles:conditions", "articles:treatments", "articles:about"]

    def location(self, item):
        return reverse(item)
