"""Keyboard focus stays visible in every colour mode, forced colours (Windows High Contrast)
included: forced colours drop backgrounds and box shadows, so focus needs a real outline."""

import pytest

from .conftest import DESKTOP

HOME = "/"
TREATMENT = "/treatments/stem-cell-therapy-for-als/"

# The focused element's outline, as the browser draws it.
OUTLINE_JS = """
() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  return {
    tag: element.tagName.toLowerCase(),
    text: element.textContent.trim().slice(0, 40),
    style: style.outlineStyle,
    width: parseFloat(style.outlineWidth),
    color: style.outlineColor,
  };
}
"""
INVISIBLE = {"rgba(0, 0, 0, 0)", "transparent"}


def focus_outlines(page, presses):
    """Tab through the page; return the focused element's outline after each press."""
    outlines = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        outline = page.evaluate(OUTLINE_JS)
        if outline["tag"] == "body":  # past the last control
            break
        outlines.append(outline)
    return outlines


def unseen(outlines):
    return [
        o for o in outlines if o["style"] == "none" or o["width"] < 2 or o["color"] in INVISIBLE
    ]


@pytest.mark.parametrize("address", [HOME, TREATMENT])
def test_focus_is_outlined_in_forced_colours(demo_content, new_page, address):
    page = new_page(viewport=DESKTOP, forced_colors="active")
    page.goto(address)
    assert page.evaluate("matchMedia('(forced-colors: active)').matches")

    outlines = focus_outlines(page, 25)

    assert {o["tag"] for o in outlines} >= {"a"}
    assert unseen(outlines) == []


def test_an_article_has_one_landmark_named_medical_disclaimer(demo_content, page):
    page.goto(TREATMENT)

    landmarks = [
        page.get_by_role(role, name="Medical disclaimer", exact=True).count()
        for role in ("complementary", "region", "navigation", "contentinfo")
    ]

    assert sum(landmarks) == 1


def test_a_reader_returns_from_a_reference_to_the_mark_followed(demo_content, page):
    page.goto(TREATMENT)
    mark = page.locator(".article__body a.cite[href='#ref-1']").first
    mark.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**#ref-1")

    back_to_text = page.locator("#ref-1").get_by_role("link", name="Back to text")
    assert back_to_text.get_attribute("href") == "#cite-1"
    page.go_back()

    page.wait_for_function("() => document.activeElement.matches('.article__body a.cite')")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#ref-1"
