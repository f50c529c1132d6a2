import pytest

from articles.text.sanitize import html_to_text, sanitize_html
from tests.factories import ArticleFactory


@pytest.mark.parametrize(
    ("dirty", "forbidden"),
    [
        ("<p>Hi<script>alert(1)</script></p>", "script"),
        ("<p>Hi<script>alert(1)</script></p>", "alert"),
        ('<img src="x.png" onerror="alert(1)">', "onerror"),
        ('<p onclick="steal()">Hi</p>', "onclick"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "alert"),
        ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "data:"),
        ('<iframe src="https://evil.example/"></iframe>', "evil.example"),
        ('<iframe src="https://evil.example/"></iframe>', "<iframe"),
        ('<p style="background:url(javascript:alert(1))">x</p>', "style"),
        ("<svg><script>alert(1)</script></svg>", "svg"),
        ('<form action="/x"><input name="a"></form>', "<form"),
        ("<style>body{display:none}</style><p>x</p>", "display"),
        ('<object data="x.swf"></object>', "object"),
    ],
)
def test_dangerous_markup_is_removed(dirty, forbidden):
    assert forbidden.lower() not in sanitize_html(dirty).lower()


def test_ordinary_editor_markup_is_kept():
    html = (
        "<h2>Symptoms</h2><p>Text with <strong>bold</strong>, <em>italic</em> and a "
        '<a href="https://example.org/">link</a>.</p><ul><li>One</li></ul>'
        '<img src="/media/uploads/a.png" alt="A chart">'
    )
    cleaned = sanitize_html(html)
    assert "<h2>Symptoms</h2>" in cleaned
    assert "<strong>bold</strong>" in cleaned
    assert 'href="https://example.org/"' in cleaned
    assert 'rel="noopener noreferrer"' in cleaned
    assert '<img src="/media/uploads/a.png" alt="A chart">' in cleaned


def test_allowed_video_iframe_is_kept_with_lazy_loading():
    cleaned = sanitize_html(
        '<iframe src="https://www.youtube-nocookie.com/embed/abc" title="Video" onload="x()">'
        "</iframe>"
    )
    assert 'src="https://www.youtube-nocookie.com/embed/abc"' in cleaned
    assert 'loading="lazy"' in cleaned
    assert "onload" not in cleaned


def test_a_heading_one_in_the_body_becomes_a_heading_two():
    assert sanitize_html("<h1>Title</h1>") == "<h2>Title</h2>"


@pytest.mark.django_db
def test_article_body_is_sanitized_when_saved():
    article = ArticleFactory(
        body='<p onmouseover="x()">Safe<script>alert(1)</script>'
        '<img src="a.png" onerror="alert(2)"><a href="javascript:alert(3)">y</a></p>'
    )
    article.refresh_from_db()
    assert "script" not in article.body
    assert "onerror" not in article.body
    assert "onmouseover" not in article.body
    assert "javascript" not in article.body
    assert article.body_text == "Safe y"


def test_plain_text_keeps_words_and_separates_blocks():
    assert html_to_text("<p>a &amp; b</p><ul><li>x</li><li>y</li></ul>") == "a & b\nx\ny"
