"""Security headers: Content-Security-Policy, Permissions-Policy, caching of staff pages."""

import re

import pytest
from django.conf import settings

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.I)


def directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def public_pages():
    article = ArticleFactory(slug="als", title="ALS")
    return ["/", "/conditions/", "/treatments/", article.get_absolute_url(), "/search/?q=als"]


def test_public_pages_send_the_strict_policy(client):
    for url in public_pages():
        policy = directives(client.get(url))
        assert policy["default-src"] == ["'self'"], url
        assert policy["script-src"] == ["'self'"], url
        assert policy["style-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["form-action"] == ["'self'"]
        assert policy["img-src"] == ["'self'", "data:"]
        assert policy["frame-src"] == [
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ]


def test_the_contact_form_and_error_pages_send_the_strict_policy(client):
    for url in ["/contact/", "/privacy/", "/no-such-page/"]:
        policy = directives(client.get(url))
        assert policy["script-src"] == ["'self'"], url
        assert policy["frame-ancestors"] == ["'none'"], url


def test_the_video_hosts_allowed_as_frames_are_the_sanitizers(client):
    from articles.text.sanitize import IFRAME_SOURCES

    hosts = {source.split("/")[2] for source in IFRAME_SOURCES}
    policy = directives(client.get("/"))
    assert {source.split("/")[2] for source in policy["frame-src"]} == hosts


def test_public_pages_have_no_inline_script_or_style(client):
    """What the strict policy would block: inline scripts, event handlers, styles."""
    for url in [*public_pages(), "/contact/", "/privacy/", "/no-such-page/"]:
        html = client.get(url).content.decode()
        assert not INLINE_SCRIPT.search(html), url
        assert not EVENT_HANDLER.search(html), url
        assert not INLINE_STYLE.search(html), url


def test_the_admin_gets_the_editors_policy(staff_client):
    policy = directives(staff_client.get(f"/{settings.ADMIN_PATH}password_change/"))
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    # Everything else stays as strict as on public pages.
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]


def test_the_editors_upload_answers_get_the_editors_policy(editor_client):
    response = editor_client.post(
        "/ckeditor/upload/?CKEditorFuncNum=1", {}, headers={"Sec-Fetch-Site": "same-origin"}
    )
    assert "<script>" in response.content.decode()
    assert "'unsafe-inline'" in directives(response)["script-src"]


def test_a_path_that_only_starts_like_the_admin_gets_the_strict_policy(client):
    policy = directives(client.get("/" + settings.ADMIN_PATH.rstrip("/") + "-not/"))
    assert policy["script-src"] == ["'self'"]


def test_permissions_policy_turns_off_powerful_features(client):
    header = client.get("/").headers["Permissions-Policy"]
    features = dict(item.strip().split("=", 1) for item in header.split(","))
    for feature in ["camera", "microphone", "geolocation", "payment", "usb"]:
        assert features[feature] == "()"
    assert features["fullscreen"].startswith("(self ")
    assert '"https://player.vimeo.com"' in features["fullscreen"]


def test_other_security_headers(client):
    response = client.get("/")
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.parametrize(
    "path", ["password_change/", "login/", "clinic/sitesettings/1/change/", "no-such-admin-page/"]
)
def test_admin_responses_are_never_stored(staff_client, path):
    response = staff_client.get(f"/{settings.ADMIN_PATH}{path}")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_the_admin_login_page_is_never_stored(client):
    response = client.get(f"/{settings.ADMIN_PATH}login/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_public_pages_may_be_indexed(client):
    ArticleFactory(slug="als")
    response = client.get("/conditions/als/")
    assert response.status_code == 200
    assert "X-Robots-Tag" not in response
