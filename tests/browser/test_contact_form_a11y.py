"""What a screen reader hears on the contact form: its accessibility tree in Chromium."""

from .helpers import submit


def invalid_controls(page):
    """The controls the browser's accessibility tree marks invalid, as (role, name)."""
    cdp = page.context.new_cdp_session(page)
    invalid = set()
    for node in cdp.send("Accessibility.getFullAXTree")["nodes"]:
        properties = {p["name"]: p["value"].get("value") for p in node.get("properties", [])}
        if properties.get("invalid") not in (None, "false"):
            invalid.add((node["role"]["value"], node["name"]["value"]))
    cdp.detach()
    return invalid


def test_a_fresh_form_has_no_control_marked_invalid(page):
    page.goto("/contact/")
    assert page.get_by_label("I agree that the clinic may contact me").is_visible()
    assert invalid_controls(page) == set()


def test_controls_are_marked_invalid_once_the_form_comes_back_with_their_errors(page):
    page.goto("/contact/")
    page.get_by_label("Your name").fill("Maria Lopez")
    page.get_by_label("Email address").fill("maria@example.com")
    submit(page)
    assert page.locator(".error-summary").is_visible()
    assert invalid_controls(page) == {
        ("radio", "Email me"),
        ("radio", "Call me"),
        ("checkbox", "I agree that the clinic may contact me about this request"),
    }
