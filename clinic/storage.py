"""Uploaded media in an S3-compatible bucket (django-storages), for sites on several hosts.

settings.py makes this the default storage when ``DJANGO_MEDIA_S3_BUCKET`` is set;
nothing else in the code knows which storage runs. docs/operators/production.md
("The media bucket") says how the bucket is set up: objects readable by URL, the bucket
not listable.
"""

from pathlib import PurePosixPath

from storages.backends.s3 import S3Storage

from .image_types import IMAGE_MEDIA_TYPES

# The site stores images only (articles/uploads.py, Article.hero_image) and their WebP
# sizes (articles/images.py). The bucket cannot send ``X-Content-Type-Options: nosniff``
# as Django's media view does, so each object's type comes from this list, never from
# the type the uploading browser claimed; anything else is served as a download.
MEDIA_TYPES = IMAGE_MEDIA_TYPES
# Names are never reused (file_overwrite off, random parts in upload names), so a
# browser or CDN may keep a copy for long.
CACHE_CONTROL = "public, max-age=2592000"


class MediaStorage(S3Storage):
    # Plain, stable URLs: a signed URL expires, and pages are kept in the page cache
    # for up to an hour (docs/operators/production.md, "The media bucket").
    querystring_auth = False
    # Two uploads named "chart.png" are two objects, as on the local disk.
    file_overwrite = False

    def get_object_parameters(self, name):
        params = super().get_object_parameters(name)
        content_type = MEDIA_TYPES.get(PurePosixPath(name).suffix.lower())
        if content_type is None:
            params["ContentType"] = "application/octet-stream"
            params["ContentDisposition"] = "attachment"
        else:
            params["ContentType"] = content_type
        params.setdefault("CacheControl", CACHE_CONTROL)
        return params
