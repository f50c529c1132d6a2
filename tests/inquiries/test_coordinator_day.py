"""A coordinator's day in the admin: open requests first, what is overdue, one click per
call, one history (issue 10, "Coordinators")."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import IntegrityError
from django.utils import timezone

from inquiries.models import ContactAttempt, Inquiry, InquiryEvent, InquiryNote
from tests.factories import InquiryFactory, StaffFactory
from tests.form_client import Client
from tests.inquiries.coordinator_admin import CHANGELIST, change_url, changelist_rows
from tests.pages import form_data
from tests.signing_in import sign_in

pytestmark = pytest.mark.django_db

ADMIN = f"/{settings.ADMIN_PATH}"


def received(inquiry, **ago):
    Inquiry.objects.filter(pk=inquiry.pk).update(
        created_at=timezone.now() - datetime.timedelta(**ago)
    )
    return inquiry


def listed(client, **params):
    response = client.get(CHANGELIST, params)
    assert response.status_code == 200
    return set(changelist_rows(response))


def test_the_list_opens_on_open_requests_and_closed_ones_are_a_filter_away(coordinator_client):
    new, in_progress, scheduled = (
        InquiryFactory(),
        InquiryFactory(status="in_progress"),
        InquiryFactory(status="scheduled"),
    )
    closed, spam = InquiryFactory(status="closed"), InquiryFactory(status="spam")
    opened = {str(new), str(in_progress), str(scheduled)}
    assert listed(coordinator_client) == opened
    assert listed(coordinator_client, status="all") == opened | {str(closed), str(spam)}
    assert listed(coordinator_client, status="closed") == {str(closed)}
    assert listed(coordinator_client, status="spam") == {str(spam)}
    assert listed(coordinator_client, status="²") == opened
    html = coordinator_client.get(CHANGELIST).content.decode()
    sidebar = html[html.index('id="changelist-filter"') :]
    selected = '<li class="selected">\n    <a href="?">Open (new, in progress, scheduled)</a>'
    assert selected in sidebar
    assert '<a href="?status=all">All</a>' in sidebar
    html = coordinator_client.get(CHANGELIST, {"status": "closed"}).content.decode()
    assert '<li class="selected">\n    <a href="?status=closed">Closed</a>' in html


def test_overdue_means_still_new_past_the_promise_and_has_a_filter_and_a_marker(
    coordinator_client,
):
    overdue = received(InquiryFactory(name="Waiting Long"), days=10)
    received(InquiryFactory(status="in_progress"), days=10)  # contacted: not overdue
    received(InquiryFactory(status="closed"), days=10)
    fresh = received(InquiryFactory(), minutes=30)
    assert listed(coordinator_client, due="overdue") == {str(overdue)}
    response = coordinator_client.get(CHANGELIST)
    rows = {str(i): i for i in response.context["cl"].result_list}
    assert rows[str(overdue)].is_overdue
    assert not rows[str(fresh)].is_overdue
    html = response.content.decode()
    assert html.count('<span class="inquiry-flag inquiry-flag--overdue">Overdue by ') == 1


def test_a_request_received_friday_afternoon_is_overdue_from_monday_afternoon(settings):
    settings.INQUIRY_RESPONSE_BUSINESS_HOURS = 8
    settings.CLINIC_OPENING_DAYS = ["mon-fri"]
    settings.CLINIC_OPENING_HOURS = "08:00-17:00"
    denver = ZoneInfo(settings.TIME_ZONE)
    inquiry = InquiryFactory()
    friday = datetime.datetime(2025, 6, 13, 16, 0, tzinfo=denver)
    Inquiry.objects.filter(pk=inquiry.pk).update(created_at=friday)
    monday = datetime.datetime(2025, 6, 16, 15, 0, tzinfo=denver)
    minute = datetime.timedelta(minutes=1)
    assert not Inquiry.objects.overdue(now=monday - minute).exists()
    assert list(Inquiry.objects.overdue(now=monday)) == [inquiry]
    settings.INQUIRY_RESPONSE_BUSINESS_HOURS = 16
    assert not Inquiry.objects.overdue(now=monday + minute).exists()


def test_follow_ups_due_today_or_earlier_stand_out_and_have_a_filter(coordinator_client):
    today = timezone.localdate()
    due_today = InquiryFactory(status="in_progress", follow_up_on=today)
    late = InquiryFactory(status="scheduled", follow_up_on=today - datetime.timedelta(days=3))
    InquiryFactory(status="in_progress", follow_up_on=today + datetime.timedelta(days=1))
    InquiryFactory(status="closed", follow_up_on=today)
    assert listed(coordinator_client, due="follow_up") == {str(due_today), str(late)}
    html = coordinator_client.get(CHANGELIST).content.decode()
    assert html.count(">Follow up today</span>") == 2


def test_the_admin_index_counts_new_overdue_follow_ups_mine_and_unassigned_open_requests(
    coordinator_client, coordinator
):
    received(InquiryFactory(), days=10)  # new, overdue, unassigned
    InquiryFactory()  # new, unassigned
    InquiryFactory(status="in_progress", assigned_to=coordinator, follow_up_on=timezone.localdate())
    InquiryFactory(status="closed")  # counted nowhere
    InquiryFactory(status="spam")
    InquiryFactory(status="closed", assigned_to=coordinator)
    html = coordinator_client.get(ADMIN).content.decode()
    expected = {
        "new": ("2", "status=new"),
        "overdue": ("1", "due=overdue"),
        "follow_up": ("1", "due=follow_up"),
        "mine": ("1", "assigned=me"),
        "unassigned": ("2", "assigned=nobody"),
    }
    for key, (count, query) in expected.items():
        item = html[html.index(f'id="inquiries-{key}"') :]
        assert item.startswith(
            f'id="inquiries-{key}"><a href="{CHANGELIST}?{query}">'
            f'<span class="inquiry-counts__count">{count}</span>'
        ), key
        # Each link lists exactly the requests counted.
        field, value = query.split("=")
        assert len(listed(coordinator_client, **{field: value})) == int(count), key


def test_the_index_shows_no_counts_to_editors(editor_client):
    InquiryFactory()
    assert 'id="inquiries-new"' not in editor_client.get(ADMIN).content.decode()


def test_the_list_shows_phone_and_an_escaped_preview_of_the_message(coordinator_client):
    message = "<b>My father</b> has ALS & we would like to know " + "more " * 40
    InquiryFactory(name="Ada Byron", phone="720 555 0101", message=message)
    html = coordinator_client.get(CHANGELIST).content.decode()
    assert '<a href="tel:7205550101">720 555 0101</a>' in html
    assert "&lt;b&gt;My father&lt;/b&gt; has ALS &amp; we would like to know more" in html
    assert "<b>My father</b>" not in html
    preview = html[html.index('class="field-message_preview">') :].split("</td>")[0]
    text = preview.removeprefix('class="field-message_preview">')
    assert text.endswith("…")
    assert len(text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")) == 80


def test_the_list_counts_contact_attempts(coordinator_client, coordinator):
    inquiries = InquiryFactory.create_batch(20)
    for n, inquiry in enumerate(inquiries):
        for _ in range(n % 3):
            ContactAttempt.objects.create(inquiry=inquiry, outcome="voicemail", by=coordinator)
    response = coordinator_client.get(CHANGELIST)
    counts = {i.pk: i.attempt_count for i in response.context["cl"].result_list}
    assert counts == {inquiry.pk: n % 3 for n, inquiry in enumerate(inquiries)}
    assert '<td class="field-attempts">2</td>' in response.content.decode()


def test_assign_to_me_is_a_csrf_protected_post_recorded_in_the_history(coordinator):
    inquiry = InquiryFactory()
    client = Client(enforce_csrf_checks=True)
    sign_in(client, coordinator)
    page = client.get(change_url(inquiry))
    url = f"{CHANGELIST}{inquiry.pk}/assign-to-me/"
    html = page.content.decode()
    assert f'formaction="{url}">Assign to me</button>' in html
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403  # no CSRF token
    token = form_data(page)["csrfmiddlewaretoken"]
    response = client.post(url, {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert response["Location"] == change_url(inquiry)
    inquiry.refresh_from_db()
    assert inquiry.assigned_to == coordinator
    event = InquiryEvent.objects.get()
    assert (event.kind, event.to_value, event.actor) == ("assignment", "Maria Lopez", coordinator)
    page = client.get(change_url(inquiry)).content.decode()
    assert "is assigned to you." in page
    assert "Assign to me</button>" not in page  # already mine
    assert "Assigned: nobody \u2192 Maria Lopez" in page[page.index('id="timeline"') :]


def test_only_care_coordinators_can_be_assigned(coordinator_client, coordinator, staff_group):
    editor = StaffFactory(username="editor", first_name="Ed")
    editor.groups.add(staff_group("Editors"))
    former = StaffFactory(username="former", is_active=False)
    former.groups.add(staff_group("Care coordinators"))
    inquiry = InquiryFactory()
    response = coordinator_client.get(change_url(inquiry))
    choices = list(response.context["adminform"].form.fields["assigned_to"].queryset)
    assert choices == [coordinator]
    data = form_data(response)
    data["assigned_to"] = str(editor.pk)
    response = coordinator_client.post(change_url(inquiry), data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert Inquiry.objects.get(pk=inquiry.pk).assigned_to is None


def test_the_assignee_field_has_no_user_add_change_or_delete_icons(admin_client, admin_user):
    html = admin_client.get(change_url(InquiryFactory())).content.decode()
    for icon in ["add_id_assigned_to", "change_id_assigned_to", "delete_id_assigned_to"]:
        assert icon not in html
    assert "view_id_assigned_to" not in html
    assert 'name="assigned_to"' in html
    # A superuser outside the group is not offered "Assign to me", nor assigned by URL.
    assert "Assign to me</button>" not in html
    inquiry = Inquiry.objects.get()
    response = admin_client.post(f"{CHANGELIST}{inquiry.pk}/assign-to-me/", follow=True)
    assert "Only care coordinators can be assigned requests." in response.content.decode()
    assert Inquiry.objects.get().assigned_to is None


def test_a_contact_attempt_is_one_click_and_the_first_moves_a_new_request_along(
    coordinator_client, coordinator
):
    inquiry = InquiryFactory()
    html = coordinator_client.get(change_url(inquiry)).content.decode()
    url = f"{CHANGELIST}{inquiry.pk}/contact-attempt/"
    for value, label in [
        ("reached", "Reached"),
        ("voicemail", "Left a voicemail"),
        ("no_answer", "No answer"),
        ("wrong_number", "Wrong number"),
    ]:
        assert f'name="outcome" value="{value}"\n              formaction="{url}">{label}' in html
    response = coordinator_client.post(url, {"outcome": "no_answer"})
    assert response.status_code == 302
    coordinator_client.post(url, {"outcome": "voicemail"})
    attempts = list(ContactAttempt.objects.values_list("outcome", "by"))
    assert attempts == [("no_answer", coordinator.pk), ("voicemail", coordinator.pk)]
    inquiry.refresh_from_db()
    assert inquiry.status == "in_progress"
    assert [e.description for e in inquiry.events.all()] == ["Status: New \u2192 In progress"]
    assert changelist_rows(coordinator_client.get(CHANGELIST, {"due": "overdue"})) == []

    response = coordinator_client.post(url, {"outcome": "made up"}, follow=True)
    assert "Choose what came of the attempt." in response.content.decode()
    assert ContactAttempt.objects.count() == 2


def test_contact_attempts_need_the_change_permission(client, staff_group):
    viewer = StaffFactory(username="viewer")
    viewer.user_permissions.add(
        *staff_group("Care coordinators").permissions.filter(codename="view_inquiry")
    )
    sign_in(client, viewer)
    inquiry = InquiryFactory()
    response = client.post(f"{CHANGELIST}{inquiry.pk}/contact-attempt/", {"outcome": "reached"})
    assert response.status_code == 403
    assert client.post(f"{CHANGELIST}{inquiry.pk}/assign-to-me/").status_code == 403
    assert not ContactAttempt.objects.exists()


def test_the_database_refuses_an_unknown_outcome():
    with pytest.raises(IntegrityError):
        ContactAttempt.objects.create(inquiry=InquiryFactory(), outcome="maybe")


def test_the_page_has_one_history_of_changes_attempts_and_notes_in_time_order(
    coordinator_client, coordinator
):
    inquiry = InquiryFactory()
    start = timezone.now() - datetime.timedelta(hours=3)
    InquiryEvent.objects.create(
        inquiry=inquiry, actor=coordinator, kind="assignment", to_value="Maria Lopez", at=start
    )
    ContactAttempt.objects.create(
        inquiry=inquiry, outcome="voicemail", by=coordinator, at=start + datetime.timedelta(hours=1)
    )
    note = InquiryNote.objects.create(inquiry=inquiry, author=coordinator, body="Try at 3 pm.")
    InquiryNote.objects.filter(pk=note.pk).update(created_at=start + datetime.timedelta(hours=2))
    html = coordinator_client.get(change_url(inquiry)).content.decode()
    timeline = html[html.index('id="timeline"') :]
    order = [
        timeline.index("Assigned: nobody \u2192 Maria Lopez"),
        timeline.index("Contact attempt: Left a voicemail"),
        timeline.index("Try at 3 pm."),
    ]
    assert order == sorted(order)
    assert 'id="events-group"' not in html  # no second table of the same changes
    assert f"{CHANGELIST}{inquiry.pk}/history/" not in html  # nor the admin's own log
    assert html.count("Try at 3 pm.") == 1
