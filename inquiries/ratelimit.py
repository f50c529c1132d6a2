"""How many requests one client may send: a fixed window per client IP, in the shared cache."""

import hashlib
import ipaddress

from django.conf import settings
from django.core.cache import cache


def client_ip(request):
    """The client's IP: from the trusted proxy header when one is configured, else REMOTE_ADDR.

    Only the header named in settings is read (any other could be forged by the client).
    For a list such as X-Forwarded-For, the last address is the one the proxy itself
    appended; earlier ones came from the client.
    """
    header = settings.CLIENT_IP_HEADER
    if header:
        meta_key = "HTTP_" + header.upper().replace("-", "_").removeprefix("HTTP_")
        candidate = request.META.get(meta_key, "").split(",")[-1].strip()
        if _is_ip(candidate):
            return candidate
    return request.META.get("REMOTE_ADDR", "")


def _is_ip(value):
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def allow_submission(request):
    """Count one submission from this client; False once it is past the limit for the window.

    ``cache.add`` then ``cache.incr`` are atomic in Redis, so concurrent requests from
    several server processes cannot undercount.
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
    return count <= settings.INQUIRY_RATE_LIMIT
