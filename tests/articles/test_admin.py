import pytest
from django.conf import settings

from articles.models import Article, ArticleCitation
from tests.factories import ArticleCitationFactory, ArticleFactory, CitationFactory

ADMIN = f"/{settings.ADMIN_PATH}"  # DJANGO_ADMIN_PATH

pytestmark = pytest.mark.django_db


def test_editor_sees_the_article_changelist_with_its_columns(editor_client):
    ArticleFactory(title="Amyotrophic lateral sclerosis (ALS)")
    response = editor_client.get(f"{ADMIN}articles/article/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Amyotrophic lateral sclerosis (ALS)" in html
    for column in ["Kind", "Status", "Last reviewed", "Updated at"]:
        assert column in html


def test_editor_adds_an_article_with_ordered_references(editor_client):
    first, second = CitationFactory(), CitationFactory()
    response = editor_client.post(
        f"{ADMIN}articles/article/add/",
        {
            "title": "Stem cell therapy",
            "slug": "stem-cell-therapy",
            "kind": "treatment",
            "also_known_as": "MSC therapy",
            "summary": "What it is.",
            "regulatory_status": "investigational",
            "regulatory_jurisdiction": "us_fda",
            "regulatory_statement": "In trials.",
            "regulatory_source_url": "https://www.fda.gov/vaccines-blood-biologics",
            "regulatory_checked_on": "2024-01-01",
            "clinic_offer": "not_offered",
            "body": '<p onclick="x()">Body [1][2]<script>alert(1)</script></p>',
            "hero_image_alt": "",
            "status": "draft",
            "published_at_0": "",
            "published_at_1": "",
            "article_citations-TOTAL_FORMS": "2",
            "article_citations-INITIAL_FORMS": "0",
            "article_citations-MIN_NUM_FORMS": "0",
            "article_citations-MAX_NUM_FORMS": "1000",
            "article_citations-0-order": "2",
            "article_citations-0-citation": str(second.pk),
            "article_citations-1-order": "1",
            "article_citations-1-citation": str(first.pk),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(slug="stem-cell-therapy")
    assert article.status == Article.Status.DRAFT
    assert "script" not in article.body
    assert "onclick" not in article.body
    assert article.references == [first, second]


def test_add_form_shows_errors_and_keeps_input(editor_client):
    response = editor_client.post(
        f"{ADMIN}articles/article/add/",
        {
            "title": "Treatment without status",
            "slug": "no-status",
            "kind": "treatment",
            "summary": "x" * 301,
            "body": "<p>x</p>",
            "status": "draft",
            "article_citations-TOTAL_FORMS": "0",
            "article_citations-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Treatment without status" in html
    assert "Ensure this value has at most 300 characters" in html
    assert not Article.objects.filter(slug="no-status").exists()


def test_change_page_and_view_on_site_link_for_a_draft(editor_client):
    article = ArticleFactory(draft=True, slug="in-progress")
    ArticleCitationFactory(article=article)
    response = editor_client.get(f"{ADMIN}articles/article/{article.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "View on site" in html
    assert "references (numbered in this order" in html.lower()


def test_publish_and_unpublish_actions(editor_client):
    draft = ArticleFactory(draft=True)
    editor_client.post(
        f"{ADMIN}articles/article/",
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED
    assert draft.published_at is not None
    editor_client.post(
        f"{ADMIN}articles/article/",
        {"action": "unpublish", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_citation_autocomplete_finds_existing_citations(editor_client):
    CitationFactory(title="Autologous bone marrow-derived stem cells")
    response = editor_client.get(
        f"{ADMIN}autocomplete/",
        {
            "term": "autologous",
            "app_label": "articles",
            "model_name": "articlecitation",
            "field_name": "citation",
        },
    )
    assert response.status_code == 200
    assert "Autologous bone marrow-derived stem cells" in response.content.decode()


def test_citation_admin_pages(editor_client):
    citation = CitationFactory()
    ArticleCitation.objects.create(article=ArticleFactory(), citation=citation, order=1)
    assert editor_client.get(f"{ADMIN}articles/citation/").status_code == 200
    assert editor_client.get(f"{ADMIN}articles/citation/add/").status_code == 200
    assert editor_client.get(f"{ADMIN}articles/citation/{citation.pk}/change/").status_code == 200


def test_duplicate_doi_is_reported_in_the_admin(editor_client):
    CitationFactory(doi="10.1000/dup")
    response = editor_client.post(
        f"{ADMIN}articles/citation/add/",
        {
            "authors": "A B",
            "title": "T",
            "journal": "J",
            "year": "2020",
            "doi": "https://doi.org/10.1000/dup",
            "study_design": "rct",
        },
    )
    assert response.status_code == 200
    assert "DOI" in response.content.decode()
    assert "A citation with this DOI already exists" in response.content.decode()


def test_site_settings_changelist_goes_straight_to_the_one_record(editor_client):
    response = editor_client.get(f"{ADMIN}clinic/sitesettings/")
    assert response.status_code == 302
    assert response["Location"] == f"{ADMIN}clinic/sitesettings/1/change/"
    assert editor_client.get(response["Location"]).status_code == 200
