"""Uploaded images: names nobody can guess, and responsive sizes made once with Pillow.

Each size of a hero image is a WebP file stored beside the original
(``<folder>/sizes/<name>-<width>w.webp``), made when the image is saved
(articles/services.py) and recorded on the article with the original's width and
height. A page render only builds URLs from what is recorded: it never opens, lists
or asks the storage about a file, which on a bucket would be a network call.
The original stays the ``src``, for browsers without WebP.
"""

import io
import secrets
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageOps

# A phone (1x and 2x), a tablet, the article column on a 2x desktop screen.
HERO_WIDTHS = (480, 800, 1200, 1600)
WEBP_QUALITY = 80


@dataclass(frozen=True)
class ImageSize:
    url: str
    width: int


@dataclass(frozen=True)
class MadeSizes:
    width: int
    height: int
    widths: list


def unguessable_name(filename, request=None):
    """``Chart 1.PNG`` becomes ``chart-1-<11 random characters>.png``.

    Media are public to whoever has the URL (docs/operators/production.md, "The media bucket"): the
    random part keeps the images of unpublished pages from being found by guessing.
    Also django-ckeditor's CKEDITOR_FILENAME_GENERATOR, hence the ``request`` argument.
    """
    path = PurePosixPath(filename)
    stem = slugify(path.stem)[:60] or "image"
    return f"{stem}-{secrets.token_urlsafe(8)}{path.suffix.lower()}"


def hero_image_path(instance, filename):
    return f"articles/hero/{timezone.now():%Y}/{unguessable_name(filename)}"


def size_name(name, width):
    path = PurePosixPath(name)
    return str(path.parent / "sizes" / f"{path.stem}-{width}w.webp")


def make_sizes(storage, name, widths=HERO_WIDTHS):
    """Make the WebP sizes of a stored image narrower than it; return what was made.

    Raises OSError, ValueError or PIL's UnidentifiedImageError for an unreadable image.
    A size already stored (made by an earlier run) is kept.
    """
    with storage.open(name, "rb") as original, Image.open(original) as image:
        # As browsers show it: the camera's orientation applied.
        image = ImageOps.exif_transpose(image)
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if "transparency" in image.info else "RGB")
        made = sorted(w for w in widths if w < image.width)
        for width in reversed(made):
            target = size_name(name, width)
            if storage.exists(target):
                continue
            height = round(image.height * width / image.width)
            resized = image.resize((width, height), Image.Resampling.LANCZOS)
            buffer = io.BytesIO()
            resized.save(buffer, format="WEBP", quality=WEBP_QUALITY, method=4)
            saved = storage.save(target, ContentFile(buffer.getvalue()))
            if saved != target:
                # Another process made the same size meanwhile: keep theirs.
                storage.delete(saved)
        return MadeSizes(width=image.width, height=image.height, widths=made)


def recorded_sizes(image_field, widths):
    """The recorded sizes' URLs, narrowest first: URLs only, no storage call."""
    storage = image_field.storage
    return [ImageSize(storage.url(size_name(image_field.name, w)), w) for w in sorted(widths)]
