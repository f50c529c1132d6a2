"""The access log (issue 19, point 8): each look at patients' requests (a request's page, the
list, a search, the CSV export, the task results) appends who, when, from where and which
requests; privacy officers read it, nobody edits it, the database refuses changes."""

import datetime
import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from inquiries import tasks
from inquiries.checks import access_log_retention
from inquiries.models import AccessEvent
from tests.factories import InquiryFactory, StaffFactory
from tests.inquiries.coordinator_admin import CHANGELIST, change_url
from tests.signing_in import sign_in

pytestmark = pytest.mark.django_db

ACCESS_LOG = f"/{settings.ADMIN_PATH}inquiries/accessevent/"
TASK_RESULTS = f"/{settings.ADMIN_PATH}django_tasks_database/dbtaskresult/"
ADDRESS = "203.0.113.7"


def events():
    return list(AccessEvent.objects.order_by("id"))


@pytest.fixture
def privacy_officer_client(client, staff_group):
    officer = StaffFactory(username="privacy")
    officer.groups.add(staff_group("Privacy officers"))
    sign_in(client, officer)
    return client


def test_opening_a_request_records_who_when_from_where_and_which(coordinator_client, coordinator):
    inquiry = InquiryFactory()
    before = timezone.now()
    response = coordinator_client.get(change_url(inquiry), REMOTE_ADDR=ADDRESS)
    assert response.status_code == 200
    [event] = events()
    assert event.staff == coordinator
    assert event.action == "viewed"
    assert event.request_ids == [inquiry.pk]
    assert event.ip_address == ADDRESS
    assert event.at >= before


def test_the_list_and_a_search_record_the_requests_they_show(coordinator_client):
    ada = InquiryFactory(name="Ada Byron")
    grace = InquiryFactory(name="Grace Hopper")
    coordinator_client.get(CHANGELIST)
    coordinator_client.get(CHANGELIST, {"q": "Byron", "status": "all"})
    listed, searched = events()
    assert (listed.action, sorted(listed.request_ids)) == ("listed", sorted([ada.pk, grace.pk]))
    assert (searched.action, searched.request_ids) == ("searched", [ada.pk])
    assert searched.query == "q=Byron&status=all"


@pytest.mark.parametrize("with_messages", [False, True])
def test_the_csv_export_records_its_requests_and_whether_messages_were_in_it(
    coordinator_client, coordinator, with_messages
):
    from django.contrib.auth.models import Permission

    if with_messages:
        permission = Permission.objects.get(codename="export_inquiry_messages")
        coordinator.user_permissions.add(permission)
    exported, other = InquiryFactory(), InquiryFactory()
    response = coordinator_client.post(
        CHANGELIST, {"action": "export_csv", "_selected_action": [str(exported.pk)]}
    )
    assert response.status_code == 200
    [event] = events()
    assert (event.action, event.request_ids) == ("exported", [exported.pk])
    assert event.messages_included is with_messages
    assert other.pk not in event.request_ids


def test_reading_a_requests_email_task_records_the_request(coordinator_client):
    inquiry = InquiryFactory()
    result = tasks.send_patient_confirmation.enqueue(inquiry.pk)
    assert coordinator_client.get(TASK_RESULTS).status_code == 200
    assert coordinator_client.get(f"{TASK_RESULTS}{result.id}/change/").status_code == 200
    listed, opened = events()
    assert (listed.action, listed.request_ids) == ("task_results", [inquiry.pk])
    assert (opened.action, opened.request_ids) == ("task_results", [inquiry.pk])


def test_privacy_officers_read_the_log_by_staff_member_and_by_request(
    privacy_officer_client, coordinator
):
    colleague = StaffFactory(username="colleague")
    first, second = InquiryFactory(), InquiryFactory()
    AccessEvent.objects.create(staff=coordinator, action="viewed", inquiry_ids=f",{first.pk},")
    AccessEvent.objects.create(
        staff=colleague, action="exported", inquiry_ids=f",{first.pk},{second.pk},"
    )
    AccessEvent.objects.create(staff=colleague, action="viewed", inquiry_ids=f",{second.pk},")

    def listed(**params):
        response = privacy_officer_client.get(ACCESS_LOG, params)
        assert response.status_code == 200
        return sorted((e.staff.username, e.action) for e in response.context["cl"].result_list)

    assert listed(staff__id__exact=str(colleague.pk)) == [
        ("colleague", "exported"),
        ("colleague", "viewed"),
    ]
    assert listed(request=str(first.pk)) == [("colleague", "exported"), ("coordinator", "viewed")]
    assert listed(request="99999999") == []
    page = privacy_officer_client.get(ACCESS_LOG).content.decode()
    assert f"#{first.pk}, #{second.pk}" in page


def test_the_log_can_be_neither_changed_nor_deleted_in_the_admin(admin_client, coordinator):
    event = AccessEvent.objects.create(staff=coordinator, action="viewed", inquiry_ids=",1,")
    page = admin_client.get(f"{ACCESS_LOG}{event.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert admin_client.post(f"{ACCESS_LOG}{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert admin_client.get(f"{ACCESS_LOG}add/").status_code == 403
    assert AccessEvent.objects.get(pk=event.pk).inquiry_ids == ",1,"


def test_coordinators_cannot_read_the_log(coordinator_client, coordinator):
    AccessEvent.objects.create(staff=coordinator, action="viewed", inquiry_ids=",1,")
    assert coordinator_client.get(ACCESS_LOG).status_code == 403
    index = coordinator_client.get(f"/{settings.ADMIN_PATH}").content.decode()
    assert "Access log" not in index


def test_the_database_refuses_to_rewrite_an_access_event(coordinator):
    event = AccessEvent.objects.create(staff=coordinator, action="viewed", inquiry_ids=",1,")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AccessEvent.objects.filter(pk=event.pk).update(inquiry_ids=",2,")
    assert AccessEvent.objects.get(pk=event.pk).inquiry_ids == ",1,"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite refuses UPDATE only (migration 0003)"
)
def test_postgresql_refuses_to_delete_an_access_event(coordinator):
    event = AccessEvent.objects.create(staff=coordinator, action="viewed", inquiry_ids=",1,")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AccessEvent.objects.filter(pk=event.pk).delete()
    assert AccessEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_the_nightly_pruning_deletes_only_entries_past_the_retention(settings, run_tasks):
    settings.INQUIRY_ACCESS_LOG_RETENTION_DAYS = 2190
    staff = StaffFactory()
    old = timezone.now() - datetime.timedelta(days=2191)
    AccessEvent.objects.create(staff=staff, action="viewed", at=old)
    kept = AccessEvent.objects.create(
        staff=staff, action="viewed", at=timezone.now() - datetime.timedelta(days=2000)
    )
    call_command("enqueue_periodic_tasks", "nightly", stdout=io.StringIO())
    run_tasks()
    assert list(AccessEvent.objects.values_list("pk", flat=True)) == [kept.pk]


def test_the_log_must_be_kept_longer_than_the_requests(settings):
    settings.INQUIRY_RETENTION_DAYS = 365
    settings.INQUIRY_ACCESS_LOG_RETENTION_DAYS = 2190
    assert access_log_retention(None) == []
    settings.INQUIRY_ACCESS_LOG_RETENTION_DAYS = 365
    [error] = access_log_retention(None)
    assert error.id == "inquiries.E002"
