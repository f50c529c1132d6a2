"""Research terms get a plain explanation where they first appear (articles/text/glossary.py)."""

import re

import pytest
import textstat
from django.core.management import call_command

from articles.models import Article
from articles.text.glossary import SECTION_TITLE, SPANISH_TERMS, TERMS, explain_terms
from articles.text.readability import grade
from articles.text.sanitize import sanitize_html
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

TREATMENT = "/treatments/stem-cell-therapy-for-als/"
CONDITION = "/conditions/amyotrophic-lateral-sclerosis/"
HEADING = re.compile(r"<h([2-4])\b[^>]*>.*?</h\1>", re.S)


@pytest.fixture
def demo(db):
    call_command("load_demo_content", publish_unreviewed=True, verbosity=0)


def article_body(page):
    return page.split('<div class="prose article__body">')[1].split("</div>")[0]


def running_text(body):
    """The body without its headings and the glossary section."""
    return HEADING.sub("", body.split(f">{SECTION_TITLE}</h2>")[0])


def test_each_term_is_explained_once_at_its_first_use(client, demo):
    body = article_body(client.get(TREATMENT).content.decode())
    text = running_text(body)
    for term in TERMS:
        links = re.findall(rf'<a href="#{term.anchor}"[^>]*>([^<]*)</a>', body)
        assert len(links) == 1, term.name
        link = re.search(rf'<a href="#{term.anchor}"[^>]*>', text)
        first_use = term.regex.search(re.sub(r"<[^>]+>", lambda m: " " * len(m[0]), text))
        assert first_use.start() == link.end(), f"{term.name} is not linked where it first appears"
        assert f'title="{term.definition}"' in link.group(0)


def test_the_glossary_section_lists_the_terms_in_order_of_first_use(client, demo):
    page = client.get(TREATMENT).content.decode()
    body = article_body(page)
    glossary = body.split(f">{SECTION_TITLE}</h2>")[1]
    entries = re.findall(r'<dt id="([^"]+)"><dfn>([^<]+)</dfn></dt><dd>([^<]+)</dd>', glossary)
    assert [name for _, name, _ in entries] == [
        "Open-label",
        "ALSFRS-R",
        "Randomized",
        "Placebo",
        "Primary end point",
    ]
    by_name = {term.name: term for term in TERMS}
    for anchor, name, definition in entries:
        assert anchor == by_name[name].anchor
        assert definition == by_name[name].definition
    # A section of its own in the page's contents list.
    assert '<a href="#words-used-on-this-page">Words used on this page</a>' in page


def test_only_the_terms_a_page_uses_are_in_its_glossary(client, demo):
    body = article_body(client.get(CONDITION).content.decode())
    glossary = body.split(f">{SECTION_TITLE}</h2>")[1]
    assert re.findall(r"<dfn>([^<]+)</dfn>", glossary) == ["Placebo"]


def test_a_page_without_research_terms_gets_no_glossary(client):
    article = ArticleFactory(body="<p>ALS weakens the muscles.</p>")
    article.publish()
    assert SECTION_TITLE not in client.get(article.get_absolute_url()).content.decode()


def test_terms_in_headings_links_and_code_are_left_alone():
    body = (
        "<h3>A placebo group</h3><p><a href='/x/'>placebo</a> and <code>placebo</code></p>"
        "<p>Each got a Placebo, then another placebo.</p>"
    )
    rendered = explain_terms(sanitize_html(body))
    assert rendered.count('href="#glossary-placebo"') == 1
    assert "<h3>A placebo group</h3>" in rendered
    assert (
        'Each got a <a href="#glossary-placebo" title="A dummy treatment with no active '
        "medicine in it. It lets researchers see what would happen without the real "
        'treatment." rel="noopener noreferrer">Placebo</a>, then another placebo.'
    ) in rendered


def test_term_variants_are_recognised():
    rendered = explain_terms("<p>A randomised trial; its primary endpoint; open label.</p>")
    for term in ("randomized", "primary-end-point", "open-label"):
        assert f'href="#glossary-{term}"' in rendered


def test_the_sanitizer_allows_everything_the_glossary_adds(demo):
    for article in Article.objects.all():
        rendered = explain_terms(article.body, article.language)
        assert rendered != article.body
        assert sanitize_html(rendered) == rendered


def test_the_explanations_read_at_grade_8_or_below():
    for term in TERMS:
        assert textstat.flesch_kincaid_grade(term.definition) <= 8, term.name
    for term in SPANISH_TERMS:
        assert grade(term.definition, "es") <= 8, term.name


def test_each_language_explains_its_own_words():
    spanish = explain_terms("<p>Un ensayo aleatorizado con placebo.</p>", "es")
    assert 'href="#glossary-aleatorizado"' in spanish
    assert "<h2>Palabras usadas en esta página</h2>" in spanish
    assert "dummy" not in spanish
    # An English word on a Spanish page, or a language without a glossary: left alone.
    assert "glossary" not in explain_terms("<p>A randomized trial.</p>", "es")
    assert explain_terms("<p>A randomized trial.</p>", "fr") == "<p>A randomized trial.</p>"


def test_the_glossary_is_served_from_the_page_cache(client, demo, django_assert_num_queries):
    first = client.get(TREATMENT)
    with django_assert_num_queries(0):
        second = client.get(TREATMENT)
    assert second.content == first.content
    assert 'id="glossary-placebo"' in second.content.decode()
