"""Redis down: pages render uncached, the contact form still takes patients' requests."""

import logging
import time

import pytest

from clinic import cache as resilient

from .servers import Browser, SMTPSink, free_port, wait_until
from .test_database_outage import contact_fields, stored_emails

pytestmark = pytest.mark.servers


@pytest.fixture
def unreachable_redis(monkeypatch):
    """A ResilientRedisCache pointed at a port where nothing listens."""
    monkeypatch.setattr(resilient.ResilientRedisCache, "_resting_until", 0.0)
    monkeypatch.setattr(resilient.ResilientRedisCache, "_down", False)
    return resilient.ResilientRedisCache(
        f"redis://127.0.0.1:{free_port()}/0",
        {"OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}},
    )


def test_every_cache_operation_degrades_instead_of_raising(unreachable_redis, caplog):
    cache = unreachable_redis
    with caplog.at_level(logging.WARNING, logger="clinic.cache"):
        assert cache.get("page", "fallback") == "fallback"
        assert cache.get("page") is None
        assert cache.add("limit", 1) is False
        cache.set("page", "html")
        assert cache.get_many(["a", "b"]) == {}
        assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
        assert cache.has_key("page") is False
        assert cache.touch("page") is False
        assert cache.delete("page") is False
        cache.delete_many(["a"])
        assert cache.clear() is False
        assert cache.get_or_set("version", "new") == "new"
        with pytest.raises(ValueError, match="unreachable"):
            cache.incr("limit")
    warnings = [r for r in caplog.records if "Redis is unreachable" in r.getMessage()]
    assert len(warnings) == 1  # once per outage, not once per call


def test_after_a_failure_redis_is_left_alone_for_a_while(unreachable_redis, monkeypatch):
    calls = []
    original = resilient.RedisCache.get

    def counting_get(self, *args, **kwargs):
        calls.append(args)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(resilient.ResilientRedisCache, "get", resilient._degrades_to(
        resilient._default)(counting_get))  # fmt: skip
    started = time.monotonic()
    for _ in range(50):
        unreachable_redis.get("page")
    assert len(calls) == 1
    assert time.monotonic() - started < 1


def test_a_hung_redis_costs_one_short_timeout_then_nothing(monkeypatch):
    """A Redis that accepts connections and never answers (the stalling SMTP sink stands in)."""
    monkeypatch.setattr(resilient.ResilientRedisCache, "_resting_until", 0.0)
    monkeypatch.setattr(resilient.ResilientRedisCache, "_down", False)
    hung = SMTPSink(stall=True)
    try:
        cache = resilient.ResilientRedisCache(
            f"redis://127.0.0.1:{hung.port}/0",
            {"OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}},
        )
        started = time.monotonic()
        assert cache.get("page", "fallback") == "fallback"
        assert time.monotonic() - started < 2
        started = time.monotonic()
        for _ in range(100):
            assert cache.get("page") is None
        assert time.monotonic() - started < 0.1
    finally:
        hung.stop()


def test_the_site_keeps_working_while_redis_is_down(postgres, redis_server, start_site):
    site = start_site(
        DATABASE_URL=postgres.url("clinic"),
        REDIS_URL=redis_server.url(),
        INQUIRY_RATE_LIMIT=2,
        DJANGO_LOG_LEVEL="WARNING",
    )
    browser = Browser(site.url)
    assert browser.get("/")[0] == 200
    token = browser.csrf_token()
    assert browser.post_form("/contact/", contact_fields(token, "one@example.com"))[0] == 302
    assert browser.post_form("/contact/", contact_fields(token, "two@example.com"))[0] == 302
    assert browser.post_form("/contact/", contact_fields(token, "three@example.com"))[0] == 429

    redis_server.stop()
    for path in ["/", "/conditions/", "/treatments/", "/search/?q=als", "/contact/", "/healthz"]:
        assert browser.get(path)[0] == 200, path
    # The rate limit fails open: patients are not turned away because Redis is down.
    for n in range(4):
        status, headers, _ = browser.post_form(
            "/contact/", contact_fields(browser.csrf_token(), f"down{n}@example.com")
        )
        assert status == 302
        assert headers["Location"] == "/contact/thanks/"
    assert browser.get("/contact/thanks/")[0] == 200
    assert stored_emails(postgres) == sorted(
        ["one@example.com", "two@example.com"] + [f"down{n}@example.com" for n in range(4)]
    )
    log = site.log_path.read_text()
    assert "Redis is unreachable" in log
    assert "Traceback" not in log

    # Redis back (empty): after the retry interval the limit holds again.
    redis_server.start()
    time.sleep(resilient.RETRY_AFTER_SECONDS + 0.5)
    statuses = [
        browser.post_form("/contact/", contact_fields(token, f"back{n}@example.com"))[0]
        for n in range(4)
    ]
    assert statuses == [302, 302, 429, 429]
    wait_until(lambda: "Redis answers again" in site.log_path.read_text(), timeout=5)
