"""The coordinators' dashboard: requests a week by language and by topic, the median time to
first contact against the promise, open and overdue counts; SVG drawn on the server, no
script, each chart with a table (issue 20, point 10)."""

import datetime

import pytest
from django.utils import timezone

from inquiries.models import ContactAttempt, Inquiry
from tests.factories import ArticleFactory, InquiryFactory, StaffFactory
from tests.inquiries.coordinator_admin import CHANGELIST
from tests.signing_in import sign_in

pytestmark = pytest.mark.django_db

DASHBOARD = f"{CHANGELIST}dashboard/"


def received(ago, **fields):
    inquiry = InquiryFactory(**fields)
    Inquiry.objects.filter(pk=inquiry.pk).update(created_at=timezone.now() - ago)
    return inquiry


def table_rows(html, caption):
    table = html[html.index(f"<caption>{caption}</caption>") :]
    table = table[: table.index("</table>")]
    return table.split("<tr>")[2:]


def column_totals(html, caption):
    rows = [
        [int(cell.split("<")[0]) for cell in row.split("<td>")[1:]]
        for row in table_rows(html, caption)
    ]
    assert len(rows) == 8
    return [sum(column) for column in zip(*rows, strict=True)]


def test_the_dashboard_counts_requests_a_week_by_language_and_topic(admin_client, coordinator):
    als = ArticleFactory(title="ALS")
    hour = datetime.timedelta(minutes=10)
    for _ in range(3):
        received(hour, language="en", article=als)
    received(hour, language="es")
    received(hour, status="spam")  # not a patient's request
    received(datetime.timedelta(days=70))  # before the chart's eight weeks
    contacted = received(4 * hour, language="es", status="in_progress")
    ContactAttempt.objects.create(
        inquiry=contacted, outcome="reached", by=coordinator, at=timezone.now() - 2 * hour
    )

    response = admin_client.get(DASHBOARD)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script" not in html.split('id="content-main"')[1]
    assert html.count("<svg viewBox") == 2
    # English, Spanish and total over the eight weeks (whichever week "now" starts).
    assert column_totals(html, "Requests a week, by language") == [3, 2, 5]
    assert column_totals(html, "Requests a week, by topic")[0] == 3  # ALS, the commonest
    assert ">6</span> open requests" in html
    assert "0.3 h" in html  # 20 minutes
    assert "1 request contacted in the last 8 weeks" in html
    assert "100% within the clinic" in html


def test_the_requests_list_links_to_the_dashboard_and_it_needs_the_view_permission(
    admin_client, client, staff_group
):
    assert f'href="{DASHBOARD}"' in admin_client.get(CHANGELIST).content.decode()

    sign_in(client, StaffFactory(username="editor-only"))
    assert client.get(DASHBOARD).status_code == 403
