from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate


def create_cache_table(*, using, **kwargs):
    """Production without Redis keeps its cache in the database (settings.CACHES): every
    ``migrate`` makes sure the table exists, so no deploy step can forget it."""
    call_command("createcachetable", database=using, verbosity=0)


def refresh_query_statistics(*, using, **kwargs):
    """The query planner's statistics after the tables changed (clinic.tasks.analyze)."""
    from .tasks import analyze

    analyze(using)


class ClinicConfig(AppConfig):
    name = "clinic"
    verbose_name = "Clinic"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from . import account_lockout, middleware, pagecache
        from .models import SiteSettings

        pagecache.watch(SiteSettings)  # on every page
        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="clinic-cache-table")
        post_migrate.connect(
            refresh_query_statistics, sender=self, dispatch_uid="clinic-query-statistics"
        )
        # Session bookkeeping, not business logic: the sign-in time caps a session's age.
        user_logged_in.connect(middleware.record_sign_in, dispatch_uid="clinic-sign-in-time")
        # Security bookkeeping: each wrong password counts against its account.
        user_login_failed.connect(
            account_lockout.record_failure, dispatch_uid="clinic-account-lockout"
        )
