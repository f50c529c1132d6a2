"""Every public page makes a bounded number of queries, whatever the amount of content."""

import pytest

from articles.models import TrialSearch
from clinic.models import SiteSettings
from tests.factories import ArticleCitationFactory, ArticleFactory

pytestmark = pytest.mark.django_db


def build_library(size):
    treatments = [ArticleFactory(treatment=True, reviewed=10) for _ in range(size)]
    conditions = [ArticleFactory(featured=True, reviewed=10) for _ in range(size)]
    for article in [*treatments, *conditions]:
        for order in range(size):
            ArticleCitationFactory(article=article, order=order)
        article.related.add(*conditions[:size], *treatments[:size])
        search = TrialSearch.objects.create(article=article, condition="a condition")
        for position in range(size):
            search.trials.create(position=position, nct_id=f"NCT{position:08d}", title="A trial")
    return conditions[0], treatments[0]


@pytest.mark.parametrize("size", [1, 6])
def test_public_pages_make_a_constant_number_of_queries(
    client, django_assert_max_num_queries, size
):
    condition, treatment = build_library(size)
    client.get("/")  # the site settings are cached after the first request
    pages = {
        "/": 2,  # the featured pages; whether every page has a current review
        "/conditions/": 2,  # the A-Z index (letters and counts), then the cards
        "/treatments/": 2,
        # The article, its references, its related pages, its latest medical review, its
        # clinical trial search, its trials.
        condition.get_absolute_url(): 6,
        treatment.get_absolute_url(): 6,
        "/search/?q=condition": 2,  # a count on the index, then the ranked page
        "/sitemap.xml": 2,  # the paginator counts, then lists
        "/feed/": 1,
        "/robots.txt": 0,
    }
    for url, queries in pages.items():
        with django_assert_max_num_queries(queries):
            assert client.get(url).status_code == 200, url


def test_a_page_served_from_the_page_cache_makes_no_query(
    client, published_condition, django_assert_num_queries
):
    SiteSettings.load()  # created on first use, which is a change of content
    client.get("/conditions/als/")
    with django_assert_num_queries(0):
        assert client.get("/conditions/als/").status_code == 200
