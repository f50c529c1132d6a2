"""The version stamp (clinic/pagecache/stamp.py): on one host, a stored page is served
after a ``stat`` of the stamp instead of a read of its versions from the shared cache, and
a change of the versions replaces the stamp, so the next request reads them again.

The database cache's own queries are counted here (the other page-store tests leave them
out): they are what the stamp saves. So these tests run on the database cache whatever the
suite runs on (local memory with DJANGO_DEBUG, Redis with REDIS_URL).
"""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clinic import pagecache
from clinic.models import SiteSettings
from clinic.pagecache import stamp as version_stamp
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_cache(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": settings.CACHE_TABLE,
            "KEY_PREFIX": settings.CACHE_KEY_PREFIX,
        },
    }
    call_command("createcachetable", verbosity=0)  # made already unless the suite runs on Redis


@pytest.fixture
def stamp(settings, tmp_path, committed):
    settings.PAGE_CACHE_VERSION_STAMP = str(tmp_path / "site.sqlite3.page-versions")
    with committed():
        SiteSettings.load()  # created on first use
    return tmp_path / "site.sqlite3.page-versions"


def cache_reads(client, url):
    """The page, and how many times the request read the cache table."""
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    return html, sum("clinic_cache" in query["sql"] for query in queries.captured_queries)


def test_a_stored_page_is_served_without_reading_the_cache_for_its_versions(client, stamp):
    article = ArticleFactory(title="Ataxia")
    url = article.get_absolute_url()
    client.get(url)  # rendered and stored

    html, reads = cache_reads(client, url)

    assert "Ataxia" in html
    assert reads == 0
    assert stamp.exists()


def test_an_edit_replaces_the_stamp_and_the_next_request_shows_it(client, stamp, committed):
    with committed():
        article = ArticleFactory(title="Ataxia")
    url = article.get_absolute_url()
    client.get(url)
    before = stamp.stat().st_ino, stamp.stat().st_mtime_ns

    with committed():
        article.title = "Ataxia, corrected"
        article.save()

    assert (stamp.stat().st_ino, stamp.stat().st_mtime_ns) != before
    html, reads = cache_reads(client, url)
    assert "Ataxia, corrected" in html
    assert reads > 0  # the versions read again, then the page rendered and stored


def test_versions_another_process_changed_are_read_once_it_replaces_the_stamp(client, stamp):
    article = ArticleFactory(title="Ataxia")
    url = article.get_absolute_url()
    client.get(url)
    # Another process renews every version in the shared cache: until it replaces the
    # stamp (which it does right after, stamp.touch()), this one serves what it knows.
    names = [pagecache.SITE, pagecache.CONTENT, pagecache.page_version_name(url)]
    versions = cache.get_many([pagecache.version_key(name) for name in names])
    cache.set_many(
        {key: {**version, "token": "renewed"} for key, version in versions.items()}, None
    )
    assert cache_reads(client, url)[1] == 0

    version_stamp.touch()

    html, reads = cache_reads(client, url)
    assert "Ataxia" in html
    assert reads > 0  # read the new versions: the stored page is not theirs, so rendered again


def test_without_a_stamp_every_request_reads_its_versions(client, settings):
    settings.PAGE_CACHE_VERSION_STAMP = ""
    article = ArticleFactory()
    client.get(article.get_absolute_url())

    assert cache_reads(client, article.get_absolute_url())[1] == 1
