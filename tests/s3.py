"""An S3-compatible server on loopback for the media tests: moto's, never a real cloud.

``start_server()`` runs moto's standalone server in a thread of this process, on a free
port; ``Bucket`` is one bucket on it, with the settings that point the site at it.
"""

import json
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass

import boto3
from moto.server import ThreadedMotoServer

ACCESS_KEY_ID = "testing-key-id"
SECRET_ACCESS_KEY = "testing-secret-key"  # nosec B105
REGION = "us-east-1"


def start_server():
    """(server, endpoint URL); call ``server.stop()`` when done."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    return server, f"http://{host}:{port}"


@dataclass
class Bucket:
    endpoint: str
    name: str

    @classmethod
    def create(cls, endpoint):
        """A new bucket, set up as docs/operators/production.md says: objects readable by URL,
        no listing."""
        bucket = cls(endpoint, f"clinic-media-{uuid.uuid4().hex[:12]}")
        client = bucket.client()
        client.create_bucket(Bucket=bucket.name)
        client.put_bucket_policy(
            Bucket=bucket.name, Policy=json.dumps(public_read_policy(bucket.name))
        )
        return bucket

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY_ID,
            aws_secret_access_key=SECRET_ACCESS_KEY,
        )

    def environment(self):
        """The variables that put a process's media in this bucket (see
        docs/operators/production.md)."""
        return {
            "DJANGO_MEDIA_S3_BUCKET": self.name,
            "DJANGO_MEDIA_S3_ENDPOINT_URL": self.endpoint,
            "DJANGO_MEDIA_S3_REGION": REGION,
            "DJANGO_MEDIA_S3_ACCESS_KEY_ID": ACCESS_KEY_ID,
            "DJANGO_MEDIA_S3_SECRET_ACCESS_KEY": SECRET_ACCESS_KEY,
        }

    def storage_settings(self):
        """settings.STORAGES["default"] as settings.py builds it from environment()."""
        return {
            "BACKEND": "clinic.storage.MediaStorage",
            "OPTIONS": {
                "bucket_name": self.name,
                "endpoint_url": self.endpoint,
                "region_name": REGION,
                "access_key": ACCESS_KEY_ID,
                "secret_key": SECRET_ACCESS_KEY,
                "addressing_style": "path",
            },
        }

    def object_names(self):
        pages = self.client().get_paginator("list_objects_v2").paginate(Bucket=self.name)
        return sorted(item["Key"] for page in pages for item in page.get("Contents", []))

    def put(self, key, body, content_type="application/octet-stream"):
        self.client().put_object(Bucket=self.name, Key=key, Body=body, ContentType=content_type)

    def get(self, key):
        return self.client().get_object(Bucket=self.name, Key=key)


def public_read_policy(bucket):
    """Anyone may read an object whose name they know; only the site's key may list."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicReadOfObjects",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/*",
            }
        ],
    }


def fetch(url):
    """GET ``url`` as a browser would (no credentials): (status, headers, body)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310  # nosec B310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()
