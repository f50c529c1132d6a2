import csv
import datetime
import io

import pytest
from django.utils import timezone

from inquiries.models import Inquiry, InquiryEvent, InquiryNote
from tests.factories import ArticleFactory, InquiryFactory, StaffFactory
from tests.inquiries.coordinator_admin import CHANGELIST, change_url, changelist_rows
from tests.pages import form_data

pytestmark = pytest.mark.django_db


def run_action(client, action, inquiries):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [str(i.pk) for i in inquiries]},
    )


def test_changelist_lists_new_requests_by_when_they_fall_due_with_the_triage_columns(
    coordinator_client, coordinator
):
    article = ArticleFactory(title="Stem cell therapy for ALS")
    older = InquiryFactory(name="Older Patient")
    Inquiry.objects.filter(pk=older.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=3, minutes=5)
    )
    newer = InquiryFactory(
        name="Newer Patient",
        article=article,
        preferred_contact="phone",
        assigned_to=coordinator,
        follow_up_on=datetime.date(2030, 1, 15),
    )
    response = coordinator_client.get(CHANGELIST)
    assert response.status_code == 200
    assert changelist_rows(response) == [str(older), str(newer)]  # the older falls due first
    html = response.content.decode()
    for column in [
        "Received",
        "Name",
        "About",
        "Message",
        "Status",
        "Attempts",
        "Assigned to",
        "Follow up on",
    ]:
        assert f">{column}</a>" in html or f"<span>{column}</span>" in html, column
    assert "3\xa0hours ago" in html  # django.contrib.humanize's naturaltime
    assert "Stem cell therapy for ALS" in html
    assert "Jan. 15, 2030" in html
    assert "prefers phone" in html


def test_changelist_filters_by_status_assignee_article_and_date(coordinator_client, coordinator):
    colleague = StaffFactory(username="colleague")
    article = ArticleFactory(title="ALS")
    mine = InquiryFactory(assigned_to=coordinator, status="in_progress")
    theirs = InquiryFactory(assigned_to=colleague, article=article)
    nobodys = InquiryFactory()
    old = InquiryFactory(status="closed")
    Inquiry.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=40)
    )

    def listed(**params):
        response = coordinator_client.get(CHANGELIST, params)
        assert response.status_code == 200
        return set(changelist_rows(response))

    assert listed(assigned="me") == {str(mine)}
    assert listed(assigned="nobody") == {str(nobodys)}
    assert listed(assigned="nobody", status="all") == {str(nobodys), str(old)}
    assert listed(assigned=str(colleague.pk)) == {str(theirs)}
    assert listed(status="in_progress") == {str(mine)}
    assert listed(status="new", assigned="nobody") == {str(nobodys)}
    assert listed(about=str(article.pk)) == {str(theirs)}
    assert listed(about="none") == {str(mine), str(nobodys)}

    assert listed(about="none", status="closed") == {str(old)}
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    week_ago = midnight - datetime.timedelta(days=7)
    assert str(old) not in listed(created_at__gte=str(week_ago), status="all")
    assert str(old) in listed(status="all")
    html = coordinator_client.get(CHANGELIST).content.decode()
    for choice in ["Me", "Unassigned", "colleague", "ALS", "Past 7 days", "In progress"]:
        assert choice in html
    assert '<nav class="toplinks">' in html  # the date hierarchy


def test_changelist_searches_name_email_and_phone(coordinator_client):
    ada = InquiryFactory(name="Ada Byron", email="ada@example.com", phone="720 555 0101")
    InquiryFactory(name="Grace Hopper", email="grace@example.com", phone="303 555 0102")
    for term in ["Byron", "ada@example", "555 0101"]:
        response = coordinator_client.get(CHANGELIST, {"q": term})
        assert changelist_rows(response) == [str(ada)], term


