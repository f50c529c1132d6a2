"""Redis down: pages render uncached, the contact form still takes patients' requests and
still counts them (the rate limit's counts live in the database)."""

import logging
import time

import pytest
from django.conf import settings
from django_redis.cache import RedisCache

from clinic.cache import RestAfterFailure
from tests.factories import contact_form_data

from .servers import Browser, SMTPSink, free_port, wait_until

pytestmark = pytest.mark.servers


@pytest.fixture(autouse=True)
def _redis_not_resting(monkeypatch):
    monkeypatch.setattr(RestAfterFailure, "_resting_until", 0.0)


def redis_cache(location):
    """The site's Redis cache (django-redis, as settings.py configures it) at ``location``."""
    return RedisCache(location, {"OPTIONS": settings.REDIS_CACHE_OPTIONS})


def test_every_cache_operation_degrades_instead_of_raising(caplog):
    cache = redis_cache(f"redis://127.0.0.1:{free_port()}/0")
    with caplog.at_level(logging.WARNING, logger="clinic.cache"):
        assert cache.get("page", "fallback") == "fallback"
        assert cache.get("page") is None
        assert not cache.add("limit", 1)
        cache.set("page", "html")
        assert cache.get_many(["a", "b"]) == {}
        cache.set_many({"a": 1, "b": 2})
        assert not cache.has_key("page")
        assert not cache.delete("page")
        cache.delete_many(["a"])
        cache.clear()
        assert cache.incr("limit") is None  # the rate limit reads None as "fail open"
    warnings = [r for r in caplog.records if "Redis is unreachable" in r.getMessage()]
    assert len(warnings) == 1  # once a minute, not once per call
    assert warnings[0].exc_info is None  # one plain line, no traceback


def test_a_hung_redis_costs_one_short_timeout_then_nothing():
    """A Redis that accepts connections and never answers (the stalling SMTP sink stands in)."""
    hung = SMTPSink(stall=True)
    try:
        cache = redis_cache(f"redis://127.0.0.1:{hung.port}/0")
        started = time.monotonic()
        assert cache.get("page", "fallback") == "fallback"
        assert time.monotonic() - started < settings.REDIS_CACHE_OPTIONS["SOCKET_TIMEOUT"] + 1
        started = time.monotonic()
        for _ in range(100):
            assert cache.get("page") is None
        assert time.monotonic() - started < 0.1
    finally:
        hung.stop()


def test_redis_is_asked_again_after_a_rest(redis_server, monkeypatch):
    cache = redis_cache(redis_server.url())
    cache.set("key", "value")
    redis_server.stop()
    assert cache.get("key") is None
    redis_server.start()  # empty: it keeps nothing on disk
    assert cache.get("key", "resting") == "resting"  # not asked yet
    monkeypatch.setattr(RestAfterFailure, "_resting_until", time.monotonic() - 1)  # time passes
    cache.set("key", "again")
    assert cache.get("key") == "again"


def test_the_site_keeps_working_while_redis_is_down(
    postgres, redis_server, start_site, stored_emails
):
    site = start_site(
        DATABASE_URL=postgres.url("clinic"),
        REDIS_URL=redis_server.url(),
        INQUIRY_RATE_LIMIT=3,
        DJANGO_LOG_LEVEL="WARNING",
    )
    browser = Browser(site.url)
    assert browser.get("/")[0] == 200
    token = browser.csrf_token()
    assert (
        browser.send_contact_form(
            contact_form_data(csrfmiddlewaretoken=token, email="one@example.com")
        )
        == 302
    )

    redis_server.stop()
    for path in ["/", "/conditions/", "/treatments/", "/search/?q=als", "/contact/", "/healthz"]:
        assert browser.get(path)[0] == 200, path
    # Patients' requests are still taken, and the rate limit still counts them: its counts
    # are in the database (the "ratelimit" cache alias), not in Redis.
    statuses = [
        browser.send_contact_form(
            contact_form_data(
                csrfmiddlewaretoken=browser.csrf_token(), email=f"down{n}@example.com"
            )
        )
        for n in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert browser.get("/contact/thanks/")[0] == 200
    assert stored_emails() == ["down0@example.com", "down1@example.com", "one@example.com"]
    log = site.log_path.read_text()
    assert "Redis is unreachable" in log
    assert "Traceback" not in log


def test_the_site_answers_while_redis_hangs(postgres, start_site, stored_emails):
    hung = SMTPSink(stall=True)
    try:
        site = start_site(
            DATABASE_URL=postgres.url("clinic"), REDIS_URL=f"redis://127.0.0.1:{hung.port}/0"
        )
        browser = Browser(site.url)
        for path in ["/", "/conditions/", "/contact/"]:
            started = time.monotonic()
            assert browser.get(path)[0] == 200, path
            # A handful of cache calls a page, each bounded by the short socket timeout.
            assert time.monotonic() - started < 5, path
        status, _, _ = browser.post_form(
            "/contact/",
            contact_form_data(csrfmiddlewaretoken=browser.csrf_token(), email="hung@example.com"),
        )
        assert status == 302
        assert stored_emails() == ["hung@example.com"]
        wait_until(lambda: "Redis is unreachable" in site.log_path.read_text(), timeout=10)
    finally:
        hung.stop()
