"""Background work for requests, run by the task worker (``manage.py db_worker``).

Django's tasks API through the django-tasks backport: on Django 6 ``django_tasks`` becomes
``django.tasks`` and nothing else changes. Every task here is safe to run twice (the emails
are claimed in the database, the purge deletes what is due), which is what lets a lost
task simply be run again (clinic.tasks.requeue_lost_tasks).
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from . import emails, services
from .models import Inquiry

logger = logging.getLogger(__name__)


def retry_delay(attempt):
    """Seconds before the try after failed ``attempt``: 1 min, 2, 4, 8... capped at 1 hour."""
    first = settings.INQUIRY_EMAIL_RETRY_SECONDS
    return min(first * 2 ** (attempt - 1), settings.INQUIRY_EMAIL_RETRY_MAX_SECONDS)


def _send_or_retry(email_task, send, inquiry_id, attempt, what):
    try:
        return send(inquiry_id)
    except BaseException as error:
        # BaseException too: a worker told to stop at once (a second Ctrl-C) exits
        # mid-send, and the email must still go out later. The attempt itself is then
        # recorded as failed by the worker, with its traceback, for the admin.
        delay = retry_delay(attempt)
        email_task.using(run_after=timezone.now() + datetime.timedelta(seconds=delay)).enqueue(
            inquiry_id, attempt=attempt + 1
        )
        logger.error(
            "Inquiry #%s: %s failed (attempt %s: %s: %s); next try in %s s",
            inquiry_id,
            what,
            attempt,
            type(error).__name__,
            error,
            delay,
        )
        raise


@task()
def notify_coordinators(inquiry_id, attempt=1):
    """The coordinators' new-request email, retried with backoff until it is sent."""
    return _send_or_retry(
        notify_coordinators,
        emails.notify_coordinators,
        inquiry_id,
        attempt,
        "the email to the coordinators",
    )


@task()
def send_patient_confirmation(inquiry_id, attempt=1):
    """The patient's confirmation, retried with backoff until it is sent."""
    return _send_or_retry(
        send_patient_confirmation,
        emails.confirm_to_patient,
        inquiry_id,
        attempt,
        "the confirmation email to the patient",
    )


def enqueue_new_request_emails(inquiry_id):
    """Queue the two emails of a new request: two rows, one commit.

    Called once the request is committed (services.submit_inquiry). If this fails (the
    database went away just after that commit), the failure is logged, the patient is
    still thanked, and the periodic ``enqueue_missed_notifications`` queues the
    coordinators' email later.
    """
    with transaction.atomic():
        notify_coordinators.enqueue(inquiry_id)
        send_patient_confirmation.enqueue(inquiry_id)


@task()
def enqueue_missed_notifications(older_than_minutes=2):
    """Enqueue the coordinators' email for real requests that have none on its way.

    A safety net for a request whose task was never stored (the database failed right
    after the request was committed) and for requests from before the task worker.
    Returns the request numbers it enqueued.
    """
    if not emails.coordinator_recipients():
        return []  # nobody to tell (the system check inquiries.W001 says so at start)
    cutoff = timezone.now() - datetime.timedelta(minutes=older_than_minutes)
    queued = {
        args_kwargs["args"][0] if args_kwargs["args"] else args_kwargs["kwargs"]["inquiry_id"]
        for args_kwargs in DBTaskResult.objects.filter(
            task_path=notify_coordinators.module_path,
            status__in=["READY", "RUNNING"],
        ).values_list("args_kwargs", flat=True)
    }
    missed = [
        pk
        for pk in Inquiry.objects.awaiting_notification()
        .filter(created_at__lte=cutoff)
        .order_by("created_at")
        .values_list("pk", flat=True)
        if pk not in queued
    ]
    for pk in missed:
        notify_coordinators.enqueue(pk)
    if missed:
        logger.warning("Coordinators' emails enqueued again for requests %s", missed)
    return missed


@task()
def purge_inquiries():
    """The nightly purge: closed and spam requests past INQUIRY_RETENTION_DAYS."""
    deleted, _ = services.purge_inquiries(older_than_days=settings.INQUIRY_RETENTION_DAYS)
    return deleted
