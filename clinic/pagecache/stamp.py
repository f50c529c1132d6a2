"""The version stamp: a file that tells every process on this host the versions changed.

Without it, each stored page served reads its versions from the shared cache (a query on
the database cache, a round trip to Redis). With it (settings.PAGE_CACHE_VERSION_STAMP, a
path every process of the site shares), each process keeps the versions it read, and reads
them again only once the stamp changed: a ``stat`` a request instead of a query. Every
write of new versions replaces the stamp *after* the versions are in the shared cache, so
a process that sees the old stamp may read old versions only until that write is done,
never after.

It holds only where every process shares the file: one host. A SQLite database is on one
host by nature, so it is on by default there (beside the database file); several hosts
sharing PostgreSQL and Redis leave it off (docs/developers/performance.md).
"""

import os
import threading
import uuid

from django.conf import settings

# Item pages' versions kept at most: past it, the copy starts again (a query each, once).
MAX_VERSIONS_KEPT = 50_000


def _path():
    return settings.PAGE_CACHE_VERSION_STAMP


def _read(path):
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None
    # A new file each time (see touch()): its inode and time tell one write from the next.
    return (status.st_ino, status.st_mtime_ns, status.st_size)


def touch():
    """Tell every process the versions changed (after they are in the shared cache)."""
    path = _path()
    if not path:
        return
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    fresh = f"{path}.{uuid.uuid4().hex}"
    with open(fresh, "w") as file:
        file.write(uuid.uuid4().hex)
    os.replace(fresh, path)  # atomic: a reader sees the old stamp or the new one


class KnownVersions:
    """The versions this process read from the shared cache, while the stamp is unchanged."""

    def __init__(self):
        self._lock = threading.Lock()
        self._stamp = None
        self._versions = {}

    def stamp(self):
        """The stamp now (made if there is none yet), or None when there is no stamp."""
        path = _path()
        if not path:
            return None
        stamp = _read(path)
        if stamp is None:
            touch()
            stamp = _read(path)
        return stamp

    def get(self, stamp, names):
        """{name: version} for those of ``names`` read under ``stamp``."""
        if stamp is None:
            return {}
        with self._lock:
            if stamp != self._stamp:
                return {}
            return {name: self._versions[name] for name in names if name in self._versions}

    def keep(self, stamp, versions):
        """Keep ``versions``, read from the shared cache after the stamp read ``stamp``."""
        if stamp is None:
            return
        with self._lock:
            if stamp != self._stamp or len(self._versions) >= MAX_VERSIONS_KEPT:
                self._stamp, self._versions = stamp, {}
            self._versions.update(versions)


known_versions = KnownVersions()
