"""The pages this process served lately, beside the shared store.

The versions are always read from the shared cache; a page itself is fetched from there
again only when its versions changed, which saves moving tens of kilobytes from Redis on
every hit. Bounded by bytes (settings.PAGE_CACHE_LOCAL_BYTES), not entries: 500 list pages
of 2.4 MB each once held a worker at 170 MB (issue 14). Threads share it: hence the lock.
"""

import collections
import threading

from django.conf import settings

ENTRY_OVERHEAD_BYTES = 400  # the dict, its key and headers, beside the page's own bytes


def entry_size(entry):
    return len(entry["content"]) + ENTRY_OVERHEAD_BYTES


class RecentPages:
    """Stored pages by key, the most recently used last, within a byte budget."""

    def __init__(self):
        self._entries = collections.OrderedDict()
        self._lock = threading.Lock()
        self.bytes = 0

    def __len__(self):
        return len(self._entries)

    def entries(self):
        with self._lock:
            return list(self._entries.values())

    def clear(self):
        with self._lock:
            self._entries.clear()
            self.bytes = 0

    def remember(self, key, entry):
        limit = settings.PAGE_CACHE_LOCAL_BYTES
        size = entry_size(entry)
        with self._lock:
            previous = self._entries.pop(key, None)
            if previous is not None:
                self.bytes -= entry_size(previous)
            if size > limit:
                return
            while self._entries and self.bytes + size > limit:
                _, evicted = self._entries.popitem(last=False)
                self.bytes -= entry_size(evicted)
            self._entries[key] = entry
            self.bytes += size

    def recall(self, key):
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry


recent_pages = RecentPages()
