"""The coordinators' queue is ordered by what is due: most overdue first, follow-ups due
today next, each new request saying how overdue it is or when it falls due in business
hours (issue 20, point 7)."""

import datetime

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from inquiries.models import Inquiry
from inquiries.models.querysets import response_cutoff, response_due
from tests.factories import InquiryFactory
from tests.inquiries.coordinator_admin import CHANGELIST, changelist_rows

pytestmark = pytest.mark.django_db


def received_at(when, **fields):
    inquiry = InquiryFactory(**fields)
    Inquiry.objects.filter(pk=inquiry.pk).update(created_at=when)
    return inquiry


def overdue_by(delta):
    """A request received so that the response-time promise fell due ``delta`` ago."""
    return received_at(response_cutoff(timezone.now() - delta))


def row_of(html, inquiry):
    start = html.index(f'name="_selected_action" value="{inquiry.pk}"')
    row_start = html.rindex("<tr", 0, start)
    return html[row_start : html.index("</tr>", start)]


@pytest.fixture
def open_all_week(settings):
    """Opening hours with (almost) no gaps: business time is clock time, whatever the day
    the test runs on."""
    settings.CLINIC_OPENING_DAYS = ["mon-sun"]
    settings.CLINIC_OPENING_HOURS = "00:00-23:59"


def test_the_list_opens_most_overdue_first_then_follow_ups_due_today(
    coordinator_client, open_all_week
):
    today = timezone.localdate()
    now = timezone.now()
    in_progress_later = received_at(now - datetime.timedelta(days=20), status="in_progress")
    fresh = received_at(now - datetime.timedelta(minutes=5))
    follow_up_today = received_at(
        now - datetime.timedelta(days=9), status="in_progress", follow_up_on=today
    )
    follow_up_late = received_at(
        now - datetime.timedelta(days=1),
        status="scheduled",
        follow_up_on=today - datetime.timedelta(days=1),
    )
    one_hour_late = overdue_by(datetime.timedelta(hours=1, minutes=5))
    two_days_late = overdue_by(datetime.timedelta(days=2, hours=1))
    received_at(now - datetime.timedelta(days=30), status="closed")

    response = coordinator_client.get(CHANGELIST)
    assert changelist_rows(response) == [
        str(two_days_late),
        str(one_hour_late),
        str(follow_up_late),
        str(follow_up_today),
        str(fresh),
        str(in_progress_later),
    ]
    html = response.content.decode()
    assert "Overdue by 2\xa0days" in row_of(html, two_days_late)
    assert "Overdue by 1\xa0hour" in row_of(html, one_hour_late)
    due = timezone.localtime(response_due(Inquiry.objects.get(pk=fresh.pk).created_at))
    assert f"Due {date_format(due, 'D H:i')}" in row_of(html, fresh)
    for contacted in (follow_up_today, in_progress_later):
        assert "Overdue" not in row_of(html, contacted)
        assert "Due " not in row_of(html, contacted)


def test_a_column_header_still_sorts_the_list(coordinator_client):
    older = overdue_by(datetime.timedelta(days=3))
    newer = received_at(timezone.now())
    # The "name" column (o=2: the second column after the checkbox) sorts by name.
    Inquiry.objects.filter(pk=older.pk).update(name="Zoe")
    Inquiry.objects.filter(pk=newer.pk).update(name="Ann")
    assert changelist_rows(coordinator_client.get(CHANGELIST, {"o": "2"})) == [
        str(newer),
        str(older),
    ]
