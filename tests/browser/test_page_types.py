"""Every public page type, checked by tools nobody on the team wrote: axe-core in Chromium
for accessibility, the Nu HTML Checker for validity."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from PIL import Image, ImageDraw

from tests.factories import ArticleFactory

from .conftest import DESKTOP, blocking, run_axe, validate_html
from .helpers import submit

TREATMENT = "/treatments/stem-cell-therapy-for-als/"
CONDITION = "/conditions/amyotrophic-lateral-sclerosis/"
SERVER_ERROR_PREVIEW = "/__server-error-preview__/"


def hero_jpeg():
    """A soft gradient, wide enough for every srcset size."""
    image = Image.new("RGB", (1600, 800), "#dcebee")
    draw = ImageDraw.Draw(image)
    for x in range(0, 1600, 8):
        shade = 235 - x // 16
        draw.rectangle([x, 0, x + 8, 800], fill=(shade - 30, shade, shade + 5))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return SimpleUploadedFile("clinic-garden.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def site_pages(demo_content):
    """The demo content, plus a page with a hero image (for the srcset markup)."""
    ArticleFactory(
        title="Physical therapy for ALS",
        slug="physical-therapy-for-als",
        treatment=True,
        hero_image=hero_jpeg(),
        hero_image_alt="A physical therapist helps a patient stretch.",
    )


def server_error_html():
    from clinic.views import server_error

    return server_error(RequestFactory().get("/")).content.decode()


def fill_contact_form(page):
    page.get_by_label("Your name").fill("Maria Lopez")
    page.get_by_label("Email address").fill("maria@example.com")
    page.get_by_label("Email me").check()
    page.get_by_label("I agree that the clinic may contact me").check()


def open_page_type(page, kind):
    """Go to one page type the way a patient would; return the HTML the server sent."""
    simple = {
        "home": "/",
        "conditions": "/conditions/",
        "treatments": "/treatments/",
        "condition": CONDITION,
        "treatment": TREATMENT,
        "treatment-with-hero-image": "/treatments/physical-therapy-for-als/",
        "search": "/search/",
        "search-results": "/search/?q=stem+cell",
        "search-no-results": "/search/?q=zebra",
        "not-found": "/no-such-page/",
        "contact": "/contact/?topic=stem-cell-therapy-for-als",
        "privacy": "/privacy/",
    }
    if kind in simple:
        response = page.goto(simple[kind])
        assert response.status == (404 if kind == "not-found" else 200), kind
        return response.text()
    if kind == "server-error":
        html = server_error_html()
        page.route(
            f"**{SERVER_ERROR_PREVIEW}",
            lambda route: route.fulfill(status=500, body=html, content_type="text/html"),
        )
        page.goto(SERVER_ERROR_PREVIEW)
        return html
    if kind == "contact-with-errors":
        page.goto("/contact/")
        response = submit(page)
        assert response.status == 200
        assert page.locator(".error-summary").is_visible()
        return response.text()
    if kind == "contact-thanks":
        page.goto("/contact/")
        fill_contact_form(page)
        submit(page)
        assert page.url.endswith("/contact/thanks/")
        return page.goto("/contact/thanks/").text()
    raise ValueError(kind)


PUBLIC_PAGE_TYPES = [
    "home",
    "conditions",
    "treatments",
    "condition",
    "treatment",
    "treatment-with-hero-image",
    "search",
    "search-results",
    "search-no-results",
    "not-found",
    "server-error",
    "contact",
    "contact-with-errors",
    "contact-thanks",
    "privacy",
]


def check_accessibility(page, kinds, label):
    """Run axe on each page type in turn; return the serious and critical violations."""
    found = {}
    for kind in kinds:
        open_page_type(page, kind)
        if serious := blocking(run_axe(page, f"{kind} ({label})")):
            found[kind] = serious
    return found


def test_public_pages_have_no_serious_accessibility_violations_on_a_phone(site_pages, page):
    assert check_accessibility(page, PUBLIC_PAGE_TYPES, "phone") == {}


def test_public_pages_have_no_serious_accessibility_violations_in_dark_mode_on_desktop(
    site_pages, new_page
):
    dark = new_page(viewport=DESKTOP, color_scheme="dark")

    assert check_accessibility(dark, PUBLIC_PAGE_TYPES, "desktop, dark") == {}


def test_public_pages_have_no_serious_accessibility_violations_in_forced_colours(
    site_pages, new_page
):
    forced = new_page(viewport=DESKTOP, forced_colors="active")

    assert check_accessibility(forced, PUBLIC_PAGE_TYPES, "desktop, forced colours") == {}


def test_every_public_page_type_is_valid_html(site_pages, page):
    documents = {kind: open_page_type(page, kind) for kind in PUBLIC_PAGE_TYPES}

    errors = validate_html(documents)

    assert {kind: errors[kind] for kind in documents if errors[kind]} == {}
    assert set(documents) == set(PUBLIC_PAGE_TYPES)


def test_the_checkers_catch_a_broken_page(page, live_server):
    """The two checkers are wired up: a page with known faults does not pass."""
    broken = (
        "<!DOCTYPE html><html><head><title>Broken</title></head><body><main><h1>Broken</h1>"
        '<img src="/static/img/favicon.png"><p><b><i>misnested</b></i></p></main></body></html>'
    )
    page.route("**/__broken__/", lambda route: route.fulfill(body=broken, content_type="text/html"))
    page.goto("/__broken__/")

    violations = {v["id"]: v["impact"] for v in run_axe(page, "control: a broken page")}
    errors = validate_html({"control-broken-page": broken}, label="control")

    assert violations["image-alt"] == "critical"
    assert violations["html-has-lang"] == "serious"
    assert any("alt" in e for e in errors["control-broken-page"])
    assert any(
        "misnested" in e.lower() or "end tag" in e.lower() for e in errors["control-broken-page"]
    )
