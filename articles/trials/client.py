"""ClinicalTrials.gov's API v2, asked for the recruiting trials of a condition (and, for a
treatment, an intervention): ``GET {CLINICALTRIALS_API_URL}/studies``.

Plain HTTP with urllib3, as the literature client (articles/literature/client.py): one GET,
no redirect followed, ``LITERATURE_TIMEOUT_SECONDS`` at most for the connection and again
for the answer, an answer of at most MAX_BYTES read, and only the fields we show asked for.
Every failure is a ``RegistryUnavailable`` whose text can be shown to an editor as it is.
"""

import dataclasses
import json
import re

import urllib3
from django.conf import settings

REGISTRY = "ClinicalTrials.gov"
# The trials a page lists; the registry's full search (linked) has the rest.
PAGE_SIZE = 10
# The fields of a study the page shows (the registry's "piece names"), and no more.
FIELDS = "NCTId,BriefTitle,Phase,LocationCountry"
# Ten studies with only those fields are a few kilobytes; anything far larger is not them.
MAX_BYTES = 1_000_000
NCT_ID = re.compile(r"NCT\d{8}")

_pool = urllib3.PoolManager(num_pools=2, retries=False)


class RegistryUnavailable(Exception):
    """No usable answer (down, too slow, an error, not the expected JSON)."""


@dataclasses.dataclass(frozen=True)
class Study:
    nct_id: str
    title: str
    phases: list
    countries: list  # each country once, in the registry's order of sites


@dataclasses.dataclass(frozen=True)
class Found:
    studies: list
    total: int  # recruiting studies the registry counted (``countTotal``)


def _query(condition, intervention):
    fields = {
        "query.cond": condition,
        "filter.overallStatus": "RECRUITING",
        "fields": FIELDS,
        "pageSize": str(PAGE_SIZE),
        "countTotal": "true",
        "format": "json",
    }
    if intervention:
        fields["query.intr"] = intervention
    return fields


def _get(fields):
    timeout = settings.LITERATURE_TIMEOUT_SECONDS
    try:
        response = _pool.request(
            "GET",
            f"{settings.CLINICALTRIALS_API_URL}/studies",
            fields=fields,
            headers={
                "Accept": "application/json",
                "User-Agent": f"clinic-website/1.0 ({settings.SITE_URL})",
            },
            timeout=urllib3.Timeout(connect=timeout, read=timeout),
            redirect=False,
            preload_content=False,
        )
        try:
            data = response.read(MAX_BYTES + 1)
        finally:
            response.release_conn()
    except urllib3.exceptions.NewConnectionError as error:  # before TimeoutError, its base
        raise RegistryUnavailable(f"{REGISTRY} could not be reached.") from error
    except urllib3.exceptions.TimeoutError as error:
        raise RegistryUnavailable(
            f"{REGISTRY} did not answer within {timeout:g} seconds."
        ) from error
    except urllib3.exceptions.HTTPError as error:
        raise RegistryUnavailable(f"{REGISTRY} could not be reached.") from error
    if response.status != 200:
        raise RegistryUnavailable(f"{REGISTRY} answered with an error ({response.status}).")
    if len(data) > MAX_BYTES:
        raise RegistryUnavailable(f"{REGISTRY} answered with more than the trials asked for.")
    return data


def _study(record):
    protocol = record["protocolSection"]
    identification = protocol["identificationModule"]
    nct_id = identification["nctId"]
    if not NCT_ID.fullmatch(nct_id):
        raise ValueError(nct_id)
    locations = protocol.get("contactsLocationsModule", {}).get("locations", [])
    countries = [location["country"] for location in locations if location.get("country")]
    return Study(
        nct_id=nct_id,
        title=str(identification["briefTitle"])[:300],
        phases=[str(code) for code in protocol.get("designModule", {}).get("phases", [])],
        countries=list(dict.fromkeys(countries)),
    )


def recruiting_studies(*, condition, intervention=""):
    """The first PAGE_SIZE recruiting studies of ``condition`` (and ``intervention``), in the
    registry's order, and how many it holds in all. Raises RegistryUnavailable."""
    data = _get(_query(condition, intervention))
    try:
        answer = json.loads(data)
        studies = [_study(record) for record in answer["studies"]]
        total = int(answer.get("totalCount", len(studies)))
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise RegistryUnavailable(
            f"{REGISTRY} answered with something that is not a list of studies."
        ) from error
    return Found(studies=studies[:PAGE_SIZE], total=max(total, len(studies)))
