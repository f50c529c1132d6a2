"""Writes with side effects beyond a row: an article's hero image and sizes; the notices
(retractions, corrections, concerns) Crossref and PubMed record against a citation."""

import logging

from django.utils import timezone
from PIL import Image, UnidentifiedImageError

from .images import make_sizes
from .literature import client as literature
from .literature.records import SEVERITY
from .models import Citation

logger = logging.getLogger(__name__)


def prepare_hero_image(*, article):
    """Store the article's hero image and its WebP sizes; record them on the (unsaved) article.

    Called before the article is saved (ArticleAdmin.save_model), so the one save that
    follows records everything and clears the page cache once, with the sizes already
    in place. An unreadable image gets no sizes: the page shows the original alone.

    Synchronous, on an editor's save: 2.0 s for a 4000 x 3000 JPEG (2 shared cores;
    docs/developers/performance.md, Hero images).
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


def record_citation_notices(*, citation, notices):
    """Store the notices Crossref and PubMed record against a citation (Notice objects) and
    when they were checked. Returns whether what is recorded changed: a change is saved
    (a history record, the page cache cleared), an unchanged check only dates the check."""
    worst = max(notices, key=lambda notice: SEVERITY[notice.kind], default=None)
    recorded = {
        "notice_kind": worst.kind if worst else Citation.NoticeKind.NONE,
        "notice_url": worst.url if worst else "",
        "notices": [notice.as_dict() for notice in notices],
    }
    checked_at = timezone.now()
    if all(getattr(citation, field) == value for field, value in recorded.items()):
        Citation.objects.filter(pk=citation.pk).update(notices_checked_at=checked_at)
        citation.notices_checked_at = checked_at
        return False
    for field, value in recorded.items():
        setattr(citation, field, value)
    citation.notices_checked_at = checked_at
    citation.save(update_fields=[*recorded, "notices_checked_at", "updated_at"])
    if worst:
        logger.warning("Citation %s: %s recorded (%s)", citation.pk, worst.kind, worst.url)
    return True


def check_citation_notices(*, citation, down=None):
    """Ask Crossref and PubMed about a citation's DOI and PMID and record their notices.

    When a service could not be asked (down, too slow), nothing is recorded: a notice it
    holds must not be cleared for want of an answer; the caller asks again later. Returns
    the Lookup and whether the recorded notices changed.
    """
    lookup = literature.look_up(doi=citation.doi, pmid=citation.pmid, down=down)
    if lookup.unavailable:
        return lookup, False
    return lookup, record_citation_notices(citation=citation, notices=lookup.notices)
