import hashlib
import subprocess
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test.utils import override_settings

from tests.factories import ArticleFactory, StaffFactory

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


def pytest_sessionstart(session):
    session.config.stash[TRACKED_AT_START] = _tracked_changes()


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


@pytest.fixture(autouse=True)
def _isolated_state(settings, tmp_path):
    """Each test starts with an empty cache and its own media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff_client(client, db):
    client.force_login(StaffFactory(username="staff"))
    return client


@pytest.fixture
def editor_client(client, db):
    """A staff member with every articles and site-settings permission (an editor)."""
    from django.contrib.auth.models import Permission

    editor = StaffFactory(username="editor")
    editor.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["articles", "clinic"])
    )
    client.force_login(editor)
    return client


@pytest.fixture
def published_condition(db):
    return ArticleFactory(title="Amyotrophic lateral sclerosis (ALS)", slug="als")


@pytest.fixture
def staff_group(db):
    """Look up a group the inquiries data migration creates ("Care coordinators", "Editors")."""
    from django.contrib.auth.models import Group

    def get(name):
        if not Group.objects.filter(name=name).exists():
            # A transactional test elsewhere flushed the database, and the migration's rows
            # with it: apply the migration's own function again.
            from django.apps import apps
            from django.utils.module_loading import import_string

            import_string("inquiries.migrations.0002_groups.create_groups")(apps, None)
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
    client.force_login(coordinator)
    return client
