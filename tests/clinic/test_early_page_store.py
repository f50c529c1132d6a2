"""A stored page is served before the rest of the middleware stack (clinic/pagecache/early.py)
to a visitor with no query string and no session or messages cookie: the same page, with
the same headers, checked against the same versions as the view's own store.

A response served early never reached the session middleware: its request has no
``session``. That is how these tests tell the two paths apart.
"""

import pytest

from clinic.models import SiteSettings
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SAME_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cache-Control",
    "ETag",
    "Last-Modified",
)


def served_early(response):
    return not hasattr(response.wsgi_request, "session")


@pytest.fixture
def article(committed):
    with committed():
        SiteSettings.load()
        return ArticleFactory(title="Ataxia")


def test_a_stored_page_is_served_early_with_the_headers_the_whole_stack_gave_it(client, article):
    url = article.get_absolute_url()
    rendered = client.get(url)
    early = client.get(url)

    assert not served_early(rendered)
    assert served_early(early)
    assert early.status_code == 200
    assert early.content == rendered.content
    for name in SAME_HEADERS:
        assert early.headers.get(name) == rendered.headers.get(name), name
    assert "Set-Cookie" not in early.headers


def test_a_spanish_page_served_early_says_it_is_spanish(client, committed):
    with committed():
        SiteSettings.load()
        article = ArticleFactory(language="es", slug="ataxia", title="Ataxia")
    client.get(article.get_absolute_url())
    early = client.get(article.get_absolute_url())

    assert served_early(early)
    assert early.headers["Content-Language"] == "es"


def test_an_edit_is_shown_at_once_to_a_visitor_served_early(client, article, committed):
    url = article.get_absolute_url()
    client.get(url)
    assert served_early(client.get(url))

    with committed():
        article.title = "Ataxia, corrected"
        article.save()

    response = client.get(url)
    assert "Ataxia, corrected" in response.content.decode()
    assert not served_early(response)  # rendered again, through the whole stack


def test_a_browser_holding_the_page_gets_a_304_early(client, article):
    url = article.get_absolute_url()
    etag = client.get(url).headers["ETag"]

    response = client.get(url, headers={"if-none-match": etag})

    assert response.status_code == 304
    assert served_early(response)


@pytest.mark.parametrize(
    ("query", "cookies"),
    [("?utm_source=newsletter", ""), ("", "sessionid=made-up"), ("", "messages=made-up")],
    ids=["a query string", "a session cookie", "a messages cookie"],
)
def test_visitors_the_page_may_differ_for_go_through_the_whole_stack(
    client, article, query, cookies
):
    url = article.get_absolute_url()
    client.get(url)

    response = client.get(url + query, headers={"cookie": cookies} if cookies else {})

    assert response.status_code == 200
    assert not served_early(response)


def test_a_host_the_site_does_not_serve_is_refused_early_too(client, article):
    url = article.get_absolute_url()
    client.get(url)

    assert client.get(url, HTTP_HOST="evil.example").status_code == 400


def test_the_staff_with_a_session_never_get_the_stored_page(admin_client, client, article):
    url = article.get_absolute_url()
    client.get(url)
    client.get(url)

    response = admin_client.get(url)

    assert not served_early(response)
