from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"

    def ready(self):
        from clinic import pagecache

        from .models import Article, ArticleCitation, Citation

        pagecache.watch(
            Article,
            Citation,
            ArticleCitation,
            many_to_many=[Article.related.through],
            scheduled_change=Article.objects.next_scheduled_publication,
        )
