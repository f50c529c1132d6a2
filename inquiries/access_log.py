"""Writing and pruning the access log (models/access.py): ``record()`` from the coordinators'
screens, ``prune_access_log()`` from the nightly task inquiries.tasks.prune_access_log."""

import datetime
import logging

from django.db import connection, transaction
from django.utils import timezone

from clinic.client_ip import client_ip

from .models import AccessEvent

logger = logging.getLogger(__name__)

QUERY_MAX_LENGTH = AccessEvent._meta.get_field("query").max_length
# On PostgreSQL, migration 0003's trigger refuses a DELETE unless the transaction says it is
# the pruning, with this setting (local to the transaction).
PRUNING_SETTING = "inquiries.pruning_access_log"


def record(*, request, action, inquiry_ids=(), messages_included=False, reason="", query=""):
    """Append one access event: the signed-in staff member, now, from the client's address."""
    return AccessEvent.objects.create(
        staff=request.user,
        ip_address=client_ip(request) or None,
        action=action,
        inquiry_ids=AccessEvent.encode_ids(inquiry_ids),
        messages_included=messages_included,
        reason=reason,
        query=query[:QUERY_MAX_LENGTH],
    )


def prune_access_log(*, older_than_days):
    """Delete the access events older than ``older_than_days`` days; returns how many."""
    cutoff = timezone.now() - datetime.timedelta(days=older_than_days)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config(%s, 'on', true)", [PRUNING_SETTING])
        deleted, _ = AccessEvent.objects.filter(at__lt=cutoff).delete()
    if deleted:
        logger.info("Pruned %s access log entries older than %s days", deleted, older_than_days)
    return deleted
