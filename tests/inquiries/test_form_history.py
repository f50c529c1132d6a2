"""A form that was not sent comes back through a redirect (POST/redirect/GET): going back,
or reloading, never asks the browser to send a form again."""

import re
import time

import pytest
from django.test import Client

from inquiries.models import Inquiry
from inquiries.views import REMEMBER_SECONDS
from tests.factories import contact_form_data
from tests.pages import errors_in

pytestmark = pytest.mark.django_db


def test_a_form_with_mistakes_is_shown_again_after_a_redirect(client):
    response = client.post("/contact/?topic=als", contact_form_data(email="ada@example"))
    assert response.status_code == 303
    assert response["Location"] == "/contact/?topic=als"
    assert "no-store" in response["Cache-Control"]
    for _ in range(2):  # the page, then a reload of it
        page = client.get("/contact/?topic=als")
        assert page.status_code == 200
        assert "no-store" in page["Cache-Control"]
        html = page.content.decode()
        assert list(errors_in(html)) == ["id_email"]
        assert 'value="ada@example"' in html
        assert "Could stem cells help my ALS?</textarea>" in html
    assert not Inquiry.objects.exists()


def form_token(html):
    return re.search(r'name="submission_token" value="([^"]+)"', html)[1]


def test_the_form_keeps_its_token_so_the_fixed_form_is_stored_once(client):
    token = form_token(client.get("/contact/").content.decode())
    client.post("/contact/", contact_form_data(name="", submission_token=token))
    assert form_token(client.get("/contact/").content.decode()) == token
    fixed = contact_form_data(submission_token=token)
    assert client.post("/contact/", fixed)["Location"] == "/contact/thanks/"
    assert client.post("/contact/", fixed)["Location"] == "/contact/thanks/"  # a double click
    assert Inquiry.objects.get().submission_token.hex == token.replace("-", "")


def test_once_sent_the_form_is_empty_again(client):
    client.post("/contact/", contact_form_data(name=""))
    client.post("/contact/", contact_form_data())
    html = client.get("/contact/").content.decode()
    assert "error-summary" not in html
    assert "Ada Patient" not in html
    assert "Could stem cells help my ALS?" not in html


def test_what_was_typed_is_never_shown_in_another_browser(client):
    client.post("/contact/", contact_form_data(name="", message="My private question"))
    html = Client().get("/contact/").content.decode()
    assert "My private question" not in html
    assert "error-summary" not in html


def test_a_shared_computer_forgets_what_was_typed_soon(client, monkeypatch):
    response = client.post("/contact/", contact_form_data(name="", message="My private question"))
    assert response.cookies["sessionid"]["max-age"] == REMEMBER_SECONDS
    later = time.time() + REMEMBER_SECONDS + 1
    monkeypatch.setattr("inquiries.views.time.time", lambda: later)
    html = client.get("/contact/").content.decode()
    assert "My private question" not in html


def test_after_the_limit_ends_the_kept_form_is_ready_to_send(client, settings, monkeypatch):
    settings.INQUIRY_RATE_LIMIT = 0
    response = client.post("/contact/", contact_form_data(message="Please call after 5"))
    assert response.status_code == 303
    assert client.get("/contact/").status_code == 429
    later = time.time() + settings.INQUIRY_RATE_WINDOW_SECONDS + 1
    monkeypatch.setattr("inquiries.views.time.time", lambda: later)
    page = client.get("/contact/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Please call after 5</textarea>" in html
    assert "error-summary" not in html


def test_when_the_session_cannot_be_saved_the_form_comes_back_at_once(client, monkeypatch):
    """The database is down: the POST's own answer shows the form, never a server error."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import DatabaseError

    def refuse(self, must_create=False):
        raise DatabaseError("the database went away")

    monkeypatch.setattr(SessionStore, "save", refuse)
    response = client.post("/contact/", contact_form_data(email="ada@example"))
    assert response.status_code == 200
    html = response.content.decode()
    assert list(errors_in(html)) == ["id_email"]
    assert "Could stem cells help my ALS?</textarea>" in html
