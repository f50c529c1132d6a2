"""The browser's Back button around the contact form: never a browser error page, and
after sending, never the form filled in again (a shared computer shows the next person
nothing)."""

import time

from inquiries.models import Inquiry

from .helpers import submit


def fill(page, email="maria@example.com", message="Is the trial still recruiting?"):
    page.get_by_label("Your name").fill("Maria Lopez")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Email me").check()
    page.get_by_label("Your question (optional)").fill(message)
    page.get_by_label("I agree that the clinic may contact me").check()


def assert_going_back_says_the_request_was_sent(page, reference):
    response = page.go_back(wait_until="load")
    # A page that was the answer to a POST, and not kept, would be Chromium's "Confirm
    # Form Resubmission" error page (net::ERR_CACHE_MISS): no response from the site.
    assert response is not None
    assert response.status == 200
    assert page.url.split("?")[0].endswith("/contact/")
    sent = page.locator("main .sent")
    assert sent.is_visible()
    assert f"You sent request {reference} at " in sent.inner_text()
    # Not the form, filled in or not: nothing typed is shown to whoever comes next.
    assert page.locator("main form").count() == 0
    assert page.locator("main").get_by_text("Maria Lopez").count() == 0
    assert page.get_by_role("link", name="Send another request").is_visible()


def test_going_back_from_the_thanks_page_after_a_mistake_says_the_request_was_sent(
    demo_content, page
):
    page.goto("/contact/?topic=stem-cell-therapy-for-als")
    fill(page, email="maria@example")  # the mistake
    submit(page)
    assert page.locator(".error-summary").is_visible()
    assert page.get_by_label("Your question (optional)").input_value() == (
        "Is the trial still recruiting?"
    )

    page.get_by_label("Email address").fill("maria@example.com")
    submit(page)
    assert page.url.endswith("/contact/thanks/")
    reference = page.locator(".reference__code").inner_text()
    assert reference == Inquiry.objects.get().reference

    assert_going_back_says_the_request_was_sent(page, reference)
    response = page.go_back(wait_until="load")  # the form as it was first opened
    assert response is not None
    assert response.status == 200
    assert page.locator("main form").count() == 0
    assert Inquiry.objects.count() == 1


def test_going_back_right_after_sending_says_the_request_was_sent(demo_content, page):
    page.goto("/contact/")
    fill(page)
    submit(page)
    reference = page.locator(".reference__code").inner_text()
    assert_going_back_says_the_request_was_sent(page, reference)

    page.get_by_role("link", name="Send another request").click()
    assert page.get_by_label("Your name").input_value() == ""
    fill(page, message="And can my husband come with me?")
    submit(page)
    second = page.locator(".reference__code").inner_text()
    assert second != reference
    assert_going_back_says_the_request_was_sent(page, second)
    assert Inquiry.objects.count() == 2


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
    page.get_by_role("link", name="Send another request").click()
    fill(page, message="Can we both come to the first visit?")
    page.get_by_label("Your name").fill("Maria's husband")
    assert submit(page).status == 429
    notice = page.locator(".error-summary")
    assert "Your request has not been sent yet" in notice.inner_text()
    assert "after " in notice.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert page.get_by_label("Your name").input_value() == "Maria's husband"
    assert page.get_by_label("Your question (optional)").input_value() == (
        "Can we both come to the first visit?"
    )

    # Once the window is over, the same form, sent again, is taken.
    deadline = time.monotonic() + 30
    while not page.url.endswith("/contact/thanks/") and time.monotonic() < deadline:
        time.sleep(0.2)  # a poll: the page says when; the test only waits for it
        submit(page)
    assert page.url.endswith("/contact/thanks/")
    reference = page.locator(".reference__code").inner_text()
    assert Inquiry.objects.get(name="Maria's husband").reference == reference
    assert_going_back_says_the_request_was_sent(page, reference)
