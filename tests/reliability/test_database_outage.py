"""PostgreSQL down: a friendly 503 in the site's design, and back at once when it returns."""

import time

import pytest

from .servers import Browser

pytestmark = pytest.mark.servers

NO_LIMIT = 1_000_000
PHONE = "720-338-4491"


def contact_fields(token, email):
    return {
        "csrfmiddlewaretoken": token,
        "name": "Ada Patient",
        "email": email,
        "preferred_contact": "email",
        "consent": "on",
    }


def stored_emails(postgres):
    rows = postgres.sql("SELECT email FROM inquiries_inquiry ORDER BY email", database="clinic")
    return rows.splitlines()


def test_pages_answer_503_with_the_phone_number_while_the_database_is_down(postgres, start_site):
    site = start_site(DATABASE_URL=postgres.url("clinic"), INQUIRY_RATE_LIMIT=NO_LIMIT)
    browser = Browser(site.url)
    assert browser.get("/healthz")[0] == 200
    token = browser.csrf_token()

    postgres.stop()
    try:
        status, headers, body = browser.get("/healthz")
        assert status == 503
        assert '"database": "unreachable"' in body

        # Query strings bypass the page cache: these pages need the database.
        for path in ["/?from=newsletter", "/conditions/?page=1", "/contact/", "/search/?q=als"]:
            status, headers, body = browser.get(path)
            assert status == 503, path
            assert headers["Retry-After"] == "60"
            assert "We will be back in a few minutes" in body
            assert f'href="tel:{PHONE.replace("-", "")}"' in body  # a link a phone can call
            assert 'class="site-header"' in body  # the site's own design
            assert "Traceback" not in body
            assert "OperationalError" not in body

        # A patient sending the form is told it did not arrive, and what to do.
        started = time.monotonic()
        status, _, body = browser.post_form(
            "/contact/", contact_fields(token, "during-outage@example.com")
        )
        assert status == 503
        assert "it has not reached us" in body
        assert "send it again" in body
        assert time.monotonic() - started < 5
    finally:
        postgres.start()

    # The very next request after PostgreSQL is back succeeds: no stale connection.
    assert browser.get("/conditions/?page=1")[0] == 200
    assert browser.get("/healthz")[0] == 200
    status, headers, _ = browser.post_form(
        "/contact/", contact_fields(token, "after-outage@example.com")
    )
    assert status == 302
    assert headers["Location"] == "/contact/thanks/"
    assert stored_emails(postgres) == ["after-outage@example.com"]


def test_each_worker_reconnects_on_its_first_request_after_a_restart(postgres, start_site):
    """Every worker holds a persistent connection (CONN_MAX_AGE) that a restart breaks."""
    site = start_site(DATABASE_URL=postgres.url("clinic"), INQUIRY_RATE_LIMIT=NO_LIMIT, workers=3)
    browser = Browser(site.url)
    for _ in range(12):  # warm every worker's connection
        assert browser.get("/healthz")[0] == 200
    postgres.stop()
    postgres.start()
    statuses = [browser.get("/conditions/?page=1")[0] for _ in range(12)]
    assert statuses == [200] * 12
