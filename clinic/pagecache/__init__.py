"""Whole-page store for anonymous visitors, kept current by versions that change on commit.

Public pages (home, lists, articles, feed, sitemap, search results) are rendered once and
served from the configured cache (Redis when ``REDIS_URL`` is set, so every process and
host shares it) until what they show changes. Each stored page records the *versions* it
was rendered under, and is served only while they are still current:

- ``site``: every page (the site settings in the header and footer, a review's date in
  every review line). Ends at a site-wide scheduled change (midnight, when reviews fall
  due) or when the site settings are saved.
- ``content``: the pages that list articles (home, lists, feeds, sitemap, search results).
  Ends when a watched row that such pages show changes, and at a scheduled publication.
- one version per *item page* (an article's page), named by its path: ends when a write
  names that path (see ``watch(pages=...)``: an article's edit names its page in every
  language and the pages listing it as related; a citation's, the pages citing it).

So an edit re-renders the pages that show what changed, and the other articles stay warm.

A version changes when the transaction that made the change commits (``on_commit``), once
per transaction: a visitor arriving before the commit reads the old version, so the old
page rendered for them is stored under a version that is already ending. Each page reads
its versions before it reads the database: a page is never stored under a version newer
than its content.

The rooms: ``versions`` (the versions and how a commit ends them, ``schedule()``),
``store`` (the ``cache_public_page`` decorator: who is served a stored page, under which
key), ``recent`` (this process's copies of pages it served lately), ``watch`` (which model
writes end which versions; each app calls ``watch()`` and ``schedule()`` in its
``AppConfig.ready()``: this package knows no app).
"""

from .recent import ENTRY_OVERHEAD_BYTES, recent_pages
from .store import cache_public_page
from .versions import (
    CONTENT,
    SITE,
    changed,
    content_changed,
    kept_until_site_changes,
    page_version_name,
    schedule,
    version_key,
)
from .watch import watch

__all__ = [
    "CONTENT",
    "ENTRY_OVERHEAD_BYTES",
    "SITE",
    "cache_public_page",
    "changed",
    "content_changed",
    "kept_until_site_changes",
    "page_version_name",
    "recent_pages",
    "schedule",
    "version_key",
    "watch",
]
