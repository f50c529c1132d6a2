"""Whole-page cache for anonymous visitors, invalidated when the content changes.

Public pages (home, lists, articles, feed, sitemap) are rendered once and served from the
configured cache (Redis when ``REDIS_URL`` is set, so every process and host shares it)
until the content changes. One *content version* covers all of them: saving or deleting
an article, a citation, an article's references or related pages, or the site settings
starts a new version, so an editor's change is visible at once on every server. A
scheduled article (``published_at`` in the future) ends the version at its publication
time, so it appears on time without anyone saving anything.

Never cached: visitors with a session (staff see draft banners) or pending messages,
requests with a query string (but for the parameters a view names: a search's ``q`` and
``page``, so a common search is ranked once a content version), anything but GET/HEAD,
and any response but a 200 that sets no cookie (so no CSRF token or session is ever
shared). Cached pages carry an ETag and Last-Modified, so a repeat visit gets a 304
without rendering.

Change detection uses model signals: it is cache bookkeeping, not business logic, and
must follow every write, including the admin's many-to-many changes. Each app says which of
its models the pages show, in its ``AppConfig.ready()`` (``watch()``): this module knows no
app.
"""

import collections
import functools
import hashlib
import threading
import time
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

VERSION_KEY = "pagecache:version"
PAGE_KEY_PREFIX = "pagecache:page:"
STORED_HEADERS = ("Content-Type", "Content-Language")


# Functions that give the next time the pages change by themselves (a scheduled article's
# publication), or None: registered by the apps with watch().
_scheduled_changes = []


def _next_scheduled_change():
    times = [when for source in _scheduled_changes if (when := source()) is not None]
    return min(times).timestamp() if times else None


def _new_version():
    return {
        "token": uuid.uuid4().hex,
        "since": time.time(),
        "valid_until": _next_scheduled_change(),
    }


def content_changed(**kwargs):
    """Start a new content version: every cached page is stale from now on."""
    cache.set(VERSION_KEY, _new_version(), timeout=None)


def _current_version(version):
    if version is None:
        version = _new_version()
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY) or version
    elif version["valid_until"] is not None and time.time() >= version["valid_until"]:
        version = _new_version()
        cache.set(VERSION_KEY, version, timeout=None)
    return version


def _is_cacheable_request(request, query_params):
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and _has_only(request, query_params)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _has_only(request, query_params):
    """Whether the query string holds nothing but ``query_params``, each at most once (a
    tracking parameter or a repeated one: the page is rendered, not stored)."""
    if not request.META.get("QUERY_STRING"):
        return True
    return all(name in query_params and len(values) == 1 for name, values in request.GET.lists())


def _page_key(request):
    # The site's own address, not the Host header, which the client chooses (any port
    # passes ALLOWED_HOSTS): pages do not depend on it (their links use SITE_URL).
    # The parameters in one order, as decoded: "?page=2&q=a+b" and "?q=a%20b&page=2" are
    # one page. Hashed: a URL can be longer than a cache key may be (memcached's 250).
    query = urlencode(sorted(request.GET.items()))
    url = f"{settings.SITE_URL}{request.path}?{query}"
    return PAGE_KEY_PREFIX + hashlib.sha256(url.encode()).hexdigest()


def _from_entry(entry):
    response = HttpResponse(entry["content"], status=200)
    for name, value in entry["headers"].items():
        response[name] = value
    return response


# Pages this process served lately, the most recently used last. The content version is
# always read from the shared cache; a page itself is fetched from there again only when
# the version changed, which saves moving tens of kilobytes from Redis on every hit.
# Bounded by bytes (settings.PAGE_CACHE_LOCAL_BYTES), not entries: 500 list pages of
# 2.4 MB each once held a worker at 170 MB (issue 14). Threads share it: hence the lock.
_local_pages = collections.OrderedDict()
_local_bytes = 0
_local_lock = threading.Lock()
ENTRY_OVERHEAD_BYTES = 400  # the dict, its key and headers, beside the page's own bytes


def _entry_size(entry):
    return len(entry["content"]) + ENTRY_OVERHEAD_BYTES


def _remember_locally(key, entry):
    global _local_bytes
    limit = settings.PAGE_CACHE_LOCAL_BYTES
    size = _entry_size(entry)
    with _local_lock:
        previous = _local_pages.pop(key, None)
        if previous is not None:
            _local_bytes -= _entry_size(previous)
        if size > limit:
            return
        while _local_pages and _local_bytes + size > limit:
            _, evicted = _local_pages.popitem(last=False)
            _local_bytes -= _entry_size(evicted)
        _local_pages[key] = entry
        _local_bytes += size


def _recall_locally(key):
    with _local_lock:
        entry = _local_pages.get(key)
        if entry is not None:
            _local_pages.move_to_end(key)
        return entry


def _stored_page(key, token):
    """The stored page for ``key`` if it belongs to content version ``token``."""
    entry = _recall_locally(key)
    if entry is None or entry["token"] != token:
        entry = cache.get(key)
        if entry is None or entry["token"] != token:
            return None
        _remember_locally(key, entry)
    return entry


def cache_public_page(view=None, *, query_params=()):
    """Serve ``view`` from the page cache to anonymous visitors (see module docstring);
    ``query_params``: the GET parameters its page depends on, each its own stored page."""
    if view is None:
        return functools.partial(cache_public_page, query_params=frozenset(query_params))

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _is_cacheable_request(request, query_params):
            return view(request, *args, **kwargs)
        key = _page_key(request)
        version = _current_version(cache.get(VERSION_KEY))
        entry = _stored_page(key, version["token"])
        if entry is not None:
            response = _from_entry(entry)
        else:
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.streaming or response.cookies:
                return response
            if hasattr(response, "render"):
                response.render()
            digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
            response["ETag"] = quote_etag(digest)
            response["Last-Modified"] = http_date(version["since"])
            headers = {
                name: response[name]
                for name in (*STORED_HEADERS, "ETag", "Last-Modified")
                if name in response
            }
            entry = {"token": version["token"], "content": response.content, "headers": headers}
            cache.set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
            _remember_locally(key, entry)
        # Browsers and proxies revalidate every time (a 304 is cheap), so a change shows at once.
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=int(version["since"]),
            response=response,
        )

    return wrapper


def watch(*models, many_to_many=(), scheduled_change=None):
    """Start a new content version whenever one of ``models`` is saved or deleted, or a
    relation in ``many_to_many`` (``Model.field.through``) changes; ``scheduled_change()``
    gives the next time the pages change without a write (or None)."""
    for model in models:
        uid = model._meta.label
        post_save.connect(content_changed, sender=model, dispatch_uid=f"pagecache-save-{uid}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"pagecache-del-{uid}")
    for through in many_to_many:
        uid = through._meta.label
        m2m_changed.connect(content_changed, sender=through, dispatch_uid=f"pagecache-m2m-{uid}")
    if scheduled_change is not None and scheduled_change not in _scheduled_changes:
        _scheduled_changes.append(scheduled_change)
