import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.s3 import fetch

ADMIN = f"/{settings.ADMIN_PATH}"  # DJANGO_ADMIN_PATH

pytestmark = pytest.mark.django_db


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


def upload(client, name, content, content_type="image/png"):
    return client.post(
        "/ckeditor/upload/",
        {"upload": SimpleUploadedFile(name, content, content_type=content_type)},
        headers={"Sec-Fetch-Site": "same-origin"},  # as the editor's browser sends
    )


def test_editors_can_upload_a_real_image(editor_client, settings):
    response = upload(editor_client, "chart.png", png_bytes())
    assert response.status_code == 200
    data = response.json()
    assert data["uploaded"] == "1"
    assert data["url"].startswith("/media/uploads/")
    assert data["url"].endswith(".png")


def test_anonymous_visitors_cannot_upload(client):
    response = upload(client, "chart.png", png_bytes())
    assert response.status_code == 302
    assert f"{ADMIN}login/" in response["Location"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("page.html", None),  # a real PNG under an HTML name
        ("fake.png", b"<html><script>alert(1)</script></html>"),
        ("notes.pdf", b"%PDF-1.4"),
    ],
)
def test_non_images_are_refused(editor_client, name, content):
    response = upload(editor_client, name, content or png_bytes())
    assert response.status_code == 400
    assert response.json()["uploaded"] == 0


def test_oversized_images_are_refused(editor_client, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 10
    response = upload(editor_client, "chart.png", png_bytes())
    assert response.status_code == 400
    assert "too large" in response.json()["error"]["message"]


def test_uploaded_media_is_served_with_nosniff(editor_client, client):
    url = upload(editor_client, "chart.png", png_bytes()).json()["url"]
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/png"


def test_an_upload_lands_in_the_bucket_and_is_served_from_it(editor_client, s3_media):
    content = png_bytes()
    response = upload(editor_client, "Chart 1.png", content, content_type="text/html")

    assert response.status_code == 200
    url = response.json()["url"]
    prefix = f"{s3_media.endpoint}/{s3_media.name}/uploads/"
    assert url.startswith(prefix)
    key = url.removeprefix(f"{s3_media.endpoint}/{s3_media.name}/")
    assert key in s3_media.object_names()
    assert key.rsplit("/", 1)[1].startswith("chart-1-")  # a random part: not guessable
    status, headers, body = fetch(url)
    assert (status, body) == (200, content)
    # The type comes from the checked extension, not from what the browser claimed.
    assert headers["Content-Type"] == "image/png"
