"""PostgreSQL down: a friendly 503 in the site's design, and back at once when it returns."""

import time

import pytest

from clinic.models import SiteSettings
from tests.factories import contact_form_data

from .servers import NO_LIMIT, Browser

pytestmark = pytest.mark.servers

# Without the database the site settings cannot be read: the error page shows the
# model's defaults, the phone number included (clinic.views.site_for_error_page).
FALLBACK = SiteSettings()


def test_pages_answer_503_with_the_phone_number_while_the_database_is_down(
    postgres, start_site, stored_emails
):
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
            # A link a phone can call.
            assert f'<a href="{FALLBACK.phone_href}">{FALLBACK.phone}</a>' in body
            assert 'class="site-header"' in body  # the site's own design
            assert "Traceback" not in body
            assert "OperationalError" not in body

        # A patient sending the form is told it did not arrive, and what to do.
        started = time.monotonic()
        status, _, body = browser.post_form(
            "/contact/",
            contact_form_data(csrfmiddlewaretoken=token, email="during-outage@example.com"),
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
        "/contact/", contact_form_data(csrfmiddlewaretoken=token, email="after-outage@example.com")
    )
    assert status == 302
    assert headers["Location"] == "/contact/thanks/"
    assert stored_emails() == ["after-outage@example.com"]


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
