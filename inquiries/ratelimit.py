"""How many requests one client may send: at most INQUIRY_RATE_LIMIT stored requests per
client IP in any INQUIRY_RATE_WINDOW_SECONDS, counted in the shared cache alias
"ratelimit" (a database table of its own, where no page can evict a count: settings.py).

Only a request that is stored counts: a form sent back with mistakes costs nothing, so a
patient who makes typos, or a household behind one connection whose members each make
some, is never locked out by them. The count is a set of *slots*, ``limit`` cache keys per
client: a request takes a free slot (``cache.add``) before it is stored and gives it back
(``cache.delete``) if it is not stored after all. ``add`` is atomic in Redis (SET NX) and
in Django's database cache (an INSERT on the key, its primary key), so concurrent requests
on several processes or hosts can never take more slots than there are. Each slot holds,
and expires at, the end of its own window: a request stops counting exactly
INQUIRY_RATE_WINDOW_SECONDS after it was stored (a sliding window, not a fixed one that a
burst at its end could double).
"""

import datetime
import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import caches

from clinic.client_ip import client_ip

logger = logging.getLogger(__name__)

CACHE_ALIAS = "ratelimit"


class RateLimited(Exception):
    """Every slot of this client is taken; ``until`` is when the first one frees."""

    def __init__(self, until):
        super().__init__(f"Rate limited until {until.isoformat()}")
        self.until = until

    @property
    def retry_after(self):
        """Whole seconds until a request will be taken again (at least 1)."""
        seconds = (self.until - datetime.datetime.now(datetime.UTC)).total_seconds()
        return max(1, int(seconds + 0.999))


class Slot:
    """One taken slot; ``release()`` gives it back (the request was not stored)."""

    def __init__(self, key):
        self.key = key

    def release(self):
        if self.key is not None:
            caches[CACHE_ALIAS].delete(self.key)
            self.key = None


def reserve_slot(request):
    """Take one of this client's slots for a request about to be stored.

    Raises RateLimited when every slot is taken. When the cache cannot be reached (a
    Redis-backed alias answers None), the limit fails open: a patient is never turned
    away because of an outage of ours.
    """
    cache = caches[CACHE_ALIAS]
    prefix = _client_prefix(request)
    limit = settings.INQUIRY_RATE_LIMIT
    window = settings.INQUIRY_RATE_WINDOW_SECONDS
    # Where the last request took a slot: slots free in the order they were taken, so the
    # scan usually succeeds at once. Only a hint: correctness comes from add().
    start = cache.get(f"{prefix}:next") or 0
    now = time.time()
    for offset in range(limit):
        number = (start + offset) % limit
        key = f"{prefix}:{number}"
        taken = cache.add(key, now + window, timeout=window)
        if taken is None:
            logger.warning("The rate limit's cache is unreachable: submission allowed")
            return Slot(None)
        if taken:
            cache.set(f"{prefix}:next", (number + 1) % limit, timeout=window)
            return Slot(key)
    ends = (cache.get_many([f"{prefix}:{n}" for n in range(limit)]) or {}).values()
    until = min(ends, default=now + window)
    raise RateLimited(datetime.datetime.fromtimestamp(until, tz=datetime.UTC))


def _client_prefix(request):
    # The key holds a hash, so the cache never stores patients' IP addresses.
    digest = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    return f"inquiries:submissions:{digest}"
