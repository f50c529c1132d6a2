"""PostgreSQL restarted while 20 clients send the contact form.

Every submission that got its thank-you redirect is in the database exactly once; every
other one got the 503 page asking to send it again; and sending those again (the same
form, so the same submission token) leaves each request in the database exactly once.
"""

import collections
import threading
import time
import uuid

import pytest

from .servers import Browser

pytestmark = pytest.mark.servers

CLIENTS = 20
RUN_SECONDS = 8


def test_a_restart_in_the_middle_of_submissions_loses_and_doubles_nothing(
    postgres, start_site, record_property
):
    site = start_site(DATABASE_URL=postgres.url("clinic"), INQUIRY_RATE_LIMIT=10**9, workers=3)
    sent = []  # (fields, status, body) for every submission
    lock = threading.Lock()
    stop = threading.Event()

    def client(number):
        browser = Browser(site.url)
        token = browser.csrf_token()
        n = 0
        while not stop.is_set():
            fields = {
                "csrfmiddlewaretoken": token,
                "submission_token": str(uuid.uuid4()),
                "name": f"Client {number}",
                "email": f"c{number}-{n}@restart.example",
                "preferred_contact": "email",
                "consent": "on",
            }
            status, _, body = browser.post_form("/contact/", fields)
            with lock:
                sent.append((browser, fields, status, body))
            n += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(2)
        postgres.stop("fast")  # ends every open session, as a restart does
        time.sleep(1.5)
        postgres.start()
        time.sleep(RUN_SECONDS - 3.5)
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
