"""Search gives the same results on SQLite (FTS5) and PostgreSQL (tsvector): this module
runs on whichever database the suite runs on (CI runs it on both) against expectations
computed here, independently of either engine."""

import re

import pytest

from articles.models import Article
from articles.search import fold
from tests.benchmarks.corpus import generate
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def titles(query):
    return [a.title for a in Article.objects.published().search(query)]


def test_title_ranks_above_other_names_above_summary_above_body():
    ArticleFactory(title="Body", body="<p>Trials of glial cells.</p>")
    ArticleFactory(title="Summary", summary="About glial cells.")
    ArticleFactory(title="Other names", also_known_as="Glial cell disease")
    ArticleFactory(title="Glial cells")

    assert titles("glial cell") == ["Glial cells", "Other names", "Summary", "Body"]


def test_every_word_must_start_a_word_of_the_article():
    ArticleFactory(title="Stem cell therapy")
    ArticleFactory(title="Cell biology")
    ArticleFactory(title="Systemic disease")  # "stem" inside a word is no match

    assert titles("stem cel") == ["Stem cell therapy"]
    assert titles("stem") == ["Stem cell therapy"]


def test_accents_and_case_are_folded_both_ways():
    ArticleFactory(title="Guillain-Barré syndrome")

    assert titles("barre") == ["Guillain-Barré syndrome"]
    assert titles("BARRÉ") == ["Guillain-Barré syndrome"]


def test_english_word_forms_and_stop_words():
    ArticleFactory(title="Therapies for the spinal cord")

    assert titles("therapy of the spinal cord") == ["Therapies for the spinal cord"]


def test_a_query_of_stop_words_or_punctuation_finds_nothing():
    ArticleFactory(title="The one and only")

    assert titles("the and") == []
    assert titles("%%% ' ; -- \" * ( ) AND OR NOT NEAR") == []


def test_drafts_are_not_found_and_a_change_is_found_at_once():
    article = ArticleFactory(title="Zebrafish models")
    ArticleFactory(title="Zebrafish secrets", draft=True)
    assert titles("zebrafish") == ["Zebrafish models"]

    article.title = "Danio models"
    article.save()
    assert titles("zebrafish") == []
    assert titles("danio") == ["Danio models"]
    article.delete()
    assert titles("danio") == []


CORPUS_QUERIES = ["stem cell", "marrow", "spinal injection", "cramps", "neuron", "sclerosis 12"]


def expected_matches(articles, query):
    """Articles where every word of ``query`` starts a word of a searched field."""
    words = re.findall(r"[^\W_]+", fold(query))
    found = set()
    for article in articles:
        text = fold(
            " ".join([article.title, article.also_known_as, article.summary, article.body_text])
        )
        if all(re.search(rf"\b{re.escape(word)}", text) for word in words):
            found.add(article.slug)
    return found


@pytest.mark.parametrize("query", CORPUS_QUERIES)
def test_a_generated_corpus_gives_the_expected_matches_and_count(client, query):
    generate(articles=300, citations=20, references=2, related=2)
    articles = list(Article.objects.filter(language="en"))  # the corpus has Spanish pages too
    expected = expected_matches(articles, query)

    found = Article.objects.published().search(query)
    assert {a.slug for a in found} == expected
    assert found.count() == len(expected)
    html = client.get("/search/", {"q": query}).content.decode()
    assert f"{len(expected)} result" in html if expected else "No results" in html


def test_a_generated_corpus_ranks_title_matches_first():
    generate(articles=300, citations=20, references=2, related=2)

    found = list(Article.objects.published().search("stem cell"))
    in_title = [a for a in found if "stem cell" in a.title.lower()]
    assert len(in_title) > 50
    assert found[: len(in_title)] == sorted(found[: len(in_title)], key=lambda a: -a.search_rank)
    assert {a.pk for a in found[: len(in_title)]} == {a.pk for a in in_title}
