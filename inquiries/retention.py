"""How long requests are kept: the purge of closed and spam requests past
INQUIRY_RETENTION_DAYS (the nightly task inquiries.tasks.purge_inquiries, and
``manage.py purge_inquiries`` by hand)."""

import datetime
import logging

from django.db import transaction
from django.utils import timezone

from .models import Inquiry

logger = logging.getLogger(__name__)


def purge_inquiries(*, older_than_days, dry_run=False):
    """Delete closed and spam requests unchanged for ``older_than_days`` days, with their
    notes and history; returns (request numbers, deleted rows per model)."""
    cutoff = timezone.now() - datetime.timedelta(days=older_than_days)
    ids = list(Inquiry.objects.purgeable(before=cutoff).order_by("pk").values_list("pk", flat=True))
    if dry_run or not ids:
        return ids, {}
    with transaction.atomic():
        _, per_model = Inquiry.objects.filter(pk__in=ids).delete()
    logger.info("Purged %s closed or spam request(s): #%s", len(ids), ", #".join(map(str, ids)))
    return ids, per_model
