"""The editors' side of translations: each row's language in the list, a page's versions on
its form, and "Add a translation" with the new version prefilled."""

import re
import uuid
from html import unescape
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.conf import settings

from articles.models import Article
from tests.factories import (
    ArticleCitationFactory,
    ArticleFactory,
    CitationFactory,
    ReviewFactory,
    translation_of,
)

ADMIN = f"/{settings.ADMIN_PATH}"  # DJANGO_ADMIN_PATH
CHANGELIST = f"{ADMIN}articles/article/"

pytestmark = pytest.mark.django_db


@pytest.fixture
def treatment(db):
    """A treatment in English citing two studies, in order."""
    article = ArticleFactory(
        treatment=True,
        title="Stem cell therapy",
        slug="stem-cells",
        regulatory_status="not_approved",
    )
    for order in (1, 2):
        ArticleCitationFactory(article=article, citation=CitationFactory(), order=order)
    return article


def listed(response):
    return [article.title for article in response.context["cl"].result_list]


def test_the_list_shows_and_filters_each_rows_language_and_review(editor_client, treatment):
    translation_of(treatment, title="Terapia con células madre")
    ReviewFactory(article=translation_of(ArticleFactory(title="Ataxia"), title="Ataxia (es)"))

    html = editor_client.get(CHANGELIST).content.decode()
    spanish = editor_client.get(CHANGELIST, {"language__exact": "es"})
    awaiting = editor_client.get(CHANGELIST, {"translation": "awaiting_review"})

    assert "Spanish<br><strong>translation awaiting review</strong>" in html
    assert sorted(listed(spanish)) == ["Ataxia (es)", "Terapia con células madre"]
    assert listed(awaiting) == ["Terapia con células madre"]
    assert "By language" in html
    assert "By translation" in html
    # The one reviewed is not awaiting review, nor is an English page without a review.
    assert html.count("translation awaiting review</strong>") == 1


def test_an_articles_page_lists_its_versions_and_offers_the_missing_ones(editor_client, treatment):
    html = editor_client.get(f"{CHANGELIST}{treatment.pk}/change/").content.decode()

    [add] = re.findall(r'<a class="addlink" href="([^"]+)">Add a translation in Spanish</a>', html)
    url = urlsplit(unescape(add))
    assert url.path == f"{CHANGELIST}add/"
    assert dict(parse_qsl(url.query)) == {
        "translation_key": str(treatment.translation_key),
        "language": "es",
        # The facts its versions share; the words about them are the translator's.
        "kind": "treatment",
        "regulatory_jurisdiction": "us_fda",
        "regulatory_status": "not_approved",
        "regulatory_source_url": treatment.regulatory_source_url,
        "regulatory_checked_on": treatment.regulatory_checked_on.isoformat(),
        "clinic_offer": "not_offered",
    }

    spanish = translation_of(treatment, title="Terapia con células madre", draft=True)
    html = editor_client.get(f"{CHANGELIST}{treatment.pk}/change/").content.decode()
    assert (
        f'<li>Spanish: <a href="{CHANGELIST}{spanish.pk}/change/">Terapia con células madre</a> '
        "(draft, translation awaiting review)</li>"
    ) in html
    assert "Add a translation in" not in html
    back = editor_client.get(f"{CHANGELIST}{spanish.pk}/change/").content.decode()
    assert (
        f'<li>English: <a href="{CHANGELIST}{treatment.pk}/change/">Stem cell therapy</a>' in back
    )


def test_the_add_translation_form_is_prefilled_with_the_pages_key_language_and_references(
    editor_client, treatment
):
    response = editor_client.get(
        f"{CHANGELIST}add/",
        {
            "translation_key": str(treatment.translation_key),
            "language": "es",
            "kind": "treatment",
            "regulatory_status": "not_approved",
        },
    )

    form = response.context["adminform"].form
    assert form["translation_key"].value() == str(treatment.translation_key)
    assert form["language"].value() == "es"
    assert form["kind"].value() == "treatment"
    [references] = response.context["inline_admin_formsets"]
    rows = [(row.form["order"].value(), row.form["citation"].value()) for row in references]
    studies = [link.citation_id for link in treatment.article_citations.all()]
    assert rows[:2] == [(1, studies[0]), (2, studies[1])]


