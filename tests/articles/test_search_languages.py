"""Search in each language: Spanish pages found from /es/buscar/ only, stemmed as Spanish,
accents ignored. The demo content's Spanish queries give the same pages on SQLite (FTS5)
and PostgreSQL (tsvector): this module runs on either (CI runs it on both) against one
table of expected results."""

import pytest
from django.core.management import call_command

from articles.models import Article
from articles.search import query_words
from tests.factories import ArticleFactory, translation_of

pytestmark = pytest.mark.django_db

CONDITION = "esclerosis-lateral-amiotrofica"
TREATMENT = "terapia-con-celulas-madre-para-la-ela"
BOTH = {CONDITION, TREATMENT}

# What a Spanish-speaking patient might type, and the Spanish demo pages it must find:
# accents or none, singular or plural, several words, a stop word.
SPANISH_QUERIES = {
    "celulas madre": BOTH,
    "células madre": BOTH,
    "CÉLULA MADRE": BOTH,
    "terapias": BOTH,
    "tratamientos": BOTH,
    "ela": BOTH,
    "placebo": BOTH,
    "esclerosis lateral": {CONDITION},
    "enfermedad de lou gehrig": {CONDITION},
    "neuronas motoras": {CONDITION},
    "musculos": {CONDITION},
    "músculo": {CONDITION},
    "sintoma": {CONDITION},
    "síntomas": {CONDITION},
    "riluzol": {CONDITION},
    "edaravona": {CONDITION},
    "tofersen": {CONDITION},
    "entumecimiento": {CONDITION},
    "medula osea": {TREATMENT},
    "aleatorizadas": {TREATMENT},
    "nurown": {TREATMENT},
    "donantes": {TREATMENT},
    "efectos secundarios": {CONDITION, TREATMENT},
    "de la": set(),
    "stem cells": set(),  # English words: the English pages' search finds them
}


@pytest.fixture
def demo(db):
    call_command("load_demo_content", publish_unreviewed=True, verbosity=0)


def found(query, language):
    return [
        article.slug
        for article in Article.objects.published(language=language).search(query, language=language)
    ]


@pytest.mark.parametrize(("query", "expected"), SPANISH_QUERIES.items())
def test_spanish_queries_find_the_same_demo_pages_on_either_database(demo, query, expected):
    assert set(found(query, "es")) == expected


def test_a_title_match_comes_first_in_spanish_too(demo):
    assert found("celulas madre", "es")[0] == TREATMENT
    assert found("esclerosis", "es")[0] == CONDITION


def test_the_spanish_search_page_finds_spanish_pages_only(client, demo):
    spanish = client.get("/es/buscar/", {"q": "celulas madre"}).content.decode()
    english = client.get("/search/", {"q": "celulas madre"}).content.decode()

    assert "2 resultados" in spanish
    assert 'href="/es/tratamientos/terapia-con-celulas-madre-para-la-ela/"' in spanish
    assert "/treatments/" not in spanish.split("<main")[1].split("</main>")[0]
    assert "No results" in english
    stem_cells = client.get("/search/", {"q": "stem cells"}).content.decode()
    assert 'href="/treatments/stem-cell-therapy-for-als/"' in stem_cells
    assert "/es/tratamientos/" not in stem_cells.split("<main")[1].split("</main>")[0]


def test_each_language_leaves_out_its_own_stop_words():
    assert query_words("the therapy of the spine", "en") == ["therapy", "spine"]
    assert query_words("la terapia de la columna", "es") == ["terapia", "columna"]
    # An accented stop word reaches the engines without its accent, as PostgreSQL reads it.
    assert query_words("más células", "es") == ["mas", "celulas"]
    assert query_words("de", "en") == ["de"]


def test_a_change_to_a_spanish_page_is_found_at_once_in_its_language(db):
    english = ArticleFactory(title="Ataxia", slug="ataxia")
    spanish = translation_of(english, title="Ataxia cerebelosa", slug="ataxia")

    assert found("cerebelosa", "es") == ["ataxia"]
    assert found("cerebelosa", "en") == []
    spanish.title = "Ataxia hereditaria"
    spanish.save()
    assert found("cerebelosa", "es") == []
    assert found("hereditarias", "es") == ["ataxia"]


def test_did_you_mean_offers_a_spanish_search_from_spanish_pages(client, demo):
    html = client.get("/es/buscar/", {"q": "esclerossis"}).content.decode()

    assert "No hay resultados para" in html
    assert "esclerosis" in html.split("No hay resultados para")[1].lower()
    english = client.get("/search/", {"q": "esclerossis"}).content.decode()
    assert "esclerosis" not in english.split("<main")[1].lower()
