"""What only a browser shows: the layout on a phone, keyboard use, print, motion, tap sizes."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.factories import ReviewerFactory, ReviewFactory

from .conftest import DESKTOP, PHONE, save_screenshot

TREATMENT = "/treatments/stem-cell-therapy-for-als/"

# Every control a patient might reach with the keyboard, in the page's own order.
FOCUSABLE = (
    "a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), "
    "select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])"
)

# Controls smaller than 44 x 44 CSS pixels. Links inside a sentence are exempt, as in
# WCAG 2.5.5 / 2.5.8 ("inline"): enlarging them would break up the text.
SMALL_TARGETS_JS = """
(selector) => {
  const small = [];
  for (const element of document.querySelectorAll(selector)) {
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    if (box.width === 0 || style.visibility === "hidden" || element.closest("[aria-hidden=true]")) {
      continue;
    }
    if (element.matches("input[type=checkbox], input[type=radio]")) {
      const label = element.labels && element.labels[0];
      const labelBox = label && label.getBoundingClientRect();
      if (labelBox && labelBox.height >= 44 && box.width + labelBox.width >= 44) continue;
    }
    if (style.display.startsWith("inline")) {
      const block = element.parentElement.closest("p, li, td, dd, address, span");
      const ownText = element.textContent.trim().length;
      if (block && block.textContent.trim().length > ownText + 2) continue;
    }
    if (box.width < 44 || box.height < 44) {
      small.push(`${element.tagName.toLowerCase()} "${element.textContent.trim().slice(0, 40)}"`
        + ` ${Math.round(box.width)}x${Math.round(box.height)}`);
    }
  }
  return small;
}
"""


def test_als_treatment_page_reads_well_on_a_phone(demo_content, page):
    page.goto(TREATMENT)

    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.get_by_role("heading", level=1).inner_text() == "Stem cell therapy for ALS"
    approval = page.get_by_role("heading", name="Approval status: Not approved")
    assert approval.bounding_box()["y"] < 2 * PHONE["height"]  # not buried under the fold
    # The header's phone number is a tel: link, visible without scrolling.
    phone = page.locator(".site-header a[href^='tel:']")
    assert phone.is_visible()
    assert phone.bounding_box()["y"] + phone.bounding_box()["height"] <= PHONE["height"]

    page.locator(".contents").get_by_role("link", name="References").click()
    # Scrolled to the references (smoothly, so wait for the scrolling to end).
    page.wait_for_function(
        "() => { const b = document.querySelector('#references').getBoundingClientRect();"
        " return location.hash === '#references' && b.top >= -1 && b.top < 50; }"
    )
    references = page.locator("#references")
    assert references.locator("li").first.is_visible()
    assert "10.4103/0028-3886.103185" in references.inner_text()

    cta = page.locator(".article .cta")
    cta.scroll_into_view_if_needed()
    button = cta.get_by_role("link", name="Talk to a care coordinator")
    assert button.is_visible()
    assert button.bounding_box()["height"] >= 44
    assert button.get_attribute("href") == "/contact/?topic=stem-cell-therapy-for-als"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.evaluate("window.scrollTo(0, 0)")
    save_screenshot(page, "article-phone")


def test_article_on_desktop_keeps_the_contents_list_beside_the_text(demo_content, new_page):
    page = new_page(viewport=DESKTOP)
    page.goto(TREATMENT)

    contents = page.locator(".contents")
    body = page.locator(".article__body")
    assert contents.bounding_box()["x"] > body.bounding_box()["x"] + body.bounding_box()["width"]
    # About 65 characters a line: the text column stays narrow on a wide screen.
    assert body.bounding_box()["width"] <= 720
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 18
    save_screenshot(page, "article-desktop")

    page.locator(".article__body h2").last.scroll_into_view_if_needed()
    assert contents.is_visible()
    assert 0 <= contents.bounding_box()["y"] < DESKTOP["height"]  # sticky


def test_home_page_screenshot_and_layout(demo_content, new_page):
    page = new_page(viewport=DESKTOP)
    page.goto("/")

    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
    assert page.get_by_role("link", name="Talk to a care coordinator").first.is_visible()
    save_screenshot(page, "home", full_page=True)


def test_home_page_promises_clinical_review_only_once_every_page_has_a_current_one(
    demo_content, page
):
    page.goto("/")
    promise = page.locator(".promise")
    honest = promise.get_by_role("listitem").filter(has_text="Open about review.")
    expect(honest).to_be_visible()
    expect(honest).to_contain_text("Each page says whether a clinician has reviewed it yet")
    expect(promise).not_to_contain_text("Reviewed by clinicians.")

    reviewer = ReviewerFactory()
    for article in Article.objects.live():
        ReviewFactory(article=article, reviewer=reviewer)
    page.reload()

    reviewed = promise.get_by_role("listitem").filter(has_text="Reviewed by clinicians.")
    expect(reviewed).to_be_visible()
    expect(reviewed).to_contain_text("Each page shows who last reviewed it")
    expect(promise).not_to_contain_text("Open about review.")


def test_a_misspelled_search_offers_a_did_you_mean_that_finds_the_page(demo_content, page):
    page.goto("/")
    page.locator("#home-search").fill("stemcell")
    page.locator("#home-search").press("Enter")

    expect(page.locator("#results-heading")).to_have_text("No results for \u201cstemcell\u201d")
    suggestion = page.locator(".search-suggestion")
    expect(suggestion).to_contain_text("Did you mean")
    # SQLite splits the word ("stem cell"); PostgreSQL's pg_trgm offers the page's title.
    link = suggestion.get_by_role("link")
    suggested = link.inner_text()
    link.click()

    expect(page.locator("#search-q")).to_have_value(suggested)
    titles = page.locator(".search-results .card__title")
    expect(titles.filter(has_text="Stem cell therapy for ALS")).to_have_count(1)


@pytest.mark.parametrize("path", ["/", TREATMENT, "/conditions/", "/search/?q=als", "/contact/"])
def test_controls_are_at_least_44_pixels_square_on_a_phone(demo_content, page, path):
    page.goto(path)

    assert page.evaluate(SMALL_TARGETS_JS, FOCUSABLE) == []


def tab_through(page, limit=200):
    """Press Tab until focus leaves the page or comes round again; count the stops."""
    page.evaluate(
        """() => { window.focusedInOrder = [];
                   document.addEventListener('focusin', e => focusedInOrder.push(e.target)); }"""
    )
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            """() => { const el = document.activeElement;
                       return !el || el === document.body
                         || focusedInOrder.indexOf(el) < focusedInOrder.length - 1; }"""
        ):
            break
    return page.evaluate(
        """() => { const stops = focusedInOrder.filter(el => el !== document.body);
                   const first = stops.indexOf(stops[stops.length - 1]);
                   return first < stops.length - 1 ? stops.length - 1 : stops.length; }"""
    )


@pytest.mark.parametrize("path", ["/", TREATMENT, "/contact/"])
def test_keyboard_reaches_every_control_in_order_with_visible_focus(demo_content, page, path):
    page.goto(path)
    # One tab stop per control; radios share one per group.
    expected = page.evaluate(
        """(selector) => {
             const controls = [...document.querySelectorAll(selector)].filter(el => {
               const box = el.getBoundingClientRect();
               return el.tabIndex >= 0 && box.width > 0 && box.height > 0
                 && getComputedStyle(el).visibility !== 'hidden'
                 && !el.closest('[aria-hidden=true]');
             });
             const seenRadioGroups = new Set();
             return controls.filter(el => {
               if (el.type !== 'radio') return true;
               if (seenRadioGroups.has(el.name)) return false;
               seenRadioGroups.add(el.name);
               return true;
             }).length;
           }""",
        FOCUSABLE,
    )

    stops = tab_through(page)

    assert stops == expected
    visited = page.evaluate(
        """(count) => {
             const stops = focusedInOrder.slice(0, count);
             const inPageOrder = stops.every((el, i) => i === 0 || !!(
               stops[i - 1].compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING));
             const noFocusRing = stops.filter(el => {
               el.focus();
               const s = getComputedStyle(el);
               return s.outlineStyle === 'none' && s.boxShadow === 'none';
             }).map(el => el.outerHTML.slice(0, 80));
             return {unique: new Set(stops).size, inPageOrder, noFocusRing};
           }""",
        stops,
    )
    assert visited == {"unique": stops, "inPageOrder": True, "noFocusRing": []}


def test_skip_link_is_first_and_moves_focus_to_the_main_content(demo_content, page):
    page.goto(TREATMENT)

    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Skip to main content"
    box = skip.bounding_box()
    assert box["y"] >= 0
    assert box["height"] >= 44 or box["width"] >= 44
    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")
    assert page.evaluate("document.activeElement.closest('header') === null")


def test_printed_article_lists_reference_urls_and_leaves_out_the_site_chrome(demo_content, page):
    page.goto(TREATMENT)
    page.emulate_media(media="print")

    assert page.locator(".site-header").is_hidden()
    assert page.locator(".site-footer").is_hidden()
    assert page.locator(".article .cta").is_hidden()
    assert page.locator("#references").is_visible()
    printed_url = page.evaluate(
        "getComputedStyle(document.querySelector('#references a[href^=http]'), '::after').content"
    )
    assert "https://doi.org/10.4103/0028-3886.103185" in printed_url
    assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_reduced_motion_turns_off_smooth_scrolling(demo_content, new_page):
    calm = new_page(reduced_motion="reduce")
    calm.goto(TREATMENT)
    lively = new_page(reduced_motion="no-preference")
    lively.goto(TREATMENT)

    assert calm.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    assert lively.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "smooth"
    assert calm.evaluate("getComputedStyle(document.querySelector('.button')).transitionDuration")
    assert calm.evaluate(
        "getComputedStyle(document.querySelector('.button')).transitionDuration"
    ) in {"0s", "0s, 0s"}


def test_dark_mode_follows_the_system_setting(demo_content, new_page):
    light = new_page(color_scheme="light")
    light.goto(TREATMENT)
    dark = new_page(color_scheme="dark")
    dark.goto(TREATMENT)

    background = "getComputedStyle(document.body).backgroundColor"
    assert light.evaluate(background) == "rgb(255, 255, 255)"
    assert dark.evaluate(background) == "rgb(17, 23, 29)"
