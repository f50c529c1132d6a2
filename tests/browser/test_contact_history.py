"""The browser's Back button around the contact form never shows a browser error page."""

import time

from inquiries.models import Inquiry

from .test_inquiries import submit


def fill(page, email="maria@example.com"):
    page.get_by_label("Your name").fill("Maria Lopez")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Email me").check()
    page.get_by_label("Your question (optional)").fill("Is the trial still recruiting?")
    page.get_by_label("I agree that the clinic may contact me").check()


def assert_the_form_shows_after_going_back(page):
    response = page.go_back(wait_until="load")
    # A page that was the answer to a POST, and not kept, would be Chromium's "Confirm
    # Form Resubmission" error page (net::ERR_CACHE_MISS): no response from the site.
    assert response is not None
    assert response.status == 200
    assert page.url.split("?")[0].endswith("/contact/")
    assert page.locator("main form.inquiry-form").is_visible()
    assert page.get_by_role("heading", level=1).inner_text() == "Talk to a care coordinator"


def test_going_back_from_the_thanks_page_after_a_mistake_shows_the_form(demo_content, page):
    page.goto("/contact/?topic=stem-cell-therapy-for-als")
    fill(page, email="maria@example")  # the mistake
    submit(page)
    assert page.locator(".error-summary").is_visible()
    assert page.get_by_label("Your question (optional)").input_value() == (
        "Is the trial still recruiting?"
    )
    # A reload shows the same, and asks nothing.
    page.reload()
    assert page.locator(".error-summary").is_visible()
    assert page.get_by_label("Your name").input_value() == "Maria Lopez"

    page.get_by_label("Email address").fill("maria@example.com")
    submit(page)
    assert page.url.endswith("/contact/thanks/")
    reference = page.locator(".reference__code").inner_text()
    assert reference == Inquiry.objects.get().reference

    assert_the_form_shows_after_going_back(page)
    # The request was sent: what was typed is not shown again to whoever comes next.
    assert page.locator(".error-summary").count() == 0
    assert page.get_by_label("Your name").input_value() == ""
    assert Inquiry.objects.count() == 1


def test_a_patient_past_the_limit_keeps_their_words_and_sends_them_later(
    demo_content, page, settings
):
    settings.INQUIRY_RATE_LIMIT = 1
    # Long enough for the second form to be sent inside it on a busy machine; the end of
    # the test waits for the window to pass.
    settings.INQUIRY_RATE_WINDOW_SECONDS = 8
    page.goto("/contact/")
    fill(page)
    submit(page)
    assert page.url.endswith("/contact/thanks/")

    page.goto("/contact/")
    fill(page)
    page.get_by_label("Your name").fill("Maria's husband")
    with page.expect_navigation() as navigation:
        page.locator("main form[method=post] [type=submit]").click()
    assert navigation.value.status == 429
    notice = page.locator(".error-summary")
    assert "Your request has not been sent yet" in notice.inner_text()
    assert "after " in notice.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert page.get_by_label("Your name").input_value() == "Maria's husband"
    assert page.get_by_label("Your question (optional)").input_value() == (
        "Is the trial still recruiting?"
    )

    # Once the window is over, the same form, sent again, is taken.
    deadline = time.monotonic() + 30
    while not page.url.endswith("/contact/thanks/") and time.monotonic() < deadline:
        time.sleep(0.2)  # a poll: the page says when; the test only waits for it
        submit(page)
    assert page.url.endswith("/contact/thanks/")
    assert Inquiry.objects.filter(name="Maria's husband").exists()
    assert_the_form_shows_after_going_back(page)
