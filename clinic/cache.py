"""A Redis cache that degrades instead of failing when Redis is unreachable.

Django's ``RedisCache`` raises on a connection error, so a Redis outage would turn every
page, and the contact form, into a 500. Here an unreachable Redis reads as an empty cache
that stores nothing: pages render uncached, site settings come from the database, and the
contact form's rate limit fails open (a patient is never turned away because Redis is
down; the outage is logged). After a failure, Redis is left alone for
``RETRY_AFTER_SECONDS`` so that each request does not wait on it again; then it is tried
again, and its return is logged too.
"""

import functools
import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5.0


class KeyUnavailableError(ValueError):
    """``incr`` of a key that cannot be read (Django raises ValueError for a missing key)."""


def _degrades_to(fallback):
    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if self._is_resting():
                return fallback(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except RedisError as error:
                self._failed(error)
                return fallback(*args, **kwargs)
            self._answered()
            return result

        return wrapper

    return decorator


def _default(key, default=None, *args, **kwargs):
    return default


def _missing_key(key, *args, **kwargs):
    raise KeyUnavailableError(f"Redis is unreachable: {key!r} cannot be incremented")


def _all_keys_failed(data, *args, **kwargs):
    return list(data)


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis cache client, keeping one ``redis.Redis`` per connection pool.

    Django builds a new ``redis.Redis`` (and its table of some 170 response callbacks) on
    every cache call: about a tenth of a millisecond each, which a page served from the
    cache pays twice. The client is thread-safe and holds no state beyond its pool.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    """``RedisCache`` whose every operation survives Redis being down (see module doc)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    _lock = threading.Lock()
    _resting_until = 0.0
    _down = False

    def _is_resting(self):
        return time.monotonic() < ResilientRedisCache._resting_until

    def _failed(self, error):
        with self._lock:
            ResilientRedisCache._resting_until = time.monotonic() + RETRY_AFTER_SECONDS
            first = not ResilientRedisCache._down
            ResilientRedisCache._down = True
        if first:
            logger.warning(
                "Redis is unreachable (%s): serving without the cache, and the contact "
                "form's rate limit is off, until it answers again",
                error,
            )

    def _answered(self):
        if ResilientRedisCache._down:
            with self._lock:
                ResilientRedisCache._down = False
            logger.warning("Redis answers again: the cache and rate limits are back")

    get = _degrades_to(_default)(RedisCache.get)
    add = _degrades_to(lambda *a, **k: False)(RedisCache.add)
    set = _degrades_to(lambda *a, **k: None)(RedisCache.set)
    touch = _degrades_to(lambda *a, **k: False)(RedisCache.touch)
    delete = _degrades_to(lambda *a, **k: False)(RedisCache.delete)
    get_many = _degrades_to(lambda *a, **k: {})(RedisCache.get_many)
    has_key = _degrades_to(lambda *a, **k: False)(RedisCache.has_key)
    incr = _degrades_to(_missing_key)(RedisCache.incr)
    set_many = _degrades_to(_all_keys_failed)(RedisCache.set_many)
    delete_many = _degrades_to(lambda *a, **k: None)(RedisCache.delete_many)
    clear = _degrades_to(lambda *a, **k: False)(RedisCache.clear)
