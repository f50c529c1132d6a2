"""One "Record a call" form on a request's page: outcome, note, follow-up date and status in
one save, the request taken by the caller if nobody had it, then the next request in the
queue (issue 20, point 6)."""

import datetime

import pytest
from django.utils import timezone

from inquiries.models import ContactAttempt, Inquiry, InquiryNote
from tests.factories import InquiryFactory, StaffFactory
from tests.inquiries.coordinator_admin import CHANGELIST, change_url

pytestmark = pytest.mark.django_db


def received(days):
    inquiry = InquiryFactory()
    Inquiry.objects.filter(pk=inquiry.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days)
    )
    return inquiry


def test_one_save_records_the_call_note_follow_up_and_status_and_takes_the_request(
    coordinator_client, coordinator
):
    inquiry = received(days=5)
    html = coordinator_client.get(change_url(inquiry)).content.decode()
    assert html.index('id="record-call"') < html.index("The request, as the patient sent it")
    follow_up = timezone.localdate() + datetime.timedelta(days=2)
    response = coordinator_client.post(
        f"{CHANGELIST}{inquiry.pk}/record-call/",
        {
            "call-outcome": "voicemail",
            "call-note": "Left a message with her daughter.",
            "call-follow_up_on": follow_up.isoformat(),
            "call-status": "scheduled",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == change_url(inquiry)
    inquiry.refresh_from_db()
    assert inquiry.assigned_to == coordinator
    assert inquiry.status == "scheduled"
    assert inquiry.follow_up_on == follow_up
    attempt = ContactAttempt.objects.get(inquiry=inquiry)
    assert (attempt.outcome, attempt.by) == ("voicemail", coordinator)
    assert InquiryNote.objects.get(inquiry=inquiry).body == "Left a message with her daughter."
    page = coordinator_client.get(change_url(inquiry)).content.decode()
    assert "Call recorded on " in page
    assert 'role="status"' in page


def test_a_request_someone_holds_stays_theirs(coordinator_client):
    colleague = StaffFactory(username="colleague")
    inquiry = InquiryFactory(assigned_to=colleague)
    coordinator_client.post(f"{CHANGELIST}{inquiry.pk}/record-call/", {"call-outcome": "reached"})
    inquiry.refresh_from_db()
    assert inquiry.assigned_to == colleague
    assert inquiry.status == "in_progress"


def test_a_call_without_an_outcome_comes_back_with_what_was_typed(coordinator_client):
    inquiry = InquiryFactory()
    response = coordinator_client.post(
        f"{CHANGELIST}{inquiry.pk}/record-call/", {"call-note": "She asked about trials."}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose what came of the call" in html
    assert "She asked about trials." in html
    assert not ContactAttempt.objects.exists()


def test_save_and_next_opens_the_next_request_in_the_queue(coordinator_client):
    most_overdue, overdue, fresh = received(days=9), received(days=6), received(days=0)
    response = coordinator_client.post(
        f"{CHANGELIST}{most_overdue.pk}/record-call/", {"call-outcome": "no_answer", "_next": "1"}
    )
    assert response["Location"] == change_url(overdue)
    response = coordinator_client.post(
        f"{CHANGELIST}{overdue.pk}/record-call/", {"call-outcome": "reached", "_next": "1"}
    )
    assert response["Location"] == change_url(fresh)
    assert coordinator_client.get(f"{CHANGELIST}{fresh.pk}/next/")["Location"] != change_url(fresh)


def test_the_quick_actions_group_is_named_by_its_heading(coordinator_client):
    """Screen readers announce the group's name on entering it, as a legend would (WCAG 1.3.1)."""
    inquiry = InquiryFactory()
    html = coordinator_client.get(change_url(inquiry)).content.decode()
    fieldset = html[html.index('<fieldset class="module aligned inquiry-actions"') :]
    opening_tag = fieldset[: fieldset.index(">")]
    assert 'aria-labelledby="quick-actions-heading"' in opening_tag
    assert '<h2 id="quick-actions-heading" class="fieldset-heading">Quick actions</h2>' in fieldset
