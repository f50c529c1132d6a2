"""The home page promises clinical review only while every published page has a current one."""

import pytest
from django.core.management import call_command

from articles.models import Article
from tests.factories import ArticleFactory, ReviewFactory

pytestmark = pytest.mark.django_db

PROMISE = "Reviewed by clinicians."
HONEST = "Each page says whether a clinician has reviewed it yet"


def home(client):
    return client.get("/").content.decode()


def test_the_demo_pages_are_not_reviewed_so_the_home_page_does_not_say_they_are(client):
    call_command("load_demo_content", publish_unreviewed=True, verbosity=0)
    html = home(client)
    assert (
        "Not yet medically reviewed"
        in client.get("/conditions/amyotrophic-lateral-sclerosis/").content.decode()
    )
    assert PROMISE not in html
    assert HONEST in html


def test_when_every_published_page_has_a_current_review_the_home_page_says_so(client):
    ArticleFactory(slug="als", featured=True, reviewed=30)
    ArticleFactory(slug="mnd", reviewed=300)  # a condition: reviewed every 36 months
    ArticleFactory(slug="msc", treatment=True, reviewed=300)  # a treatment: every 12
    ArticleFactory(slug="draft", draft=True)  # not public: not part of the promise
    html = home(client)
    assert PROMISE in html
    assert HONEST not in html


@pytest.mark.parametrize(
    "unreviewed",
    [
        {},  # never reviewed
        {"treatment": True, "reviewed": 400},  # past a treatment's 12 months
        {"reviewed": 3 * 366 + 1},  # past a condition's 36 months
    ],
    ids=["never", "treatment-overdue", "condition-overdue"],
)
def test_one_published_page_without_a_current_review_withdraws_the_promise(client, unreviewed):
    ArticleFactory(slug="als", featured=True, reviewed=30)
    ArticleFactory(slug="not-featured", **unreviewed)
    assert PROMISE not in home(client)


def test_a_page_changed_since_its_review_withdraws_the_promise(client, committed):
    article = ArticleFactory(slug="als", reviewed=30)
    assert PROMISE in home(client)
    with committed():
        article.body += "<p>A new claim.</p>"
        article.save()
    assert PROMISE not in home(client)


def test_the_promise_follows_a_reviewer_s_review_at_once(client, committed):
    article = ArticleFactory(slug="als")
    assert PROMISE not in home(client)  # and the page is now in the page cache
    with committed():
        ReviewFactory(article=Article.objects.get(pk=article.pk))
    assert PROMISE in home(client)


def test_an_empty_library_promises_nothing(client):
    assert PROMISE not in home(client)
