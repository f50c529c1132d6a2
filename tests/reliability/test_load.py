"""Load: 20 clients, 2,000 submissions, two gunicorn instances sharing PostgreSQL and Redis.

Every success is a row, nothing fails with a 5xx, and the rate limit counts each client's
submissions across both instances (the site sits behind a proxy that sets X-Client-IP).
"""

import collections
import threading
import time
import uuid

import pytest

from .servers import Browser

pytestmark = pytest.mark.servers

CLIENTS = 20
SUBMISSIONS_PER_CLIENT = 100
LIMIT = 75  # per client and window: each client goes past it


def test_two_thousand_submissions_on_two_instances_lose_nothing(
    postgres, redis_server, start_site, record_property
):
    shared = {
        "DATABASE_URL": postgres.url("clinic"),
        "REDIS_URL": redis_server.url(),
        "DJANGO_CLIENT_IP_HEADER": "X-Client-IP",
        "INQUIRY_RATE_LIMIT": LIMIT,
        "INQUIRY_RATE_WINDOW_SECONDS": 600,
    }
    sites = [start_site(**shared), start_site(**shared)]
    results = collections.defaultdict(collections.Counter)
    accepted = collections.defaultdict(list)
    errors = []

    def client(number):
        address = f"203.0.113.{number + 1}"
        browsers = [Browser(s.url, headers={"X-Client-IP": address}) for s in sites]
        token = browsers[0].csrf_token()
        browsers[1].cookies = dict(browsers[0].cookies)
        for n in range(SUBMISSIONS_PER_CLIENT):
            email = f"c{number}-{n}@load.example"
            fields = {
                "csrfmiddlewaretoken": token,
                "submission_token": str(uuid.uuid4()),
                "name": f"Load client {number}",
                "email": email,
                "preferred_contact": "email",
                "consent": "on",
            }
            try:
                status, _, _ = browsers[n % 2].post_form("/contact/", fields)
            except OSError as error:
                errors.append(repr(error))
                continue
            results[number][status] += 1
            if status == 302:
                accepted[number].append(email)

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    elapsed = time.monotonic() - started

    totals = sum(results.values(), collections.Counter())
    successes = totals[302]
    rows = postgres.sql("SELECT email FROM inquiries_inquiry", database="clinic").splitlines()
    record_property("load", {"statuses": dict(totals), "rows": len(rows), "seconds": elapsed})
    print(f"\nload: {dict(totals)}, {len(rows)} rows, {elapsed:.1f} s")

    assert errors == []
    assert sum(totals.values()) == CLIENTS * SUBMISSIONS_PER_CLIENT
    assert not any(status >= 500 for status in totals)
    assert set(totals) <= {302, 429}  # 429: not stored, the form again saying when
    # Each client got exactly the limit through, whichever instance it reached.
    for number in range(CLIENTS):
        assert results[number][302] == LIMIT, (number, results[number])
    assert len(rows) == successes == CLIENTS * LIMIT
    assert sorted(rows) == sorted(e for emails in accepted.values() for e in emails)
