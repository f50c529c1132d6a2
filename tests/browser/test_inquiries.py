"""The patient's contact form and the coordinator's admin, in a real browser."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from inquiries.models import Inquiry, InquiryNote
from tests.factories import InquiryFactory

from .conftest import ARTIFACTS, DESKTOP, blocking, run_axe, save_screenshot
from .helpers import sign_in_with_password_and_code as sign_in
from .helpers import submit

LAPTOP = {"width": 1366, "height": 768}


def test_patient_fixes_a_mistake_and_reaches_the_thanks_page(demo_content, clinic_phone, page):
    page.goto("/contact/?topic=stem-cell-therapy-for-als")

    emergency = page.locator("main").get_by_text("This form is not for emergencies")
    assert emergency.is_visible()
    assert page.locator("main a[href='tel:911']").is_visible()
    call = page.locator("main a[href='tel:3035550142']").first
    assert call.is_visible()
    assert call.inner_text() == "(303) 555-0142"
    # Labels sit above their fields.
    label = page.locator("label[for=id_name]").bounding_box()
    field = page.locator("#id_name").bounding_box()
    assert label["y"] + label["height"] <= field["y"]

    page.get_by_label("Your name").fill("Maria Lopez")
    page.get_by_label("Email address").fill("maria@example")  # the mistake
    page.get_by_label("Email me").check()
    page.get_by_label("I agree that the clinic may contact me").check()
    submit(page)

    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert page.title().startswith("Error:")
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert summary.bounding_box()["y"] < 812
    email = page.locator("#id_email")
    described_by = email.get_attribute("aria-describedby").split()
    messages = " ".join(page.locator(f"#{id_}").inner_text() for id_ in described_by)
    assert "Enter an email address in the correct format" in messages
    assert page.locator(".field--error #id_email").count() == 1
    # What was typed is kept.
    assert page.get_by_label("Your name").input_value() == "Maria Lopez"
    save_screenshot(page, "contact-form-errors", full_page=True)

    summary.get_by_role("link", name="Enter an email address in the correct format").click()
    assert page.evaluate("document.activeElement.id") == "id_email"
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("maria@example.com")
    submit(page)

    assert page.url.endswith("/contact/thanks/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Thank you")
    inquiry = Inquiry.objects.get()
    assert (inquiry.name, inquiry.email) == ("Maria Lopez", "maria@example.com")
    assert inquiry.article.slug == "stem-cell-therapy-for-als"


@pytest.fixture
def inquiries(demo_content):
    """Two new requests and one closed, received at fixed times today."""
    now = timezone.localtime().replace(hour=9, minute=30, second=0, microsecond=0)
    treatment = Article.objects.get(slug="stem-cell-therapy-for-als")
    rows = [
        ("Maria Lopez", Inquiry.Status.NEW, 1),
        ("James Chen", Inquiry.Status.NEW, 2),
        ("Ana Silva", Inquiry.Status.CLOSED, 30),
    ]
    for name, status, days in rows:
        inquiry = InquiryFactory(name=name, status=status, article=treatment)
        Inquiry.objects.filter(pk=inquiry.pk).update(created_at=now - datetime.timedelta(days=days))


def test_coordinator_filters_new_requests_assigns_one_and_adds_a_note(
    inquiries, coordinator, new_page, settings
):
    page = new_page(viewport={**DESKTOP, "width": 1440})
    admin = f"/{settings.ADMIN_PATH}"
    sign_in(page, coordinator, admin)
    assert run_axe(page, "admin: index") is not None

    page.locator("#content-main a[href$='/inquiries/inquiry/']").first.click()
    page.locator("#changelist-filter").get_by_role("link", name="New", exact=True).click()
    page.wait_for_url("**status=new**")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 2
    assert "Ana Silva" not in page.locator("#result_list").inner_text()
    save_screenshot(page, "coordinator-changelist", full_page=True)
    changelist_violations = run_axe(page, "admin: inquiry changelist")

    rows.filter(has_text="Maria Lopez").locator("input[type=checkbox]").check()
    page.locator("select[name=action]").select_option("assign_to_me")
    with page.expect_navigation():
        page.locator("button[name=index], input[name=index]").first.click()
    assert "Assigned 1 request(s) to you." in page.locator(".messagelist").inner_text()

    page.locator("#result_list tbody tr").filter(has_text="Maria Lopez").locator("a").first.click()
    note = page.locator("textarea[name$='-body']").first
    note.fill("Called back, left a voicemail. Try again tomorrow morning.")
    change_form_violations = run_axe(page, "admin: inquiry change form")
    with page.expect_navigation():
        page.locator("input[name=_save]").click()

    maria = Inquiry.objects.get(name="Maria Lopez")
    assert maria.assigned_to == coordinator
    assert Inquiry.objects.get(name="James Chen").assigned_to is None
    note = InquiryNote.objects.get()
    assert (note.inquiry, note.author) == (maria, coordinator)
    assert note.body.startswith("Called back")
    # Django's own admin markup: recorded in the summary; nothing critical allowed.
    for violations in (changelist_violations, change_form_violations):
        assert [v for v in blocking(violations) if v["impact"] == "critical"] == []


@pytest.fixture
def fifty_requests(demo_content, coordinator):
    """A coordinator's morning: 50 requests, long messages, some overdue, some closed, some
    to follow up today and some tomorrow."""
    treatment = Article.objects.get(slug="stem-cell-therapy-for-als")
    now = timezone.now()
    today = timezone.localdate()
    follow_up_on = {0: today, 1: today + datetime.timedelta(days=1)}
    for n in range(50):
        inquiry = InquiryFactory(
            name=f"Patient with a rather long name {n}",
            phone="+1 (720) 555-0100",
            article=treatment if n % 2 else None,
            message="My father was diagnosed with ALS last year and we would like to know "
            "whether stem cell therapy could help him, and what it would cost. " * 3,
            status=Inquiry.Status.CLOSED if n % 10 == 9 else Inquiry.Status.NEW,
            assigned_to=coordinator if n % 3 == 0 else None,
            follow_up_on=follow_up_on.get(n % 7),
        )
        Inquiry.objects.filter(pk=inquiry.pk).update(
            created_at=now - datetime.timedelta(hours=5 * n)
        )


def test_the_coordinators_list_fits_a_laptop_and_has_no_serious_accessibility_finding(
    fifty_requests, coordinator, new_page, settings
):
    page = new_page(viewport=LAPTOP)
    admin = f"/{settings.ADMIN_PATH}"
    sign_in(page, coordinator, admin)
    # Of the 50: every tenth closed, every third assigned to this coordinator, every
    # seventh due a follow-up today (fifty_requests; those to follow up tomorrow are not).
    expect(page.locator("#inquiries-new")).to_have_text("45 New")
    expect(page.locator("#inquiries-follow_up")).to_have_text("7 Follow-ups due today")
    expect(page.locator("#inquiries-mine")).to_have_text("15 Mine")
    expect(page.locator("#inquiries-unassigned")).to_have_text("30 Unassigned")
    overdue = Inquiry.objects.overdue().count()
    assert overdue > 0
    index = page.locator("#inquiries-overdue")
    assert index.inner_text().split()[0] == str(overdue)
    index.get_by_role("link").click()
    page.wait_for_url("**due=overdue**")
    assert page.locator("#result_list tbody tr").count() == overdue

    page.locator("#changelist-filter").get_by_role("link", name="Follow up today").click()
    page.wait_for_url("**due=follow_up**")
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(7)
    expect(rows.locator(".inquiry-flag--follow-up")).to_have_text(["Follow up today"] * 7)
    names = [text.splitlines()[0] for text in rows.locator("td.field-patient").all_inner_texts()]
    assert sorted(names) == sorted(
        f"Patient with a rather long name {n}" for n in (0, 7, 14, 21, 28, 35, 42)
    )
    page.goto(f"{admin}inquiries/inquiry/")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 45  # open requests only
    # The marker on the 7 due today, not on the 6 to follow up tomorrow.
    expect(
        page.locator("td.field-follow_up").filter(has_not_text=re.compile(r"^-$"))
    ).to_have_count(13)
    expect(page.locator(".inquiry-flag--follow-up")).to_have_count(7)
    # Nothing is cut: the table is no wider than the window, its box does not scroll
    # sideways, and every column heading is on screen.
    table = page.locator("#result_list").bounding_box()
    assert table["x"] >= 0
    assert table["x"] + table["width"] <= LAPTOP["width"], table
    assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]
    results = page.locator("#changelist .results")
    assert results.evaluate("box => box.scrollWidth <= box.clientWidth"), results.evaluate(
        "box => [box.scrollWidth, box.clientWidth]"
    )
    headings = page.locator("#result_list thead th")
    for n in range(headings.count()):
        box = headings.nth(n).bounding_box()
        assert box["x"] + box["width"] <= LAPTOP["width"], headings.nth(n).inner_text()
    assert headings.last.inner_text().strip().lower() == "follow up on"
    first = rows.first
    assert first.locator("a[href^='tel:']").is_visible()
    assert first.locator("td.field-message_preview").inner_text().startswith("My father was")
    assert page.locator(".inquiry-flag--overdue").first.inner_text().startswith("Overdue by ")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "coordinator-changelist-1366.png", full_page=False)
    violations = run_axe(page, "admin: inquiry changelist, 50 requests")
    assert blocking(violations) == [], violations


def attempts_cell(page, patient):
    """The attempts column of the list's row for ``patient``."""
    row = page.locator("#result_list tbody tr").filter(
        has=page.locator("td.field-patient", has_text=patient)
    )
    return row.locator("td.field-attempts")


