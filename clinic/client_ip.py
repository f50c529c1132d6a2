"""The client's IP address, as the rate limits and the login lockout see it."""

import ipaddress

from django.conf import settings


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
