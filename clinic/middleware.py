"""Project-wide middleware: the page's language, the editor's Content-Security-Policy,
staff sessions."""

import math
import time

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib.auth import logout
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import add_never_cache_headers

# When the session's user signed in (a Unix time), kept in the session.
SIGNED_IN_AT = "signed_in_at"


def staff_path_prefixes():
    """Where only staff go: the admin and the rich-text editor's upload views."""
    return ("/" + settings.ADMIN_PATH, "/ckeditor/")


class UrlLanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, where the URL alone decides the language.

    With ``i18n_patterns(..., prefix_default_language=False)`` its request half already
    does so: ``/es/...`` is Spanish, every other path English, whatever the browser's
    Accept-Language or a language cookie say. Its response half would still redirect a
    404 to a language prefix (only when the default language is prefixed: never here) and
    add ``Vary: Accept-Language`` to every unprefixed page, telling shared caches to keep
    a copy per browser language of pages that do not depend on it. This one only says
    which language the page is in.
    """

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the editor's policy under the admin and the editor.

    Public pages get ``CONTENT_SECURITY_POLICY`` alone; under the staff paths the
    directives of ``EDITOR_CONTENT_SECURITY_POLICY`` replace theirs (CKEditor 4 needs
    inline script and styles). A view's own ``@csp_replace`` still wins.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.replace is None
            and request.path_info.startswith(staff_path_prefixes())
        ):
            parts.replace = settings.EDITOR_CONTENT_SECURITY_POLICY
        return parts


def record_sign_in(sender, request, user, **kwargs):
    """Keep the time of signing in (``user_logged_in``): the session's age counts from it."""
    request.session[SIGNED_IN_AT] = time.time()


class StaffSessionMiddleware:
    """Staff sessions end after ``STAFF_SESSION_IDLE_TIMEOUT`` seconds of inactivity, and
    ``SESSION_COOKIE_AGE`` seconds after signing in, however active.

    Each staff request moves the expiry forward (the session is saved every time), so a
    computer left signed in at the front desk signs itself out; but never past
    ``SESSION_COOKIE_AGE`` from the sign-in (a stolen session cookie cannot be kept alive
    for ever). A staff session without a sign-in time is ended. Staff pages are never
    stored by a browser or a proxy (``Cache-Control: no-store``): they show patients'
    requests; and search engines are asked not to index them. Visitors without a session
    cookie are left alone: reading the session would add ``Vary: Cookie`` to public pages.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_staff:
            self.limit_session(request)
        response = self.get_response(request)
        if request.path_info.startswith(staff_path_prefixes()):
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    @staticmethod
    def limit_session(request):
        signed_in_at = request.session.get(SIGNED_IN_AT)
        remaining = (
            settings.SESSION_COOKIE_AGE - (time.time() - signed_in_at) if signed_in_at else 0
        )
        if remaining <= 0:
            logout(request)  # the session is deleted; the admin asks to sign in again
            return
        # Rounded up: set_expiry(0) would mean "until the browser closes".
        request.session.set_expiry(math.ceil(min(settings.STAFF_SESSION_IDLE_TIMEOUT, remaining)))
