"""Roles hold: only those who may change articles upload, browse uploads or see drafts.

Care coordinators are staff (they use the admin for patients' requests) but have no
article permissions: the editor's upload and browse views, draft and scheduled previews,
and the admin's "view on site" shortcut must treat them as they treat the public.
"""

import datetime
import io

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ADMIN = f"/{settings.ADMIN_PATH}"


def png_upload():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, format="PNG")
    return SimpleUploadedFile("chart.png", buffer.getvalue(), content_type="image/png")


def post_upload(client):
    return client.post(
        "/ckeditor/upload/", {"upload": png_upload()}, headers={"Sec-Fetch-Site": "same-origin"}
    )


@pytest.fixture
def draft():
    return ArticleFactory(draft=True, slug="secret-draft", title="Secret draft")


@pytest.fixture
def scheduled():
    return ArticleFactory(
        slug="scheduled-page",
        title="Scheduled page",
        published_at=timezone.now() + datetime.timedelta(days=3),
    )


def test_a_coordinator_cannot_upload_through_the_editor(coordinator_client, settings):
    response = post_upload(coordinator_client)
    assert response.status_code == 403
    assert not (settings.MEDIA_ROOT / "uploads").exists()


def test_a_coordinator_cannot_browse_the_uploads(coordinator_client):
    response = coordinator_client.get("/ckeditor/browse/")
    assert response.status_code == 403


def test_an_editor_uploads_and_browses(editor_client):
    response = post_upload(editor_client)
    assert response.status_code == 200
    url = response.json()["url"]
    browse = editor_client.get("/ckeditor/browse/")
    assert browse.status_code == 200
    assert url in browse.content.decode()


def test_the_public_is_sent_to_the_login_page(client):
    for response in (post_upload(client), client.get("/ckeditor/browse/")):
        assert response.status_code == 302
        assert response["Location"].startswith(f"{ADMIN}login/")


@pytest.mark.parametrize("path", ["/conditions/secret-draft/", "/conditions/scheduled-page/"])
def test_a_coordinator_cannot_read_drafts_or_scheduled_pages(
    coordinator_client, draft, scheduled, path
):
    response = coordinator_client.get(path)
    assert response.status_code == 404
    assert "Secret draft" not in response.content.decode()


@pytest.mark.parametrize("path", ["/conditions/secret-draft/", "/conditions/scheduled-page/"])
def test_an_editor_previews_drafts_and_scheduled_pages_never_cached(
    editor_client, draft, scheduled, path
):
    response = editor_client.get(path)
    assert response.status_code == 200
    assert "Draft preview" in response.content.decode()
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control


def test_the_admins_view_on_site_shortcut_does_not_reveal_a_drafts_address(
    coordinator_client, draft
):
    content_type = ContentType.objects.get_for_model(Article)
    response = coordinator_client.get(f"{ADMIN}r/{content_type.pk}/{draft.pk}/")
    assert response.status_code == 404
    assert "secret-draft" not in response.get("Location", "")
    assert "secret-draft" not in response.content.decode()


def test_the_admins_view_on_site_shortcut_still_works_for_editors(editor_client, draft):
    content_type = ContentType.objects.get_for_model(Article)
    response = editor_client.get(f"{ADMIN}r/{content_type.pk}/{draft.pk}/")
    assert response.status_code == 302
    assert response["Location"].endswith("/conditions/secret-draft/")
