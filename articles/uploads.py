"""Image uploads from the rich-text editor: editors only, from the site itself, real images.

django-ckeditor's own view decides "is it an image" from the content alone and keeps
the uploaded name's extension, so a picture named ``x.html`` would be stored as HTML; it
is also exempt from CSRF and writes ``CKEditorFuncNum`` into a script. This view checks
where the request comes from and the callback number, then the extension, the size, the
pixel count (from the header, before anything is decoded) and the content (Pillow), and
only then hands the file to django-ckeditor to store.
"""

import json
import os
import re

from ckeditor_uploader import views as ckeditor_views
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from PIL import Image, UnidentifiedImageError

from clinic.image_types import IMAGE_EXTENSIONS, IMAGE_TYPES, IMAGE_TYPES_IN_WORDS

# The callback number goes into a script: ASCII digits only ("²".isdigit() is True).
CALLBACK_NUMBER = re.compile(r"[0-9]{1,10}")


def pixel_limit_message(size=None):
    limit = f"{settings.IMAGE_MAX_PIXELS / 1_000_000:g} megapixels"
    declared = f" ({size[0]} x {size[1]})" if size else ""
    return (
        f"The image has too many pixels{declared}: the limit is {limit}. "
        "Make it smaller (2000 pixels wide is plenty for a web page)."
    )


def check_pixels(uploaded):
    """A message if the image declares more than ``IMAGE_MAX_PIXELS``, or None.

    Only the header is read: a decompression bomb (a small file that declares huge
    dimensions) is refused before a single pixel is decoded.
    """
    try:
        with Image.open(uploaded) as image:
            width, height = image.size
    except Image.DecompressionBombError:  # past twice Pillow's own limit: it refuses to open
        return pixel_limit_message()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None  # not an image: the content check says so
    finally:
        uploaded.seek(0)
    return (
        pixel_limit_message((width, height)) if width * height > settings.IMAGE_MAX_PIXELS else None
    )


class PixelLimitedImageField(forms.ImageField):
    """Django's image field, refusing images over ``IMAGE_MAX_PIXELS`` (the hero image)."""

    def to_python(self, data):
        if data and hasattr(data, "seek"):
            message = check_pixels(data)
            if message:
                raise ValidationError(message, code="too_many_pixels")
        return super().to_python(data)


ONLY_IMAGES = f"Only {IMAGE_TYPES_IN_WORDS} images can be uploaded (no SVG)."


def check_image(uploaded):
    """An error message for anything but a real image of a type clinic/image_types.py lists."""
    if uploaded is None:
        return "Choose an image to upload."
    if uploaded.size > settings.IMAGE_UPLOAD_MAX_BYTES:
        limit = settings.IMAGE_UPLOAD_MAX_BYTES // (1024 * 1024)
        return f"The image is too large: the limit is {limit} MB."
    extension = os.path.splitext(uploaded.name)[1].lower().lstrip(".")
    if extension not in IMAGE_EXTENSIONS:
        return ONLY_IMAGES
    message = check_pixels(uploaded)
    if message:
        return message
    try:
        with Image.open(uploaded) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return "The file is not a readable image."
    finally:
        uploaded.seek(0)
    if image_format not in IMAGE_TYPES:
        return ONLY_IMAGES
    return None


def is_same_origin(request):
    """Whether the browser says the request comes from a page of this site.

    ``Sec-Fetch-Site`` (every current browser) must be ``same-origin``: ``same-site``
    would trust any subdomain. A browser without it sends ``Origin`` on every POST, which
    must be this site's (or a ``CSRF_TRUSTED_ORIGINS`` entry). Neither: not a browser on
    this site.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    origin = request.headers.get("Origin")
    own = f"{request.scheme}://{request.get_host()}"
    return origin is not None and origin in (own, *settings.CSRF_TRUSTED_ORIGINS)


def _error(message, *, callback=None, status=400):
    if callback:
        # The editor's image dialog reads a script that calls back into the editor.
        return HttpResponse(
            "<script>window.parent.CKEDITOR.tools.callFunction("
            f"{callback}, '', {json.dumps(message)});</script>"
        )
    return JsonResponse({"uploaded": 0, "error": {"message": message}}, status=status)


# CKEditor 4's image dialog posts a plain form into a frame, without Django's CSRF token:
# the same-origin check above stands in for it (a cross-site page cannot make a browser
# send Sec-Fetch-Site: same-origin or this site's Origin). Only editors reach this view
# (clinic/urls.py).
@csrf_exempt
@require_POST
def image_upload(request):
    if not is_same_origin(request):
        return _error("Uploads are accepted from this site's editor only.", status=403)
    callback = request.GET.get("CKEditorFuncNum")
    if callback is not None and not CALLBACK_NUMBER.fullmatch(callback):
        return _error("The editor's callback number is not valid.")
    message = check_image(request.FILES.get("upload"))
    if message:
        return _error(message, callback=callback)
    return ckeditor_views.upload(request)
