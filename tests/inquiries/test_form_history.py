"""What a patient typed lives in their browser and in the answer to their POST until the
request is sent, and in the request alone after: a form with mistakes comes back as the
POST's own answer (never stored in the session), and a browser that has just sent a
request is told so, never shown the form filled in again."""

import datetime
import re

import pytest
import time_machine
from django.contrib.sessions.models import Session

from inquiries.models import Inquiry
from inquiries.views import REMEMBER_SECONDS
from tests.factories import contact_form_data
from tests.form_client import Client
from tests.pages import errors_in

pytestmark = pytest.mark.django_db

PRIVATE = {
    "name": "Grace Privatename",
    "email": "grace.private@example.com",
    "phone": "720 555 0199",
    "best_time": "After my infusion on Fridays",
    "message": "My riluzole dose was changed last week",
}


def form_token(html):
    return re.search(r'name="submission_token" value="([^"]+)"', html)[1]


def reference_on(html):
    return re.search(r'<strong class="reference__code">([^<]+)</strong>', html)[1]


def test_a_form_with_mistakes_is_answered_at_once_with_what_was_typed(client):
    response = client.post("/contact/?topic=als", contact_form_data(email="ada@example"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert list(errors_in(html)) == ["id_email"]
    assert 'value="ada@example"' in html
    assert "Could stem cells help my ALS?</textarea>" in html
    assert not Inquiry.objects.exists()


def test_nothing_typed_is_kept_on_the_server_before_the_request_is_sent(client, settings):
    """Every kind of answer that stores no request: mistakes (each field), the rate limit.
    Every session row is decoded: none holds a word of what was typed."""
    mistakes = [
        {"name": ""},
        {"email": "grace@"},
        {"phone": "call me maybe"},
        {"preferred_contact": "phone", "phone": ""},
        {"best_time": "x" * 101},
        {"article": "999999"},
        {"message": "x" * 2001},
        {"consent": ""},
    ]
    for mistake in mistakes:
        response = client.post("/contact/", contact_form_data(**{**PRIVATE, **mistake}))
        assert response.status_code == 200
        assert settings.SESSION_COOKIE_NAME not in response.cookies
    settings.INQUIRY_RATE_LIMIT = 0
    limited = client.post("/contact/", contact_form_data(**PRIVATE))
    assert limited.status_code == 429
    assert PRIVATE["message"] in limited.content.decode()  # kept in the answer alone
    assert not Inquiry.objects.exists()
    for row in Session.objects.all():
        stored = f"{row.session_data} {row.get_decoded()}"
        for typed in PRIVATE.values():
            assert typed not in stored


def test_the_answer_with_mistakes_keeps_the_form_s_token_so_it_is_stored_once(client):
    token = form_token(client.get("/contact/").content.decode())
    again = client.post("/contact/", contact_form_data(name="", submission_token=token))
    assert form_token(again.content.decode()) == token
    fixed = contact_form_data(submission_token=token)
    assert client.post("/contact/", fixed)["Location"] == "/contact/thanks/"
    assert client.post("/contact/", fixed)["Location"] == "/contact/thanks/"  # a double click
    assert Inquiry.objects.get().submission_token.hex == token.replace("-", "")


def test_going_back_after_sending_says_the_request_was_sent_not_the_form(client):
    client.post("/contact/", contact_form_data(**PRIVATE))
    inquiry = Inquiry.objects.get()
    page = client.get("/contact/")  # Back: the form's page, asked for again (no-store)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    html = page.content.decode()
    assert reference_on(html) == inquiry.reference
    assert re.search(r"You sent request <strong[^>]*>\w{8}</strong> at \d{1,2}:\d\d [ap]m", html)
    assert "<form" not in html.split("<main", 1)[1]
    assert all(typed not in html for typed in PRIVATE.values())
    assert f'href="/contact/?another={inquiry.reference}"' in html


def test_a_patient_can_send_another_request_and_back_still_shows_the_last_one(client):
    client.post("/contact/", contact_form_data())
    first = Inquiry.objects.get()
    another = client.get(f"/contact/?another={first.reference}").content.decode()
    assert 'name="submission_token"' in another
    assert "Could stem cells help my ALS?" not in another
    client.post("/contact/", contact_form_data(message="And about the trial in Denver?"))
    second = Inquiry.objects.latest("pk")
    assert second != first
    back = client.get(f"/contact/?another={first.reference}").content.decode()
    assert reference_on(back) == second.reference
    assert 'name="submission_token"' not in back


def test_what_was_typed_is_never_shown_in_another_browser(client):
    client.post("/contact/", contact_form_data(name="", message="My private question"))
    client.post("/contact/", contact_form_data(message="My private question"))
    html = Client().get("/contact/").content.decode()
    assert "My private question" not in html
    assert "error-summary" not in html
    assert "You sent request" not in html


def test_a_shared_computer_gets_an_empty_form_soon(client):
    client.post("/contact/", contact_form_data())
    with time_machine.travel(datetime.timedelta(seconds=REMEMBER_SECONDS + 1)):
        html = client.get("/contact/").content.decode()
    assert "You sent request" not in html
    assert 'name="submission_token"' in html


def test_the_same_words_sent_again_from_a_new_form_are_the_same_request(client):
    first = client.post("/contact/", contact_form_data(**PRIVATE), follow=True)
    shouting = {**PRIVATE, "email": PRIVATE["email"].upper()}
    again = Client().post("/contact/", contact_form_data(**shouting), follow=True)
    inquiry = Inquiry.objects.get()
    assert reference_on(first.content.decode()) == inquiry.reference
    assert reference_on(again.content.decode()) == inquiry.reference


def test_the_same_words_after_the_duplicate_window_are_a_new_request(client, settings):
    client.post("/contact/", contact_form_data())
    later = datetime.timedelta(seconds=settings.INQUIRY_DUPLICATE_WINDOW_SECONDS + 1)
    with time_machine.travel(later):
        Client().post("/contact/", contact_form_data())
    assert Inquiry.objects.count() == 2
