"""The page store's versions: what makes a stored page current, and how a write ends them.

A stored page records the versions it was rendered under (``site``, ``content`` or its own
item page's) and is served only while they are current. A version ends when the
transaction that changed what it covers commits (``changed()``, once per transaction), or
by itself at a scheduled change (``schedule()``). The versions live in the shared cache,
so every process and host sees an end at once.
"""

import datetime
import hashlib
import time
import uuid

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, transaction

from . import stamp

SITE = "site"
CONTENT = "content"
VERSION_KEY_PREFIX = "pagecache:version:"


def page_version_name(path):
    """The version of the item page at ``path`` (hashed: a path may be long)."""
    return "page:" + hashlib.sha256(path.encode()).hexdigest()[:32]


def version_key(name):
    return VERSION_KEY_PREFIX + name


# Scheduled changes, registered by the apps with schedule(): (next_change, pages), where
# next_change() gives the next time the pages change without a write (or None), and
# pages(start, end) the item pages changing between two times (None: every page).
_schedules = []


def _next_scheduled_change(everywhere):
    times = [
        when
        for next_change, pages in _schedules
        if (pages is None) == everywhere and (when := next_change()) is not None
    ]
    return min(times).timestamp() if times else None


def _new_version(name, now):
    """A new value for version ``name``: its token, when it began, and when it ends by
    itself (a scheduled change; None for an item page's)."""
    if name == SITE:
        valid_until = _next_scheduled_change(everywhere=True)
    elif name == CONTENT:
        valid_until = _next_scheduled_change(everywhere=False)
    else:
        valid_until = None
    return {"token": uuid.uuid4().hex, "since": now, "valid_until": valid_until}


def _has_ended(version, now):
    return version["valid_until"] is not None and now >= version["valid_until"]


def _scheduled_page_versions(content, now):
    """The item pages' versions to renew when the ``content`` version ended at a scheduled
    publication: the pages that show what was published since then."""
    if content is None or not _has_ended(content, now):
        return set()
    start = datetime.datetime.fromtimestamp(content["valid_until"], tz=datetime.UTC)
    end = datetime.datetime.fromtimestamp(now, tz=datetime.UTC)
    return {
        page_version_name(path)
        for _next_change, pages in _schedules
        if pages is not None
        for path in pages(start, end)
    }


def _renew(names, now, content=None):
    """Start new versions ``names`` (and those of the pages a scheduled publication since
    the ``content`` version began has changed); return {name: new version}."""
    names = set(names)
    if CONTENT in names:
        names |= _scheduled_page_versions(content, now)
    renewed = {name: _new_version(name, now) for name in names}
    cache.set_many({version_key(name): value for name, value in renewed.items()}, timeout=None)
    stamp.touch()
    return renewed


def current_versions(names):
    """{name: current version} for ``names`` (always with the site's and the content's):
    a missing one is started (a new token: an evicted version never brings an old page
    back), an ended one renewed. With a version stamp (stamp.py), the versions this
    process read since the stamp last changed are not read again."""
    names = (SITE, CONTENT, *(name for name in names if name not in (SITE, CONTENT)))
    now = time.time()
    seen = stamp.known_versions.stamp()
    known = stamp.known_versions.get(seen, names)
    if len(known) == len(names) and not any(_has_ended(v, now) for v in known.values()):
        return known
    versions = _read_versions(names, now)
    stamp.known_versions.keep(seen, versions)
    return versions


def _read_versions(names, now):
    found = cache.get_many([version_key(name) for name in names])
    versions = {}
    for name in names:
        version = found.get(version_key(name))
        if version is None:
            version = _new_version(name, now)
            # (Another process may still know the evicted token: its pages under it are
            # as current as ours, since every write changes the stamp.)
            if not cache.add(version_key(name), version, timeout=None):
                version = cache.get(version_key(name)) or version
        elif _has_ended(version, now):
            renewed = _renew([name], now, content=version)
            versions.update((n, v) for n, v in renewed.items() if n in names)
            continue
        versions.setdefault(name, version)
    return versions


def _start_new_versions(names):
    if CONTENT in names:
        _renew(names, time.time(), content=cache.get(version_key(CONTENT)))
    else:
        _renew(names, time.time())


class _PendingChanges:
    """The versions one transaction ends: renewed together, by the first of its commit
    callbacks (every write of the transaction registers one, sharing this)."""

    def __init__(self):
        self.names = set()
        self.done = False

    def renew(self):
        if not self.done:
            self.done = True
            _start_new_versions(self.names)


class _OnCommit:
    def __init__(self, pending):
        self.pending = pending

    def __call__(self):
        self.pending.renew()


def changed(names, *, using=DEFAULT_DB_ALIAS):
    """End the versions ``names`` when the current transaction on ``using`` commits (at
    once outside a transaction); a transaction renews its versions once, whatever it
    changed."""
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        _start_new_versions(set(names))
        return
    # Each write registers its own callback, sharing the transaction's (the latest): a
    # savepoint rolled back takes away only its own (the names it added are renewed
    # anyway, which costs a render, never a stale page).
    pending = _latest_pending_changes(connection)
    if pending is None or pending.done:
        pending = _PendingChanges()
    pending.names.update(names)
    transaction.on_commit(_OnCommit(pending), using=using)


def _latest_pending_changes(connection):
    for _savepoints, callback, _robust in reversed(connection.run_on_commit):
        if isinstance(callback, _OnCommit):
            return callback.pending
    return None


def content_changed(**kwargs):
    """Every stored page is stale once the current transaction commits (e.g. after a bulk
    import, which sends no signals)."""
    changed({SITE})


def kept_until_site_changes(key, compute):
    """``compute()``, kept in the shared cache until the ``site`` version ends (the site
    settings are saved). The version is read before ``compute()`` reads the database, so
    a value read before a commit is never kept past it."""
    versions = current_versions(())
    stored = cache.get(key)
    token = versions[SITE]["token"]
    if stored is not None and stored["token"] == token:
        return stored["value"]
    value = compute()
    cache.set(key, {"token": token, "value": value}, timeout=None)
    return value


def schedule(next_change, *, pages=None):
    """Pages change by themselves at ``next_change()`` (a time, or None when nothing is
    due): a scheduled publication, a review falling due. ``pages(start, end)`` gives the
    paths of the item pages that change between two times (the lists change too); without
    it every page changes."""
    if all(registered != next_change for registered, _pages in _schedules):
        _schedules.append((next_change, pages))
