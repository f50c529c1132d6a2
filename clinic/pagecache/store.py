"""``cache_public_page``: serve a view's page from the shared store to anonymous visitors.

Never stored: visitors with a live session (signed-in staff see draft banners) or pending
messages (a cookie that names no session, or holds no message, is no session), anything
but GET/HEAD, and any response but a 200 that sets no cookie (so no CSRF token or session
is ever shared). A page is stored under the query parameters its view reads, as the view
reads them (``query_params``: ``?page=x1`` is page 1), and rendered from those alone; any
other parameter (a tracking tag) is ignored. Stored pages carry an ETag and Last-Modified,
so a repeat visit gets a 304 without rendering.
"""

import functools
import hashlib
import typing
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse, QueryDict
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

from .recent import recent_pages
from .versions import CONTENT, SITE, current_versions, page_version_name

PAGE_KEY_PREFIX = "pagecache:page:"
STORED_HEADERS = ("Content-Type", "Content-Language")


def _has_live_session(request):
    """Whether the session cookie names a session that exists (staff signed in): a
    cookie naming none (expired, made up) is no session, and does not skip the store."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    session = getattr(request, "session", None)
    if session is None:
        return True
    session.keys()  # loads it; a key that names no session is dropped
    return session.session_key is not None


def _may_use_store(request):
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and not _has_live_session(request)
        # len() reads the messages without marking them shown; a cookie that holds none
        # (empty, or with a bad signature) counts as none.
        and not ("messages" in request.COOKIES and len(get_messages(request)))
    )


def _canonical_query(request, query_params):
    """The query string of the values the view reads, as it reads them: each of
    ``query_params`` ({name: read(raw) -> value}) by its last value, as QueryDict.get()
    gives it; a value that means the same as no value is left out; other parameters too."""
    values = []
    for name, read in sorted(query_params.items()):
        if name in request.GET:
            value = read(request.GET[name])
            if value != read(""):
                values.append((name, str(value)))
    return urlencode(values)


def _page_key(path, query):
    # The site's own address, not the Host header, which the client chooses (any port
    # passes ALLOWED_HOSTS): pages do not depend on it (their links use SITE_URL).
    # Hashed: a URL can be longer than a cache key may be (memcached's 250).
    url = f"{settings.SITE_URL}{path}?{query}"
    return PAGE_KEY_PREFIX + hashlib.sha256(url.encode()).hexdigest()


class StoredPage(typing.NamedTuple):
    """Where a page is stored: its key, and the version of its own it is rendered under."""

    key: str
    own: str


def versions_of(own):
    """The tokens a page whose own version is ``own`` is stored under, and since when
    they hold (its Last-Modified)."""
    versions = current_versions([own])
    tokens = (versions[SITE]["token"], versions[own]["token"])
    return tokens, max(versions[SITE]["since"], versions[own]["since"])


def respond(request, response, since):
    """A stored page's response, as a 304 when the browser holds it already."""
    # Browsers and proxies revalidate every time (a 304 is cheap), so a change shows at once.
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    return get_conditional_response(
        request, etag=response["ETag"], last_modified=int(since), response=response
    )


def from_entry(entry):
    response = HttpResponse(entry["content"], status=200)
    for name, value in entry["headers"].items():
        response[name] = value
    return response


def stored_page(key, tokens):
    """The stored page for ``key`` if it was rendered under the versions ``tokens``."""
    entry = recent_pages.recall(key)
    if entry is None or entry["versions"] != tokens:
        entry = cache.get(key)
        if entry is None or entry["versions"] != tokens:
            return None
        recent_pages.remember(key, entry)
    return entry


def cache_public_page(view=None, *, query_params=None, item_page=False):
    """Serve ``view`` from the page store to anonymous visitors (see the module docstring).

    ``query_params``: {name: read} for the GET parameters the page depends on, ``read(raw)``
    giving the value the view uses (the view must read it with the same function).
    ``item_page``: the page shows one item (an article): it changes when a write names
    its path (``watch(pages=...)``), not with every change of the lists.
    """
    if view is None:
        return functools.partial(cache_public_page, query_params=query_params, item_page=item_page)
    query_params = dict(query_params or {})

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _may_use_store(request):
            return view(request, *args, **kwargs)
        query = _canonical_query(request, query_params)
        own = page_version_name(request.path) if item_page else CONTENT
        tokens, since = versions_of(own)
        key = _page_key(request.path, query)
        entry = stored_page(key, tokens)
        if entry is not None:
            response = from_entry(entry)
        else:
            # Rendered from the stored values alone, so the page (its language switcher
            # keeps the query string) is the same for every request it is served to.
            if request.META.get("QUERY_STRING", "") != query:
                request.META["QUERY_STRING"] = query
                request.GET = QueryDict(query)
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.streaming or response.cookies:
                return response
            if hasattr(response, "render"):
                response.render()
            digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
            response["ETag"] = quote_etag(digest)
            response["Last-Modified"] = http_date(since)
            headers = {
                name: response[name]
                for name in (*STORED_HEADERS, "ETag", "Last-Modified")
                if name in response
            }
            entry = {"versions": tokens, "content": response.content, "headers": headers}
            cache.set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
            recent_pages.remember(key, entry)
        # Served from the store the next time, before the rest of the stack (early.py).
        response.page_store = StoredPage(key, own)
        return respond(request, response, since)

    return wrapper
