"""The short reference a patient can quote on the phone, and the coordinator can search by."""

import datetime
import re

import pytest
import time_machine
from django.conf import settings
from django.db import IntegrityError

from inquiries.models import Inquiry
from inquiries.models.inquiry import REFERENCE_ALPHABET
from inquiries.views import REMEMBER_SECONDS, SENT_COOKIE
from tests.factories import InquiryFactory, contact_form_data
from tests.form_client import Client

pytestmark = pytest.mark.django_db

ADMIN = f"/{settings.ADMIN_PATH}inquiries/inquiry/"


def reference_on(html):
    match = re.search(r'<strong class="reference__code">([^<]+)</strong>', html)
    return match[1] if match else None


def test_thanks_page_gives_the_request_s_reference(client):
    InquiryFactory.create_batch(3)
    response = client.post("/contact/", contact_form_data(), follow=True)
    assert response.redirect_chain == [("/contact/thanks/", 302)]
    inquiry = Inquiry.objects.latest("pk")
    shown = reference_on(response.content.decode())
    assert shown == inquiry.reference
    assert len(shown) == 8
    assert set(shown) <= set(REFERENCE_ALPHABET)
    assert not set(shown) & set("0O1I")
    assert shown != str(inquiry.pk).zfill(len(shown))  # not the database id
    # Still there on a reload; never cached anywhere.
    again = client.get("/contact/thanks/")
    assert reference_on(again.content.decode()) == shown
    assert "no-store" in again["Cache-Control"]


def test_references_are_unique(client):
    for n in range(5):
        client.post("/contact/", contact_form_data(message=f"Question {n}"))
    references = list(Inquiry.objects.values_list("reference", flat=True))
    assert len(set(references)) == 5
    with pytest.raises(IntegrityError):  # the database's constraint, too
        InquiryFactory(reference=references[0])


def test_the_reference_is_shown_only_in_the_browser_that_sent_the_request(client):
    client.post("/contact/", contact_form_data())
    response = Client().get("/contact/thanks/")
    assert response.status_code == 302
    assert response["Location"] == "/contact/"


def test_the_reference_reaches_only_the_thanks_page_and_is_forgotten_soon(client):
    response = client.post("/contact/", contact_form_data())
    cookie = response.cookies[SENT_COOKIE]
    assert cookie["path"] == "/contact/"  # the form and its thank-you page alone
    assert cookie["max-age"] == REMEMBER_SECONDS  # the browser drops it
    assert cookie["httponly"]
    assert settings.SESSION_COOKIE_NAME not in response.cookies  # no session, no write
    with time_machine.travel(datetime.timedelta(seconds=REMEMBER_SECONDS + 1)):
        assert client.get("/contact/thanks/")["Location"] == "/contact/"


def test_a_forged_reference_cookie_shows_nothing(client):
    client.cookies[SENT_COOKIE] = "ABCDEFGH 1800000000"
    assert client.get("/contact/thanks/")["Location"] == "/contact/"
    assert "ABCDEFGH" not in client.get("/contact/").content.decode()


def test_a_spam_submission_gets_a_reference_like_any_other(client):
    response = client.post(
        "/contact/", contact_form_data(website="http://spam.example"), follow=True
    )
    assert reference_on(response.content.decode()) == Inquiry.objects.get().reference


def test_the_same_form_sent_twice_shows_the_first_request_s_reference(client):
    data = contact_form_data(submission_token="2f1c6a59-5a8e-4c3e-9a67-7d4a0c1b2e3f")
    client.post("/contact/", data)
    response = client.post("/contact/", data, follow=True)
    assert reference_on(response.content.decode()) == Inquiry.objects.get().reference


def test_the_admin_search_box_says_the_reference_can_be_searched(coordinator_client):
    html = coordinator_client.get(ADMIN).content.decode()
    assert 'aria-describedby="searchbar_helptext"' in html
    assert (
        '<div class="help" id="searchbar_helptext">'
        "Search by reference, name, email address or phone number (any way it is written); "
        "a search looks through every status unless you choose one.</div>"
    ) in html


def test_coordinator_finds_a_request_by_its_reference(coordinator_client):
    wanted = InquiryFactory(name="Maria Lopez")
    InquiryFactory(name="James Chen")
    html = coordinator_client.get(ADMIN, {"q": wanted.reference}).content.decode()
    assert "Maria Lopez" in html
    assert "James Chen" not in html
    html = coordinator_client.get(ADMIN, {"q": wanted.reference.lower()}).content.decode()
    assert "Maria Lopez" in html
    change = coordinator_client.get(f"{ADMIN}{wanted.pk}/change/").content.decode()
    assert wanted.reference in change
    assert 'name="reference"' not in change  # read-only, like the rest of the request
