import datetime
import itertools
import re
import time
import uuid
from unittest.mock import Mock

import pytest
from django.db import DatabaseError
from django.utils import timezone

from inquiries.models import Inquiry
from inquiries.views import moment_text
from tests.factories import contact_form_data
from tests.form_client import Client

pytestmark = pytest.mark.django_db


QUESTIONS = itertools.count()


def post(client, ip="203.0.113.7", data=None, **headers):
    """Send the form (by default a new question each time: the same words again are the
    request already stored, not a new one)."""
    data = data or contact_form_data(message=f"Question {next(QUESTIONS)} about my ALS")
    return client.post("/contact/", data, REMOTE_ADDR=ip, **headers)


def shown_minute(html):
    """The time of day the page says the request can be sent after, in minutes."""
    match = re.search(r"after (\d{1,2}):(\d{2}) (am|pm)", html)
    assert match, "the page does not say when the request can be sent"
    hour = int(match[1]) % 12 + (12 if match[3] == "pm" else 0)
    return hour * 60 + int(match[2])


def test_sixth_stored_request_gets_the_form_again_with_everything_typed(client, clinic_phone):
    first_sent = timezone.now()
    for _ in range(5):
        assert post(client).status_code == 302
    typed = contact_form_data(
        name="Grace O'Neil",
        phone="720 555 0100",
        preferred_contact="phone",
        message="My husband has ALS <and> we want to ask about the trial.",
    )
    response = post(client, data=typed)
    assert response.status_code == 429
    assert Inquiry.objects.count() == 5
    assert 570 <= int(response["Retry-After"]) <= 600
    html = response.content.decode()
    assert "<title>Not sent yet: " in html
    assert "Your request has not been sent yet" in html
    assert html.index("Your request has not been sent yet") < html.index("<h1>")
    # Their words are kept, in the form, ready to send.
    assert 'value="Grace O&#x27;Neil"' in html
    assert 'value="720 555 0100"' in html
    assert re.search(r'<input[^>]*value="phone"[^>]*checked', html)
    assert "My husband has ALS &lt;and&gt; we want to ask about the trial.</textarea>" in html
    assert re.search(r'<input[^>]*name="consent"[^>]*checked', html)
    # When they can send it (the clinic's time zone) and the phone number.
    window_ends = timezone.localtime(first_sent + datetime.timedelta(seconds=600))
    expected = window_ends.hour * 60 + window_ends.minute
    assert (shown_minute(html) - expected) % (24 * 60) in {0, 1, 24 * 60 - 1}
    assert '<a href="tel:3035550142">(303) 555-0142</a>' in html
    assert 'class="site-header"' in html  # the site's own design


def test_mistakes_never_count_towards_the_limit(client, settings):
    settings.INQUIRY_RATE_LIMIT = 2
    for _ in range(6):
        assert post(client, data=contact_form_data(email="ada@example")).status_code == 200
    assert post(client).status_code == 302
    assert post(client).status_code == 302
    assert post(client).status_code == 429
    assert Inquiry.objects.count() == 2


def test_a_household_shares_the_limit_but_only_what_it_sent(client, settings):
    """Two people behind one connection: their typos cost nothing, their requests count."""
    settings.INQUIRY_RATE_LIMIT = 2
    other = Client()
    for browser in (client, other, client):
        assert post(browser, data=contact_form_data(name="")).status_code == 200
    assert post(client).status_code == 302
    assert post(other).status_code == 302
    assert post(other).status_code == 429
    assert post(client, ip="198.51.100.9").status_code == 302  # another connection


def test_the_same_form_sent_twice_counts_once(client, settings):
    settings.INQUIRY_RATE_LIMIT = 2
    token = str(uuid.uuid4())
    for _ in range(3):
        assert post(client, data=contact_form_data(submission_token=token)).status_code == 302
    assert Inquiry.objects.count() == 1
    assert post(client).status_code == 302
    assert post(client).status_code == 429


def test_a_request_that_could_not_be_stored_does_not_count(settings, monkeypatch):
    settings.INQUIRY_RATE_LIMIT = 1
    client = Client(raise_request_exception=False)
    with monkeypatch.context() as patched:
        patched.setattr(Inquiry, "save", Mock(side_effect=DatabaseError("disk full")))
        assert post(client).status_code == 500
    assert post(client).status_code == 302
    assert Inquiry.objects.count() == 1


