"""The editor's uploads: only from the site itself, no script injection, no decompression bombs."""

import io
import struct
import zlib
from functools import partial

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.models import Article

pytestmark = pytest.mark.django_db

ADMIN = f"/{settings.ADMIN_PATH}"
SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin"}


def png(width=8, height=8, mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, (width, height)).save(buffer, format="PNG")
    return buffer.getvalue()


def png_declaring(width, height):
    """A small PNG whose header claims ``width`` x ``height`` pixels (a decompression bomb)."""
    data = bytearray(png())
    header = b"IHDR" + struct.pack(">II", width, height) + bytes(data[24:29])
    data[12:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(header))
    return bytes(data)


def upload(client, content, *, name="chart.png", query="", headers=SAME_ORIGIN):
    return client.post(
        f"/ckeditor/upload/{query}",
        {"upload": SimpleUploadedFile(name, content, content_type="image/png")},
        headers=headers,
    )


def stored_uploads():
    folder = settings.MEDIA_ROOT / "uploads"
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


@pytest.mark.parametrize(
    "headers",
    [
        {},  # neither Sec-Fetch-Site nor Origin: not a browser on this site
        {"Sec-Fetch-Site": "cross-site", "Origin": "https://attacker.example"},
        {"Sec-Fetch-Site": "same-site", "Origin": "https://other.clinic.example"},
        {"Origin": "https://attacker.example"},
        {"Origin": "null"},
    ],
)
def test_an_upload_from_another_site_is_refused(editor_client, headers):
    response = upload(editor_client, png(), headers=headers)
    assert response.status_code == 403
    assert stored_uploads() == []


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"},
        {"Origin": "http://testserver"},  # a browser without Fetch metadata
    ],
)
def test_an_upload_from_the_site_itself_is_stored(editor_client, headers):
    response = upload(editor_client, png(), headers=headers)
    assert response.status_code == 200
    url = response.json()["url"]
    assert settings.MEDIA_ROOT / url.removeprefix(settings.MEDIA_URL) in stored_uploads()


@pytest.mark.parametrize("number", ["1);alert(document.domain)//", "²", "1 ", "0x1", "-1"])
def test_the_callback_number_must_be_ascii_digits(editor_client, number):
    for content in (png(), b"not an image"):  # both the success and the error answers
        response = upload(editor_client, content, query=f"?CKEditorFuncNum={number}")
        assert response.status_code == 400
        body = response.content.decode()
        assert "<script" not in body
        assert number not in body
    assert stored_uploads() == []


def test_the_editors_dialog_gets_its_callback(editor_client):
    response = upload(editor_client, png(), query="?CKEditorFuncNum=12")
    assert response.status_code == 200
    body = response.content.decode()
    assert "window.parent.CKEDITOR.tools.callFunction(12, '/media/uploads/" in body


# Made when a test runs (a real 15000 x 11000 PNG takes most of a second).
BOMBS = {
    "100000x100000-header": partial(png_declaring, 100_000, 100_000),  # past Pillow's limit
    "15000x11000-header": partial(png_declaring, 15_000, 11_000),  # under Pillow's, over ours
    "15000x11000-real": partial(png, 15_000, 11_000, mode="1"),
}


@pytest.mark.parametrize("bomb", BOMBS)
def test_an_image_with_too_many_pixels_is_refused_with_a_clear_message(editor_client, bomb):
    response = upload(editor_client, BOMBS[bomb]())
    assert response.status_code == 400
    message = response.json()["error"]["message"]
    assert "too many pixels" in message
    assert "the limit is 40 megapixels" in message
    if bomb != "100000x100000-header":  # Pillow itself refuses to open that one
        assert bomb.split("-")[0].replace("x", " x ") in message
    assert stored_uploads() == []


def test_the_pixel_limit_is_a_setting(editor_client, settings):
    settings.IMAGE_MAX_PIXELS = 8 * 8 - 1
    response = upload(editor_client, png(8, 8))
    assert response.status_code == 400
    assert "8 x 8" in response.json()["error"]["message"]


@pytest.mark.parametrize("bomb", ["100000x100000-header", "15000x11000-real"])
def test_a_hero_image_with_too_many_pixels_is_refused_in_the_admin(editor_client, bomb):
    response = editor_client.post(
        f"{ADMIN}articles/article/add/",
        {
            "title": "Stem cell therapy",
            "slug": "stem-cell-therapy",
            "kind": "treatment",
            "summary": "What it is.",
            "regulatory_status": "investigational",
            "regulatory_jurisdiction": "us_fda",
            "regulatory_statement": "In trials.",
            "regulatory_source_url": "https://www.fda.gov/vaccines-blood-biologics",
            "regulatory_checked_on": "2024-01-01",
            "clinic_offer": "not_offered",
            "body": "<p>Body</p>",
            "hero_image": SimpleUploadedFile("hero.png", BOMBS[bomb](), content_type="image/png"),
            "hero_image_alt": "A picture.",
            "status": "draft",
            "article_citations-TOTAL_FORMS": "0",
            "article_citations-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "megapixels" in response.content.decode()
    assert not Article.objects.exists()
