"""The demo's two pages in both languages on a 375 px phone: the title, the demonstration
banner and "Last updated" on the page, the contents list numbering the sections (issue 21).
With UPDATE_SCREENSHOTS=1 the screenshots go to docs/screenshots/."""

import pytest

from .conftest import save_screenshot

PAGES = [
    (
        "/conditions/amyotrophic-lateral-sclerosis/",
        "Amyotrophic lateral sclerosis (ALS)",
        "Demonstration content.",
        "Last updated",
        "demo-als-phone",
    ),
    (
        "/treatments/stem-cell-therapy-for-als/",
        "Stem cell therapy for ALS",
        "Demonstration content.",
        "Last updated",
        "demo-stem-cells-phone",
    ),
    (
        "/es/condiciones/esclerosis-lateral-amiotrofica/",
        "Esclerosis lateral amiotrófica (ELA)",
        "Contenido de demostración.",
        "Última actualización",
        "demo-ela-phone-es",
    ),
    (
        "/es/tratamientos/terapia-con-celulas-madre-para-la-ela/",
        "Terapia con células madre para la ELA",
        "Contenido de demostración.",
        "Última actualización",
        "demo-celulas-madre-phone-es",
    ),
]


@pytest.mark.parametrize(("path", "title", "banner", "updated", "name"), PAGES)
def test_a_demo_page_on_a_phone(demo_content, page, path, title, banner, updated, name):
    page.goto(path)
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == title
    assert banner in page.locator(".draft-banner--demo").inner_text()
    assert page.locator(".article__updated").inner_text().startswith(updated)
    sections = page.locator(".contents > ol > li")
    assert sections.count() >= 4
    save_screenshot(page, name, type="jpeg", quality=70)
