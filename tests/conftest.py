import contextlib
import functools
import hashlib
import io
import signal
import subprocess
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import translation

from clinic.models import SiteSettings
from tests.factories import ArticleFactory, ReviewerFactory, StaffFactory
from tests.form_client import Client
from tests.signing_in import sign_in

ROOT = Path(__file__).resolve().parents[1]
TRACKED_AT_START = pytest.StashKey()
WRITTEN_BY_TESTS = pytest.StashKey()


def _tracked_changes():
    """{path: digest} of tracked files that differ from the last commit; None outside git."""
    try:
        status = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "--no-renames"],
            cwd=ROOT, capture_output=True, text=True, timeout=60, check=True,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    paths = (line[3:] for line in status.stdout.splitlines())
    return {
        path: hashlib.sha256((ROOT / path).read_bytes()).hexdigest()
        if (ROOT / path).is_file()
        else None
        for path in paths
    }


def _compile_stale_translations():
    """Compile a catalogue whose .mo is missing or older than its .po, as `make test` does,
    so that `pytest` alone (after a pull, or an edit of a .po) tests the current words."""
    from clinic.management.commands.compile_translations import compile_catalogues

    for po_path in (ROOT / "locale").glob("*/LC_MESSAGES/*.po"):
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            compile_catalogues([ROOT / "locale"])
            return


def pytest_sessionstart(session):
    session.config.stash[TRACKED_AT_START] = _tracked_changes()
    _compile_stale_translations()


