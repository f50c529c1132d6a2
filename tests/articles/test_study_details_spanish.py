"""A study's patient-facing details (key finding, follow-up, harms, funding) in Spanish on
the Spanish pages (issue 21.11): never "Seguimiento: 1 year"."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, Citation
from tests.factories import (
    ArticleCitationFactory,
    ArticleFactory,
    CitationFactory,
    translation_of,
)

pytestmark = pytest.mark.django_db


def references(html):
    return html[html.index('id="references"') :]


def test_a_spanish_page_shows_the_spanish_details_and_the_english_page_the_english(client):
    english = ArticleFactory(slug="als")
    spanish = translation_of(english, slug="ela")
    study = CitationFactory(
        key_finding="People lived a little longer.",
        key_finding_es="Las personas vivieron un poco más.",
        follow_up="1 year",
        follow_up_es="1 año",
        harms="Nausea.",
        harms_es="Náuseas.",
        funding="The maker.",
        funding_es="El fabricante.",
    )
    for article in (english, spanish):
        ArticleCitationFactory(article=article, citation=study, order=1)

    html = references(client.get(spanish.get_absolute_url()).content.decode())
    assert "Seguimiento: 1 año" in html
    assert "Las personas vivieron un poco más." in html
    assert "Náuseas." in html
    assert "El fabricante." in html
    assert "1 year" not in html
    assert "People lived" not in html
    english_html = references(client.get(english.get_absolute_url()).content.decode())
    assert "Follow-up: 1 year" in english_html
    assert "Las personas" not in english_html


def test_the_demo_spanish_pages_show_no_study_detail_in_english(client):
    call_command("load_demo_content", publish_unreviewed=True, verbosity=0)
    for slug in ("esclerosis-lateral-amiotrofica", "terapia-con-celulas-madre-para-la-ela"):
        article = Article.objects.get(slug=slug, language=Article.Language.SPANISH)
        html = references(client.get(article.get_absolute_url()).content.decode())
        for item in re.findall(r'<ul class="references__details">(.*?)</ul>', html, re.S):
            assert 'lang="en"' not in item, item
        findings = re.findall(r'<p class="references__finding">(.*?)</p>', html, re.S)
        assert findings
        assert all('lang="en"' not in finding for finding in findings)
    stem_cells = Article.objects.get(slug="terapia-con-celulas-madre-para-la-ela")
    html = client.get(stem_cells.get_absolute_url()).content.decode()
    assert "Seguimiento: 1 año" in html
    assert "Seguimiento: 1 year" not in html


def test_the_citation_admin_has_the_spanish_details(editor_client):
    study = CitationFactory()
    html = editor_client.get(reverse("admin:articles_citation_change", args=[study.pk]))
    html = html.content.decode()
    assert "Details in Spanish" in html
    for name in ("key_finding_es", "follow_up_es", "harms_es", "funding_es"):
        assert f'name="{name}"' in html
    assert Citation._meta.get_field("follow_up_es").max_length == 100
