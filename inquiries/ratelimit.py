"""How many requests one client may send: a fixed window per client IP, in the shared cache."""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

from clinic.client_ip import client_ip

logger = logging.getLogger(__name__)


def allow_submission(request):
    """Count one submission from this client; False once it is past the limit for the window.

    ``cache.add`` then ``cache.incr`` are atomic in Redis, so concurrent requests from
    several server processes cannot undercount. When the cache cannot be reached (Redis
    down: django-redis answers None), the limit fails open: a patient is never turned away
    because of an outage of ours.
    """
    # The key holds a hash, so the cache never stores patients' IP addresses.
    digest = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    key = f"inquiries:submissions:{digest}"
    window = settings.INQUIRY_RATE_WINDOW_SECONDS
    if cache.add(key, 1, timeout=window):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # the window expired between add() and incr()
            cache.add(key, 1, timeout=window)
            count = 1
    if count is None:
        logger.warning("The rate limit's cache is unreachable: submission allowed")
        return True
    return count <= settings.INQUIRY_RATE_LIMIT
