"""PostgreSQL restarted while 20 clients send the contact form.

Every submission that got its thank-you redirect is in the database exactly once; every
other one got the 503 page asking to send it again; and sending those again (the same
form, so the same submission token) leaves each request in the database exactly once.
"""

import collections
import threading
import uuid

import pytest

from .servers import Browser, wait_until

pytestmark = pytest.mark.servers

CLIENTS = 20
# Each phase waits for what it needs, up to these bounds (a loaded machine is slow, but
# nothing here depends on its speed): submissions flowing before the stop, the outage
# seen by the clients, submissions flowing again after the restart.
SUBMISSIONS_PER_CLIENT = 25
PHASE_TIMEOUT = 120


def test_a_restart_in_the_middle_of_submissions_loses_and_doubles_nothing(
    postgres, start_site, record_property
):
    site = start_site(DATABASE_URL=postgres.url("clinic"), INQUIRY_RATE_LIMIT=10**9, workers=3)
    wait_until(
        lambda: Browser(site.url).get("/healthz")[0] == 200,
        timeout=PHASE_TIMEOUT,
        what="the site with its database",
    )
    # Every client has its form (and CSRF token) before anything is stopped.
    browsers = [Browser(site.url) for _ in range(CLIENTS)]
    tokens = [browser.csrf_token() for browser in browsers]

    sent = []  # (browser, fields, status, body) for every submission
    counts = collections.Counter()  # statuses per phase: ("before" | "outage" | "after", status)
    phase = ["before"]
    lock = threading.Lock()
    stop = threading.Event()

    def client(number):
        browser, n = browsers[number], 0
        while not stop.is_set():
            fields = {
                "csrfmiddlewaretoken": tokens[number],
                "submission_token": str(uuid.uuid4()),
                "name": f"Client {number}",
                "email": f"c{number}-{n}@restart.example",
                "preferred_contact": "email",
                "consent": "on",
            }
            try:
                status, _, body = browser.post_form("/contact/", fields)
            except OSError as error:  # recorded, and fails the test below
                status, body = type(error).__name__, ""
            with lock:
                sent.append((browser, fields, status, body))
                counts[phase[0], status] += 1
            n += 1

    def seen(wanted_phase, status, at_least):
        def condition():
            with lock:
                return counts[wanted_phase, status] >= at_least

        return condition

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    try:
        wanted = CLIENTS * SUBMISSIONS_PER_CLIENT
        wait_until(seen("before", 302, wanted), timeout=PHASE_TIMEOUT, what="submissions")
        with lock:
            phase[0] = "outage"
        postgres.stop("fast")  # ends every open session, as a restart does
        wait_until(seen("outage", 503, CLIENTS), timeout=PHASE_TIMEOUT, what="the 503 pages")
        postgres.start()
        with lock:
            phase[0] = "after"
        wait_until(seen("after", 302, wanted), timeout=PHASE_TIMEOUT, what="the recovery")
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)

    statuses = collections.Counter(status for _, _, status, _ in sent)
    successes = {fields["email"] for _, fields, status, _ in sent if status == 302}
    failed = [(browser, fields) for browser, fields, status, _ in sent if status != 302]
    stored = collections.Counter(
        postgres.sql("SELECT email FROM inquiries_inquiry", database="clinic").splitlines()
    )
    committed_but_refused = sum(1 for _, fields in failed if fields["email"] in stored)

    assert set(statuses) <= {302, 503}, statuses
    assert statuses[503] > 0  # the restart did hit submissions
    for _, _, status, body in sent:
        if status == 503:
            assert "it has not reached us" in body
            assert "send it again" in body
    for email in successes:
        assert stored[email] == 1, email

    # The patients whose page asked them to send it again do so: the same form.
    retried = collections.Counter(
        browser.post_form("/contact/", fields)[0] for browser, fields in failed
    )
    assert set(retried) == {302}
    stored = collections.Counter(
        postgres.sql("SELECT email FROM inquiries_inquiry", database="clinic").splitlines()
    )
    assert len(stored) == len(sent)
    assert set(stored.values()) == {1}

    figures = {
        "submissions": len(sent),
        "statuses": dict(statuses),
        "committed_but_refused": committed_but_refused,
        "rows_after_retry": sum(stored.values()),
    }
    record_property("restart", figures)
    print(f"\nrestart: {figures}")
