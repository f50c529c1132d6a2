"""The same form sent twice (a double click, a browser's retry) makes one request."""

import re
import threading

import pytest
from django_tasks_db.models import DBTaskResult

from inquiries.models import Inquiry
from inquiries.tasks import notify_coordinators
from tests.form_client import Client

from .servers import Browser

TOKEN_FIELD = re.compile(r'name="submission_token" value="([0-9a-f-]{36})"')


def form_fields(html, **overrides):
    fields = {
        "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1],
        "submission_token": TOKEN_FIELD.search(html)[1],
        "name": "Ada Patient",
        "email": "ada@example.com",
        "preferred_contact": "email",
        "consent": "on",
    }
    fields.update(overrides)
    return fields


@pytest.fixture
def browser_client(settings):
    settings.INQUIRY_NOTIFY_EMAILS = ["coordinators@clinic.example"]
    return Client(enforce_csrf_checks=True)


@pytest.mark.django_db
def test_pressing_send_twice_makes_one_request_and_one_email(
    browser_client, django_capture_on_commit_callbacks
):
    fields = form_fields(browser_client.get("/contact/").content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        first = browser_client.post("/contact/", fields)
    with django_capture_on_commit_callbacks(execute=True):
        second = browser_client.post("/contact/", fields)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == "/contact/thanks/"  # the patient sees the same thanks
    assert Inquiry.objects.count() == 1
    assert str(Inquiry.objects.get().submission_token) == fields["submission_token"]
    # One coordinators' email queued for the task worker, not two.
    assert DBTaskResult.objects.filter(task_path=notify_coordinators.module_path).count() == 1


@pytest.mark.django_db
def test_each_form_shown_has_its_own_token(browser_client):
    first = form_fields(browser_client.get("/contact/").content.decode())
    second = form_fields(browser_client.get("/contact/").content.decode(), email="bo@example.com")
    assert first["submission_token"] != second["submission_token"]
    browser_client.post("/contact/", first)
    browser_client.post("/contact/", second)
    assert Inquiry.objects.count() == 2


@pytest.mark.django_db
def test_the_token_survives_a_correction(browser_client):
    fields = form_fields(browser_client.get("/contact/").content.decode(), email="not-an-email")
    again = browser_client.post("/contact/", fields)
    assert again.status_code == 200  # the form again, with its mistake
    assert TOKEN_FIELD.search(again.content.decode())[1] == fields["submission_token"]
    fields["email"] = "ada@example.com"
    assert browser_client.post("/contact/", fields).status_code == 302
    assert browser_client.post("/contact/", fields).status_code == 302
    assert Inquiry.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["", "not-a-uuid", "x" * 5000, "' OR 1=1 --"])
def test_a_missing_or_forged_token_still_gets_the_request_through(browser_client, token):
    fields = form_fields(browser_client.get("/contact/").content.decode(), submission_token=token)
    assert browser_client.post("/contact/", fields).status_code == 302
    assert Inquiry.objects.get().submission_token is None


@pytest.mark.servers
def test_copies_sent_at_the_same_moment_make_one_request(postgres, start_site):
    """Ten copies of one form at once, on two servers: the database keeps one."""
    first = start_site(DATABASE_URL=postgres.url("clinic"), INQUIRY_RATE_LIMIT=1000)
    second = start_site(DATABASE_URL=postgres.url("clinic"), INQUIRY_RATE_LIMIT=1000)
    browser = Browser(first.url)
    fields = form_fields(browser.get("/contact/")[2])
    statuses = []

    def send(site):
        copy = Browser(site.url)
        copy.cookies = dict(browser.cookies)
        statuses.append(copy.post_form("/contact/", fields)[0])

    threads = [threading.Thread(target=send, args=(s,)) for s in [first, second] * 5]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert statuses == [302] * 10
    rows = postgres.sql("SELECT count(*) FROM inquiries_inquiry", database="clinic")
    assert rows == "1"
