"""What several browser tests do the same way: send the page's form, sign in as an editor,
wait for the rich-text editor."""

from django.conf import settings
from django.test import Client

from tests.factories import StaffFactory
from tests.signing_in import app_device, current_code, sign_in


def submit(page):
    """Send the page's main form with its button; return the response to the POST."""
    with page.expect_navigation() as navigation:
        page.locator("main form[method=post] [type=submit]").click()
    return navigation.value


def sign_in_as_editor(page, live_server):
    """Give the browser a staff session (an editor with every articles permission)."""
    from django.contrib.auth.models import Permission

    editor = StaffFactory(username="editor")
    editor.user_permissions.set(Permission.objects.filter(content_type__app_label="articles"))
    client = sign_in(Client(), editor)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def wait_for_the_editor(page):
    """Poll from outside the page: wait_for_function evaluates a string, which a policy
    without 'unsafe-eval' (both of ours) refuses."""
    ready = "!!(window.CKEDITOR && CKEDITOR.instances.id_body"
    ready += " && CKEDITOR.instances.id_body.status === 'ready')"
    for _ in range(100):
        if page.evaluate(ready):
            return
        page.wait_for_timeout(100)
    raise AssertionError("CKEditor did not start within 10 seconds")


def wait_for_the_autocompletes(page):
    """Until every autocomplete has its Select2 and the name static/js/admin-article-form.js
    gives it (both start after the page's load, from timers)."""
    ready = """(() => {
        const selects = document.querySelectorAll(
            "select.admin-autocomplete:not([name*='__prefix__'])");
        return Array.from(selects).every((select) => {
            const widget = select.nextElementSibling;
            if (!widget || !widget.classList.contains("select2")) return false;
            const single = widget.querySelector(".select2-selection--single");
            const search = widget.querySelector(".select2-search__field");
            return (!single || single.hasAttribute("aria-labelledby"))
                && (!search || search.hasAttribute("aria-label"));
        });
    })()"""
    for _ in range(100):
        if page.evaluate(ready):
            return
        page.wait_for_timeout(100)
    raise AssertionError("The autocompletes were not named within 10 seconds")


def sign_in_as(page, live_server, user):
    """Give the browser a staff session for ``user``."""
    client = Client()
    sign_in(client, user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def sign_in_with_password_and_code(page, user, admin):
    """Sign in as a person does: the password on the admin's sign-in page, then the code of
    the user's authenticator app."""
    device = app_device(user)
    page.goto(admin)
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("correct horse battery staple")
    with page.expect_navigation():
        page.locator("input[type=submit]").click()
    page.get_by_label("Code", exact=True).fill(current_code(device))
    with page.expect_navigation():
        page.locator("form input[type=submit]").click()
