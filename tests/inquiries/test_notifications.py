"""The new-request emails: queued after commit, sent by the task worker once each, retried
with backoff while the mail server is down."""

import datetime
import logging
import smtplib

import pytest
from django.conf import settings
from django.core.mail.backends.locmem import EmailBackend
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from clinic.models import SiteSettings
from inquiries import tasks
from inquiries.models import Inquiry
from tests.factories import ArticleFactory, StaffFactory, contact_form_data

# The worker takes each task in a transaction of its own: real commits.
pytestmark = pytest.mark.django_db(transaction=True)

PATIENT = {
    "name": "Ada Lovelace-Patient",
    "email": "ada.private@example.com",
    "phone": "+1 (720) 555-0199",
    "preferred_contact": "phone",
    "message": "My mother was diagnosed with ALS last spring",
}
NOTIFY = tasks.notify_coordinators.module_path
CONFIRM = tasks.send_patient_confirmation.module_path


class Rollback(Exception):
    pass


@pytest.fixture
def coordinators_notified(settings):
    settings.INQUIRY_NOTIFY_EMAILS = ["coord1@clinic.example", "coord2@clinic.example"]
    settings.SITE_URL = "https://clinic.example"


@pytest.fixture
def mail_down(monkeypatch):
    """The mail server refuses every message until ``mail_down.back()``."""

    class Outage:
        def back(self):
            monkeypatch.setattr(EmailBackend, "send_messages", original)

    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("the mail server went away")

    original = EmailBackend.send_messages
    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    return Outage()


def submit(client, **overrides):
    response = client.post("/contact/", contact_form_data(**{**PATIENT, **overrides}))
    assert response.status_code == 302
    return Inquiry.objects.order_by("-pk").first()


def coordinator_emails(outbox):
    return [m for m in outbox if "coord1@clinic.example" in m.to]


def patient_emails(outbox):
    return [m for m in outbox if m.to == [PATIENT["email"]]]


def results(path, status=None):
    found = DBTaskResult.objects.filter(task_path=path).order_by("enqueued_at")
    return list(found.filter(status=status) if status else found)


