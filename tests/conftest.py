import io
import signal

import pytest
from django.core.cache import cache
from django.core.management import call_command

from tests.factories import ArticleFactory, StaffFactory


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
    """Look up a group the inquiries data migrations create ("Care coordinators", "Editors")."""
    from django.contrib.auth.models import Group

    def get(name):
        if not Group.objects.filter(name=name).exists():
            # A transactional test elsewhere flushed the database, and the migration's rows
            # with it: apply the migration's own function again.
            from django.apps import apps
            from django.utils.module_loading import import_string

            import_string("inquiries.migrations.0002_groups.create_groups")(apps, None)
            import_string("inquiries.migrations.0005_coordinators_view_tasks.grant")(apps, None)
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
