"""The Content-Security-Policy in a real browser: nothing the site needs is blocked.

The ``new_page`` fixture fails a test on any "Content Security Policy" console message;
these tests also listen for ``securitypolicyviolation`` events in the page itself, and
check that the policy they run under is the one the site means to send.
"""

import pytest
from django.conf import settings
from PIL import Image

from .helpers import sign_in_as_editor, wait_for_the_editor

TREATMENT = "/treatments/stem-cell-therapy-for-als/"

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""


def open_recording(new_page, **options):
    page = new_page(**options)
    page.context.add_init_script(RECORD_VIOLATIONS)
    return page


def violations(page):
    return page.evaluate("window.__cspViolations")


def test_a_public_article_runs_under_the_strict_policy_without_violations(demo_content, new_page):
    page = open_recording(new_page)
    response = page.goto(TREATMENT)
    policy = response.headers["content-security-policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives["script-src"] == ["'self'"]  # the order of directives varies
    assert "unsafe-inline" not in policy
    # The JSON-LD block is data, not script: the strict policy does not block it.
    assert page.locator("script[type='application/ld+json']").count() == 1
    page.wait_for_load_state("load")
    assert violations(page) == []


def test_the_contact_form_runs_under_the_strict_policy_without_violations(demo_content, new_page):
    page = open_recording(new_page)
    response = page.goto("/contact/")
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    page.wait_for_load_state("load")
    assert violations(page) == []


@pytest.mark.parametrize("path", ["articles/article/add/", "articles/citation/add/"])
def test_the_article_editor_works_under_the_admins_policy(
    demo_content, new_page, live_server, path, tmp_path
):
    from .conftest import DESKTOP

    page = open_recording(new_page, viewport=DESKTOP)
    sign_in_as_editor(page, live_server)
    response = page.goto(f"/{settings.ADMIN_PATH}{path}")
    assert response.status == 200
    assert "object-src 'none'" in response.headers["content-security-policy"]
    if path.startswith("articles/article/"):
        # CKEditor 4 is up: its toolbar (inline handlers) and its editing area work.
        wait_for_the_editor(page)
        page.frame_locator("iframe.cke_wysiwyg_frame").locator("body").click()
        page.keyboard.type("Evidence at a glance")
        page.keyboard.press("Control+A")
        page.locator("a.cke_button__bold").click()
        data = page.evaluate("CKEDITOR.instances.id_body.getData()")
        assert "<strong>Evidence at a glance</strong>" in data
        # The image dialog's upload: a form posted into a frame, answered by an inline
        # callback script (/ckeditor/upload/, under the editor's policy).
        image = tmp_path / "chart.png"
        Image.new("RGB", (8, 8), "teal").save(image)
        page.locator("a.cke_button__image").click()
        page.locator(".cke_dialog").first.wait_for(state="visible")
        page.locator(".cke_dialog a.cke_dialog_tab", has_text="Upload").click()
        upload = page.frame_locator(".cke_dialog iframe.cke_dialog_ui_input_file")
        upload.locator("input[type=file]").set_input_files(str(image))
        page.locator(".cke_dialog a", has_text="Send it to the Server").click()
        url_field = page.locator(".cke_dialog input.cke_dialog_ui_input_text").first
        for _ in range(50):
            if url_field.input_value():
                break
            page.wait_for_timeout(100)
        assert url_field.input_value().startswith("/media/uploads/")
    page.wait_for_load_state("load")
    assert violations(page) == []


def test_the_editor_policy_is_needed_the_strict_one_would_break_ckeditor(
    demo_content, browser, live_server, settings
):
    """The relaxation under the admin is not a blanket one: without it CKEditor is blocked."""
    from .conftest import DESKTOP

    settings.EDITOR_CONTENT_SECURITY_POLICY = {}
    context = browser.new_context(viewport=DESKTOP, base_url=live_server.url)
    try:
        context.set_default_timeout(10_000)
        context.add_init_script(RECORD_VIOLATIONS)
        page = context.new_page()
        sign_in_as_editor(page, live_server)
        page.goto(f"/{settings.ADMIN_PATH}articles/article/add/")
        page.wait_for_load_state("load")
        page.wait_for_timeout(1500)
        blocked = violations(page)
        assert any(v.startswith("script-src") for v in blocked), blocked
        assert any(v.startswith("style-src") for v in blocked), blocked
    finally:
        context.close()
