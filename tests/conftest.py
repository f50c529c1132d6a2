import pytest
from django.core.cache import cache
from django.test.utils import override_settings

from tests.factories import ArticleFactory, StaffFactory


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
