"""Fixtures for the fault and load tests: private servers, started and stopped here."""

import os

import pytest

from .servers import (
    Gunicorn,
    PrivatePostgres,
    PrivateRedis,
    TaskWorker,
    manage,
    missing_tools,
    site_environment,
)


def _require_tools():
    reason = missing_tools()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI must run the fault tests)")
        pytest.skip(reason)


@pytest.fixture(scope="session")
def private_postgres():
    """A PostgreSQL cluster of our own, with the site's schema in database ``clinic``."""
    _require_tools()
    server = PrivatePostgres()
    try:
        server.start()
        server.sql("CREATE DATABASE clinic")
        manage("migrate", "--noinput", env=site_environment(DATABASE_URL=server.url("clinic")))
        yield server
    finally:
        server.destroy()


@pytest.fixture
def postgres(private_postgres):
    """The private PostgreSQL, running, with no inquiries or tasks left from another test."""
    if not private_postgres.is_running():
        private_postgres.start()
    # The caches too: the rate limit's counts live in this database, and without Redis the
    # cached pages; a test must not inherit another's.
    private_postgres.sql(
        "TRUNCATE inquiries_inquiry, django_tasks_database_dbtaskresult, clinic_cache, "
        "clinic_ratelimit CASCADE",
        database="clinic",
    )
    yield private_postgres
    if not private_postgres.is_running():
        private_postgres.start()


@pytest.fixture
def stored_emails(postgres):
    """Call for the email addresses of the requests stored in the private PostgreSQL, sorted."""

    def read():
        rows = postgres.sql("SELECT email FROM inquiries_inquiry ORDER BY email", database="clinic")
        return rows.splitlines()

    return read


@pytest.fixture
def redis_server():
    _require_tools()
    server = PrivateRedis()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def start_site(tmp_path):
    """Start gunicorn instances of the site; every one is stopped after the test."""
    servers = []

    def start(*, workers=2, threads=1, cwd=None, **env_overrides):
        log_path = tmp_path / f"gunicorn-{len(servers)}.log"
        server = Gunicorn(
            site_environment(**env_overrides),
            workers=workers,
            threads=threads,
            log_path=log_path,
            cwd=cwd,
        )
        servers.append(server)
        server.start()
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def start_worker(tmp_path):
    """Start task workers (``manage.py db_worker``); every one is stopped after the test."""
    workers = []

    def start(*, cwd=None, **env_overrides):
        log_path = tmp_path / f"worker-{len(workers)}.log"
        worker = TaskWorker(site_environment(**env_overrides), log_path=log_path, cwd=cwd)
        workers.append(worker)
        worker.start()
        return worker

    yield start
    for worker in workers:
        worker.stop()
