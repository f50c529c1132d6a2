"""The refresh of a page's trials: ask the registry, then replace the copy, or record
that it could not be reached (and keep the copy: the page says how old it is)."""

import logging

from django.db import transaction
from django.utils import timezone

from ..models.trials import Trial, TrialSearch
from . import client

logger = logging.getLogger(__name__)


def refresh_trials(*, search):
    """Ask ClinicalTrials.gov for ``search``'s recruiting trials and store them. Saving the
    search ends the stored pages that list them (the page cache watches TrialSearch).
    Returns whether the registry answered."""
    attempted_at = timezone.now()
    try:
        found = client.recruiting_studies(
            condition=search.condition, intervention=search.intervention
        )
    except client.RegistryUnavailable as error:
        logger.warning("Clinical trials for %s: %s", search, error)
        search.last_attempt_at, search.last_error = attempted_at, str(error)[:300]
        search.save(update_fields=["last_attempt_at", "last_error"])
        return False
    studies = list({study.nct_id: study for study in found.studies}.values())
    with transaction.atomic():
        search.trials.all().delete()
        Trial.objects.bulk_create(
            Trial(
                search=search,
                position=position,
                nct_id=study.nct_id,
                title=study.title,
                phases=study.phases,
                countries=study.countries,
            )
            for position, study in enumerate(studies)
        )
        search.fetched_at = search.last_attempt_at = attempted_at
        search.last_error = ""
        search.total_found = found.total
        search.save(update_fields=["fetched_at", "last_attempt_at", "last_error", "total_found"])
    return True


def refresh_all_trials(search_ids=None):
    """Refresh every search (or those of ``search_ids``); returns the ids the registry
    could not be asked about."""
    searches = TrialSearch.objects.select_related("article").order_by("pk")
    if search_ids is not None:
        searches = searches.filter(pk__in=search_ids)
    return [search.pk for search in searches if not refresh_trials(search=search)]
