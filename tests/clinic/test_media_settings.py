"""DJANGO_MEDIA_S3_*: media in a bucket, read from a process started with those variables."""

import json

from tests.s3 import Bucket
from tests.subprocesses import environment, run_manage

SHOW_MEDIA_SETTINGS = """
import json
from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import resolve, Resolver404
try:
    resolve("/media/uploads/chart.png")
    serves_media = True
except Resolver404:
    serves_media = False
print(json.dumps({
    "storage": settings.STORAGES["default"],
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "serve_media": settings.SERVE_MEDIA,
    "serves_media": serves_media,
    "url": default_storage.url("uploads/chart 1.png"),
}))
"""


def media_settings(**variables):
    env = environment(DJANGO_DEBUG="1", **variables)
    result = run_manage("shell", "-c", SHOW_MEDIA_SETTINGS, env=env, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_a_bucket_media_stays_on_the_local_disk_served_by_django():
    values = media_settings()
    assert values["storage"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert values["img_src"] == ["'self'", "data:"]
    assert values["serve_media"] is True
    assert values["serves_media"] is True
    assert values["url"] == "/media/uploads/chart%201.png"


def test_one_group_of_variables_puts_media_in_a_bucket_allowed_by_the_csp():
    bucket = Bucket("http://127.0.0.1:9000", "clinic-media")
    values = media_settings(**bucket.environment())

    assert values["storage"] == bucket.storage_settings() | {
        "OPTIONS": bucket.storage_settings()["OPTIONS"]
        | {"custom_domain": None, "default_acl": None}
    }
    assert values["url"] == "http://127.0.0.1:9000/clinic-media/uploads/chart%201.png"
    assert values["img_src"] == ["'self'", "data:", "http://127.0.0.1:9000"]
    assert values["serve_media"] is False  # browsers fetch media from the bucket
    assert values["serves_media"] is False


def test_a_custom_domain_serves_the_bucket_and_is_the_origin_the_csp_allows():
    bucket = Bucket("https://s3.eu-central-1.example.net", "clinic-media")
    values = media_settings(
        **bucket.environment(), DJANGO_MEDIA_S3_CUSTOM_DOMAIN="media.clinic.example"
    )

    assert values["url"] == "https://media.clinic.example/uploads/chart%201.png"
    assert values["img_src"] == ["'self'", "data:", "https://media.clinic.example"]
