"""Background work for requests, run by the task worker (``manage.py db_worker``).

Django's tasks API through the django-tasks backport: on Django 6 ``django_tasks`` becomes
``django.tasks`` and nothing else changes. Every task here is safe to run twice (the emails
are claimed in the database, the purge deletes what is due), which is what lets a lost
task simply be run again (clinic.tasks.requeue_lost_tasks).
"""

import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import BadHeaderError
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from . import access_log, emails, retention
from .models import Inquiry

logger = logging.getLogger(__name__)


def retry_delay(attempt):
    """Seconds before the try after failed ``attempt``: 1 min, 2, 4, 8... capped at 1 hour."""
    first = settings.INQUIRY_EMAIL_RETRY_SECONDS
    return min(first * 2 ** (attempt - 1), settings.INQUIRY_EMAIL_RETRY_MAX_SECONDS)


class EmailNotSent(Exception):
    """What a failed email task stores: the error's type and SMTP code, never the message
    (a refused recipient's error names the patient's address)."""


def describe_failure(error):
    """(permanent, summary): whether trying again cannot help (SMTP 5xx, every recipient
    refused, a header with a line break), and e.g. "SMTPRecipientsRefused (SMTP 550)"."""
    code = getattr(error, "smtp_code", None)
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [answer[0] for answer in error.recipients.values()]
        code = min(codes) if codes else None
    permanent = isinstance(error, (BadHeaderError, smtplib.SMTPRecipientsRefused)) or (
        isinstance(code, int) and 500 <= code < 600
    )
    return permanent, type(error).__name__ + (f" (SMTP {code})" if code else "")


def _send_or_retry(email_task, send, inquiry_id, attempt, what, *, on_give_up=None):
    try:
        return send(inquiry_id)
    except BaseException as error:
        # BaseException too: a worker told to stop at once (a second Ctrl-C) exits
        # mid-send, and the email must still go out later. The attempt itself is then
        # recorded as failed by the worker, with the error's type, for the admin.
        permanent, summary = describe_failure(error)
        if permanent or attempt >= settings.INQUIRY_EMAIL_MAX_ATTEMPTS:
            if on_give_up:
                on_give_up(inquiry_id)
            outcome = "refused for good" if permanent else "given up"
        else:
            delay = retry_delay(attempt)
            email_task.using(run_after=timezone.now() + datetime.timedelta(seconds=delay)).enqueue(
                inquiry_id, attempt=attempt + 1
            )
            outcome = f"next try in {delay} s"
        logger.error(
            "Inquiry #%s: %s failed (attempt %s: %s); %s",
            inquiry_id,
            what,
            attempt,
            summary,
            outcome,
        )
        if isinstance(error, Exception):
            raise EmailNotSent(f"{what}: {summary}") from None
        raise


def _confirmation_given_up(inquiry_id):
    Inquiry.objects.filter(pk=inquiry_id, confirmation_sent_at__isnull=True).update(
        confirmation_failed_at=timezone.now()
    )


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
    """The patient's confirmation, retried with backoff until it is sent, refused for good,
    or INQUIRY_EMAIL_MAX_ATTEMPTS tries failed (the request then says so)."""
    return _send_or_retry(
        send_patient_confirmation,
        emails.confirm_to_patient,
        inquiry_id,
        attempt,
        "the confirmation email to the patient",
        on_give_up=_confirmation_given_up,
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
    deleted, _ = retention.purge_inquiries(older_than_days=settings.INQUIRY_RETENTION_DAYS)
    return deleted


@task()
def prune_access_log():
    """The nightly pruning of the access log: entries past INQUIRY_ACCESS_LOG_RETENTION_DAYS."""
    return access_log.prune_access_log(older_than_days=settings.INQUIRY_ACCESS_LOG_RETENTION_DAYS)
