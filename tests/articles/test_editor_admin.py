"""The editor's article form: references numbered in order, no empty history entries,
preview before saving, and Publish beside Save (issue 10, "Editors")."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleCitationFactory, ArticleFactory, CitationFactory
from tests.inquiries.test_admin import form_data

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
