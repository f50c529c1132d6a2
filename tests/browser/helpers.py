"""What several browser tests do the same way: send the page's form, sign in as an editor,
wait for the rich-text editor."""

from django.conf import settings
from django.test import Client

from tests.factories import StaffFactory


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
    client = Client()
    client.force_login(editor)
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
