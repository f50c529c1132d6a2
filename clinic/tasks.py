"""Background work that belongs to no app: keeping the task queue itself healthy.

The tasks run on the task worker (``manage.py db_worker``, django-tasks-db); cron or a
systemd timer enqueues them through ``manage.py enqueue_periodic_tasks``
(docs/operators/background-work.md).
"""

import datetime
import logging

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


@task()
def requeue_lost_tasks():
    """Run again the tasks whose worker stopped mid-task (killed, or its host gone).

    django-tasks-db leaves such a task "running" for ever. One still running after
    TASK_LOST_AFTER_SECONDS is marked failed (the admin shows it, with the worker's id)
    and enqueued again with the same arguments: every task here is safe to run twice.
    Returns how many were enqueued again.
    """
    now = timezone.now()
    cutoff = now - datetime.timedelta(seconds=settings.TASK_LOST_AFTER_SECONDS)
    requeued = 0
    for lost in DBTaskResult.objects.running().filter(started_at__lt=cutoff):
        with transaction.atomic():
            # Only while still running: its worker may have finished it since the query.
            marked = DBTaskResult.objects.filter(
                pk=lost.pk, status=TaskResultStatus.RUNNING
            ).update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path="clinic.tasks.WorkerLost",
                traceback=(
                    f"The worker {', '.join(lost.worker_ids)} stopped before this task "
                    f"finished (still running after {settings.TASK_LOST_AFTER_SECONDS} s); "
                    "it was enqueued again."
                ),
            )
            if not marked:
                continue
            try:
                again = lost.task.enqueue(*lost.args_kwargs["args"], **lost.args_kwargs["kwargs"])
            except (ImportError, SuspiciousOperation):
                logger.exception("Lost task %s (%s) cannot be run again", lost.pk, lost.task_path)
                continue
        requeued += 1
        logger.warning("Task %s (%s) lost its worker; enqueued again as %s",
                       lost.pk, lost.task_path, again.id)  # fmt: skip
    return requeued


@task()
def prune_task_results():
    """Delete task results finished TASK_RESULT_RETENTION_DAYS ago (failed: twice that), on
    every queue, with django-tasks-db's own command."""
    days = settings.TASK_RESULT_RETENTION_DAYS
    call_command(
        "prune_db_task_results",
        queue_name="*",
        min_age_days=days,
        failed_min_age_days=2 * days,
        verbosity=0,
    )


@task()
def clear_expired_sessions():
    """Delete expired sessions (Django's ``clearsessions``): a session that ended may still
    hold what a patient typed in a form that was not sent (inquiries.views.remember)."""
    call_command("clearsessions")


@task()
def refresh_query_statistics():
    """Nightly, and after every ``migrate`` (clinic/apps.py): see analyze()."""
    analyze(DEFAULT_DB_ALIAS)


def analyze(using):
    """SQLite: gather the statistics its query planner reads (``ANALYZE``, 0.2 s at 10,000
    articles). Without them SQLite takes any index for a selective one: an article page's
    related pages were found by reading every published article's index entry (3 ms at
    10,000 articles, growing with the library) instead of the page's own five links.
    PostgreSQL's autovacuum keeps its statistics on its own."""
    connection = connections[using]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