def test_assign_to_me_records_who_and_when(coordinator_client, coordinator):
    colleague = StaffFactory(username="colleague")
    unassigned, reassigned, already_mine = (
        InquiryFactory(),
        InquiryFactory(assigned_to=colleague),
        InquiryFactory(assigned_to=coordinator),
    )
    response = run_action(
        coordinator_client, "assign_to_me", [unassigned, reassigned, already_mine]
    )
    assert response.status_code == 302
    assert set(Inquiry.objects.values_list("assigned_to", flat=True)) == {coordinator.pk}
    events = InquiryEvent.objects.order_by("inquiry_id")
    assert [(e.inquiry_id, e.kind, e.from_value, e.to_value, e.actor) for e in events] == [
        (unassigned.pk, "assignment", "", "Maria Lopez", coordinator),
        (reassigned.pk, "assignment", "colleague", "Maria Lopez", coordinator),
    ]


@pytest.mark.parametrize(
    ("action", "status"),
    [("mark_in_progress", "in_progress"), ("mark_closed", "closed"), ("mark_spam", "spam")],
)
def test_status_actions_change_the_status_and_record_it(
    coordinator_client, coordinator, action, status
):
    first, second = InquiryFactory(), InquiryFactory(status="scheduled")
    untouched = InquiryFactory()
    response = run_action(coordinator_client, action, [first, second])
    assert response.status_code == 302
    assert set(
        Inquiry.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)
    ) == {status}
    assert Inquiry.objects.get(pk=untouched.pk).status == "new"
    assert sorted(InquiryEvent.objects.values_list("from_value", "to_value", "actor")) == sorted(
        [("new", status, coordinator.pk), ("scheduled", status, coordinator.pk)]
    )


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="requests-')
    assert "no-store" in response["Cache-Control"]
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_export_leaves_out_messages_for_coordinators(coordinator_client):
    article = ArticleFactory(title="Stem cell therapy for ALS")
    inquiry = InquiryFactory(
        name="Ada Byron", email="ada@example.com", article=article, message="Private words"
    )
    InquiryFactory(name="Not selected")
    rows = read_csv(run_action(coordinator_client, "export_csv", [inquiry]))
    assert len(rows) == 1
    assert rows[0]["id"] == str(inquiry.pk)
    assert rows[0]["name"] == "Ada Byron"
    assert rows[0]["email"] == "ada@example.com"
    assert rows[0]["about"] == "Stem cell therapy for ALS"
    assert rows[0]["status"] == "New"
    assert "message" not in rows[0]
    assert b"Private words" not in run_action(coordinator_client, "export_csv", [inquiry]).content


def test_csv_export_includes_messages_with_the_dedicated_permission(
    coordinator_client, coordinator
):
    from django.contrib.auth.models import Permission

    coordinator.user_permissions.add(Permission.objects.get(codename="export_inquiry_messages"))
    inquiry = InquiryFactory(message="Private words")
    rows = read_csv(run_action(coordinator_client, "export_csv", [inquiry]))
    assert rows[0]["message"] == "Private words"


