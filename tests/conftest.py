import pytest
from django.core.cache import cache

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
