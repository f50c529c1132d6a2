import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from inquiries.models import Inquiry, InquiryEvent, InquiryNote
from tests.factories import InquiryFactory

pytestmark = pytest.mark.django_db


def aged(days, **fields):
    inquiry = InquiryFactory(**fields)
    then = timezone.now() - datetime.timedelta(days=days)
    Inquiry.objects.filter(pk=inquiry.pk).update(created_at=then, updated_at=then)
    return inquiry


def purge(*args):
    from io import StringIO

    out = StringIO()
    call_command("purge_inquiries", *args, stdout=out)
    return out.getvalue()


def test_purge_deletes_old_closed_and_spam_requests_with_their_notes_and_history():
    old_closed = aged(100, status="closed", name="Ada Secret", email="ada@secret.example")
    old_spam = aged(100, status="spam")
    InquiryNote.objects.create(inquiry=old_closed, body="Called back")
    InquiryEvent.objects.create(inquiry=old_closed, kind="status", to_value="closed")
    kept = [
        aged(100, status="new"),
        aged(100, status="in_progress"),
        aged(100, status="scheduled"),
        aged(10, status="closed"),
        aged(10, status="spam"),
    ]
    kept_note = InquiryNote.objects.create(inquiry=kept[0], body="Keep me")

    output = purge("--older-than", "30")

    assert set(Inquiry.objects.all()) == set(kept)
    assert list(InquiryNote.objects.all()) == [kept_note]
    assert not InquiryEvent.objects.exists()
    assert f"#{old_closed.pk}, #{old_spam.pk}" in output
    assert "inquiries.Inquiry: 2 deleted" in output
    assert "inquiries.InquiryNote: 1 deleted" in output
    assert "inquiries.InquiryEvent: 1 deleted" in output
    assert "Ada" not in output
    assert "secret.example" not in output


def test_recently_changed_requests_are_kept_whatever_their_age():
    recently_closed = aged(400, status="closed")
    Inquiry.objects.filter(pk=recently_closed.pk).update(updated_at=timezone.now())
    purge("--older-than", "30")
    assert Inquiry.objects.filter(pk=recently_closed.pk).exists()


def test_dry_run_deletes_nothing_and_says_what_it_would_delete():
    old = aged(100, status="closed")
    output = purge("--older-than", "30", "--dry-run")
    assert f"Would delete 1 closed or spam request(s) unchanged for 30 days: #{old.pk}" in output
    assert Inquiry.objects.filter(pk=old.pk).exists()


def test_default_retention_comes_from_settings(settings):
    settings.INQUIRY_RETENTION_DAYS = 200
    within = aged(150, status="closed")
    beyond = aged(250, status="closed")
    output = purge()
    assert "unchanged for 200 days" in output
    assert list(Inquiry.objects.all()) == [within]
    assert not Inquiry.objects.filter(pk=beyond.pk).exists()


def test_nothing_to_purge_says_so():
    assert purge("--older-than", "30") == (
        "Deleting 0 closed or spam request(s) unchanged for 30 days.\n"
    )


def test_retention_must_be_at_least_a_day():
    aged(100, status="closed")
    with pytest.raises(CommandError, match="at least 1 day"):
        purge("--older-than", "0")
    assert Inquiry.objects.exists()
