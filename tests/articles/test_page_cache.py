"""Anonymous visitors get cached pages; every content change shows at once."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article
from clinic.models import SiteSettings
from tests.factories import ArticleCitationFactory, ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_repeat_visit_is_served_from_the_cache(client, published_condition):
    SiteSettings.load()  # created on first use, which is a change of content
    first = client.get("/conditions/als/")
    # A write that sends no signal (as a raw SQL fix would): the cache does not see it.
    Article.objects.filter(pk=published_condition.pk).update(title="Changed behind its back")
    second = client.get("/conditions/als/")
    assert second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_a_conditional_get_gets_304_without_a_body(client, published_condition):
    etag = client.get("/conditions/als/")["ETag"]
    response = client.get("/conditions/als/", headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""


def test_editing_an_article_shows_at_once(client, published_condition):
    client.get("/conditions/als/")
    client.get("/conditions/")
    published_condition.title = "Motor neurone disease"
    published_condition.save()
    assert "Motor neurone disease" in client.get("/conditions/als/").content.decode()
    assert "Motor neurone disease" in client.get("/conditions/").content.decode()


def test_editing_a_cited_study_shows_at_once(client, published_condition):
    reference = ArticleCitationFactory(article=published_condition, order=1)
    client.get("/conditions/als/")
    reference.citation.title = "A corrected title"
    reference.citation.save()
    assert "A corrected title" in client.get("/conditions/als/").content.decode()


def test_adding_a_related_page_shows_at_once(client, published_condition):
    client.get("/conditions/als/")
    published_condition.related.add(ArticleFactory(treatment=True, title="New treatment"))
    assert "New treatment" in client.get("/conditions/als/").content.decode()


def test_unpublishing_hides_the_page_at_once(client, published_condition):
    client.get("/conditions/als/")
    published_condition.unpublish()
    assert client.get("/conditions/als/").status_code == 404


def test_site_settings_change_shows_at_once_on_cached_pages(client, published_condition):
    client.get("/")
    site = SiteSettings.load()
    site.phone = "555-0199"
    site.save()
    assert "555-0199" in client.get("/").content.decode()


def test_a_scheduled_article_appears_on_time_without_a_save(client, published_condition):
    SiteSettings.load()  # created on first use, which is a change of content
    publication = timezone.now() + datetime.timedelta(hours=1)
    ArticleFactory(title="Coming soon", published_at=publication)
    assert "Coming soon" not in client.get("/conditions/").content.decode()
    with time_machine.travel(publication + datetime.timedelta(seconds=1)):
        assert "Coming soon" in client.get("/conditions/").content.decode()


def test_editors_bypass_the_cache_and_see_draft_banners(client, editor_client, published_condition):
    draft = ArticleFactory(draft=True, slug="draft-page")
    assert "Draft preview" in editor_client.get(draft.get_absolute_url()).content.decode()
    editor_client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_pages_with_a_query_string_are_not_cached(client, published_condition):
    SiteSettings.load()  # created on first use, which is a change of content
    client.get("/conditions/als/?utm_source=newsletter")
    Article.objects.filter(pk=published_condition.pk).update(title="Changed behind its back")
    html = client.get("/conditions/als/?utm_source=newsletter").content.decode()
    assert "Changed behind its back" in html


def test_cached_pages_tell_browsers_to_revalidate(client, published_condition):
    response = client.get("/conditions/als/")
    assert "max-age=0" in response["Cache-Control"]
    assert "must-revalidate" in response["Cache-Control"]
    assert response["Last-Modified"]


def test_a_repeated_search_is_served_from_the_cache(client, published_condition):
    SiteSettings.load()  # created on first use, which is a change of content
    first = client.get("/search/", {"q": "sclerosis"})
    # A write that sends no signal: the stored results do not see it.
    Article.objects.filter(pk=published_condition.pk).update(title="Changed behind its back")
    second = client.get("/search/", {"q": "sclerosis"})
    assert second.content == first.content
    assert "Changed behind its back" not in second.content.decode()


def test_a_search_finds_a_new_article_at_once(client, published_condition):
    assert "1 result" in client.get("/search/", {"q": "sclerosis"}).content.decode()
    ArticleFactory(title="Sclerosis, another")
    assert "2 results" in client.get("/search/", {"q": "sclerosis"}).content.decode()


def test_each_search_and_page_is_stored_apart(client, published_condition):
    assert "1 result" in client.get("/search/", {"q": "sclerosis"}).content.decode()
    assert "No results" in client.get("/search/", {"q": "zebra"}).content.decode()
    assert "1 result" in client.get("/search/?page=1&q=sclerosis").content.decode()


def test_a_search_with_another_parameter_is_not_stored(client, published_condition):
    SiteSettings.load()
    client.get("/search/?q=sclerosis&utm_source=newsletter")
    Article.objects.filter(pk=published_condition.pk).update(title="Sclerosis renamed")
    html = client.get("/search/?q=sclerosis&utm_source=newsletter").content.decode()
    assert "Sclerosis renamed" in html
