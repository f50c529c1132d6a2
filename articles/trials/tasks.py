"""The nightly refresh of every page's clinical trials (settings.PERIODIC_TASKS), and of a
search an editor has just saved. Safe to run twice: it only copies what the registry says."""

from django_tasks import task

from .services import refresh_all_trials


@task()
def refresh_clinical_trials(search_ids=None):
    """Copy ClinicalTrials.gov's recruiting trials for every search (or ``search_ids``).
    A search the registry could not answer keeps its trials, and its page says since when;
    the next night tries again."""
    unavailable = refresh_all_trials(search_ids)
    return {"unavailable": unavailable}
