"""A Redis outage: what it costs a request, and what it looks like in the logs.

With ``REDIS_URL`` set, the cache is django-redis with ``IGNORE_EXCEPTIONS``: when Redis is
down or hung, a read is a miss and a write is dropped, so pages render uncached and the site
settings come from the database (see ``clinic/settings.py``). The contact form's rate limit
keeps its counts in the database, not in Redis: it holds through an outage.

- A hung Redis would cost every cache call its socket timeout, several a page. redis-py
  sends every connect and command through its connection's retry policy (``Retry``);
  ``RestAfterFailure`` is that policy with no retry, and after a connection error or a
  timeout every call fails at once for ``REST_SECONDS`` (per process), then Redis is tried
  again.
- django-redis logs each ignored error, with its traceback, to the ``clinic.cache``
  logger: several lines a request. ``RedisOutageFilter`` turns them into one plain warning
  a minute, per process, that says what it means.
"""

import logging
import threading
import time

from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.retry import Retry

REST_SECONDS = 5.0


class RestAfterFailure(Retry):
    """redis-py's retry policy as a circuit breaker (see the module's docstring)."""

    # Shared by every connection of the process: redis-py copies the policy into each one.
    _lock = threading.Lock()
    _resting_until = 0.0

    def __init__(self):
        super().__init__(NoBackoff(), retries=0)

    def call_with_retry(self, do, fail, *args, **kwargs):
        if time.monotonic() < RestAfterFailure._resting_until:
            raise RedisConnectionError("Redis failed a moment ago; not asked again yet")
        try:
            return super().call_with_retry(do, fail, *args, **kwargs)
        except self._supported_errors:
            with RestAfterFailure._lock:
                RestAfterFailure._resting_until = time.monotonic() + REST_SECONDS
            raise


OUTAGE_MESSAGE = "Redis is unreachable (%s): serving pages without the cache until it answers again"


class RedisOutageFilter(logging.Filter):
    """Rewrite django-redis's "Exception ignored" records; let one through per ``interval``."""

    def __init__(self, interval=60.0):
        super().__init__()
        self.interval = interval
        self._quiet_until = 0.0

    def filter(self, record):
        now = time.monotonic()
        if now < self._quiet_until:
            return False
        self._quiet_until = now + self.interval
        error = record.exc_info[1] if record.exc_info else None
        cause = getattr(error, "__cause__", None) or error
        record.msg, record.args = OUTAGE_MESSAGE, (cause or "no details",)
        record.exc_info = record.exc_text = None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True
