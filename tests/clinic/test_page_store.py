"""Each process keeps recently served pages in memory, bounded by bytes, not entries."""

import pytest

from clinic import pagecache
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def empty_store():
    pagecache.recent_pages.clear()
    yield
    pagecache.recent_pages.clear()


def stored_bytes():
    return sum(
        len(e["content"]) + pagecache.ENTRY_OVERHEAD_BYTES for e in pagecache.recent_pages.entries()
    )


def test_the_page_store_keeps_the_most_recent_pages_within_its_byte_budget(
    client, settings, empty_store
):
    articles = [ArticleFactory(slug=f"page-{n}") for n in range(8)]
    page_size = len(client.get(articles[0].get_absolute_url()).content)
    settings.PAGE_CACHE_LOCAL_BYTES = 3 * (page_size + pagecache.ENTRY_OVERHEAD_BYTES) + 100

    for article in articles:
        assert client.get(article.get_absolute_url()).status_code == 200
    client.get(articles[5].get_absolute_url())  # used again: kept over older pages

    assert len(pagecache.recent_pages) == 3
    assert pagecache.recent_pages.bytes == stored_bytes() <= settings.PAGE_CACHE_LOCAL_BYTES
    kept = [e["content"] for e in pagecache.recent_pages.entries()]
    assert any(b"page-5" in page or articles[5].title.encode() in page for page in kept)
    assert not any(articles[0].title.encode() + b"</h1>" in page for page in kept)


def test_a_page_larger_than_the_budget_is_served_but_not_kept(client, settings, empty_store):
    settings.PAGE_CACHE_LOCAL_BYTES = 1000
    article = ArticleFactory()

    first = client.get(article.get_absolute_url())
    second = client.get(article.get_absolute_url())

    assert first.status_code == second.status_code == 200
    assert second.content == first.content  # from the shared cache
    assert len(pagecache.recent_pages) == 0
    assert pagecache.recent_pages.bytes == 0
