"""The editor's Preview (a new tab, unsaved words) and Publish, in a real browser."""

import datetime

from django.conf import settings
from playwright.sync_api import expect

from articles.models import Article
from tests.factories import ReviewFactory

from .conftest import DESKTOP
from .helpers import sign_in_as_editor, wait_for_the_editor


def test_an_editor_previews_unsaved_changes_in_a_new_tab_then_publishes(
    demo_content, new_page, live_server
):
    article = Article.objects.get(slug="stem-cell-therapy-for-als")
    # The demo ships without a regulatory check date (nobody checked it): the editor has.
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.DRAFT, regulatory_checked_on=datetime.date.today()
    )
    page = new_page(viewport=DESKTOP)
    sign_in_as_editor(page, live_server)
    page.goto(f"/{settings.ADMIN_PATH}articles/article/{article.pk}/change/")
    wait_for_the_editor(page)
    # New reference rows are numbered after the article's last reference, not 0: the empty
    # row the form opens with, and the one "Add another reference" adds.
    orders = list(article.article_citations.values_list("order", flat=True))
    references = page.locator("#article_citations-group")
    expect(references.locator(f"#id_article_citations-{len(orders)}-order")).to_have_value(
        str(max(orders) + 1)
    )
    add_another = references.get_by_role("button", name="Add another reference")
    add_another.click()
    expect(references.locator(f"#id_article_citations-{len(orders) + 1}-order")).to_have_value(
        str(max(orders) + 2)
    )
    add_another.click()  # each added row is a copy of one template: numbered in the browser
    expect(references.locator(f"#id_article_citations-{len(orders) + 2}-order")).to_have_value(
        str(max(orders) + 3)
    )
    page.locator("#id_title").fill("Stem cell therapy for ALS: an unsaved title")
    page.evaluate("CKEDITOR.instances.id_body.setData('<p>Words not saved yet.</p>')")
    with page.context.expect_page() as tab:
        page.get_by_role("button", name="Preview (new tab)").last.click()
    preview = tab.value
    preview.wait_for_load_state()
    assert preview.get_by_role("heading", level=1).inner_text() == (
        "Stem cell therapy for ALS: an unsaved title"
    )
    assert "Words not saved yet." in preview.locator("main").inner_text()
    banner = preview.get_by_role("note").filter(has_text="Preview of unsaved changes.")
    expect(banner).to_be_visible()
    assert Article.objects.get(pk=article.pk).title == "Stem cell therapy for ALS"
    # The editor's tab is where it was, with the unsaved words.
    assert page.locator("#id_title").input_value().endswith("an unsaved title")

    # A treatment is published only with a medical review of its present text: the form
    # comes back saying why, and nothing is saved.
    with page.expect_navigation():
        page.get_by_role("button", name="Publish").last.click()
    refusal = page.locator(".errorlist.nonfield").inner_text()
    assert "Treatment pages are published only with a current medical review." in refusal
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT

    # Saved as a draft, reviewed by a medical reviewer, then published.
    wait_for_the_editor(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Save and continue editing").last.click()
    ReviewFactory(article=Article.objects.get(pk=article.pk))
    page.reload()
    wait_for_the_editor(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Publish").last.click()
    assert "is published." in page.locator(".messagelist").inner_text()
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.title == "Stem cell therapy for ALS: an unsaved title"
