"""The home page promises clinical review only when the published pages show one."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

PROMISE = "Reviewed by clinicians."
HONEST = "Each page says whether a clinician has reviewed it yet"


def home(client):
    return client.get("/").content.decode()


def reviewed(days_ago=30, by="Dr. A. Rao, MD, neurologist"):
    return {
        "last_reviewed": timezone.localdate() - datetime.timedelta(days=days_ago),
        "reviewed_by": by,
    }


def test_the_demo_pages_are_not_reviewed_so_the_home_page_does_not_say_they_are(client):
    call_command("load_demo_content", verbosity=0)
    html = home(client)
    assert (
        "Not yet medically reviewed"
        in client.get("/conditions/amyotrophic-lateral-sclerosis/").content.decode()
    )
    assert PROMISE not in html
    assert HONEST in html


def test_when_every_published_page_has_a_current_review_the_home_page_says_so(client):
    ArticleFactory(slug="als", featured=True, **reviewed())
    ArticleFactory(slug="mnd", **reviewed(days_ago=300))
    ArticleFactory(slug="draft", draft=True)  # not public: not part of the promise
    html = home(client)
    assert PROMISE in html
    assert HONEST not in html


@pytest.mark.parametrize(
    "unreviewed",
    [
        {"last_reviewed": None, "reviewed_by": ""},
        reviewed(days_ago=400),  # older than the review period
        reviewed(by=""),  # the promise names who reviewed it
    ],
)
def test_one_published_page_without_a_current_review_withdraws_the_promise(client, unreviewed):
    ArticleFactory(slug="als", featured=True, **reviewed())
    ArticleFactory(slug="not-featured", **unreviewed)
    assert PROMISE not in home(client)


def test_the_promise_follows_an_editor_s_review_at_once(client):
    article = ArticleFactory(slug="als", last_reviewed=None, reviewed_by="")
    assert PROMISE not in home(client)  # and the page is now in the page cache
    stored = Article.objects.get(pk=article.pk)
    stored.last_reviewed, stored.reviewed_by = reviewed().values()
    stored.save()
    assert PROMISE in home(client)


def test_an_empty_library_promises_nothing(client):
    assert PROMISE not in home(client)