def pytest_sessionfinish(session, exitstatus):
    """A test run leaves the work tree clean: no tracked file written (screenshots go to
    tests/browser/.artifacts/ unless UPDATE_SCREENSHOTS=1 asks for docs/screenshots/)."""
    before = session.config.stash.get(TRACKED_AT_START, None)
    after = _tracked_changes()
    if before is None or after is None:
        return
    written = sorted(path for path, digest in after.items() if before.get(path, "") != digest)
    if written:
        session.config.stash[WRITTEN_BY_TESTS] = written
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, config):
    written = config.stash.get(WRITTEN_BY_TESTS, None)
    if written:
        terminalreporter.section("tracked files written by the tests", red=True)
        for path in written:
            terminalreporter.line(path)


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    """MD5 instead of PBKDF2 in tests (as cookiecutter-django does): a test signs in often,
    and PBKDF2 is slow on purpose. Production keeps Django's default hashers."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


def _clear_cache():
    """Empty the caches (every alias: the rate limit's too). Production without Redis (so
    this suite's SQLite pass) keeps them in the database: a test without database access,
    or that broke the database on purpose, cannot have written there, nor clear it."""
    for alias in django_settings.CACHES:
        try:
            caches[alias].clear()
        except DatabaseError:
            pass
        except RuntimeError as error:
            if "Database access not allowed" not in str(error):
                raise


@pytest.fixture(autouse=True)
def _isolated_state(settings, tmp_path):
    """Each test starts with an empty cache and its own media folder, and ends in the
    default language (a request to /es/ leaves Spanish active in the test's thread, where
    the next test's reverse() would build Spanish URLs)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    _clear_cache()
    yield
    _clear_cache()
    translation.deactivate()


CACHE_TABLES = (django_settings.CACHE_TABLE, django_settings.RATELIMIT_CACHE_TABLE)


def _page_queries(context):
    """The SQL a request ran, without the database caches' own queries and the savepoints
    around them: the figure is the same whichever cache runs (the database in the SQLite
    pass, Redis in the PostgreSQL one), and counts what the page asks, not its bookkeeping
    (the rate limit's counts are in the database in both)."""
    return [
        q["sql"]
        for q in context.captured_queries
        if not any(table in q["sql"] for table in CACHE_TABLES) and "SAVEPOINT" not in q["sql"]
    ]


@contextlib.contextmanager
def _assert_queries(num, *, exact):
    with CaptureQueriesContext(connection) as context:
        yield context
    queries = _page_queries(context)
    failed = len(queries) != num if exact else len(queries) > num
    assert not failed, (
        f"Expected {'' if exact else 'at most '}{num} queries, ran {len(queries)}:\n"
        + "\n".join(queries)
    )


@pytest.fixture
def django_assert_num_queries():
    """pytest-django's fixture, counting what the page runs, not the cache (see above)."""
    return functools.partial(_assert_queries, exact=True)


@pytest.fixture
def django_assert_max_num_queries():
    """pytest-django's fixture, counting what the page runs, not the cache (see above)."""
    return functools.partial(_assert_queries, exact=False)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed():`` around a write in the test's transaction: leaving the block
    runs what waits for a commit (the page store's new versions), as a real commit would."""
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture(scope="session")
def s3_endpoint():
    """moto's S3-compatible server on a free loopback port, for the whole run."""
    from tests.s3 import start_server

    server, endpoint = start_server()
    yield endpoint
    server.stop()


@pytest.fixture
def s3_media(settings, s3_endpoint):
    """Media in a new, empty bucket on the loopback S3 server, as DJANGO_MEDIA_S3_* set it."""
    from ckeditor_uploader import utils as ckeditor_utils
    from django.utils.functional import empty

    from tests.s3 import Bucket

    bucket = Bucket.create(s3_endpoint)
    settings.STORAGES = {**settings.STORAGES, "default": bucket.storage_settings()}
    # django-ckeditor keeps a lazy default storage of its own, which a change of settings
    # does not reset (in production the settings never change).
    ckeditor_utils.storage._wrapped = empty
    yield bucket
    ckeditor_utils.storage._wrapped = empty


STORAGE_ACCESS = (
    "open",
    "save",
    "delete",
    "exists",
    "listdir",
    "size",
    "path",
    "get_available_name",
    "get_accessed_time",
    "get_created_time",
    "get_modified_time",
)


@pytest.fixture
def no_storage_access(monkeypatch):
    """Call to make every read or write of the default storage fail; building URLs still works."""
    from django.core.files.storage import storages

    def forbid():
        storage = storages["default"]  # what default_storage and every FileField use
        for name in STORAGE_ACCESS:

            def refuse(*args, _name=name, **kwargs):
                raise AssertionError(f"storage.{_name}() called")

            monkeypatch.setattr(storage, name, refuse)

    return forbid


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's superuser client, past the second factor as every staff session."""
    return sign_in(client, admin_user)


@pytest.fixture
def staff_client(client, db):
    return sign_in(client, StaffFactory(username="staff"))


@pytest.fixture
def editor_client(client, db):
    """A staff member with every articles and site-settings permission (an editor)."""
    from django.contrib.auth.models import Permission

    editor = StaffFactory(username="editor")
    editor.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["articles", "clinic"])
    )
    return sign_in(client, editor)


@pytest.fixture
def clinic_phone(db, committed):
    """The clinic's phone number set in the site settings: (303) 555-0142."""
    with committed():
        site = SiteSettings.load()
        site.phone = "(303) 555-0142"
        site.save()
    return site.phone


@pytest.fixture
def published_condition(db):
    return ArticleFactory(title="Amyotrophic lateral sclerosis (ALS)", slug="als")


@pytest.fixture
def staff_group(db):
    """Look up a staff group ("Care coordinators", "Editors"; made by every migrate)."""
    from django.contrib.auth.models import Group

    def get(name):
        return Group.objects.get(name=name)

    return get


@pytest.fixture
def coordinator(staff_group):
    """A staff member in the Care coordinators group."""
    user = StaffFactory(username="coordinator", first_name="Maria", last_name="Lopez")
    user.groups.add(staff_group("Care coordinators"))
    return user


@pytest.fixture
def coordinator_client(client, coordinator):
    return sign_in(client, coordinator)


@pytest.fixture
def reviewer(db):
    """Dr. A. Rao, MD, neurologist: a staff member in the Medical reviewers group."""
    return ReviewerFactory()


@pytest.fixture
def reviewer_client(client, reviewer):
    return sign_in(client, reviewer)


@pytest.fixture
def group_editor(staff_group):
    """A staff member in the Editors group, with that group's permissions only."""
    user = StaffFactory(username="ed", email="ed@clinic.example")
    user.groups.add(staff_group("Editors"))
    return user


@pytest.fixture
def group_editor_client(client, group_editor):
    return sign_in(client, group_editor)


@pytest.fixture
def run_tasks():
    """Run the task worker (``manage.py db_worker --batch``) until no task is due.

    For tests with real commits (``django_db(transaction=True)``): the worker takes each
    task in a transaction of its own, as in production.
    """

    def run():
        handlers = {number: signal.getsignal(number) for number in WORKER_SIGNALS}
        try:
            call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload",
                         "--queue-name", "*", stdout=io.StringIO())  # fmt: skip
        finally:
            # The worker takes over Ctrl-C; give it back to pytest.
            for number, handler in handlers.items():
                signal.signal(number, handler)

    return run


WORKER_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)


@pytest.fixture
def client():
    """pytest-django's client, posting forms URL-encoded as a browser does (form_client.py)."""
    return Client()
