"""Mail server down or hanging: the request is saved, the patient thanked at once, the
failure logged, and `send_pending_notifications` sends what was missed."""

import datetime
import time

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from inquiries.models import Inquiry
from tests.factories import InquiryFactory

from .servers import Browser, SMTPSink, free_port, manage, site_environment, wait_until
from .test_database_outage import NO_LIMIT, contact_fields


@pytest.fixture
def pending(db, settings):
    settings.INQUIRY_NOTIFY_EMAILS = ["coordinators@clinic.example"]
    old = timezone.now() - datetime.timedelta(minutes=10)
    requests = {
        "missed": InquiryFactory(notified_at=None),
        "also missed": InquiryFactory(notified_at=None),
        "just arrived": InquiryFactory(notified_at=None),
        "already told": InquiryFactory(notified_at=old),
        "spam": InquiryFactory(notified_at=None, status=Inquiry.Status.SPAM),
    }
    recent = {"just arrived"}
    for name, inquiry in requests.items():
        if name not in recent:
            Inquiry.objects.filter(pk=inquiry.pk).update(created_at=old)
    return requests


def test_send_pending_notifications_sends_each_missed_email_once(pending, capsys):
    call_command("send_pending_notifications")
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == sorted(
        f"New care-coordinator request #{pending[name].pk}" for name in ["missed", "also missed"]
    )
    assert "notified about 2 request(s); 0 failed" in capsys.readouterr().out
    for name in ["missed", "also missed"]:
        pending[name].refresh_from_db()
        assert pending[name].notified_at is not None
    pending["just arrived"].refresh_from_db()
    assert pending["just arrived"].notified_at is None  # its own email may be on its way

    mail.outbox = []
    call_command("send_pending_notifications")
    assert mail.outbox == []  # nothing twice


def test_send_pending_notifications_fails_loudly_while_mail_is_down(pending, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    with pytest.raises(CommandError, match="2 notification"):
        call_command("send_pending_notifications")
    assert Inquiry.objects.awaiting_notification().count() == 3


@pytest.mark.servers
@pytest.mark.parametrize("failure", ["down", "hanging"])
def test_the_patient_is_thanked_at_once_and_the_email_sent_later(postgres, start_site, failure):
    broken = SMTPSink(stall=True) if failure == "hanging" else None
    smtp_settings = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": broken.port if broken else free_port(),
        "EMAIL_TIMEOUT": 3,
    }
    sink = SMTPSink()
    try:
        site = start_site(
            DATABASE_URL=postgres.url("clinic"), INQUIRY_RATE_LIMIT=NO_LIMIT, **smtp_settings
        )
        browser = Browser(site.url)
        token = browser.csrf_token()
        started = time.monotonic()
        status, headers, _ = browser.post_form(
            "/contact/", contact_fields(token, f"{failure}@example.com")
        )
        assert status == 302
        assert browser.get(headers["Location"])[0] == 200
        assert time.monotonic() - started < 1.5  # not held up by the mail server
        wait_until(
            lambda: "the email to the coordinators failed" in site.log_path.read_text(),
            timeout=15,
            what="the logged failure",
        )
        row = postgres.sql(
            "SELECT id, notified_at IS NULL FROM inquiries_inquiry", database="clinic"
        )
        inquiry_id, not_notified = row.split("|")
        assert not_notified == "t"

        # Later, with the mail server back: the missed email goes out, once.
        env = site_environment(
            DATABASE_URL=postgres.url("clinic"), **{**smtp_settings, "EMAIL_PORT": sink.port}
        )
        result = manage("send_pending_notifications", "--older-than-minutes", "0", env=env)
        assert "notified about 1 request(s); 0 failed" in result.stdout
        assert len(sink.messages) == 1
        assert f"New care-coordinator request #{inquiry_id}" in sink.messages[0]
        assert f"{failure}@example.com" not in sink.messages[0]  # no patient details
        assert (
            postgres.sql(
                "SELECT count(*) FROM inquiries_inquiry WHERE notified_at IS NULL",
                database="clinic",
            )
            == "0"
        )
    finally:
        sink.stop()
        if broken:
            broken.stop()