def test_csv_export_neutralizes_spreadsheet_formulas(admin_client):
    inquiry = InquiryFactory(
        name='=HYPERLINK("http://evil.example","click")',
        best_time="@SUM(1+1)",
        phone="+1 720 555 0100",
        message="-2+3",
    )
    InquiryFactory(name="\tTabbed", message="\rReturn")
    rows = read_csv(run_action(admin_client, "export_csv", Inquiry.objects.all()))
    by_id = {row["id"]: row for row in rows}
    row = by_id[str(inquiry.pk)]
    assert row["name"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["best time"] == "'@SUM(1+1)"
    assert row["phone"] == "\u2060+1 720 555 0100"  # text, see test_export.py
    assert row["message"] == "'-2+3"
    other = next(r for r in rows if r["id"] != str(inquiry.pk))
    assert other["name"] == "'\tTabbed"
    assert other["message"] == "'\rReturn"


def test_change_page_shows_the_request_read_only_then_triage_notes_and_history(
    coordinator_client, coordinator
):
    inquiry = InquiryFactory(
        name="Ada Byron", email="ada@example.com", message="First line\nSecond <line>"
    )
    InquiryNote.objects.create(inquiry=inquiry, author=coordinator, body="Called, no answer.")
    InquiryEvent.objects.create(
        inquiry=inquiry, actor=coordinator, kind="status", from_value="new", to_value="closed"
    )
    response = coordinator_client.get(change_url(inquiry))
    assert response.status_code == 200
    html = response.content.decode()
    request_section = html.index("The request, as the patient sent it")
    triage_section = html.index("Triage")
    assert request_section < triage_section < html.index("Called, no answer.")
    assert "First line<br>Second &lt;line&gt;" in html
    assert 'href="mailto:ada@example.com"' in html
    submitted = form_data(response)
    for field in ["name", "email", "phone", "message", "best_time", "preferred_contact"]:
        assert field not in submitted
    assert {"status", "assigned_to", "follow_up_on", "notes-0-body"} <= set(submitted)
    assert "notes-1-body" not in submitted  # the saved note is shown as text, in the history
    history = html[html.index('id="timeline"') :]
    assert "Status: New \u2192 Closed" in history
    assert "Called, no answer." in history
    assert "Maria Lopez" in history


def test_saving_triage_records_history_and_never_changes_the_patients_words(
    coordinator_client, coordinator
):
    inquiry = InquiryFactory(name="Ada Byron", message="My words")
    data = form_data(coordinator_client.get(change_url(inquiry)))
    data.update(
        status="scheduled",
        assigned_to=str(coordinator.pk),
        follow_up_on="2030-01-15",
        name="Changed by someone",
        message="Rewritten",
    )
    response = coordinator_client.post(change_url(inquiry), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    inquiry.refresh_from_db()
    assert inquiry.status == "scheduled"
    assert inquiry.assigned_to == coordinator
    assert inquiry.follow_up_on == datetime.date(2030, 1, 15)
    assert inquiry.name == "Ada Byron"
    assert inquiry.message == "My words"
    assert [e.description for e in inquiry.events.all()] == [
        "Status: New \u2192 Scheduled",
        "Assigned: nobody \u2192 Maria Lopez",
    ]
    assert {e.actor for e in inquiry.events.all()} == {coordinator}


def test_a_note_gets_its_author_and_time_and_is_read_only_afterwards(
    coordinator_client, coordinator
):
    inquiry = InquiryFactory()
    data = form_data(coordinator_client.get(change_url(inquiry)))
    data["notes-0-body"] = "Left a voicemail."
    response = coordinator_client.post(change_url(inquiry), data)
    assert response.status_code == 302
    note = InquiryNote.objects.get()
    assert note.author == coordinator
    assert note.created_at is not None
    assert note.body == "Left a voicemail."

    response = coordinator_client.get(change_url(inquiry))
    html = response.content.decode()
    assert "Left a voicemail." in html[html.index('id="timeline"') :]  # shown as text
    data = form_data(response)
    assert data["notes-0-body"].strip() == ""  # and a new one can be added
    assert "notes-0-id" not in data or data["notes-0-id"] == ""
    assert not any(key.endswith("-DELETE") for key in data)
    data.update({"notes-INITIAL_FORMS": "1", "notes-0-id": str(note.pk)})
    data["notes-0-body"] = "Tampered"
    coordinator_client.post(change_url(inquiry), data)
    assert list(InquiryNote.objects.values_list("body", flat=True)) == ["Left a voicemail."]


def test_requests_cannot_be_added_in_the_admin(coordinator_client, admin_client):
    assert coordinator_client.get(f"{CHANGELIST}add/").status_code == 403
    assert admin_client.get(f"{CHANGELIST}add/").status_code == 403


def test_coordinators_cannot_delete_requests(coordinator_client):
    inquiry = InquiryFactory()
    assert coordinator_client.get(f"{CHANGELIST}{inquiry.pk}/delete/").status_code == 403
    response = coordinator_client.get(CHANGELIST)
    assert "delete_selected" not in response.content.decode()
    assert Inquiry.objects.filter(pk=inquiry.pk).exists()


def test_the_assignee_filter_offers_those_who_hold_requests(coordinator_client, coordinator):
    holder = StaffFactory(username="holder", display_name="Ana Ruiz")
    StaffFactory(username="an-editor", display_name="Ed Itor")  # holds none
    InquiryFactory(assigned_to=holder)
    html = coordinator_client.get(CHANGELIST).content.decode()
    assert f"?assigned={holder.pk}" in html
    assert "Ed Itor" not in html