def test_a_coordinator_takes_a_request_and_records_calls_in_one_click_each(
    inquiries, coordinator, new_page, settings
):
    page = new_page(viewport=LAPTOP)
    admin = f"/{settings.ADMIN_PATH}"
    sign_in(page, coordinator, admin)
    maria = Inquiry.objects.get(name="Maria Lopez")
    page.goto(f"{admin}inquiries/inquiry/{maria.pk}/change/")
    with page.expect_navigation():
        page.get_by_role("button", name="Assign to me").click()
    assert "is assigned to you" in page.locator(".messagelist").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="No answer").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Left a voicemail").click()
    timeline = page.locator("#timeline").inner_text()
    assert "Assigned: nobody \u2192 Maria Lopez" in timeline
    assert "Status: New \u2192 In progress" in timeline
    assert timeline.index("No answer") < timeline.index("Left a voicemail")
    # Enter in a field still saves the form, not a quick action.
    page.locator("#id_follow_up_on").fill("2030-01-15")
    with page.expect_navigation():
        page.locator("#id_follow_up_on").press("Enter")
    maria.refresh_from_db()
    assert maria.follow_up_on == datetime.date(2030, 1, 15)
    assert maria.contact_attempts.count() == 2
    # Saved, the list is back, with each request's attempts in a column.
    expect(attempts_cell(page, "Maria Lopez")).to_have_text("2")
    expect(attempts_cell(page, "James Chen")).to_have_text("0")
    assert run_axe(page, "admin: inquiry list after saving") is not None
