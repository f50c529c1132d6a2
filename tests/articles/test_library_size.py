"""At a generated 2,000-article library, list pages stay small, split A to Z, and each
public page makes the same number of queries as at a small library. Every test here sees
the library (built once for the module): a small library's list is in test_pages.py."""

import re

import pytest
from django.db import connection, transaction

from articles.models import Article
from tests.benchmarks.corpus import generate

pytestmark = pytest.mark.django_db

LIST_PAGE_MAX_BYTES = 100_000


@pytest.fixture(scope="module")
def library(django_db_setup, django_db_blocker):
    """The library, built once for this module in a transaction rolled back after its last
    test. Each test runs in a savepoint inside it (pytest-django's django_db), so it sees
    the whole library and leaves it as it found it."""
    with django_db_blocker.unblock(), transaction.atomic():
        generate(articles=2000, citations=200, references=5, related=5)
        yield
        transaction.set_rollback(True)


def cards(html):
    return re.findall(r'<a class="card__link" href="([^"]+)"', html)


def index_links(html):
    nav = re.search(r'<nav class="az-index" aria-label="[^"]+">(.*?)</nav>', html, re.S)[1]
    return re.findall(r'<a href="([^"]+)"( aria-current="page")?>', nav)


def test_every_list_page_is_small_and_together_they_list_every_article(client, library):
    for kind, prefix in (("condition", "/conditions/"), ("treatment", "/treatments/")):
        first = client.get(prefix).content.decode()
        assert len(first.encode()) < LIST_PAGE_MAX_BYTES
        published = Article.objects.published().filter(kind=kind)
        assert f"{published.count():,}".replace(",", "") in first.replace(",", "")
        listed = []
        for url, _ in index_links(first):
            page_url = url
            while page_url:
                response = client.get(page_url)
                assert response.status_code == 200, page_url
                html = response.content.decode()
                assert len(html.encode()) < LIST_PAGE_MAX_BYTES, page_url
                listed += cards(html)
                found = re.search(r'<a href="([^"]+)" rel="next">', html)
                page_url = found[1] if found else None
        assert sorted(listed) == sorted(a.get_absolute_url() for a in published)


def test_the_first_letter_is_shown_and_marked_as_current(client, library):
    html = client.get("/conditions/").content.decode()
    links = index_links(html)
    assert links[0][1] == ' aria-current="page"'
    assert all(not current for _, current in links[1:])
    assert '<nav class="az-index" aria-label="Conditions A to Z">' in html
    letter_page = client.get(links[1][0]).content.decode()
    assert index_links(letter_page)[1][1] == ' aria-current="page"'


@pytest.mark.parametrize(
    "path", ["/conditions/letter/x/", "/conditions/letter/a/99/", "/treatments/letter/ab/"]
)
def test_a_letter_or_page_without_articles_is_404(client, library, path):
    assert client.get(path).status_code == 404


def test_public_pages_make_as_many_queries_as_at_a_small_library(
    client, library, django_assert_max_num_queries
):
    condition = (
        Article.objects.published()
        .filter(kind=Article.Kind.CONDITION)
        .filter(slug__startswith="bench-")
        .first()
    )
    client.get("/")  # the site settings are cached after the first request
    pages = {  # the same bounds as tests/articles/test_query_counts.py (1 and 6 articles)
        "/": 2,  # the featured pages; whether every page has a current review
        "/conditions/": 2,
        # And the other language's letters: whether its switcher may go to the same letter.
        "/conditions/letter/s/2/": 3,
        condition.get_absolute_url(): 6,  # with its trial search and trials, if any
        "/search/?q=stem+cell": 2,
        "/contact/?topic=bench-1": 2,
    }
    for url, queries in pages.items():
        with django_assert_max_num_queries(queries):
            assert client.get(url).status_code == 200, url


def search_plan(query):
    """The database's plan for a search, one line a step."""
    sql, params = Article.objects.published().search(query).query.sql_with_params()
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(explain + sql, params)
        rows = cursor.fetchall()
    return [row[-1] for row in rows]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5")
@pytest.mark.parametrize("query", ["stem cell", "gehrig"])
def test_sqlite_search_starts_from_the_full_text_index_and_reads_no_row_to_filter(library, query):
    plan = search_plan(query)
    # FTS5 leads: led by the articles, SQLite would run the MATCH once an article.
    assert plan[0].startswith("SCAN articles_article_fts VIRTUAL TABLE"), plan
    # Whether the public may see a match is read from an index, never from its row.
    assert any("COVERING INDEX articles_article_public" in step for step in plan), plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's GIN index")
@pytest.mark.parametrize("query", ["stem cell", "gehrig"])
def test_postgresql_search_uses_its_full_text_index_after_a_bulk_import(library, query):
    # A bulk import once left the index's pending list so long that the planner read every
    # row's search_vector instead (migration 0008_search_speed).
    plan = "\n".join(search_plan(query))
    assert "Bitmap Index Scan on articles_article_search_vector_gin" in plan, plan
