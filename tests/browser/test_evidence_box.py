"""The evidence box, the approval status and the clinic's involvement as a patient sees them:
on a phone, with the keyboard, and scanned by axe."""

import datetime

from .conftest import AXE_TAGS, PHONE, blocking, run_axe, save_screenshot

TREATMENT = "/treatments/stem-cell-therapy-for-als/"

# axe on the given parts of the page only: every violation, whatever its impact.
AXE_IN = """
([selectors, tags]) => axe.run({include: selectors.map(s => [s])},
  {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
  .then(r => r.violations.map(v => `${v.id}: ${v.nodes.map(n => n.target).join(' ')}`))
"""


def test_the_evidence_box_reads_honestly_on_a_phone(demo_content, new_page):
    # Reduced motion: the jump to a reference is instant, not a smooth scroll to wait out.
    page = new_page(viewport=PHONE, reduced_motion="reduce")
    page.goto(TREATMENT)
    box = page.locator("section.evidence")
    assert box.get_by_role("heading", name="What we cite").is_visible()
    assert box.bounding_box()["y"] < 3 * PHONE["height"]  # near the top, not buried
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    text = " ".join(box.inner_text().split())
    assert "not all the research there is" in text
    assert "We have not recorded when we last searched the published research." in text
    assert "2 studies and 2 systematic reviews cited." in text
    assert "Randomized controlled trials: 1, with 196 participants." in text
    assert "Met their primary end point: 0 of 2 studies (not met: 2)." in text

    registry = box.get_by_role("link", name="NCT03280056")
    assert registry.get_attribute("href") == "https://clinicaltrials.gov/study/NCT03280056"

    # The registration's reference number leads to the reference, by keyboard too.
    box.get_by_role("link", name="[2]").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => { const b = document.querySelector('#ref-2').getBoundingClientRect();"
        " return location.hash === '#ref-2' && b.top >= -1 && b.top < 80; }"
    )
    reference = page.locator("#ref-2")
    assert "Compared with: placebo" in reference.inner_text()
    assert "Primary end point met: no" in reference.inner_text()

    page.evaluate("window.scrollTo(0, 0)")
    box.scroll_into_view_if_needed()
    save_screenshot(page, "evidence-box-phone", clip=box.bounding_box())


def test_the_approval_status_and_the_clinics_involvement_on_the_page(demo_content, page):
    page.goto(TREATMENT)
    approval = page.locator("section.regulatory")
    source = approval.get_by_role("link", name="fda.gov")
    assert source.get_attribute("href").startswith("https://www.fda.gov/")
    assert "Not approved by the FDA for ALS." in approval.inner_text()

    offer = page.locator("section.clinic-offer")
    assert "No. Our clinic does not provide this treatment." in offer.inner_text()
    # Read just before the call to action, one after the other.
    cta = page.locator(".article .cta")
    assert offer.bounding_box()["y"] < cta.bounding_box()["y"]
    assert (
        cta.bounding_box()["y"] - (offer.bounding_box()["y"] + offer.bounding_box()["height"]) < 120
    )


def test_a_stale_approval_status_reads_as_of_its_date(demo_content, page):
    from articles.models import Article

    Article.objects.filter(slug="stem-cell-therapy-for-als").update(
        regulatory_checked_on=datetime.date(2021, 6, 3)
    )
    page.goto(TREATMENT)
    stale = page.locator(".regulatory__stale")
    assert stale.is_visible()
    assert stale.inner_text() == "As of 3 June 2021."
    assert page.locator("section.regulatory").get_by_role("link", name="fda.gov").is_visible()


def test_the_boxes_pass_axe(demo_content, page):
    page.goto(TREATMENT)
    assert not blocking(run_axe(page, "treatment page with its evidence box"))
    boxes = ["section.evidence", "section.regulatory", "section.clinic-offer", "#references"]
    assert page.evaluate(AXE_IN, [boxes, AXE_TAGS]) == []
