from django.apps import AppConfig
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.db.models.signals import post_migrate

SEARCH_INDEX_MIGRATION = ("articles", "0002_search")

EDITORS_GROUP = "Editors"
EDITORS_PERMISSIONS = {
    "articles": [
        "add_article",
        "change_article",
        "view_article",
        "add_citation",
        "change_citation",
        "view_citation",
        "add_articlecitation",
        "change_articlecitation",
        "view_articlecitation",
        # Taking a reference off an article deletes its link row (not the citation).
        "delete_articlecitation",
    ],
    "clinic": ["add_sitesettings", "change_sitesettings", "view_sitesettings"],
}


def restore_sqlite_search_index(*, using, **kwargs):
    """SQLite: Django rebuilds a table to alter it, which drops the table's triggers; every
    ``migrate`` puts back the full-text index's triggers if they went (articles/search.py)."""
    from .search import install_sqlite_fts

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    if SEARCH_INDEX_MIGRATION in MigrationRecorder(connection).applied_migrations():
        install_sqlite_fts(connection)


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"

    def ready(self):
        from clinic import pagecache
        from clinic.groups import declare_group

        from .models import Article, ArticleCitation, Citation

        pagecache.watch(
            Article,
            Citation,
            ArticleCitation,
            many_to_many=[Article.related.through],
            scheduled_change=Article.objects.next_scheduled_publication,
        )
        declare_group(self, EDITORS_GROUP, EDITORS_PERMISSIONS)
        post_migrate.connect(
            restore_sqlite_search_index, sender=self, dispatch_uid="articles-search-index"
        )
