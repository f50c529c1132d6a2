"""The glossary on a phone: a tapped term shows its explanation, and axe finds no fault."""

from playwright.sync_api import expect

from articles.text.glossary import TERMS

from .conftest import AXE_TAGS, PHONE, blocking, run_axe, save_screenshot

TREATMENT = "/treatments/stem-cell-therapy-for-als/"
GLOSSARY = ".article__body a[href^='#glossary-'], .article__body dl, .article__body dt"


def test_tapping_a_term_shows_its_plain_explanation(demo_content, new_page):
    page = new_page(viewport=PHONE, has_touch=True, is_mobile=True)
    page.goto(TREATMENT)
    placebo = next(term for term in TERMS if term.slug == "placebo")

    term = page.locator(".article__body a[href='#glossary-placebo']")
    expect(term).to_have_count(1)
    # A screen reader hears the explanation with the term, where it is first used.
    expect(term).to_have_accessible_description(placebo.definition)
    term.scroll_into_view_if_needed()
    term.tap()

    page.wait_for_function(
        "() => { const b = document.getElementById('glossary-placebo').getBoundingClientRect();"
        " return location.hash === '#glossary-placebo' && b.top >= 0 && b.bottom <= innerHeight; }"
    )
    entry = page.locator("#glossary-placebo")
    expect(entry).to_have_text("Placebo")
    explanation = page.locator("#glossary-placebo + dd")
    expect(explanation).to_have_text(placebo.definition)
    expect(explanation).to_be_in_viewport()
    # The reached entry is highlighted, so the eye finds it.
    assert entry.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    save_screenshot(page, "glossary-phone")


def test_the_glossary_markup_passes_axe(demo_content, new_page):
    page = new_page(viewport=PHONE)
    page.goto(TREATMENT)
    assert page.locator(GLOSSARY).count() > len(TERMS)

    assert blocking(run_axe(page, "treatment page with its glossary")) == []
    # In the body, where the glossary is, no violation of any impact.
    in_body = page.evaluate(
        "tags => axe.run({include: [['.article__body']]}, {runOnly: {type: 'tag', values: "
        "tags}, resultTypes: ['violations']}).then(r => r.violations.map(v => v.id))",
        AXE_TAGS,
    )
    assert in_body == []
