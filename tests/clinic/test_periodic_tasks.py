"""The periodic entry point (manage.py enqueue_periodic_tasks) and what it enqueues: the
purge, the check for lost tasks and missed emails, the pruning of old task results."""

import datetime
import io

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from inquiries import tasks
from inquiries.models import Inquiry
from tests.factories import ArticleFactory, InquiryFactory

pytestmark = pytest.mark.django_db(transaction=True)


def enqueue_periodic(schedule):
    out = io.StringIO()
    call_command("enqueue_periodic_tasks", schedule, stdout=out)
    return out.getvalue()


def queued():
    return sorted(DBTaskResult.objects.filter(status="READY").values_list("task_path", flat=True))


def test_each_schedule_enqueues_its_tasks_once_until_they_have_run(run_tasks):
    assert "clinic.tasks.requeue_lost_tasks: enqueued" in enqueue_periodic("frequent")
    assert queued() == sorted(settings.PERIODIC_TASKS["frequent"])
    # cron again before the worker took them (the worker is down): no pile-up.
    assert "has not run yet, skipped" in enqueue_periodic("frequent")
    assert queued() == sorted(settings.PERIODIC_TASKS["frequent"])

    enqueue_periodic("nightly")
    assert queued() == sorted(
        settings.PERIODIC_TASKS["frequent"] + settings.PERIODIC_TASKS["nightly"]
    )
    run_tasks()
    assert queued() == []
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    enqueue_periodic("frequent")
    assert len(queued()) == 2


def test_an_unknown_schedule_is_refused():
    with pytest.raises(CommandError, match="invalid choice"):
        enqueue_periodic("hourly")


def aged(days, **fields):
    inquiry = InquiryFactory(**fields)
    then = timezone.now() - datetime.timedelta(days=days)
    Inquiry.objects.filter(pk=inquiry.pk).update(created_at=then, updated_at=then)
    return inquiry


def test_the_nightly_purge_deletes_what_is_past_retention(settings, run_tasks):
    settings.INQUIRY_RETENTION_DAYS = 30
    old_closed, old_spam = aged(40, status="closed"), aged(40, status="spam")
    kept = [aged(40, status="new"), aged(10, status="closed")]
    enqueue_periodic("nightly")
    run_tasks()
    assert set(Inquiry.objects.values_list("pk", flat=True)) == {k.pk for k in kept}
    purge = DBTaskResult.objects.get(task_path="inquiries.tasks.purge_inquiries")
    assert purge.status == "SUCCESSFUL"
    assert purge.return_value == sorted([old_closed.pk, old_spam.pk])


def test_a_task_whose_worker_was_killed_is_run_again(mailoutbox, settings, run_tasks):
    settings.INQUIRY_NOTIFY_EMAILS = ["coordinators@clinic.example"]
    inquiry = InquiryFactory(notified_at=None)
    result = tasks.notify_coordinators.enqueue(inquiry.pk)
    # What a worker killed mid-task leaves behind: the task "running" for ever.
    started = timezone.now() - datetime.timedelta(seconds=settings.TASK_LOST_AFTER_SECONDS + 5)
    DBTaskResult.objects.filter(pk=result.id).update(
        status="RUNNING", started_at=started, worker_ids=["killed-worker"]
    )
    also_running = tasks.purge_inquiries.enqueue()  # started just now: not lost
    DBTaskResult.objects.filter(pk=also_running.id).update(
        status="RUNNING", started_at=timezone.now()
    )

    enqueue_periodic("frequent")
    run_tasks()
    lost = DBTaskResult.objects.get(pk=result.id)
    assert lost.status == "FAILED"
    assert lost.exception_class_path == "clinic.tasks.WorkerLost"
    assert "killed-worker" in lost.traceback
    assert DBTaskResult.objects.get(pk=also_running.id).status == "RUNNING"
    [email] = mailoutbox
    assert email.subject == f"New care-coordinator request #{inquiry.pk}"
    [again] = DBTaskResult.objects.filter(
        task_path=tasks.notify_coordinators.module_path, status="SUCCESSFUL"
    )
    assert again.args_kwargs == {"args": [inquiry.pk], "kwargs": {}}
    assert again.return_value is True


def test_old_task_results_are_pruned_failed_ones_kept_longer(settings, run_tasks):
    settings.TASK_RESULT_RETENTION_DAYS = 14
    now = timezone.now()

    def finished(status, days_ago):
        result = tasks.purge_inquiries.enqueue()
        DBTaskResult.objects.filter(pk=result.id).update(
            status=status, finished_at=now - datetime.timedelta(days=days_ago)
        )
        return result.id

    gone = {finished("SUCCESSFUL", 15), finished("FAILED", 29)}
    kept = {finished("SUCCESSFUL", 13), finished("FAILED", 20)}
    enqueue_periodic("nightly")
    run_tasks()
    remaining = {str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)}
    assert kept <= remaining
    assert not gone & remaining


def test_the_nightly_tasks_delete_expired_sessions(run_tasks):
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    expired, current = SessionStore(), SessionStore()
    for session in (expired, current):
        session["staff_note"] = "kept until the session ends"
        session.create()
    Session.objects.filter(pk=expired.session_key).update(expire_date=timezone.now())
    enqueue_periodic("nightly")
    run_tasks()
    assert list(Session.objects.values_list("session_key", flat=True)) == [current.session_key]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL's autovacuum does it")
def test_the_nightly_tasks_refresh_the_query_planners_statistics(run_tasks):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # makes sqlite_stat1, then empty it: statistics gone
        cursor.execute("DELETE FROM sqlite_stat1")
    ArticleFactory()
    enqueue_periodic("nightly")
    run_tasks()
    with connection.cursor() as cursor:
        cursor.execute("SELECT idx FROM sqlite_stat1 WHERE tbl = 'articles_article'")
        indexes = {row[0] for row in cursor.fetchall()}
    assert "articles_article_public" in indexes
