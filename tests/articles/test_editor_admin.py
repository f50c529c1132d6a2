"""The editor's article form: references numbered in order, no empty history entries,
preview before saving, and Publish beside Save (issue 10, "Editors")."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleCitationFactory, ArticleFactory, CitationFactory
from tests.pages import form_data
from tests.signing_in import sign_in

pytestmark = pytest.mark.django_db

ARTICLES = f"/{settings.ADMIN_PATH}articles/article/"


def change_url(article):
    return f"{ARTICLES}{article.pk}/change/"


def article_form(response):
    """What a browser sends back: a multiple select with nothing chosen sends nothing."""
    data = form_data(response)
    if data.get("related") == "":
        del data["related"]
    return data


def test_a_new_reference_row_gets_the_next_number(editor_client):
    article = ArticleFactory()
    ArticleCitationFactory(article=article, order=1)
    ArticleCitationFactory(article=article, order=2)
    data = article_form(editor_client.get(change_url(article)))
    assert data["article_citations-TOTAL_FORMS"] == "3"
    assert data["article_citations-2-order"] == "3"
    assert data["article_citations-__prefix__-order"] == "4"  # "Add another reference"

    data = form_data(editor_client.get(f"{ARTICLES}add/"))
    assert data["article_citations-0-order"] == "1"


def test_a_reference_added_with_its_suggested_number_comes_last(editor_client):
    article = ArticleFactory()
    first = ArticleCitationFactory(article=article, order=1).citation
    added = CitationFactory()
    data = article_form(editor_client.get(change_url(article)))
    data["article_citations-1-citation"] = str(added.pk)
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    assert article.references == [first, added]
    assert list(article.article_citations.values_list("order", flat=True)) == [1, 2]


def test_saving_an_unchanged_article_records_no_change_in_its_history(editor_client):
    article = ArticleFactory(status=Article.Status.PUBLISHED)
    # Published from code or before this fix: microseconds the form never shows.
    stored = timezone.now().replace(microsecond=654321) - datetime.timedelta(days=2)
    Article.objects.filter(pk=article.pk).update(published_at=stored)
    before = article.history.count()
    updated_at = Article.objects.get(pk=article.pk).updated_at
    data = article_form(editor_client.get(change_url(article)))
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert article.history.count() == before
    assert Article.objects.get(pk=article.pk).updated_at == updated_at

    data["title"] = "A better title"
    assert editor_client.post(change_url(article), data).status_code == 302
    assert article.history.count() == before + 1
    latest = article.history.latest()
    assert latest.title == "A better title"
    assert latest.published_at == stored.replace(microsecond=0)


def test_published_times_are_stored_in_whole_seconds():
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    article.publish(when=timezone.now().replace(microsecond=999999))
    article.refresh_from_db()
    assert article.published_at.microsecond == 0


def test_preview_renders_the_unsaved_form_as_patients_will_see_it(editor_client):
    article = ArticleFactory(title="Stem cell therapy", status=Article.Status.PUBLISHED)
    first, second = CitationFactory(title="First study"), CitationFactory(title="Second study")
    ArticleCitationFactory(article=article, citation=first, order=1)
    page = editor_client.get(change_url(article)).content.decode()
    preview_url = f"{ARTICLES}{article.pk}/preview/"
    assert f'formaction="{preview_url}">Preview (new tab)</button>' in page
    assert 'formtarget="_blank"' in page
    data = article_form(editor_client.get(change_url(article)))
    data["title"] = "Stem cell therapy: what the trials show"
    data["body"] = "<p>Unsaved words [1][2]</p><script>alert(1)</script>"
    data["article_citations-1-citation"] = str(second.pk)
    before = article.history.count()
    response = editor_client.post(preview_url, data)
    assert response.status_code == 200
    assert response["Cache-Control"].replace(" ", "").split(",").count("no-store") == 1
    assert "private" in response["Cache-Control"]
    html = response.content.decode()
    assert "<h1" in html
    assert "Stem cell therapy: what the trials show" in html
    assert "Unsaved words" in html
    assert "alert(1)" not in html
    assert html.index("First study") < html.index("Second study")
    assert "Preview of unsaved changes." in html
    article.refresh_from_db()
    assert article.title == "Stem cell therapy"  # nothing saved
    assert article.history.count() == before
    assert editor_client.get(preview_url).status_code == 405


def test_preview_of_a_new_article_and_of_a_form_with_errors(editor_client):
    data = article_form(editor_client.get(f"{ARTICLES}add/"))
    data.update(title="Brand new", slug="brand-new", kind="condition", summary="S.")
    data["body"] = "<p>Draft body</p>"
    response = editor_client.post(f"{ARTICLES}preview/", data)
    assert response.status_code == 200, response.content.decode()[:2000]
    assert "Draft body" in response.content.decode()
    assert not Article.objects.filter(slug="brand-new").exists()
    data["title"] = ""
    response = editor_client.post(f"{ARTICLES}preview/", data)
    assert response.status_code == 400
    assert "cannot be previewed yet" in response.content.decode()


def test_preview_needs_the_permission_to_change_articles(coordinator_client):
    article = ArticleFactory()
    response = coordinator_client.post(f"{ARTICLES}{article.pk}/preview/", {"title": "x"})
    assert response.status_code == 403


def test_publish_beside_save_publishes_a_draft(editor_client):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    page = editor_client.get(change_url(article))
    html = page.content.decode()
    assert html.index('name="_save"') < html.index('name="_publish"')  # Enter still saves
    data = article_form(page)
    data["_publish"] = "Publish"
    response = editor_client.post(change_url(article), data, follow=True)
    assert "is published." in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at is not None
    assert article.history.latest().status == Article.Status.PUBLISHED
    assert 'name="_publish"' not in editor_client.get(change_url(article)).content.decode()


def test_who_may_only_view_articles_sees_neither_publish_nor_preview(client, staff_group):
    from django.contrib.auth.models import Permission

    from tests.factories import StaffFactory

    viewer = StaffFactory(username="viewer")
    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    sign_in(client, viewer)
    html = client.get(change_url(ArticleFactory(status=Article.Status.DRAFT))).content.decode()
    assert 'name="_publish"' not in html
    assert "Preview (new tab)" not in html
