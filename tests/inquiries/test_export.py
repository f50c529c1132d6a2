"""The requests' CSV export (issue 19, point 9; issue 20, point 9): the open requests by
default, a reason asked and recorded for more; the columns a coordinator works from; phone
numbers a spreadsheet keeps as text."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from inquiries.models import AccessEvent, ContactAttempt, Inquiry
from tests.factories import InquiryFactory
from tests.inquiries.coordinator_admin import CHANGELIST

pytestmark = pytest.mark.django_db

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def rows_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def export(client, inquiries, url=CHANGELIST, **data):
    return client.post(
        url,
        {"action": "export_csv", "_selected_action": [str(i.pk) for i in inquiries], **data},
    )


def test_an_export_beyond_the_open_requests_asks_why_and_records_the_reason(coordinator_client):
    open_one, closed, spam = (
        InquiryFactory(),
        InquiryFactory(status="closed"),
        InquiryFactory(status="spam"),
    )
    # "Select all" on the default list: the open requests, no question asked.
    default = export(coordinator_client, [open_one], select_across="1")
    assert [int(row["id"]) for row in rows_of(default)] == [open_one.pk]
    assert AccessEvent.objects.get(action="exported").reason == ""
    everything = f"{CHANGELIST}?status=all"
    asked = export(coordinator_client, [open_one, closed, spam], url=everything)
    assert asked.status_code == 200
    assert asked["Content-Type"].startswith("text/html")
    page = asked.content.decode()
    assert "Of the 3 requests you selected, 2 are closed or spam." in page
    assert "Why do you need these requests?" in page
    assert AccessEvent.objects.filter(action="exported").count() == 1

    blank = export(coordinator_client, [open_one, closed, spam], url=everything, reason="  ")
    assert blank["Content-Type"].startswith("text/html")
    assert "Say why you need closed or spam requests exported." in blank.content.decode()
    assert AccessEvent.objects.filter(action="exported").count() == 1

    reason = "Patient #2 asked for a copy of what the clinic holds about them."
    done = export(coordinator_client, [open_one, closed, spam], url=everything, reason=reason)
    assert sorted(int(row["id"]) for row in rows_of(done)) == sorted(
        [open_one.pk, closed.pk, spam.pk]
    )
    event = AccessEvent.objects.filter(action="exported").first()  # the newest
    assert event.reason == reason
    assert sorted(event.request_ids) == sorted([open_one.pk, closed.pk, spam.pk])


def test_the_csv_has_the_reference_status_attempts_and_last_contact(
    coordinator_client, coordinator
):
    called = InquiryFactory(status="in_progress")
    earlier = timezone.now() - datetime.timedelta(days=2)
    ContactAttempt.objects.create(inquiry=called, outcome="no_answer", by=coordinator, at=earlier)
    last = ContactAttempt.objects.create(inquiry=called, outcome="voicemail", by=coordinator)
    untouched = InquiryFactory()
    rows = {int(row["id"]): row for row in rows_of(export(coordinator_client, [called, untouched]))}
    row = rows[called.pk]
    assert row["reference"] == called.reference
    assert row["status"] == "In progress"
    assert row["attempts"] == "2"
    assert row["last contact"] == timezone.localtime(last.at).isoformat(timespec="minutes")
    assert row["last contact outcome"] == "Left a voicemail"
    other = rows[untouched.pk]
    assert (other["attempts"], other["last contact"], other["last contact outcome"]) == (
        "0",
        "",
        "",
    )


@pytest.mark.parametrize(
    "phone", ["+1 720 555 0100", "0720 555 0100", "-720 555 0100", "07205550100", "(720) 555"]
)
def test_phone_numbers_open_in_a_spreadsheet_as_text_without_a_visible_quote(
    coordinator_client, phone
):
    inquiry = InquiryFactory(phone=phone)
    [row] = rows_of(export(coordinator_client, [inquiry]))
    cell = row["phone"]
    # An invisible WORD JOINER first: not a formula, not a number, nothing shown before it.
    assert cell == "\u2060" + phone
    assert not cell.startswith(("'", *FORMULA_TRIGGERS))
    assert cell.strip("\u2060") == phone


def test_a_phone_stored_before_validation_is_still_no_formula(coordinator_client):
    inquiry = InquiryFactory()
    Inquiry.objects.filter(pk=inquiry.pk).update(phone='=cmd|"/c calc"!A1')
    [row] = rows_of(export(coordinator_client, [inquiry]))
    assert not row["phone"].startswith(FORMULA_TRIGGERS)
    assert row["phone"] == '\u2060=cmd|"/c calc"!A1'
