"""A misspelled search finds the page, or offers "Did you mean" a search that does."""

import html as html_lib
import re

import pytest
from django.core.management import call_command
from django.db import connection

from articles import suggestions
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo_content", publish_unreviewed=True, verbosity=0)


def suggestion_on(page):
    match = re.search(r'<p class="search-suggestion">Did you mean <a href="([^"]+)">', page)
    return html_lib.unescape(match[1]) if match else None


def titles_on(page):
    return re.findall(r'<h3 class="card__title"><a[^>]*>([^<]+)</a>', page)


def found_after_a_click_at_most(client, query):
    """The titles a patient finds: the results, or those of the suggested search."""
    page = client.get("/search/", {"q": query}).content.decode()
    if titles_on(page):
        return titles_on(page)
    link = suggestion_on(page)
    assert link, f"{query!r}: no results and nothing suggested"
    return titles_on(client.get(f"/search/{link}").content.decode())


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("stemcell", "Stem cell therapy for ALS"),
        ("stem cels", "Stem cell therapy for ALS"),
        ("lou gehrigs", "Amyotrophic lateral sclerosis (ALS)"),
        ("Lou Gehrigs disease", "Amyotrophic lateral sclerosis (ALS)"),
        ("amyotrophic lateral sclerossis", "Amyotrophic lateral sclerosis (ALS)"),
    ],
)
def test_a_misspelled_search_finds_the_page_in_one_click_at_most(client, demo, query, title):
    assert title in found_after_a_click_at_most(client, query)


@pytest.mark.parametrize("query", ["stemcell", "stem cels", "lou gehrigs"])
def test_the_word_corrections_work_without_trigrams(client, demo, monkeypatch, query):
    """SQLite, or a PostgreSQL where pg_trgm could not be created."""
    monkeypatch.setattr(suggestions, "has_trigrams", lambda alias: False)
    page = client.get("/search/", {"q": query}).content.decode()
    if not titles_on(page):  # PostgreSQL's stemming finds "lou gehrigs" by itself
        assert suggestion_on(page) in {"?q=stem%20cell", "?q=lou%20gehrig%27s"}
    assert found_after_a_click_at_most(client, query)


def test_stemcell_suggests_the_two_words_it_runs_together(client, demo, monkeypatch):
    monkeypatch.setattr(suggestions, "has_trigrams", lambda alias: False)
    page = client.get("/search/", {"q": "stemcell"}).content.decode()
    assert "No results for &ldquo;stemcell&rdquo;" in page
    assert suggestion_on(page) == "?q=stem%20cell"
    assert 'Did you mean <a href="?q=stem%20cell">stem cell</a>?' in page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
def test_postgresql_suggests_the_most_similar_name_with_pg_trgm(client, demo):
    assert suggestions.has_trigrams(connection.alias)
    page = client.get("/search/", {"q": "stemcel therapie"}).content.decode()
    assert suggestion_on(page) == "?q=Stem%20cell%20therapy%20for%20ALS"


def test_nothing_is_suggested_when_nothing_is_alike(client, demo):
    page = client.get("/search/", {"q": "zebra"}).content.decode()
    assert "No results" in page
    assert suggestion_on(page) is None


def test_a_search_with_results_suggests_nothing(client, demo):
    page = client.get("/search/", {"q": "stem cell"}).content.decode()
    assert titles_on(page)
    assert suggestion_on(page) is None


def test_drafts_are_never_suggested(client, db):
    ArticleFactory(title="Myasthenia gravis", slug="mg", draft=True)
    page = client.get("/search/", {"q": "myastenia"}).content.decode()
    assert suggestion_on(page) is None
    assert "Myasthenia" not in page


def test_suggestions_follow_what_is_published(client, db, committed):
    page = client.get("/search/", {"q": "myastenia"}).content.decode()
    assert suggestion_on(page) is None
    with committed():
        ArticleFactory(title="Myasthenia gravis", slug="mg")  # the vocabulary changes with it
    page = client.get("/search/", {"q": "myastenia"}).content.decode()
    assert "Myasthenia gravis" in found_after_a_click_at_most(client, "myastenia")
    assert suggestion_on(page) is not None


def test_the_suggestion_is_escaped(client, db):
    ArticleFactory(title="Lou Gehrig's disease <b>care</b>", slug="lgd")
    page = client.get("/search/", {"q": "gehrigz"}).content.decode()
    assert "<b>care" not in page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
def test_a_database_that_refuses_pg_trgm_still_migrates(monkeypatch, caplog):
    from django.contrib.postgres.operations import TrigramExtension
    from django.utils.module_loading import import_string

    from articles.models import Article

    def refuse(*args, **kwargs):
        with connection.cursor() as cursor:  # fails as PostgreSQL does, inside the transaction
            cursor.execute("SELECT * FROM no_such_table_the_user_may_not_create")
        raise AssertionError("unreachable")

    monkeypatch.setattr(TrigramExtension, "database_forwards", refuse)
    operation = import_string("articles.migrations.0002_search.TrigramExtensionIfAllowed")()
    with connection.schema_editor() as editor:
        operation.database_forwards("articles", editor, None, None)
    assert "pg_trgm could not be created" in caplog.text
    assert Article.objects.count() == 0  # the transaction goes on


@pytest.mark.parametrize("trigrams", [True, False])
def test_a_spanish_search_without_accents_or_spaces_is_corrected(
    client, demo, monkeypatch, trigrams
):
    """ "celulasmadre" on the Spanish search: ¿Quiso decir «células madre»? (issue 21.12)"""
    if not trigrams:
        monkeypatch.setattr(suggestions, "has_trigrams", lambda alias: False)
    page = client.get("/es/buscar/", {"q": "celulasmadre"}).content.decode()
    match = re.search(r'¿Quiso decir <a href="([^"]+)">', page)
    assert match, "no suggestion"
    found = client.get(f"/es/buscar/{html_lib.unescape(match[1])}").content.decode()
    assert "Terapia con células madre para la ELA" in titles_on(found)
