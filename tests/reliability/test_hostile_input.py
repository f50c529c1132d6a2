"""Malformed and oversized requests get a 4xx, never a 500."""

from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client as DjangoClient

from inquiries.models import Inquiry
from tests.factories import ArticleFactory
from tests.form_client import Client
from tests.signing_in import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.fixture(autouse=True)
def _pages(settings):
    settings.INQUIRY_RATE_LIMIT = 10**9
    ArticleFactory(slug="als", title="ALS")


def valid_fields(**overrides):
    fields = {"name": "Ada", "email": "ada@example.com", "preferred_contact": "email"}
    fields["consent"] = "on"
    fields.update(overrides)
    return fields


def test_an_oversized_body_is_refused(client):
    big = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post("/contact/", valid_fields(message=big))
    assert response.status_code == 413
    assert not Inquiry.objects.exists()


@pytest.mark.parametrize(
    "content_type", ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]
)
def test_a_public_body_past_the_limit_is_refused_unread(client, content_type):
    """A few tens of kilobytes: far more than the contact form's fields, far less than
    Django's own limit (2.5 MB in memory, files of any size to disk)."""
    body = b"message=" + b"x" * settings.PUBLIC_REQUEST_MAX_BYTES
    response = client.generic("POST", "/contact/", body, content_type=content_type)
    assert response.status_code == 413
    assert not Inquiry.objects.exists()
    small = client.post("/contact/", valid_fields(message="x" * 2000))
    assert small.status_code in {200, 302}


def test_too_many_fields_are_refused(client):
    fields = valid_fields()
    fields.update({f"f{n}": "1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)})
    body = urlencode(fields)  # as a browser sends a form: well under the size limit
    response = client.post("/contact/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert not Inquiry.objects.exists()


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("multipart/form-data", b'--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nA'),
        ("multipart/form-data; boundary=", b"--\r\n\r\n"),
        ("multipart/form-data; boundary=x", b"--x\r\nContent-Disposition: form-data\r\n\r\nA"),
        ("multipart/form-data; boundary=x", b"\xff\xfe\x00garbage"),
        ("multipart/form-data; boundary=" + "x" * 300, b"--x"),
        ("application/x-www-form-urlencoded", b"name=%ff%fe&email=%C0%80&consent=on"),
        ("application/x-www-form-urlencoded", b"%%%%&&&===;;;"),
        ("application/x-www-form-urlencoded; charset=nonexistent-charset", b"name=A"),
        ("application/json", b'{"name": "A"}'),
        ("text/plain", b"\x00" * 100),
    ],
)
def test_malformed_bodies_get_a_4xx_or_the_form_again(client, content_type, body):
    response = client.generic("POST", "/contact/", body, content_type=content_type)
    # 200: not stored, the form again; 415: a multipart body, refused unread.
    assert response.status_code in {200, 400, 415}
    assert not Inquiry.objects.exists()


@pytest.mark.parametrize("path", ["/contact/", "/es/contacto/", "/search/"])
def test_a_public_page_refuses_a_multipart_body_unread(client, path):
    """The public forms have no file field: a browser sends them URL-encoded. A multipart
    body (what carries a file to disk) is refused before Django parses it, however small."""
    fields = valid_fields(message="I would like to talk about ALS.")
    response = DjangoClient().post(path, fields)  # multipart, as Django's client sends it
    assert response.status_code == 415
    assert response["Content-Type"].startswith("text/plain")
    assert not Inquiry.objects.exists()
    assert client.post("/contact/", fields).status_code == 302  # URL-encoded: accepted


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND"])
@pytest.mark.parametrize("path", ["/contact/", "/contact/thanks/", "/", "/conditions/als/"])
def test_wrong_methods_get_405(client, method, path):
    response = client.generic(method, path)
    assert response.status_code == 405
    assert "GET" in response["Allow"]


@pytest.mark.parametrize("path", ["/search/", "/conditions/", "/conditions/als/", "/healthz"])
def test_posting_to_pages_that_only_read_gets_405_or_403(client, path):
    response = client.post(path, {"q": "x"})
    assert response.status_code in {403, 405}


@pytest.mark.parametrize(
    "path",
    [
        "/conditions/../admin/",
        "/conditions/%2e%2e/%2e%2e/etc/passwd",
        "/conditions/..%2f..%2fetc%2fpasswd/",
        "/conditions/als%2f..%2f/",
        "/conditions/als%00/",
        "/conditions/%ff%fe/",
        "/conditions/%C0%AE%C0%AE/",
        "/conditions/" + "a" * 5000 + "/",
        "/conditions/" + "%e2%80%ae" * 200 + "/",
        "/treatments/als/",  # the wrong kind: a redirect to the right one
        "/conditions/ALS/",
        "/conditions/als/%0d%0aSet-Cookie:x=1",
        "/media/../clinic/settings.py",
        "/media/%2e%2e/%2e%2e/clinic/settings.py",
        "/media/uploads/%00.png",
        "/static/../clinic/settings.py",
        "/%2f%2fevil.example/",
        "/\\evil.example/",
    ],
)
def test_path_tricks_get_a_redirect_or_a_4xx(client, path):
    response = client.get(path)
    assert response.status_code in {301, 302, 400, 404}, response.status_code
    if response.status_code in {301, 302}:
        location = response["Location"]
        assert location.startswith("/")
        assert not location.startswith(("//", "/\\"))
        assert "\n" not in location
        assert "\r" not in location
    assert "SECRET_KEY" not in response.content.decode("utf-8", "replace")


@pytest.mark.parametrize(
    "query",
    ["q=%ff%fe", "q=" + "a" * 100_000, "q=%00", "q=a&q=b&q=c", "topic=%ff", "topic=%00", "page=-1"],
)
def test_odd_query_strings_are_harmless(client, query):
    for path in ["/search/", "/contact/", "/conditions/"]:
        response = client.get(f"{path}?{query}")
        assert response.status_code in {200, 400}, (path, query)


def test_a_header_the_site_does_not_trust_is_ignored(client, settings):
    """Without DJANGO_CLIENT_IP_HEADER, a forged X-Forwarded-For cannot dodge the limit."""
    settings.INQUIRY_RATE_LIMIT = 2
    statuses = [
        client.post(
            "/contact/",
            valid_fields(message=f"Question {n}"),
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        ).status_code
        for n in range(3)
    ]
    assert statuses == [302, 302, 429]  # the third is not stored: the form again, saying when


def test_a_bad_host_header_is_refused(client):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400


# Digits that are not ASCII: str.isdigit() is True for "²" and "٣", int() refuses "²".
UNICODE_NUMBERS = ["²", "٣", "①", "1²", "9" * 400, "1e3", " 2", "0", "-5"]


@pytest.mark.parametrize("number", UNICODE_NUMBERS)
def test_a_search_page_number_that_is_not_a_number_shows_the_first_page(client, number):
    ArticleFactory(slug="stem-cells", title="Stem cell therapy")
    response = client.get("/search/", {"q": "stem", "page": number})
    assert response.status_code == 200
    assert "Stem cell therapy" in response.content.decode()


@pytest.mark.parametrize("number", UNICODE_NUMBERS)
@pytest.mark.parametrize("parameter", ["assigned", "about"])
def test_admin_filters_ignore_numbers_that_are_not_numbers(client, coordinator, parameter, number):
    sign_in(client, coordinator)
    response = client.get(f"/{settings.ADMIN_PATH}inquiries/inquiry/", {parameter: number})
    assert response.status_code in {200, 302}, response.status_code
    if response.status_code == 302:  # the admin's own answer to a value it cannot use
        assert "e=1" in response["Location"]
