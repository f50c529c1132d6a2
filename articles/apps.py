import datetime

from django.apps import AppConfig
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.db.models.signals import post_migrate
from django.utils import timezone

from .roles import EDITORS_GROUP, EDITORS_PERMISSIONS, REVIEWERS_GROUP, REVIEWERS_PERMISSIONS

SEARCH_INDEX_MIGRATION = ("articles", "0002_search")


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

        from . import stored_pages
        from .models import Article, ArticleCitation, Citation, Review, TrialSearch

        pagecache.watch(
            Article,
            pages=stored_pages.pages_showing_article,
            many_to_many=[Article.related.through],
        )
        # The lists show no references: a citation's change re-renders the pages citing it.
        pagecache.watch(Citation, pages=stored_pages.pages_citing, lists=False)
        pagecache.watch(ArticleCitation, pages=stored_pages.pages_with_reference, lists=False)
        # The home page says whether every page is reviewed; the sitemap dates reviews.
        pagecache.watch(Review, pages=stored_pages.pages_with_review)
        # A refresh saves the search with its trials, in one transaction.
        pagecache.watch(TrialSearch, pages=stored_pages.pages_listing_trials, lists=False)
        pagecache.schedule(
            Article.objects.next_scheduled_publication,
            pages=stored_pages.pages_published_between,
        )
        pagecache.schedule(next_midnight)
        declare_group(self, EDITORS_GROUP, EDITORS_PERMISSIONS)
        declare_group(self, REVIEWERS_GROUP, REVIEWERS_PERMISSIONS)
        post_migrate.connect(
            restore_sqlite_search_index, sender=self, dispatch_uid="articles-search-index"
        )
