"""What an editor's rich text may store: allowed iframes are stored empty."""

import re

import pytest
from django.conf import settings

from articles.models import Article

pytestmark = pytest.mark.django_db

ADMIN = f"/{settings.ADMIN_PATH}"
VIDEO = "https://www.youtube-nocookie.com/embed/abc123"


def save_article(client, body):
    response = client.post(
        f"{ADMIN}articles/article/add/",
        {
            "title": "Living with ALS",
            "slug": "physiotherapy",
            # A condition: a treatment is published only once medically reviewed.
            "kind": "condition",
            "summary": "What it is.",
            "body": body,
            "status": "published",
            "published_at_0": "2024-01-01",
            "published_at_1": "09:00",
            "article_citations-TOTAL_FORMS": "0",
            "article_citations-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Article.objects.get(slug="physiotherapy")


@pytest.mark.parametrize(
    "inside",
    [
        "<img src=x onerror=alert(1)>",
        "&lt;/iframe&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
        "Your browser does not show videos.",
        "<p>text</p><iframe>nested</iframe>",
    ],
)
def test_text_inside_an_allowed_iframe_is_not_stored(editor_client, client, inside):
    body = f'<p>Exercises:</p><iframe src="{VIDEO}" title="Exercises">{inside}</iframe><p>End.</p>'
    article = save_article(editor_client, body)
    iframes = re.findall(r"<iframe\b[^>]*>(.*?)</iframe>", article.body, re.S)
    assert iframes == [""], article.body
    assert VIDEO in article.body
    assert "onerror" not in article.body
    assert "alert" not in article.body
    assert "<p>End.</p>" in article.body
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'src="{VIDEO}"' in html
    assert "onerror" not in html


def test_an_iframe_title_with_a_bracket_is_kept_whole(editor_client):
    body = f'<iframe src="{VIDEO}" title="Stretches &gt; 5 minutes">words</iframe><p>End.</p>'
    article = save_article(editor_client, body)
    assert "words" not in article.body
    assert 'title="Stretches &gt; 5 minutes"' in article.body or (
        'title="Stretches > 5 minutes"' in article.body
    )
    assert article.body.endswith("</iframe><p>End.</p>")
