import logging
import smtplib

import pytest
from django.conf import settings
from django.core.mail.backends.locmem import EmailBackend

from clinic.models import SiteSettings
from inquiries.models import Inquiry
from inquiries.services import notify_coordinators
from tests.factories import ArticleFactory, InquiryFactory

from .test_contact_form import valid_data

pytestmark = pytest.mark.django_db

PATIENT = {
    "name": "Ada Lovelace-Patient",
    "email": "ada.private@example.com",
    "phone": "+1 (720) 555-0199",
    "preferred_contact": "phone",
    "message": "My mother was diagnosed with ALS last spring",
}


@pytest.fixture
def coordinators_notified(settings):
    settings.INQUIRY_NOTIFY_EMAILS = ["coord1@clinic.example", "coord2@clinic.example"]
    settings.SITE_URL = "https://clinic.example"


def submit(client, capture, **overrides):
    with capture(execute=True):
        return client.post("/contact/", valid_data(**{**PATIENT, **overrides}))


def coordinator_emails(outbox):
    return [m for m in outbox if "coord1@clinic.example" in m.to]


def test_coordinators_are_emailed_a_link_and_the_topic_only(
    client, mailoutbox, coordinators_notified, django_capture_on_commit_callbacks
):
    article = ArticleFactory(title="Stem cell therapy for ALS")
    response = submit(client, django_capture_on_commit_callbacks, article=str(article.pk))
    assert response.status_code == 302
    inquiry = Inquiry.objects.get()
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
    inquiry.refresh_from_db()
    assert inquiry.notified_at is not None


def test_nothing_is_sent_before_the_transaction_commits(
    client, mailoutbox, coordinators_notified, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post("/contact/", valid_data())
    assert len(callbacks) == 2  # the coordinators' email and the patient's confirmation
    assert mailoutbox == []
    assert Inquiry.objects.get().notified_at is None


def test_failed_email_keeps_the_request_logs_it_and_still_thanks_the_patient(
    client,
    mailoutbox,
    coordinators_notified,
    django_capture_on_commit_callbacks,
    monkeypatch,
    caplog,
):
    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("the mail server went away")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    with caplog.at_level(logging.ERROR, logger="inquiries.services"):
        response = submit(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == "/contact/thanks/"
    inquiry = Inquiry.objects.get()
    assert inquiry.status == Inquiry.Status.NEW
    assert inquiry.notified_at is None
    assert list(Inquiry.objects.awaiting_notification()) == [inquiry]
    failures = [r for r in caplog.records if "failed" in r.getMessage()]
    assert {r.getMessage() for r in failures} == {
        f"Inquiry #{inquiry.pk}: the email to the coordinators failed",
        f"Inquiry #{inquiry.pk}: the confirmation email to the patient failed",
    }
    assert all(r.exc_info is not None for r in failures)
    assert client.get(response["Location"]).status_code == 200


def test_a_failed_notification_can_be_sent_again_later(
    mailoutbox, coordinators_notified, monkeypatch
):
    inquiry = InquiryFactory()
    original = EmailBackend.send_messages
    monkeypatch.setattr(EmailBackend, "send_messages", lambda self, m: 1 / 0)
    assert notify_coordinators(inquiry) is False
    monkeypatch.setattr(EmailBackend, "send_messages", original)
    assert notify_coordinators(inquiry) is True
    assert not Inquiry.objects.awaiting_notification().exists()
    assert len(mailoutbox) == 1


def test_without_recipients_nobody_is_notified_and_it_is_logged(
    client, mailoutbox, settings, django_capture_on_commit_callbacks, caplog
):
    settings.INQUIRY_NOTIFY_EMAILS = []
    SiteSettings.objects.update_or_create(pk=1, defaults={"send_patient_confirmation": False})
    submit(client, django_capture_on_commit_callbacks)
    assert mailoutbox == []
    assert Inquiry.objects.get().notified_at is None
    assert "INQUIRY_NOTIFY_EMAILS is empty" in caplog.text


def test_patient_gets_a_confirmation_that_repeats_nothing_they_wrote(
    client, mailoutbox, coordinators_notified, django_capture_on_commit_callbacks
):
    site = SiteSettings.load()
    article = ArticleFactory(title="Stem cell therapy for ALS")
    submit(client, django_capture_on_commit_callbacks, article=str(article.pk))
    [confirmation] = [m for m in mailoutbox if m.to == [PATIENT["email"]]]
    assert confirmation.subject == f"We received your request | {site.clinic_name}"
    assert site.response_time in confirmation.body
    assert site.phone in confirmation.body
    for secret in [PATIENT["message"], PATIENT["phone"], "Ada", "Stem cell", "ALS"]:
        assert secret not in confirmation.body
        assert secret not in confirmation.subject


def test_patient_confirmation_can_be_turned_off_in_site_settings(
    client, mailoutbox, coordinators_notified, django_capture_on_commit_callbacks
):
    site = SiteSettings.load()
    site.send_patient_confirmation = False
    site.save()
    submit(client, django_capture_on_commit_callbacks)
    assert [m.to for m in mailoutbox] == [["coord1@clinic.example", "coord2@clinic.example"]]


def test_spam_sends_no_email_at_all(
    client, mailoutbox, coordinators_notified, django_capture_on_commit_callbacks
):
    submit(client, django_capture_on_commit_callbacks, website="buy-now.example")
    assert Inquiry.objects.get().status == Inquiry.Status.SPAM
    assert mailoutbox == []
