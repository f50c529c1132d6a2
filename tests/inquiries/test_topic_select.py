import re

import pytest

from inquiries.forms import FEATURED_TOPICS_MAX
from tests.benchmarks.corpus import generate
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_topic_list_escapes_titles_and_preselects_the_topic(client):
    ArticleFactory(title='Fish & "chips" <b>', slug="fish", featured=True)
    ArticleFactory(title="Amyotrophic lateral sclerosis (ALS)", slug="als")
    html = client.get("/contact/", {"topic": "als"}).content.decode()
    assert "Fish &amp; &quot;chips&quot; &lt;b&gt;" in html
    assert "<b>" not in html.split('name="article"')[1].split("</select>")[0]
    selected = html.split(" selected>")[0].rsplit("<option", 1)[1]
    assert 'value="' in selected
    assert html.split(" selected>")[1].startswith("Amyotrophic lateral sclerosis (ALS)</option>")


def test_topic_list_offers_published_featured_articles_only(client):
    ArticleFactory(title="Visible page", featured=True)
    ArticleFactory(title="Draft page", draft=True, featured=True)
    ArticleFactory(title="Not featured page")
    html = client.get("/contact/").content.decode()
    assert ">Visible page</option>" in html
    assert "Draft page" not in html
    assert "Not featured page" not in html
    assert '<option value="" selected>Something else, or not sure</option>' in html


def test_the_article_a_patient_came_from_is_offered_first_even_when_not_featured(client):
    ArticleFactory(title="Featured page", featured=True)
    came_from = ArticleFactory(title="A page deep in the library", slug="deep")
    html = client.get("/contact/", {"topic": "deep"}).content.decode()
    options = re.findall(r"<option [^>]*>([^<]*)</option>", html)
    assert options == ["Something else, or not sure", "A page deep in the library", "Featured page"]
    assert f'<option value="{came_from.pk}" selected>' in html


def test_a_form_sent_back_with_errors_keeps_the_chosen_topic(client):
    chosen = ArticleFactory(title="A page deep in the library")
    # A form with mistakes comes back through a redirect (so Back never re-posts it).
    response = client.post("/contact/", {"article": str(chosen.pk), "name": ""}, follow=True)
    assert response.status_code == 200
    assert "Enter your name" in response.content.decode()
    html = response.content.decode()
    assert f'<option value="{chosen.pk}" selected>A page deep in the library</option>' in html


def test_the_contact_page_stays_small_for_a_large_library(client):
    generate(articles=2000, citations=20, references=1, related=1)
    response = client.get("/contact/")
    assert len(response.content) < 30_000
    options = re.findall(r"<option ", response.content.decode())
    assert len(options) <= 1 + FEATURED_TOPICS_MAX
