import datetime

from django.apps import AppConfig
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.db.models.signals import post_migrate
from django.utils import timezone

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
        # Editors see the medical reviews; only reviewers record them.
        "view_review",
    ],
    "clinic": ["add_sitesettings", "change_sitesettings", "view_sitesettings"],
}
# Clinicians who check pages and record that they did (articles/reviews.py). They read
# pages and references and record reviews; they do not change pages: a correction goes
# through an editor, so a review always signs off text someone else wrote and the history
# shows who changed what. A clinician who also writes is put in both groups.
REVIEWERS_GROUP = "Medical reviewers"
REVIEWERS_PERMISSIONS = {
    "articles": [
        "view_article",
        "view_citation",
        "view_articlecitation",
        "view_review",
        "add_review",
    ],
}


def next_midnight():
    """Whether a review is current changes with the date: pages are cached until midnight."""
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))


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

        from .models import Article, ArticleCitation, Citation, Review

        pagecache.watch(
            Article,
            Citation,
            ArticleCitation,
            many_to_many=[Article.related.through],
            scheduled_change=Article.objects.next_scheduled_publication,
        )
        pagecache.watch(Review, scheduled_change=next_midnight)
        declare_group(self, EDITORS_GROUP, EDITORS_PERMISSIONS)
        declare_group(self, REVIEWERS_GROUP, REVIEWERS_PERMISSIONS)
        post_migrate.connect(
            restore_sqlite_search_index, sender=self, dispatch_uid="articles-search-index"
        )