def time_passes():
    """Every retry waiting for its time is due now."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


def test_coordinators_are_emailed_a_link_and_the_topic_only(
    client, mailoutbox, coordinators_notified, run_tasks
):
    article = ArticleFactory(title="Stem cell therapy for ALS")
    inquiry = submit(client, article=str(article.pk))
    run_tasks()
    [email] = coordinator_emails(mailoutbox)
    assert email.subject == f"New care-coordinator request #{inquiry.pk}"
    assert email.to == ["coord1@clinic.example", "coord2@clinic.example"]
    admin_url = (
        f"https://clinic.example/{settings.ADMIN_PATH}inquiries/inquiry/{inquiry.pk}/change/"
    )
    assert admin_url in email.body
    assert "About: Stem cell therapy for ALS" in email.body
    for secret in [PATIENT["email"], PATIENT["phone"], PATIENT["message"], "Ada", "Lovelace"]:
        assert secret not in email.subject
        assert secret not in email.body
    assert email.alternatives == []
    assert email.attachments == []
    assert email.extra_headers["Message-ID"].startswith(f"<inquiry-{inquiry.pk}.")
    assert email.extra_headers["Message-ID"].endswith(".coordinators@clinic.example>")
    inquiry.refresh_from_db()
    assert inquiry.notified_at is not None


def test_the_emails_are_queued_only_once_the_request_is_committed(
    client, mailoutbox, coordinators_notified, run_tasks
):
    def submit_then_roll_back():
        with transaction.atomic():
            client.post("/contact/", contact_form_data(**PATIENT))
            assert Inquiry.objects.count() == 1
            assert not DBTaskResult.objects.exists()  # not before the commit
            raise Rollback

    with pytest.raises(Rollback):
        submit_then_roll_back()
    assert not Inquiry.objects.exists()
    assert not DBTaskResult.objects.exists()  # nor after a rollback
    run_tasks()
    assert mailoutbox == []

    inquiry = submit(client)
    assert [r.args_kwargs for r in results(NOTIFY) + results(CONFIRM)] == [
        {"args": [inquiry.pk], "kwargs": {}}
    ] * 2
    assert mailoutbox == []  # the worker sends them, not the web process


def test_the_worker_sends_each_email_exactly_once(
    client, mailoutbox, coordinators_notified, run_tasks
):
    inquiry = submit(client)
    run_tasks()
    assert len(coordinator_emails(mailoutbox)) == 1
    assert len(patient_emails(mailoutbox)) == 1
    inquiry.refresh_from_db()
    assert inquiry.notified_at is not None
    assert inquiry.confirmation_sent_at is not None
    assert [r.status for r in results(NOTIFY) + results(CONFIRM)] == ["SUCCESSFUL"] * 2
    first_notified = inquiry.notified_at

    # A duplicate run of either task (a retry that crossed the first one, a lost task run
    # again) finds the email sent and sends nothing.
    tasks.notify_coordinators.enqueue(inquiry.pk)
    tasks.send_patient_confirmation.enqueue(inquiry.pk, attempt=2)
    run_tasks()
    assert len(mailoutbox) == 2
    assert [r.return_value for r in results(NOTIFY) + results(CONFIRM)] == [
        True,
        False,
        True,
        False,
    ]
    inquiry.refresh_from_db()
    assert inquiry.notified_at == first_notified


def test_a_mail_outage_is_retried_with_backoff_and_sent_once_when_mail_is_back(
    client, mailoutbox, coordinators_notified, run_tasks, mail_down, caplog
):
    with caplog.at_level(logging.ERROR):
        inquiry = submit(client)
        run_tasks()
    assert mailoutbox == []
    inquiry.refresh_from_db()
    assert inquiry.notified_at is None
    assert inquiry.confirmation_sent_at is None
    assert f"Inquiry #{inquiry.pk}: the email to the coordinators failed (attempt 1" in caplog.text
    assert "the confirmation email to the patient failed (attempt 1" in caplog.text
    # The failed attempt is recorded, with its error, for the admin.
    [failed] = results(NOTIFY, "FAILED")
    assert failed.exception_class_path == "inquiries.tasks.EmailNotSent"
    assert "EmailNotSent: the email to the coordinators: SMTPServerDisconnected" in failed.traceback

    # Each retry waits twice as long as the one before: 1 min, 2, 4...
    for attempt, minutes in [(2, 1), (3, 2), (4, 4)]:
        [retry] = results(NOTIFY, "READY")
        assert retry.args_kwargs == {"args": [inquiry.pk], "kwargs": {"attempt": attempt}}
        failed_at = DBTaskResult.objects.filter(status="FAILED").latest("finished_at")
        waits = (retry.run_after - failed_at.finished_at).total_seconds()
        assert minutes * 60 - 5 < waits <= minutes * 60
        run_tasks()  # not due yet: nothing runs
        assert results(NOTIFY, "READY") == [retry]
        time_passes()
        run_tasks()
    assert len(results(NOTIFY, "FAILED")) == 4
    assert mailoutbox == []

    mail_down.back()
    time_passes()
    run_tasks()
    assert len(coordinator_emails(mailoutbox)) == 1
    assert len(patient_emails(mailoutbox)) == 1
    inquiry.refresh_from_db()
    assert inquiry.notified_at is not None
    assert inquiry.confirmation_sent_at is not None
    assert not DBTaskResult.objects.filter(status="READY").exists()  # no more retries
    assert mailoutbox[0].subject == f"New care-coordinator request #{inquiry.pk}"


def test_the_retry_delay_doubles_up_to_an_hour_and_keeps_trying(settings):
    settings.INQUIRY_EMAIL_RETRY_SECONDS = 60
    settings.INQUIRY_EMAIL_RETRY_MAX_SECONDS = 3600
    delays = [tasks.retry_delay(attempt) for attempt in range(1, 11)]
    assert delays == [60, 120, 240, 480, 960, 1920, 3600, 3600, 3600, 3600]


def test_a_worker_stopped_mid_send_leaves_the_email_to_a_retry(
    client, mailoutbox, coordinators_notified, run_tasks, monkeypatch
):
    """A second Ctrl-C (or SIGTERM) makes the worker exit in the middle of a task: its
    signal handler raises SystemExit wherever the task is."""
    inquiry = submit(client)
    original = EmailBackend.send_messages

    def stop_the_worker(self, messages):
        raise SystemExit(1)

    monkeypatch.setattr(EmailBackend, "send_messages", stop_the_worker)
    run_tasks()
    inquiry.refresh_from_db()
    assert inquiry.notified_at is None  # the claim was rolled back
    assert [r.args_kwargs["kwargs"] for r in results(NOTIFY, "READY")] == [{"attempt": 2}]

    monkeypatch.setattr(EmailBackend, "send_messages", original)
    time_passes()
    run_tasks()
    assert len(coordinator_emails(mailoutbox)) == 1
    assert len(patient_emails(mailoutbox)) == 1


def test_without_the_setting_the_care_coordinators_are_emailed(
    client, mailoutbox, settings, run_tasks, staff_group, caplog
):
    settings.INQUIRY_NOTIFY_EMAILS = []
    coordinators = staff_group("Care coordinators")
    for username, email, active in [
        ("maria", "maria@clinic.example", True),
        ("jo", "jo@clinic.example", True),
        ("no-address", "", True),
        ("left", "left@clinic.example", False),
    ]:
        StaffFactory(username=username, email=email, is_active=active).groups.add(coordinators)
    StaffFactory(username="ed", email="ed@clinic.example")  # staff, not a coordinator
    caplog.set_level(logging.DEBUG, logger="inquiries")
    inquiry = submit(client)
    run_tasks()
    [email] = [m for m in mailoutbox if m.subject.startswith("New care-coordinator request")]
    assert email.subject == f"New care-coordinator request #{inquiry.pk}"
    assert email.to == ["jo@clinic.example", "maria@clinic.example"]
    inquiry.refresh_from_db()
    assert inquiry.notified_at is not None
    assert "nobody to notify" not in caplog.text


def test_the_setting_wins_over_the_care_coordinators(
    client, mailoutbox, coordinators_notified, run_tasks, coordinator
):
    assert coordinator.email
    inquiry = submit(client)
    run_tasks()
    [email] = [m for m in mailoutbox if m.subject.startswith("New care-coordinator request")]
    assert email.subject == f"New care-coordinator request #{inquiry.pk}"
    assert email.to == ["coord1@clinic.example", "coord2@clinic.example"]


def test_with_nobody_to_notify_no_email_and_no_log_line_at_info_per_request(
    client, mailoutbox, settings, run_tasks, staff_group, caplog
):
    settings.INQUIRY_NOTIFY_EMAILS = []
    StaffFactory(username="no-address", email="").groups.add(staff_group("Care coordinators"))
    SiteSettings.objects.update_or_create(pk=1, defaults={"send_patient_confirmation": False})
    caplog.set_level(logging.INFO)
    inquiry = submit(client)
    run_tasks()
    assert mailoutbox == []
    inquiry.refresh_from_db()
    assert inquiry.notified_at is None
    # The system check inquiries.W001 says so once, at start (tests/inquiries/test_checks.py).
    emails_logged = [r for r in caplog.records if r.name in ("inquiries.emails", "inquiries.tasks")]
    assert [r.getMessage() for r in emails_logged] == []
    Inquiry.objects.update(created_at=timezone.now() - datetime.timedelta(hours=1))
    assert tasks.enqueue_missed_notifications.call() == []  # not queued again every 5 minutes


def test_the_first_coordinator_with_an_address_is_told_of_new_requests_not_the_backlog(
    client, settings, staff_group
):
    settings.INQUIRY_NOTIFY_EMAILS = []
    new, taken_up, closed = (submit(client, message=f"Question {n}") for n in range(3))
    Inquiry.objects.filter(pk=taken_up.pk).update(status=Inquiry.Status.IN_PROGRESS)
    Inquiry.objects.filter(pk=closed.pk).update(status=Inquiry.Status.CLOSED)
    Inquiry.objects.update(created_at=timezone.now() - datetime.timedelta(days=3))
    DBTaskResult.objects.all().delete()  # the emails queued at submission, found no one
    coordinator = StaffFactory(email="maria@clinic.example")
    coordinator.groups.add(staff_group("Care coordinators"))
    assert tasks.enqueue_missed_notifications.call() == [new.pk]


def test_patient_gets_a_confirmation_that_repeats_nothing_they_wrote(
    client, mailoutbox, coordinators_notified, run_tasks, clinic_phone
):
    site = SiteSettings.load()
    article = ArticleFactory(title="Stem cell therapy for ALS")
    inquiry = submit(client, article=str(article.pk))
    run_tasks()
    [confirmation] = patient_emails(mailoutbox)
    assert confirmation.subject == f"We received your request | {site.clinic_name}"
    assert f"Your reference is {inquiry.reference}." in confirmation.body
    assert site.response_time in confirmation.body
    assert "call us at (303) 555-0142." in confirmation.body
    for secret in [PATIENT["message"], PATIENT["phone"], "Ada", "Stem cell", "ALS"]:
        assert secret not in confirmation.body
        assert secret not in confirmation.subject


def test_patient_confirmation_can_be_turned_off_in_site_settings(
    client, mailoutbox, coordinators_notified, run_tasks
):
    site = SiteSettings.load()
    site.send_patient_confirmation = False
    site.save()
    inquiry = submit(client)
    run_tasks()
    assert [m.to for m in mailoutbox] == [["coord1@clinic.example", "coord2@clinic.example"]]
    inquiry.refresh_from_db()
    assert inquiry.confirmation_sent_at is None
    [confirmation] = results(CONFIRM)
    assert confirmation.status == "SUCCESSFUL"
    assert confirmation.return_value is False


def test_spam_queues_and_sends_no_email_at_all(
    client, mailoutbox, coordinators_notified, run_tasks
):
    inquiry = submit(client, website="buy-now.example")
    assert inquiry.status == Inquiry.Status.SPAM
    assert not DBTaskResult.objects.exists()
    tasks.notify_coordinators.enqueue(inquiry.pk)  # even if asked to
    run_tasks()
    assert mailoutbox == []


def test_a_request_whose_task_was_never_stored_is_caught_by_the_periodic_check(
    client, mailoutbox, coordinators_notified, run_tasks, monkeypatch, caplog
):
    def database_gone(inquiry_id):
        raise ConnectionError("the database went away after the commit")

    monkeypatch.setattr("inquiries.tasks.enqueue_new_request_emails", database_gone)
    inquiry = submit(client)  # the patient is still thanked
    assert "database went away" in caplog.text
    assert not DBTaskResult.objects.exists()
    monkeypatch.undo()

    assert tasks.enqueue_missed_notifications.call() == []  # too recent: may be on its way
    old = timezone.now() - datetime.timedelta(minutes=5)
    Inquiry.objects.filter(pk=inquiry.pk).update(created_at=old)
    assert tasks.enqueue_missed_notifications.call() == [inquiry.pk]
    assert tasks.enqueue_missed_notifications.call() == []  # already queued: not twice
    run_tasks()
    assert len(coordinator_emails(mailoutbox)) == 1
    assert tasks.enqueue_missed_notifications.call() == []


def test_a_coordinator_sees_the_failed_emails_in_the_admin_and_cannot_change_them(
    client, coordinators_notified, run_tasks, mail_down, coordinator_client
):
    inquiry = submit(client)
    run_tasks()
    failed = f"/{settings.ADMIN_PATH}django_tasks_database/dbtaskresult/?status__exact=FAILED"
    html = coordinator_client.get(failed).content.decode()
    assert "notify_coordinators" in html
    assert "send_patient_confirmation" in html
    [result] = results(NOTIFY, "FAILED")
    page = f"/{settings.ADMIN_PATH}django_tasks_database/dbtaskresult/{result.pk}/change/"
    html = coordinator_client.get(page).content.decode()
    assert "SMTPServerDisconnected" in html
    assert f"[{inquiry.pk}]" in html  # which request
    assert coordinator_client.post(page, {"status": "SUCCESSFUL"}).status_code == 403
    assert coordinator_client.get(page.replace("change/", "delete/")).status_code == 403


@pytest.fixture
def recipient_refused(monkeypatch):
    """The mail server refuses the patient's address for good (SMTP 550)."""

    def refuse(self, messages):
        recipients = {address: (550, b"5.1.1 <%s>: no such user" % address.encode())
                      for message in messages for address in message.to}  # fmt: skip
        raise smtplib.SMTPRecipientsRefused(recipients)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)


