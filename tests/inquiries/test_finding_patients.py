"""Patients found every time: a search by reference, email or phone finds a request whatever
its status, a phone number by its digits, and a request's page lists the same person's other
requests (issue 20, point 8)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.factories import InquiryFactory
from tests.inquiries.coordinator_admin import CHANGELIST, change_url, changelist_rows

pytestmark = pytest.mark.django_db


def found(client, term, **params):
    response = client.get(CHANGELIST, {"q": term, **params})
    assert response.status_code == 200
    return set(changelist_rows(response))


def test_a_closed_requests_reference_and_email_find_it_from_the_default_list(admin_client):
    closed = InquiryFactory(status="closed", email="Ana.Silva@Example.com")
    spam = InquiryFactory(status="spam")
    InquiryFactory(email="someone.else@example.com")
    assert found(admin_client, closed.reference) == {str(closed)}
    assert found(admin_client, closed.reference.lower()) == {str(closed)}
    assert found(admin_client, "ana.silva@example.com") == {str(closed)}
    assert found(admin_client, spam.reference) == {str(spam)}
    # A status chosen on purpose still applies to the search.
    assert found(admin_client, closed.reference, status="new") == set()
    html = admin_client.get(CHANGELIST, {"q": closed.reference}).content.decode()
    sidebar = html[html.index('id="changelist-filter"') :]
    assert '<li class="selected">\n    <a href="?q=' in sidebar
    assert "status=all" in sidebar.split('<li class="selected">')[1].split("</li>")[0]


@pytest.mark.parametrize("written", ["3035551031", "(303) 555-1031", "+1 303 555 1031"])
def test_a_phone_number_is_found_however_it_is_written(admin_client, written):
    stored = [
        InquiryFactory(phone="(303) 555-1031"),
        InquiryFactory(phone="+1 303 555 1031", status="closed"),
        InquiryFactory(phone="303 555 1031"),
    ]
    InquiryFactory(phone="(303) 555-1032")
    InquiryFactory(phone="+44 303 555 1031")
    assert found(admin_client, written) == {str(inquiry) for inquiry in stored}


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_requests_sent_before_the_digits_column_are_found_by_phone_after_the_migration(
    admin_client,
):
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        Inquiry = migrate([("inquiries", "0003_access_log")]).get_model("inquiries", "Inquiry")
        Inquiry.objects.create(
            name="Old Request",
            email="old@example.com",
            phone="+1 (303) 555-1031",
            consented_at=timezone.now(),
            reference="OLDREF22",
        )
        migrate(latest)
        assert found(admin_client, "303-555-1031") == {f"Request #{Inquiry.objects.get().pk}"}
    finally:
        migrate(latest)


def test_a_requests_page_lists_the_same_persons_other_requests_with_their_status(admin_client):
    first = InquiryFactory(email="maria@example.com", phone="", status="closed")
    by_phone = InquiryFactory(email="m.lopez@example.org", phone="+1 303 555 1031")
    current = InquiryFactory(email="MARIA@Example.com", phone="(303) 555-1031")
    stranger = InquiryFactory(email="other@example.com", phone="720 555 0199")
    html = admin_client.get(change_url(current)).content.decode()
    section = html[html.index('id="same-person"') :]
    section = section[: section.index("</div>")]
    rows = {row.split("</a>")[0].rsplit(">", 1)[1]: row for row in section.split("<tr>")[2:]}
    assert set(rows) == {str(first), str(by_phone)}
    assert "<td>Closed</td>" in rows[str(first)]
    assert "<td>New</td>" in rows[str(by_phone)]
    html = admin_client.get(change_url(stranger)).content.decode()
    assert "None: no other request was sent with this email address" in html
