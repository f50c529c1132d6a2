from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Article


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Article.objects.published().only("slug", "kind", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class StaticPagesSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return ["articles:home", "articles:conditions", "articles:treatments"]

    def location(self, item):
        return reverse(item)