def test_a_refused_recipient_is_not_tried_again_and_the_request_says_so(
    client, coordinator_client, run_tasks, recipient_refused, caplog
):
    with caplog.at_level(logging.INFO):
        inquiry = submit(client)
        run_tasks()
        time_passes()
        run_tasks()
    [failed] = results(CONFIRM)
    assert failed.status == "FAILED"
    assert not DBTaskResult.objects.filter(status="READY").exists()  # no retry queued
    # Neither the log nor the stored error names the patient's address: its type and code.
    assert PATIENT["email"] not in caplog.text
    assert PATIENT["email"] not in failed.traceback
    assert "SMTPRecipientsRefused (SMTP 550)" in failed.traceback
    assert "(SMTP 550)); refused for good" in caplog.text
    inquiry.refresh_from_db()
    assert inquiry.confirmation_sent_at is None
    assert inquiry.confirmation_failed_at is not None
    page = coordinator_client.get(f"/{settings.ADMIN_PATH}inquiries/inquiry/{inquiry.pk}/change/")
    assert "Confirmation could not be sent" in page.content.decode()


def test_a_header_with_a_line_break_is_not_tried_again(client, run_tasks):
    site = SiteSettings.load(cached=False)
    site.clinic_name = "Cendant\r\nBcc: someone@example.com"
    SiteSettings.objects.filter(pk=site.pk).update(clinic_name=site.clinic_name)
    inquiry = submit(client)
    run_tasks()
    [failed] = results(CONFIRM)
    assert failed.status == "FAILED"
    assert "BadHeaderError" in failed.traceback
    assert not results(CONFIRM, "READY")
    inquiry.refresh_from_db()
    assert inquiry.confirmation_failed_at is not None


def test_an_outage_is_tried_at_most_the_set_number_of_times(client, settings, run_tasks, mail_down):
    settings.INQUIRY_EMAIL_MAX_ATTEMPTS = 3
    inquiry = submit(client)
    for _ in range(5):
        run_tasks()
        time_passes()
    assert len(results(CONFIRM, "FAILED")) == 3
    assert not results(CONFIRM, "READY")
    inquiry.refresh_from_db()
    assert inquiry.confirmation_failed_at is not None
