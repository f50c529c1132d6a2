"""An edit re-renders the pages that show what changed; every other article stays stored.

A page served from the store runs no query (``django_assert_num_queries(0)``); one
rendered again runs its four. Every write is committed (``committed``), as each of the
admin's is: the page store's versions change when a transaction commits.
"""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from articles.models import Article
from clinic import pagecache
from clinic.models import SiteSettings
from tests.factories import (
    ArticleCitationFactory,
    ArticleFactory,
    CitationFactory,
    ReviewFactory,
    translation_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def store(client, django_assert_num_queries, committed):
    """``store.warm(article, ...)`` puts pages in the store; ``store.is_served(article)``
    says whether a page comes from it (no query) and ``store.html(article)`` renders."""

    class Store:
        def warm(self, *articles):
            for article in articles:
                assert client.get(article.get_absolute_url()).status_code == 200

        def is_served(self, article):
            with django_assert_num_queries(0):
                return client.get(article.get_absolute_url()).content.decode()

        def html(self, article):
            return client.get(article.get_absolute_url()).content.decode()

    with committed():
        SiteSettings.load()  # created on first use
    return Store()


def test_editing_one_article_leaves_the_others_stored(client, store, committed):
    with committed():
        edited, other = ArticleFactory(title="Ataxia"), ArticleFactory(title="Bell's palsy")
    store.warm(edited, other)
    client.get("/conditions/")

    with committed():
        edited.title = "Ataxia, corrected"
        edited.save()

    assert "Bell&#x27;s palsy" in store.is_served(other)
    assert "Ataxia, corrected</h1>" in store.html(edited)
    assert "Ataxia, corrected" in client.get("/conditions/").content.decode()


def test_a_change_made_without_signals_stays_unseen_on_other_pages(store, committed):
    # What the test above proves is the store's doing, not a render: a write behind its back
    # shows nowhere until an edit names the page.
    with committed():
        edited, other = ArticleFactory(), ArticleFactory(title="Bell's palsy")
    store.warm(edited, other)
    Article.objects.filter(pk=other.pk).update(title="Changed behind its back")
    with committed():
        edited.save()
    assert "Changed behind its back" not in store.is_served(other)


def test_an_edit_renders_again_the_page_in_every_language(store, committed):
    with committed():
        english = ArticleFactory(title="Amyotrophic lateral sclerosis", slug="als")
        spanish = translation_of(english, title="Esclerosis lateral amiotrófica", slug="ela")
        other = ArticleFactory()
    store.warm(english, spanish, other)

    with committed():
        spanish.slug = "esclerosis-lateral"
        spanish.save()

    # The English page's language switcher goes to the Spanish page's new address.
    assert 'href="/es/condiciones/esclerosis-lateral/"' in store.html(english)
    store.is_served(other)


def test_publishing_a_translation_links_it_from_the_page_in_the_other_language(store, committed):
    with committed():
        english = ArticleFactory(slug="als")
        spanish = translation_of(english, slug="ela", draft=True)
    store.warm(english)
    assert 'href="/es/condiciones/ela/"' not in store.html(english)

    with committed():
        spanish.publish()

    assert 'href="/es/condiciones/ela/"' in store.html(english)


def test_a_related_pages_new_title_shows_on_the_pages_listing_it(store, committed):
    with committed():
        treatment = ArticleFactory(treatment=True, title="Stem cell therapy")
        condition = ArticleFactory(title="Ataxia")
        condition.related.add(treatment)
        other = ArticleFactory()
    store.warm(condition, treatment, other)

    with committed():
        treatment.title = "Mesenchymal stem cell therapy"
        treatment.save()

    assert "Mesenchymal stem cell therapy" in store.html(condition)
    store.is_served(other)


def test_taking_a_related_page_away_shows_on_both_pages(store, committed):
    with committed():
        treatment = ArticleFactory(treatment=True, title="Stem cell therapy")
        condition = ArticleFactory(title="Ataxia")
        condition.related.add(treatment)
    store.warm(condition, treatment)

    with committed():
        treatment.related.remove(condition)

    assert "Stem cell therapy" not in store.html(condition)
    assert "Ataxia" not in store.html(treatment).split("</h1>", 1)[1]


def test_a_citation_change_renders_again_every_page_citing_it(store, committed):
    with committed():
        citation = CitationFactory(title="A trial of stem cells")
        citing = [ArticleCitationFactory(citation=citation).article for _ in range(2)]
        not_citing = ArticleCitationFactory().article
    store.warm(*citing, not_citing)

    with committed():
        citation.title = "A randomized trial of stem cells"
        citation.save()

    for article in citing:
        assert "A randomized trial of stem cells" in store.html(article)
    store.is_served(not_citing)


def test_adding_a_reference_renders_again_that_page_only(store, committed):
    with committed():
        article, other = ArticleFactory(), ArticleFactory()
    store.warm(article, other)

    with committed():
        ArticleCitationFactory(article=article, citation__title="A new cohort study")

    assert "A new cohort study" in store.html(article)
    store.is_served(other)


def test_a_review_renders_again_its_page_and_the_home_page(client, store, committed):
    with committed():
        reviewed, other = ArticleFactory(featured=True), ArticleFactory(featured=True)
        ReviewFactory(article=other)
    store.warm(reviewed, other)
    assert "Open about review." in client.get("/").content.decode()

    with committed():
        ReviewFactory(article=reviewed)

    assert "Reviewed by Dr. A. Rao" in store.html(reviewed)
    assert "Reviewed by clinicians." in client.get("/").content.decode()
    store.is_served(other)


def test_a_new_address_is_a_new_page_and_the_old_one_is_gone(client, store, committed):
    with committed():
        article, other = ArticleFactory(slug="ataxia"), ArticleFactory()
    store.warm(article, other)

    with committed():
        article.slug = "friedreich-ataxia"
        article.save()

    assert client.get("/conditions/ataxia/").status_code == 404
    assert client.get("/conditions/friedreich-ataxia/").status_code == 200
    store.is_served(other)


def test_deleting_an_article_removes_it_and_its_cards(client, store, committed):
    with committed():
        treatment = ArticleFactory(treatment=True, title="Stem cell therapy")
        condition = ArticleFactory(title="Ataxia")
        condition.related.add(treatment)
    store.warm(condition, treatment)

    with committed():
        treatment.delete()

    assert client.get(treatment.get_absolute_url()).status_code == 404
    assert "Stem cell therapy" not in store.html(condition)


def test_a_scheduled_publication_shows_on_the_pages_relating_it_on_time(client, store, committed):
    publication = timezone.now() + datetime.timedelta(hours=1)
    with committed():
        condition, other = ArticleFactory(title="Ataxia"), ArticleFactory()
        scheduled = ArticleFactory(
            treatment=True, title="Stem cell therapy", published_at=publication
        )
        condition.related.add(scheduled)
    store.warm(condition, other)
    assert "Stem cell therapy" not in store.html(condition)

    with time_machine.travel(publication + datetime.timedelta(seconds=1)):
        assert "Stem cell therapy" in store.html(condition)
        assert "Stem cell therapy" in client.get("/treatments/").content.decode()
        store.is_served(other)


def test_site_settings_render_every_page_again(client, store, committed):
    with committed():
        article = ArticleFactory()
    store.warm(article)

    with committed():
        site = SiteSettings.load()
        site.phone = "303-555-0177"
        site.save()

    assert "303-555-0177" in store.html(article)


def test_an_evicted_version_never_brings_back_an_old_page(client, store, committed):
    with committed():
        article = ArticleFactory(title="Ataxia")
    store.warm(article)
    with committed():
        article.title = "Ataxia, corrected"
        article.save()
    assert "Ataxia, corrected</h1>" in store.html(article)
    # The page's version is lost (a full cache evicted it): a new one starts, so neither
    # copy stored under an older one is served.
    cache.delete(pagecache.version_key(pagecache.page_version_name(article.get_absolute_url())))
    Article.objects.filter(pk=article.pk).update(title="Changed behind its back")
    assert "Changed behind its back</h1>" in store.html(article)