def spanish_version_data(treatment, **changes):
    citations = [link.citation_id for link in treatment.article_citations.all()]
    data = {
        "title": "Terapia con células madre",
        "slug": "terapia-con-celulas-madre",
        "language": "es",
        "kind": "treatment",
        "translation_key": str(treatment.translation_key),
        "also_known_as": "",
        "summary": "Qué es y qué muestran los estudios.",
        "regulatory_jurisdiction": "us_fda",
        "regulatory_status": "not_approved",
        "regulatory_statement": "No está aprobada por la FDA para la ELA.",
        "regulatory_source_url": treatment.regulatory_source_url,
        "regulatory_checked_on": treatment.regulatory_checked_on.isoformat(),
        "clinic_offer": "not_offered",
        "clinic_trial_registration": "",
        "clinic_cost": "",
        "clinic_offer_note": "",
        "body": "<p>Un ensayo [1]. Una revisión [2].</p>",
        "hero_image_alt": "",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "article_citations-TOTAL_FORMS": "2",
        "article_citations-INITIAL_FORMS": "0",
        "article_citations-MIN_NUM_FORMS": "0",
        "article_citations-MAX_NUM_FORMS": "1000",
        "article_citations-0-order": "1",
        "article_citations-0-citation": str(citations[0]),
        "article_citations-1-order": "2",
        "article_citations-1-citation": str(citations[1]),
    }
    return {**data, **changes}


def test_saving_the_translation_links_it_citing_the_same_studies(editor_client, treatment):
    url = f"{CHANGELIST}add/?translation_key={treatment.translation_key}&language=es"
    response = editor_client.post(url, spanish_version_data(treatment))

    assert response.status_code == 302, response.content.decode()[:2000]
    spanish = Article.objects.get(language="es")
    assert spanish.translation_key == treatment.translation_key
    assert spanish.translation_awaiting_review
    assert spanish.references == treatment.references
    assert spanish.get_absolute_url() == "/es/tratamientos/terapia-con-celulas-madre/"
    treatment.refresh_from_db()
    assert treatment.status == Article.Status.PUBLISHED  # the original is untouched


def test_a_second_version_in_the_same_language_is_refused_in_words(editor_client, treatment):
    translation_of(treatment, slug="otra")

    response = editor_client.post(f"{CHANGELIST}add/", spanish_version_data(treatment))

    assert response.status_code == 200
    assert "This page already has a version in this language." in response.content.decode()
    assert Article.objects.filter(language="es").count() == 1


def test_a_version_of_another_kind_is_refused(editor_client, treatment):
    data = spanish_version_data(treatment, kind="condition", regulatory_status="")

    response = editor_client.post(f"{CHANGELIST}add/", data)

    assert response.status_code == 200
    assert "Its other language versions are of another kind" in response.content.decode()


def test_the_same_slug_in_another_language_is_accepted_in_the_same_language_refused(
    editor_client, treatment
):
    same_slug = spanish_version_data(treatment, slug="stem-cells")
    assert editor_client.post(f"{CHANGELIST}add/", same_slug).status_code == 302

    english = spanish_version_data(
        treatment, slug="stem-cells", language="en", translation_key=str(uuid.uuid4())
    )
    response = editor_client.post(f"{CHANGELIST}add/", english)
    assert response.status_code == 200
    assert "Another page in this language has this slug." in response.content.decode()


def test_a_form_without_a_language_or_key_keeps_what_the_page_has(editor_client, treatment):
    spanish = translation_of(treatment, title="Terapia", slug="terapia")
    data = spanish_version_data(
        treatment,
        slug="terapia",
        translation_key="",
        language="",
        **{"article_citations-TOTAL_FORMS": "0"},
    )

    response = editor_client.post(f"{CHANGELIST}{spanish.pk}/change/", data)

    assert response.status_code == 302, response.content.decode()[:2000]
    spanish.refresh_from_db()
    assert (spanish.language, spanish.translation_key) == ("es", treatment.translation_key)
