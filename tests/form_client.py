"""The test client that posts forms as a browser does.

A form without ``enctype`` (every public form here) is sent URL-encoded, and the public
pages refuse multipart bodies (clinic/request_limits.py); Django's own test client sends
multipart by default. This one sends URL-encoded unless the data holds a file (the admin's
image uploads, which browsers send as multipart) or the test names a content type.
"""

from urllib.parse import urlencode

from django.test import Client as DjangoClient

FORM_ENCODED = "application/x-www-form-urlencoded"


def _holds_a_file(data):
    values = data.values() if isinstance(data, dict) else []
    for value in values:
        items = value if isinstance(value, (list, tuple)) else [value]
        if any(hasattr(item, "read") for item in items):
            return True
    return False


class Client(DjangoClient):
    def post(self, path, data=None, content_type=None, **extra):
        if content_type is None:
            if data is None or (isinstance(data, dict) and not _holds_a_file(data)):
                data, content_type = urlencode(data or {}, doseq=True), FORM_ENCODED
            else:
                return super().post(path, data, **extra)
        return super().post(path, data, content_type=content_type, **extra)