def test_limit_and_window_come_from_settings(client, settings):
    settings.INQUIRY_RATE_LIMIT = 2
    settings.INQUIRY_RATE_WINDOW_SECONDS = 60
    assert post(client).status_code == 302
    assert post(client).status_code == 302
    response = post(client)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert Inquiry.objects.count() == 2


def test_a_request_stops_counting_when_its_window_ends(client, settings):
    settings.INQUIRY_RATE_LIMIT = 1
    # The window must outlast the first two posts, however busy the machine: each try is a
    # new client with a window twice as long, until the two fit in one.
    window, ip = 1, 1
    while True:
        settings.INQUIRY_RATE_WINDOW_SECONDS = window
        started = time.monotonic()
        first, second = post(client, ip=f"203.0.113.{ip}"), post(client, ip=f"203.0.113.{ip}")
        if time.monotonic() - started < window:
            break
        window, ip = window * 2, ip + 1
    assert (first.status_code, second.status_code) == (302, 429)
    stored = Inquiry.objects.count()
    # Refused until the window ends. At its very end the cache may still hold the slot when
    # the form is refused, and no longer when the form is shown again (200, not 429):
    # that patient sends it again too.
    deadline = time.monotonic() + window + 10
    while (status := post(client, ip=f"203.0.113.{ip}").status_code) != 302:
        assert status in (200, 429)
        assert time.monotonic() < deadline, "the request still counts after its window"
        time.sleep(0.1)
    assert Inquiry.objects.count() == stored + 1


def test_the_time_to_send_after_names_the_day_when_it_is_not_today():
    moment = timezone.make_aware(datetime.datetime(2030, 3, 5, 15, 40))
    assert moment_text(moment) == "3:40 pm on Tuesday 5 March"
    soon = timezone.localtime().replace(hour=9, minute=5)
    assert moment_text(soon) == "9:05 am"


def test_only_posts_count(client, settings):
    settings.INQUIRY_RATE_LIMIT = 1
    for _ in range(5):
        assert client.get("/contact/", REMOTE_ADDR="203.0.113.7").status_code == 200
    assert post(client).status_code == 302


def test_each_client_ip_has_its_own_limit(client, settings):
    settings.INQUIRY_RATE_LIMIT = 1
    assert post(client, ip="203.0.113.7").status_code == 302
    assert post(client, ip="203.0.113.7").status_code == 429
    assert post(client, ip="198.51.100.9").status_code == 302


def test_forwarded_header_is_ignored_unless_configured(client, settings):
    settings.INQUIRY_RATE_LIMIT = 1
    settings.CLIENT_IP_HEADER = ""
    assert post(client, HTTP_X_FORWARDED_FOR="192.0.2.1").status_code == 302
    # A client cannot dodge the limit by forging the header.
    assert post(client, HTTP_X_FORWARDED_FOR="192.0.2.2").status_code == 429


def test_configured_proxy_header_identifies_the_client(client, settings):
    settings.INQUIRY_RATE_LIMIT = 1
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    proxy = "10.0.0.1"
    # The proxy appends the address it saw; anything before it came from the client.
    assert post(client, ip=proxy, HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.1").status_code == 302
    assert post(client, ip=proxy, HTTP_X_FORWARDED_FOR="7.7.7.7, 192.0.2.1").status_code == 429
    assert post(client, ip=proxy, HTTP_X_FORWARDED_FOR="192.0.2.2").status_code == 302


def test_unusable_proxy_header_falls_back_to_the_connection_address(client, settings):
    settings.INQUIRY_RATE_LIMIT = 1
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    assert post(client, ip="203.0.113.7", HTTP_X_REAL_IP="not an ip").status_code == 302
    assert post(client, ip="203.0.113.7").status_code == 429


def test_the_counts_outlast_a_page_store_that_fills_its_cache(client, settings):
    """Pages fill the shared cache until it evicts (the database cache culls a third of its
    table past MAX_ENTRIES, a full Redis its least used keys): never the counts."""
    settings.INQUIRY_RATE_LIMIT = 2
    default = settings.CACHES["default"]
    settings.CACHES = {
        **settings.CACHES,
        "default": {**default, "OPTIONS": {**default.get("OPTIONS", {}), "MAX_ENTRIES": 5}},
    }
    assert post(client).status_code == 302
    assert post(client).status_code == 302
    for word in ["als", "ataxia", "stroke", "autism", "lupus", "arthritis", "burns", "cells"]:
        assert client.get("/search/", {"q": word}).status_code == 200
    assert post(client).status_code == 429
    assert Inquiry.objects.count() == 2
