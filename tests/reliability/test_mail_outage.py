"""Mail server down or hanging: the request is saved, the patient thanked at once, the
failure logged, and the task worker's retry delivers the email once the mail server is
back. A worker killed mid-run and started again loses no email."""

import threading
import time

import pytest

from tests.factories import contact_form_data

from .servers import (
    MESSAGE_ID,
    NO_LIMIT,
    Browser,
    SMTPSink,
    free_port,
    manage,
    sent,
    site_environment,
    wait_until,
)

pytestmark = pytest.mark.servers


def count(postgres, where):
    query = f"SELECT count(*) FROM inquiries_inquiry {where}"  # noqa: S608 (this file's own)
    return int(postgres.sql(query, database="clinic"))


def tasks_waiting(postgres):
    return int(
        postgres.sql(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult "
            "WHERE status IN ('READY', 'RUNNING')",
            database="clinic",
        )
    )


@pytest.mark.parametrize("failure", ["down", "hanging"])
def test_the_patient_is_thanked_at_once_and_the_worker_retries_until_sent(
    postgres, start_site, start_worker, failure
):
    mail_port = free_port()
    broken = SMTPSink(stall=True, port=mail_port) if failure == "hanging" else None
    sink = None
    settings = {
        "DATABASE_URL": postgres.url("clinic"),
        "INQUIRY_RATE_LIMIT": NO_LIMIT,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": mail_port,
        "EMAIL_TIMEOUT": 3,
        # Retries after 1 s, 2, 4... (1 min, 2, 4... in production).
        "INQUIRY_EMAIL_RETRY_SECONDS": 1,
    }
    try:
        site = start_site(**settings)
        worker = start_worker(**settings)
        browser = Browser(site.url)
        token = browser.csrf_token()
        started = time.monotonic()
        status, headers, _ = browser.post_form(
            "/contact/",
            contact_form_data(csrfmiddlewaretoken=token, email=f"{failure}@example.com"),
        )
        assert status == 302
        assert browser.get(headers["Location"])[0] == 200
        assert time.monotonic() - started < 1.5  # not held up by the mail server
        wait_until(
            lambda: (
                "the email to the coordinators failed (attempt 2" in worker.log_path.read_text()
            ),
            timeout=30,
            what="the worker's logged failures",
        )
        assert count(postgres, "WHERE notified_at IS NULL") == 1
        assert count(postgres, "WHERE confirmation_sent_at IS NULL") == 1
        inquiry_id = int(postgres.sql("SELECT id FROM inquiries_inquiry", database="clinic"))

        # The mail server comes back where it was: the worker's next retry delivers.
        if broken:
            broken.stop()
        sink = SMTPSink(port=mail_port)
        wait_until(
            lambda: (
                count(postgres, "WHERE notified_at IS NULL OR confirmation_sent_at IS NULL") == 0
            ),
            timeout=30,
            what="the retried emails",
        )
        wait_until(lambda: tasks_waiting(postgres) == 0, timeout=10, what="no retry left")
        assert sent(sink, "coordinators") == [inquiry_id]  # exactly once
        assert sent(sink, "confirmation") == [inquiry_id]
        [coordinators] = [m for m in sink.messages if MESSAGE_ID.search(m)[2] == "coordinators"]
        assert f"New care-coordinator request #{inquiry_id}" in coordinators
        assert f"{failure}@example.com" not in coordinators  # no patient details
        failed_attempts = postgres.sql(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'FAILED' "
            "AND task_path = 'inquiries.tasks.notify_coordinators'",
            database="clinic",
        )
        assert int(failed_attempts) >= 2  # each one in the admin, with its error
    finally:
        for server in (sink, broken):
            if server:
                server.stop()


def test_a_worker_killed_mid_run_and_started_again_loses_no_email(
    postgres, start_site, start_worker
):
    submissions, clients = 60, 4
    # Until the kill, each message takes the mail server 0.3 s to accept: time to kill the
    # worker in the worst place, when the server has the message and the worker has not
    # yet recorded it.
    sink = SMTPSink(delay=0.3)
    settings = {
        "DATABASE_URL": postgres.url("clinic"),
        "INQUIRY_RATE_LIMIT": NO_LIMIT,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": sink.port,
        # A task "running" for 2 s has lost its worker here (10 min in production).
        "DJANGO_TASK_LOST_AFTER_SECONDS": 2,
    }
    try:
        site = start_site(**settings)
        worker = start_worker(**settings)
        thanked = []

        def client(number):
            browser = Browser(site.url)
            for n in range(number, submissions, clients):
                status, headers, _ = browser.post_form(
                    "/contact/",
                    contact_form_data(
                        csrfmiddlewaretoken=browser.csrf_token(), email=f"p{n}@example.com"
                    ),
                )
                if status == 302 and headers["Location"] == "/contact/thanks/":
                    thanked.append(n)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
        for thread in threads:
            thread.start()
        # Killed while busy (requests keep arriving, emails are going out), in the middle
        # of a send.
        wait_until(
            lambda: len(sink.messages) >= 10 and sink.accepting,
            timeout=60,
            interval=0.02,
            what="the worker in the middle of a send",
        )
        worker.kill()
        killed_after = len(sink.messages)
        sink.delay = 0
        for thread in threads:
            thread.join(timeout=120)
        assert sorted(thanked) == list(range(submissions))
        start_worker(**settings)

        # cron's periodic entry point finds the task the killed worker held, if any.
        def all_sent():
            manage("enqueue_periodic_tasks", "frequent", env=site_environment(**settings))
            return count(postgres, "WHERE notified_at IS NULL OR confirmation_sent_at IS NULL") == 0

        wait_until(all_sent, timeout=90, interval=1, what="every email")
        wait_until(lambda: tasks_waiting(postgres) == 0, timeout=10, what="an empty queue")
        ids = [
            int(i)
            for i in postgres.sql("SELECT id FROM inquiries_inquiry", database="clinic").split()
        ]
        assert len(ids) == submissions
        delivered = {kind: sent(sink, kind) for kind in ["coordinators", "confirmation"]}
        for kind, numbers in delivered.items():
            assert sorted(set(numbers)) == sorted(ids), kind
        # At least once: the email the mail server took as the worker died went out again
        # (with the same Message-ID, which mail clients show once); no other one.
        assert len(delivered["coordinators"]) + len(delivered["confirmation"]) == 2 * len(ids) + 1
        lost = int(
            postgres.sql(
                "SELECT count(*) FROM django_tasks_database_dbtaskresult "
                "WHERE exception_class_path = 'clinic.tasks.WorkerLost'",
                database="clinic",
            )
        )
        assert lost == 1  # the task it was running, and only that one
        print(f"killed after {killed_after} emails, {lost} task lost and run again; "
              f"{len(sink.messages)} delivered for {2 * submissions} expected")  # fmt: skip
    finally:
        sink.stop()
