from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy

from clinic.models import SiteSettings

from .models import Article


class LatestArticlesFeed(Feed):
    link = reverse_lazy("articles:home")
    description = "New and updated pages about conditions and treatments."

    def title(self):
        return f"{SiteSettings.load().clinic_name}: health library"

    def items(self):
        return (
            Article.objects.published()
            .only("title", "slug", "kind", "summary", "published_at", "updated_at")
            .order_by("-published_at")[:20]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
