"""The Spanish demo pages: translations of the English ones, marked as awaiting review,
linked to their originals and citing the same studies."""

import re

import pytest
from django.core.management import call_command

from articles.models import Article
from articles.text.readability import TARGET_GRADE, reading_grade
from tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db

PAIRS = {
    "amyotrophic-lateral-sclerosis": "esclerosis-lateral-amiotrofica",
    "stem-cell-therapy-for-als": "terapia-con-celulas-madre-para-la-ela",
}


@pytest.fixture
def demo(db):
    call_command("load_demo_content", publish_unreviewed=True, verbosity=0)
    return {
        english: (
            Article.objects.get(slug=english, language="en"),
            Article.objects.get(slug=spanish, language="es"),
        )
        for english, spanish in PAIRS.items()
    }


def numbers(text):
    """Every number in ``text`` ("2 in 100", "1995", "[3]"), thousands separators removed."""
    return sorted(re.findall(r"\d+", re.sub(r"(?<=\d)[,.](?=\d{3})", "", text)))


def test_each_spanish_page_is_a_published_translation_awaiting_review(demo):
    for english, spanish in demo.values():
        assert spanish.translation_key == english.translation_key
        assert spanish.language == "es"
        assert spanish.is_public
        assert spanish.translation_awaiting_review
        assert not english.translation_awaiting_review
        assert spanish.kind == english.kind
        assert spanish.regulatory_status == english.regulatory_status


def test_a_review_of_a_spanish_page_survives_loading_the_demo_again(demo):
    _english, spanish = demo["stem-cell-therapy-for-als"]
    ReviewFactory(article=spanish)

    call_command("load_demo_content", publish_unreviewed=True, verbosity=0)

    reloaded = Article.objects.get(pk=spanish.pk)
    assert not reloaded.translation_awaiting_review
    assert Article.objects.filter(language="es").count() == 2
    assert [a.slug for a in Article.objects.translations_awaiting_review()] == [
        "esclerosis-lateral-amiotrofica"
    ]


def test_a_translation_keeps_every_number_and_citation_marker_of_its_original(demo):
    for english, spanish in demo.values():
        assert numbers(spanish.body_text) == numbers(english.body_text)
        assert re.findall(r"\[\d\]", spanish.body) == re.findall(r"\[\d\]", english.body)
        assert numbers(spanish.regulatory_statement) == numbers(english.regulatory_statement)
        assert spanish.regulatory_checked_on == english.regulatory_checked_on
        assert spanish.clinic_offer == english.clinic_offer
        assert spanish.body.count("<h2>") == english.body.count("<h2>")
        assert spanish.body.count("<li>") == english.body.count("<li>")


def test_the_spanish_pages_cite_the_same_studies_and_relate_to_each_other(demo):
    condition, condicion = demo["amyotrophic-lateral-sclerosis"]
    treatment, tratamiento = demo["stem-cell-therapy-for-als"]

    assert tratamiento.references == treatment.references
    assert len(tratamiento.references) == 5
    assert list(tratamiento.related.all()) == [condicion]
    assert list(condicion.related.all()) == [tratamiento]
    assert condicion.references == condition.references
    assert len(condicion.references) == 8


def test_the_spanish_condition_page_links_to_the_spanish_treatment_page(client, demo):
    _treatment, tratamiento = demo["stem-cell-therapy-for-als"]
    _condition, condicion = demo["amyotrophic-lateral-sclerosis"]

    links = re.findall(r'href="(/[^"]*)"', condicion.body)

    assert links == [tratamiento.get_absolute_url()]
    assert client.get(links[0]).status_code == 200


def test_the_spanish_pages_explain_research_words_in_spanish(client, demo):
    html = client.get("/es/tratamientos/terapia-con-celulas-madre-para-la-ela/").content.decode()

    assert "<h2" in html
    assert "Palabras usadas en esta página</h2>" in html
    for term in [
        "Aleatorizado",
        "Placebo",
        "Estudio abierto",
        "Criterio principal de valoración",
        "ALSFRS-R",
    ]:
        assert f"<dfn>{term}</dfn>" in html, term
    assert "Words used on this page" not in html


def test_the_spanish_pages_read_at_grade_8_or_below_in_spanish(demo):
    for _english, spanish in demo.values():
        grades = dict(reading_grade(spanish).parts)
        assert grades["body"] <= TARGET_GRADE, (spanish.slug, grades)
        assert grades["summary"] <= TARGET_GRADE, (spanish.slug, grades)
