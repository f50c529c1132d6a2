"""The medical review line of an article as a patient sees it: who reviewed the page, when,
when the next review is due, and "Updated since review" after a change; readable on a phone
and in dark mode, with no serious accessibility fault."""

from articles.models import Article
from tests.factories import ReviewFactory

from .conftest import DESKTOP, PHONE, blocking, run_axe

TREATMENT = "/treatments/stem-cell-therapy-for-als/"


def test_the_review_line_of_a_reviewed_treatment(demo_content, new_page):
    article = Article.objects.get(slug="stem-cell-therapy-for-als")
    page = new_page()
    page.goto(TREATMENT)
    line = page.locator(".article__review")
    assert line.inner_text().strip() == "Not yet medically reviewed."

    review = ReviewFactory(article=article)
    page.reload()
    text = " ".join(line.inner_text().split())
    assert text.startswith(
        f"Reviewed by Dr. A. Rao, MD, neurologist on {review.reviewed_on.day} "
        f"{review.reviewed_on:%B %Y} · Next review due "
    )
    assert "Updated since review" not in text
    # Under the summary, before the approval box: seen without scrolling far on a phone.
    box = line.bounding_box()
    assert box["y"] + box["height"] < 2 * PHONE["height"]
    assert (
        box["y"]
        < page.get_by_role("heading", name="Approval status: Not approved").bounding_box()["y"]
    )
    assert blocking(run_axe(page, "review line (phone)")) == []

    article.body += "<p>A sentence added after the review.</p>"
    article.save()
    page.reload()
    updated = line.locator(".article__review-due")
    assert updated.is_visible()
    assert updated.inner_text() == (
        "Updated since review: the latest changes are not yet medically reviewed."
    )
    dark = new_page(viewport=DESKTOP, color_scheme="dark")
    dark.goto(TREATMENT)
    assert dark.locator(".article__review-due").is_visible()
    assert blocking(run_axe(dark, "review line, updated since (desktop, dark)")) == []
