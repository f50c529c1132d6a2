import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_topic_list_escapes_titles_and_preselects_the_topic(client):
    ArticleFactory(title='Fish & "chips" <b>', slug="fish")
    ArticleFactory(title="Amyotrophic lateral sclerosis (ALS)", slug="als")
    html = client.get("/contact/", {"topic": "als"}).content.decode()
    assert "Fish &amp; &quot;chips&quot; &lt;b&gt;" in html
    assert "<b>" not in html.split('name="article"')[1].split("</select>")[0]
    selected = html.split(" selected>")[0].rsplit("<option", 1)[1]
    assert 'value="' in selected
    assert html.split(" selected>")[1].startswith("Amyotrophic lateral sclerosis (ALS)</option>")


def test_topic_list_offers_published_articles_only(client):
    ArticleFactory(title="Visible page")
    ArticleFactory(title="Draft page", draft=True)
    html = client.get("/contact/").content.decode()
    assert ">Visible page</option>" in html
    assert "Draft page" not in html


def test_the_contact_page_makes_the_same_queries_for_a_large_library(
    client, django_assert_max_num_queries
):
    for _ in range(30):
        ArticleFactory()
    client.get("/contact/")
    with django_assert_max_num_queries(2):
        client.get("/contact/?topic=article-1")
