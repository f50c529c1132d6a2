"""Anonymous visitors get cached pages; every content change shows at once."""

import datetime

import pytest
import time_machine
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from articles.models import Article
from clinic.models import SiteSettings
from tests.factories import ArticleCitationFactory, ArticleFactory, StaffFactory
from tests.signing_in import sign_in

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


def test_editing_an_article_shows_at_once(client, published_condition, committed):
    client.get("/conditions/als/")
    client.get("/conditions/")
    with committed():
        published_condition.title = "Motor neurone disease"
        published_condition.save()
    assert "Motor neurone disease" in client.get("/conditions/als/").content.decode()
    assert "Motor neurone disease" in client.get("/conditions/").content.decode()


def test_editing_a_cited_study_shows_at_once(client, published_condition, committed):
    reference = ArticleCitationFactory(article=published_condition, order=1)
    client.get("/conditions/als/")
    with committed():
        reference.citation.title = "A corrected title"
        reference.citation.save()
    assert "A corrected title" in client.get("/conditions/als/").content.decode()


def test_adding_a_related_page_shows_at_once(client, published_condition, committed):
    client.get("/conditions/als/")
    with committed():
        published_condition.related.add(ArticleFactory(treatment=True, title="New treatment"))
    assert "New treatment" in client.get("/conditions/als/").content.decode()


def test_unpublishing_hides_the_page_at_once(client, published_condition, committed):
    client.get("/conditions/als/")
    with committed():
        published_condition.unpublish()
    assert client.get("/conditions/als/").status_code == 404


def test_site_settings_change_shows_at_once_on_cached_pages(client, published_condition, committed):
    client.get("/")
    with committed():
        site = SiteSettings.load()
        site.phone = "555-0199"
        site.save()
    assert "555-0199" in client.get("/").content.decode()


def test_a_scheduled_article_appears_on_time_without_a_save(client, published_condition, committed):
    SiteSettings.load()  # created on first use, which is a change of content
    publication = timezone.now() + datetime.timedelta(hours=1)
    with committed():
        ArticleFactory(title="Coming soon", published_at=publication)
    assert "Coming soon" not in client.get("/conditions/").content.decode()
    with time_machine.travel(publication + datetime.timedelta(seconds=1)):
        assert "Coming soon" in client.get("/conditions/").content.decode()


def test_editors_bypass_the_cache_and_see_draft_banners(client, editor_client, published_condition):
    draft = ArticleFactory(draft=True, slug="draft-page")
    assert "Draft preview" in editor_client.get(draft.get_absolute_url()).content.decode()
    editor_client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_parameter_the_page_does_not_read_is_served_the_stored_page(client, published_condition):
    SiteSettings.load()  # created on first use, which is a change of content
    stored = client.get("/conditions/als/?utm_source=newsletter").content
    Article.objects.filter(pk=published_condition.pk).update(title="Changed behind its back")
    for url in ["/conditions/als/", "/conditions/als/?utm_source=other&fbclid=1"]:
        assert client.get(url).content == stored
    # Rendered without it: no stored page links a visitor's tracking tag.
    assert b"utm_source" not in stored


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


def test_a_search_finds_a_new_article_at_once(client, published_condition, committed):
    assert "1 result" in client.get("/search/", {"q": "sclerosis"}).content.decode()
    with committed():
        ArticleFactory(title="Sclerosis, another")
    assert "2 results" in client.get("/search/", {"q": "sclerosis"}).content.decode()


def test_each_search_and_page_is_stored_apart(client, published_condition):
    assert "1 result" in client.get("/search/", {"q": "sclerosis"}).content.decode()
    assert "No results" in client.get("/search/", {"q": "zebra"}).content.decode()
    assert "1 result" in client.get("/search/?page=1&q=sclerosis").content.decode()


def test_a_search_with_another_parameter_is_the_stored_search(client, published_condition):
    SiteSettings.load()
    stored = client.get("/search/?q=sclerosis&utm_source=newsletter").content
    Article.objects.filter(pk=published_condition.pk).update(title="Sclerosis renamed")
    assert client.get("/search/?q=sclerosis").content == stored
    assert b"utm_source" not in stored


def test_page_numbers_the_search_reads_as_one_share_one_stored_page(
    client, published_condition, django_assert_num_queries
):
    SiteSettings.load()
    stored = client.get("/search/?q=sclerosis&page=x1").content
    assert "1 result" in stored.decode()
    for url in [
        "/search/?q=sclerosis&page=x2",
        "/search/?q=sclerosis&page=1",
        "/search/?page=0&q=sclerosis",
        "/search/?q=sclerosis",
        "/search/?q=+sclerosis+&page=%C2%B2",
    ]:
        with django_assert_num_queries(0):
            assert client.get(url).content == stored, url


def test_searches_alike_in_their_first_hundred_characters_share_one_stored_page(
    client, published_condition, django_assert_num_queries
):
    SiteSettings.load()
    terms = "sclerosis " * 10  # 100 characters: the view reads no more
    stored = client.get("/search/", {"q": terms + "and more"}).content
    with django_assert_num_queries(0):
        assert client.get("/search/", {"q": f"  {terms}something else"}).content == stored


def test_a_session_cookie_naming_no_session_is_served_the_stored_page(
    client, settings, published_condition, django_assert_num_queries
):
    SiteSettings.load()
    stored = client.get("/conditions/als/").content
    Article.objects.filter(pk=published_condition.pk).update(title="Changed behind its back")
    client.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session"
    with django_assert_num_queries(1):  # the session looked up, not found
        assert client.get("/conditions/als/").content == stored


def test_a_messages_cookie_holding_no_message_is_served_the_stored_page(
    client, published_condition, django_assert_num_queries
):
    SiteSettings.load()
    stored = client.get("/conditions/als/").content
    for value in ["", "forged", CookieStorage(RequestFactory().get("/"))._encode([])]:
        client.cookies["messages"] = value
        with django_assert_num_queries(0):
            assert client.get("/conditions/als/").content == stored


def test_a_visitor_with_a_message_to_read_gets_the_page_rendered_with_it(
    client, published_condition
):
    client.get("/conditions/als/")
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(messages.SUCCESS, "Your request was sent.")
    response = HttpResponse()
    storage.update(response)
    client.cookies["messages"] = response.cookies["messages"].value
    assert "Your request was sent." in client.get("/conditions/als/").content.decode()
    assert "Your request was sent." not in client.get("/conditions/als/").content.decode()


def test_signed_in_staff_are_never_served_the_stored_page(staff_client, published_condition):
    SiteSettings.load()
    staff_client.logout()
    staff_client.get("/conditions/als/")
    Article.objects.filter(pk=published_condition.pk).update(title="Changed behind its back")
    sign_in(staff_client, StaffFactory(username="another"))
    assert "Changed behind its back" in staff_client.get("/conditions/als/").content.decode()


def test_versions_change_when_the_edit_commits_not_before(
    client, published_condition, django_capture_on_commit_callbacks
):
    SiteSettings.load()
    client.get("/conditions/als/")
    with django_capture_on_commit_callbacks() as on_commit:
        published_condition.title = "Motor neurone disease"
        published_condition.save()
        # Uncommitted: a visitor is served the page as it was, nothing is stored anew.
        assert "Motor neurone disease" not in client.get("/conditions/als/").content.decode()
    assert len({callback.pending for callback in on_commit}) == 1  # one renewal
    for callback in on_commit:
        callback()
    assert "Motor neurone disease" in client.get("/conditions/als/").content.decode()
