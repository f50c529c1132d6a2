"""A coordinator's morning in a real browser: each request in three clicks or fewer (the
"Record a call" form, then the next request), the confirmation focused and read out
(issues 20.6, 24.8), and the queue as it looks on a 1366 px laptop."""

import datetime

import pytest
from django.utils import timezone

from inquiries.models import ContactAttempt, Inquiry
from tests.factories import InquiryFactory

from .conftest import blocking, run_axe, save_screenshot
from .helpers import sign_in_as

LAPTOP = {"width": 1366, "height": 768}
# Counts every click the person makes (pointer or keyboard activation) across page loads.
COUNT_CLICKS = """
document.addEventListener('click', () => {
  sessionStorage.setItem('clicks', String(Number(sessionStorage.getItem('clicks') || 0) + 1));
}, true);
"""


@pytest.fixture
def morning(transactional_db, coordinator):
    """Three new requests, past the promise by 9, 6 and 3 days."""
    requests = []
    for days, name in [(9, "Maria Lopez"), (6, "James Chen"), (3, "Ana Silva")]:
        inquiry = InquiryFactory(name=name, phone="(303) 555-1031")
        Inquiry.objects.filter(pk=inquiry.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=days)
        )
        requests.append(inquiry)
    return requests


def clicks(page):
    return int(page.evaluate("Number(sessionStorage.getItem('clicks') || 0)"))


def test_each_request_takes_three_clicks_and_the_confirmation_gets_the_focus(
    morning, coordinator, new_page, live_server, settings
):
    page = new_page(viewport=LAPTOP)
    page.context.add_init_script(COUNT_CLICKS)
    sign_in_as(page, live_server, coordinator)
    page.goto(f"/{settings.ADMIN_PATH}inquiries/inquiry/")
    save_screenshot(page, "coordinator-queue")
    first_row = page.locator("#result_list tbody tr").first.inner_text()
    assert "Maria Lopez" in first_row  # the most overdue
    assert "Overdue by 1\xa0week" in first_row
    with page.expect_navigation():
        page.locator("#result_list tbody tr").first.locator("a").first.click()
    start = clicks(page)
    save_screenshot(page, "coordinator-request")

    for index, (outcome, note) in enumerate(
        [
            ("Reached", "Booked a visit."),
            ("No answer", "Try after 16:00."),
            ("Left a voicemail", ""),
        ]
    ):
        before = clicks(page)
        form = page.locator("#record-call")
        form.get_by_label(outcome, exact=True).click()
        if note:
            form.get_by_label("Note").click()
            page.keyboard.type(note)
        with page.expect_navigation():
            form.get_by_role("button", name="Save and open the next request").click()
        assert clicks(page) - before <= 3
        confirmation = page.locator("#confirmation")
        assert "Call recorded on" in confirmation.inner_text()
        assert confirmation.get_attribute("role") == "status"
        focused = page.evaluate("document.activeElement.id")
        assert focused == "confirmation", f"focus after request {index + 1}: {focused!r}"

    assert ContactAttempt.objects.count() == 3
    assert set(Inquiry.objects.values_list("assigned_to", flat=True)) == {coordinator.pk}
    assert clicks(page) - start <= 9


def test_the_dashboard_fits_a_laptop_and_has_no_serious_accessibility_finding(
    morning, coordinator, new_page, live_server, settings
):
    page = new_page(viewport=LAPTOP)
    sign_in_as(page, live_server, coordinator)
    page.goto(f"/{settings.ADMIN_PATH}inquiries/inquiry/")
    with page.expect_navigation():
        page.get_by_role("link", name="Dashboard").click()
    charts = page.locator("figure.inquiry-chart svg[role=img]")
    assert charts.count() == 2
    assert page.get_by_role("img", name="Requests a week, by language").is_visible()
    # Side by side, each wide enough to read, and nothing to scroll sideways.
    first, second = (charts.nth(n).bounding_box() for n in range(2))
    assert first["y"] == second["y"]
    assert min(first["width"], second["width"]) >= 400
    assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]
    assert page.locator("table.visually-hidden caption").count() == 2
    save_screenshot(page, "coordinator-dashboard", full_page=True)
    findings = blocking(run_axe(page, "admin: coordinators' dashboard"))
    # The admin's own breadcrumbs (issue 24.4, worked on apart) aside.
    assert [
        finding
        for finding in findings
        if not all(".breadcrumbs" in node[0] for node in finding["nodes"])
    ] == []
