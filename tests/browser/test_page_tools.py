"""Print and share (issue 21, point 4): a "Print this page" button, a printed page that
says whose it is, where it lives and when it was printed, a share link with no third-party
script, and, on a phone, the page's title and summary on the first screen."""

import datetime

from .conftest import PHONE

CONDITION = "/conditions/amyotrophic-lateral-sclerosis/"
TREATMENT = "/treatments/stem-cell-therapy-for-als/"
SPANISH = (
    "/es/condiciones/esclerosis-lateral-amiotrofica/",
    "/es/tratamientos/terapia-con-celulas-madre-para-la-ela/",
)


def bottom(locator):
    box = locator.bounding_box()
    return box["y"] + box["height"]


def test_on_a_phone_the_first_screen_shows_the_title_and_summary(demo_content, page):
    for path in (CONDITION, TREATMENT, *SPANISH):
        page.goto(path)
        assert bottom(page.get_by_role("heading", level=1)) <= PHONE["height"], path
        assert bottom(page.locator(".article__header .lead")) <= PHONE["height"], path


def test_the_print_button_prints_a_page_that_says_whose_where_and_when(demo_content, page):
    from django.conf import settings

    page.goto(CONDITION)
    page.evaluate("window.print = () => { window.printRequested = true; }")
    page.get_by_role("button", name="Print this page").click()
    assert page.evaluate("window.printRequested") is True

    page.emulate_media(media="print")
    printed = page.locator(".print-header")
    assert printed.is_visible()
    text = printed.inner_text()
    assert "720-338-4491" in text
    assert f"{settings.SITE_URL}{CONDITION}" in text
    today = datetime.date.today()
    assert f"Printed on {today:%B} {today.day}, {today.year}" in text
    assert page.locator(".page-tools").is_hidden()
    assert page.locator(".site-header").is_hidden()


def test_the_spanish_printed_page_dates_it_in_spanish(demo_content, page):
    page.goto("/es/condiciones/esclerosis-lateral-amiotrofica/")
    assert page.get_by_role("button", name="Imprimir esta página").is_visible()
    page.emulate_media(media="print")
    today = datetime.date.today()
    months = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
              "septiembre", "octubre", "noviembre", "diciembre"]  # fmt: skip
    expected = f"Impreso el {today.day} de {months[today.month - 1]} de {today.year}"
    assert expected in page.locator(".print-header").inner_text()


def test_the_share_link_is_an_email_with_the_page_address_and_no_third_party_script(
    demo_content, page
):
    from django.conf import settings

    page.goto(CONDITION)
    share = page.get_by_role("link", name="Share this page by email")
    href = share.get_attribute("href")
    assert href.startswith("mailto:?subject=Amyotrophic%20lateral%20sclerosis%20%28ALS%29&body=")
    assert href.endswith(
        f"body={settings.SITE_URL}{CONDITION}".replace(":", "%3A").replace("/", "%2F")
    )
    scripts = page.eval_on_selector_all("script[src]", "all => all.map(s => s.src)")
    assert scripts
    assert all(src.startswith(page.url.split("/conditions/")[0]) for src in scripts)
