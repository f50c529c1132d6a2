"""Each kind of page has the sections patients look for (articles/sections.py): the admin
lists those a page lacks, and the page's contents list follows its sections."""

import re

import pytest
from django.urls import reverse

from articles.sections import CONDITION_SECTIONS, missing_sections
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

FULL_CONDITION = (
    "What is it?",
    "Symptoms",
    "Causes and genes",
    "Diagnosis",
    "Treatment and care",
    "Living with it",
    "When to get urgent help",
    "Where to get help",
    "Questions to ask your doctor",
    "Clinical trials",
)
FULL_CONDITION_ES = (
    "¿Qué es?",
    "Síntomas",
    "Causas y genes",
    "Diagnóstico",
    "Tratamiento y atención",
    "Vivir con la enfermedad",
    "Cuándo buscar ayuda urgente",
    "Dónde encontrar ayuda",
    "Preguntas para su médico",
    "Ensayos clínicos",
)


@pytest.mark.parametrize("headings", [FULL_CONDITION, FULL_CONDITION_ES])
def test_a_condition_with_every_heading_misses_no_section(headings):
    assert missing_sections("condition", headings) == []


def test_a_condition_missing_sections_names_them_in_checklist_order():
    missing = missing_sections("condition", ("Overview", "Symptoms", "Living with ALS"))
    assert [section.key for section in missing] == [
        "causes",
        "diagnosis",
        "treatment",
        "urgent",
        "help",
        "questions",
        "trials",
    ]
    assert len(CONDITION_SECTIONS) == 10


def test_urgent_help_does_not_count_as_where_to_get_help():
    missing = missing_sections("condition", ("When to get urgent help",))
    assert "help" in [section.key for section in missing]


def test_the_admin_shows_the_sections_a_page_lacks(editor_client):
    article = ArticleFactory(body="<h2>Overview</h2><p>A.</p><h2>Symptoms</h2><p>B.</p>")
    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    html = page.content.decode()
    field = html[html.index("field-missing_sections") :]
    field = field[: field.index("</fieldset>")]
    assert "Diagnosis" in field
    assert "When to get urgent help" in field
    assert "Symptoms" not in field


def test_the_admin_says_when_no_section_is_missing(editor_client):
    body = "".join(f"<h2>{heading}</h2><p>Text.</p>" for heading in FULL_CONDITION)
    article = ArticleFactory(body=body)
    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert "None: the page has every section of its kind." in page.content.decode()


def test_the_contents_list_numbers_sections_and_nests_subsections(client):
    article = ArticleFactory(
        body="<h2>Overview</h2><p>A.</p><h2>Treatment and care</h2><h3>Medicines</h3><p>B.</p>"
        "<h3>Breathing support</h3><p>C.</p><h2>Clinical trials</h2><p>D.</p>"
    )
    html = client.get(article.get_absolute_url()).content.decode()
    contents = html[html.index('class="contents"') :]
    contents = contents[: contents.index("</nav>")]
    top = re.sub(r"<ul>.*?</ul>", "", contents, flags=re.S)
    assert re.findall(r'<li class="contents__level-2"[^>]*><a href="#([^"]+)"', top) == [
        "overview",
        "treatment-and-care",
        "clinical-trials",
    ]
    nested = re.search(r"<ul>(.*?)</ul>", contents, re.S).group(1)
    assert re.findall(r'href="#([^"]+)"', nested) == ["medicines", "breathing-support"]
