"""Responsive sizes of an article's hero image, made with Pillow on first use.

Each size is a WebP file stored beside the original (``<folder>/sizes/<name>-<width>w.webp``)
and reused from then on. The original stays the ``src``, for browsers without WebP.
"""

import io
import logging
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

# A phone (1x and 2x), a tablet, the article column on a 2x desktop screen.
HERO_WIDTHS = (480, 800, 1200, 1600)
WEBP_QUALITY = 80


@dataclass(frozen=True)
class ImageSize:
    url: str
    width: int


def size_name(name, width):
    path = PurePosixPath(name)
    return str(path.parent / "sizes" / f"{path.stem}-{width}w.webp")


def dimensions(image_field):
    """(width, height) of an image, or (None, None) when it cannot be read."""
    try:
        return image_field.width, image_field.height
    except (OSError, UnidentifiedImageError, ValueError):
        logger.warning("Image %s cannot be read", image_field.name, exc_info=True)
        return None, None


def responsive_sizes(image_field, widths=HERO_WIDTHS):
    """The sizes narrower than the original, generated when missing, narrowest first.

    An unreadable original gives no sizes: the page falls back to the original alone.
    """
    if not image_field:
        return []
    storage = image_field.storage
    original_width, _ = dimensions(image_field)
    if original_width is None:
        return []
    wanted = [w for w in widths if w < original_width]
    missing = [w for w in wanted if not storage.exists(size_name(image_field.name, w))]
    if missing:
        try:
            _make_sizes(image_field, missing, storage)
        except (OSError, UnidentifiedImageError, ValueError):
            logger.warning("Hero image %s: sizes not made", image_field.name, exc_info=True)
            return []
    return [ImageSize(storage.url(size_name(image_field.name, w)), w) for w in wanted]


def _make_sizes(image_field, widths, storage):
    with storage.open(image_field.name, "rb") as original, Image.open(original) as image:
        image = ImageOps.exif_transpose(image)
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if "transparency" in image.info else "RGB")
        for width in sorted(widths, reverse=True):
            height = round(image.height * width / image.width)
            resized = image.resize((width, height), Image.Resampling.LANCZOS)
            buffer = io.BytesIO()
            resized.save(buffer, format="WEBP", quality=WEBP_QUALITY, method=4)
            name = size_name(image_field.name, width)
            saved = storage.save(name, ContentFile(buffer.getvalue()))
            if saved != name:
                # Another request made the same size meanwhile: keep theirs.
                storage.delete(saved)
