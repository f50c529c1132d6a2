"""The Spanish pages in a real browser, checked as the English ones are: axe-core for
accessibility, the Nu HTML Checker for validity; the switcher and the form by hand."""

import re

from playwright.sync_api import expect

from inquiries.models import Inquiry

from .conftest import DESKTOP, blocking, run_axe, save_screenshot, validate_html
from .helpers import submit

SPANISH_PAGES = {
    "home": "/es/",
    "conditions": "/es/condiciones/",
    "treatments": "/es/tratamientos/",
    "condition": "/es/condiciones/esclerosis-lateral-amiotrofica/",
    "treatment": "/es/tratamientos/terapia-con-celulas-madre-para-la-ela/",
    "search": "/es/buscar/?q=celulas+madre",
    "search-nothing-found": "/es/buscar/?q=esclerossis",
    "contact": "/es/contacto/?topic=terapia-con-celulas-madre-para-la-ela",
    "not-found": "/es/no-existe/",
}


def open_spanish_page(page, name):
    """Open one Spanish page type; return the HTML the server sent."""
    if name == "contact-with-errors":
        page.goto("/es/contacto/")
        response = submit(page)
        assert page.locator(".error-summary").is_visible()
    else:
        response = page.goto(SPANISH_PAGES[name])
        assert response.status == (404 if name == "not-found" else 200), name
    assert page.locator("html").get_attribute("lang") == "es"
    return response.text()


PAGE_TYPES = [*SPANISH_PAGES, "contact-with-errors"]


def test_spanish_pages_have_no_serious_accessibility_violations(demo_content, new_page):
    found = {}
    for label, options in [
        ("phone", {}),
        ("desktop, dark", {"viewport": DESKTOP, "color_scheme": "dark"}),
    ]:
        page = new_page(**options)
        for name in PAGE_TYPES:
            open_spanish_page(page, name)
            if serious := blocking(run_axe(page, f"es {name} ({label})")):
                found[f"{name} ({label})"] = serious

    assert found == {}


def test_spanish_pages_are_valid_html(demo_content, page):
    documents = {f"es-{name}": open_spanish_page(page, name) for name in PAGE_TYPES}

    errors = validate_html(documents, label="spanish")

    assert {name: errors[name] for name in documents if errors[name]} == {}


def test_the_switcher_takes_a_reader_to_the_same_page_in_spanish_and_back(demo_content, page):
    page.goto("/conditions/")
    switcher = page.locator(".site-header").get_by_role("link", name="Español")
    assert switcher.get_attribute("hreflang") == "es"
    switcher.click()

    page.wait_for_url("**/es/condiciones/")
    assert page.get_by_role("heading", level=1).inner_text() == "Enfermedades y afecciones"
    save_screenshot(page, "spanish-conditions")
    page.locator(".site-header").get_by_role("link", name="English").click()
    page.wait_for_url("**/conditions/")
    assert page.locator("html").get_attribute("lang") == "en"


def test_a_spanish_speaker_fixes_a_mistake_and_reaches_the_spanish_thanks_page(demo_content, page):
    page.goto("/es/contacto/?topic=terapia-con-celulas-madre-para-la-ela")
    page.get_by_label("Su nombre").fill("Lucía Pérez")
    page.get_by_label("Correo electrónico", exact=True).fill("lucia@example")  # the mistake
    page.get_by_label("Envíenme un correo electrónico").check()
    page.get_by_label("Acepto que la clínica se comunique conmigo").check()
    submit(page)

    summary = page.locator(".error-summary")
    assert summary.get_by_role("heading").inner_text() == "Hay un problema"
    assert page.title().startswith("Error:")
    summary.get_by_role(
        "link", name="Escriba un correo electrónico con el formato correcto"
    ).click()
    assert page.evaluate("document.activeElement.id") == "id_email"
    save_screenshot(page, "spanish-contact-errors", full_page=True)
    page.get_by_label("Correo electrónico", exact=True).fill("lucia@example.com")
    submit(page)

    assert page.url.endswith("/es/contacto/gracias/")
    assert page.get_by_role("heading", level=1).inner_text() == "Gracias, recibimos su solicitud"
    inquiry = Inquiry.objects.get()
    assert (inquiry.name, inquiry.email) == ("Lucía Pérez", "lucia@example.com")
    assert inquiry.article.slug == "terapia-con-celulas-madre-para-la-ela"
    assert inquiry.language == "es"


def test_a_reader_searches_in_spanish_and_switches_to_the_english_page(demo_content, page):
    page.goto("/es/")
    page.get_by_role("search").get_by_label("Busque enfermedades").fill("celulas madre")
    page.get_by_role("search").get_by_role("button", name="Buscar").click()
    page.wait_for_url("**/es/buscar/?q=celulas+madre")
    results = page.locator(".search-results .card__link")
    assert results.first.inner_text() == "Terapia con células madre para la ELA"
    results.first.click()

    page.wait_for_url("**/es/tratamientos/terapia-con-celulas-madre-para-la-ela/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Terapia con células madre para la ELA"
    )
    save_screenshot(page, "spanish-treatment", full_page=True)
    page.locator(".site-header").get_by_role("link", name="English").click()
    page.wait_for_url("**/treatments/stem-cell-therapy-for-als/")
    assert page.get_by_role("heading", level=1).inner_text() == "Stem cell therapy for ALS"


def test_spanish_citation_links_are_named_in_spanish_and_english_titles_marked(demo_content, page):
    page.goto(SPANISH_PAGES["treatment"])

    first = page.locator(".article__body a.cite").first
    expect(first).to_have_accessible_name(re.compile(r"^referencias? \d"))
    assert page.get_by_role("link", name="referencia 1", exact=True).count() >= 1
    assert page.get_by_role("link", name=re.compile(r"^references? \d")).count() == 0
    # The cited papers' titles are English: a screen reader reads them as English, and the
    # reader is told before following them.
    reference = page.locator("#ref-1 .references__text")
    expect(reference.locator("span[lang=en]")).to_have_count(1)
    expect(reference).to_contain_text("(en inglés)")
