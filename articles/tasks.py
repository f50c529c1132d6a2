"""Background work for articles, run by the task worker (``manage.py db_worker``).

``check_citation_notices`` runs weekly (settings.PERIODIC_TASKS) and for a citation whose
DOI or PMID an editor has just saved. Safe to run twice: it only records what Crossref and
PubMed say. ``remind_editors_of_reviews`` runs nightly.
"""

import datetime
import logging

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from . import services
from .models import Citation
from .review_reminders import send_review_reminder

logger = logging.getLogger(__name__)

# Citations checked by one task; the rest go to the next one, so that no task runs for
# long (up to 3 requests a citation, a second or so: well inside TASK_LOST_AFTER_SECONDS).
BATCH = 200
RETRY_ATTEMPTS = 4


@task()
def check_citation_notices(citation_ids=None, attempt=1):
    """Ask Crossref and PubMed about every cited DOI and PMID (or ``citation_ids``) and
    record the retractions, corrections and expressions of concern they hold: the citation
    and its articles are then flagged in the admin.

    A service that is down or too slow is not asked again in this run; the citations that
    needed it are checked again LITERATURE_RETRY_SECONDS later, then twice as long each
    time (RETRY_ATTEMPTS in all), then at the next weekly run. Returns what it did.
    """
    if citation_ids is None:
        citation_ids = list(
            Citation.objects.exclude(doi="", pmid="").order_by("pk").values_list("pk", flat=True)
        )
    batch, rest = citation_ids[:BATCH], citation_ids[BATCH:]
    if rest:
        check_citation_notices.enqueue(citation_ids=rest, attempt=attempt)
    down, changed, again = set(), [], []
    for citation in Citation.objects.filter(pk__in=batch).order_by("pk"):
        lookup, notices_changed = services.check_citation_notices(citation=citation, down=down)
        if lookup.unavailable:
            again.append(citation.pk)
        elif notices_changed:
            changed.append(citation.pk)
    if again and attempt < RETRY_ATTEMPTS:
        delay = settings.LITERATURE_RETRY_SECONDS * 2 ** (attempt - 1)
        check_citation_notices.using(
            run_after=timezone.now() + datetime.timedelta(seconds=delay)
        ).enqueue(citation_ids=again, attempt=attempt + 1)
        logger.warning(
            "Citation notices: %s did not answer; citations %s are checked again in %s s",
            " and ".join(sorted(down)), again, delay,
        )  # fmt: skip
    elif again:
        logger.warning(
            "Citation notices: %s did not answer after %s tries; citations %s wait a week",
            " and ".join(sorted(down)), attempt, again,
        )  # fmt: skip
    return {"checked": len(batch) - len(again), "changed": changed, "again": again}


@task()
def remind_editors_of_reviews():
    """The editors' daily email of the pages whose medical review is due (review_reminders.py).

    Run twice in a day, it sends the same list twice: a repeat costs an email, not a mistake.
    """
    return send_review_reminder()
