"""``StoredPageMiddleware``: a stored page served before the rest of the middleware stack.

``cache_public_page`` serves a stored page from inside the view, after every middleware has
run (sessions, the language, CSRF, authentication, messages, URL resolving). For a visitor
who sends no query string and no session or messages cookie, none of that changes the page:
this middleware, placed right after WhiteNoise, serves it at once, with the headers the
inner middleware gave it the first time (Content-Language, X-Frame-Options...). The
middleware outside it (security headers, the CSP) still runs on every response.

A page is served here only once this process has served it through the view (which says
where it is stored: ``response.page_store``), and only while its versions are current, as
the view's own store would check them: the same page, the same versions, less work.
"""

import threading

from django.conf import settings

from .store import from_entry, respond, stored_page, versions_of

# Headers the stored entry carries itself, or that belong to one response only.
NOT_KEPT = {"etag", "last-modified", "content-length", "content-type", "date", "set-cookie"}

# Pages this process knows the place of, at most (past it, it learns them again).
MAX_PATHS = 50_000


class KnownPaths:
    """path -> (where the page is stored, the headers the inner middleware added)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._paths = {}

    def get(self, path):
        return self._paths.get(path)

    def learn(self, path, stored, headers):
        with self._lock:
            if len(self._paths) >= MAX_PATHS:
                self._paths.clear()
            self._paths[path] = (stored, headers)

    def clear(self):
        with self._lock:
            self._paths.clear()


known_paths = KnownPaths()


def _may_serve_early(request):
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


class StoredPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        early = _may_serve_early(request)
        if early and (known := known_paths.get(request.path)) is not None:
            (key, own), headers = known
            tokens, since = versions_of(own)
            entry = stored_page(key, tokens)
            if entry is not None:
                request.get_host()  # a Host the site does not serve is refused, as always
                response = from_entry(entry)
                for name, value in headers:
                    response.headers.setdefault(name, value)
                return respond(request, response, since)
        response = self.get_response(request)
        stored = getattr(response, "page_store", None)
        if early and stored is not None and response.status_code == 200 and not response.cookies:
            headers = tuple(
                (name, value)
                for name, value in response.headers.items()
                if name.lower() not in NOT_KEPT
            )
            known_paths.learn(request.path, stored, headers)
        return response
