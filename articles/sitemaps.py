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
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return (
            Article.objects.published()
            .only("slug", "kind", "updated_at")
            .annotate(last_review_at=Max("reviews__created_at"))
            .order_by("pk")
        )

    def lastmod(self, item):
        # A new review changes the page (its review line) without changing the article.
        return max(filter(None, (item.updated_at, item.last_review_at)))


class StaticPagesSitemap(SiteUrlSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return ["articles:home", "articles:conditions", "articles:treatments"]

    def location(self, item):
        return reverse(item)
