"""The staff's screens with a keyboard and a screen reader: axe finds no serious fault, every
control has a name, and focus goes where the work is."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from articles.models import Article

from .conftest import DESKTOP, blocking, run_axe
from .helpers import sign_in_as_editor, wait_for_the_autocompletes, wait_for_the_editor

ADMIN = f"/{settings.ADMIN_PATH}"


def article_change_url(slug="stem-cell-therapy-for-als"):
    return f"{ADMIN}articles/article/{Article.objects.get(slug=slug).pk}/change/"


@pytest.mark.parametrize(
    "screen",
    ["articles/article/add/", "change", "articles/citation/"],
)
def test_editors_screens_have_no_serious_accessibility_violations(
    demo_content, new_page, live_server, screen
):
    page = new_page(viewport=DESKTOP)
    sign_in_as_editor(page, live_server)
    page.goto(article_change_url() if screen == "change" else f"{ADMIN}{screen}")
    if "citation/" not in screen:
        wait_for_the_editor(page)
        wait_for_the_autocompletes(page)

    assert blocking(run_axe(page, f"admin: {screen}")) == []


def test_a_new_article_starts_on_its_title_and_the_editor_is_named_after_its_label(
    demo_content, new_page, live_server
):
    page = new_page(viewport=DESKTOP)
    sign_in_as_editor(page, live_server)
    page.goto(f"{ADMIN}articles/article/add/")
    wait_for_the_editor(page)

    expect(page.locator("#id_title")).to_be_focused()
    expect(page.locator("#cke_id_body")).to_have_accessible_name("Body")
    expect(page.locator("#cke_id_body iframe")).to_have_attribute("title", "Body")
    expect(page.get_by_label("Published at: date")).to_have_count(1)

    page.get_by_role("button", name="Add another reference").click()
    expect(page.locator("#id_article_citations-1-order")).to_be_focused()
    expect(page.locator("#id_article_citations-1-order")).to_have_accessible_name(
        "Order of reference row 2"
    )


def test_citation_marks_in_the_text_are_underlined(demo_content, page):
    page.goto("/treatments/stem-cell-therapy-for-als/")

    decoration = page.locator(".article__body a.cite").first.evaluate(
        "a => getComputedStyle(a).textDecorationLine"
    )

    assert decoration == "underline"
