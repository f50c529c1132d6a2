"""Writes with side effects beyond the article's row: storing its hero image and sizes."""

import logging

from PIL import Image, UnidentifiedImageError

from .images import make_sizes

logger = logging.getLogger(__name__)


def prepare_hero_image(*, article):
    """Store the article's hero image and its WebP sizes; record them on the (unsaved) article.

    Called before the article is saved (ArticleAdmin.save_model), so the one save that
    follows records everything and clears the page cache once, with the sizes already
    in place. An unreadable image gets no sizes: the page shows the original alone.

    Synchronous, on an editor's save: 2.0 s for a 4000 x 3000 JPEG (2 shared cores, README).
    To move it into a background task, store the file here, then have the task call
    ``make_sizes`` and save the three fields (``update_fields``) by primary key.
    """
    image = article.hero_image
    article.hero_image_width = article.hero_image_height = None
    article.hero_image_sizes = []
    if not image:
        return
    if not image._committed:
        # What the model's save would do: store the upload under its final name.
        image.save(image.name, image.file, save=False)
    try:
        made = make_sizes(image.storage, image.name)
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError):
        logger.warning("Hero image %s: sizes not made", image.name, exc_info=True)
        return
    article.hero_image_width = made.width
    article.hero_image_height = made.height
    article.hero_image_sizes = made.widths
