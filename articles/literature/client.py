"""Crossref and PubMed (NCBI E-utilities), asked about a DOI or a PMID.

Plain HTTP with urllib3, already a pinned dependency (boto3's): one small client serves both
services, with the same timeouts and errors; habanero covers Crossref alone and would bring
its own HTTP stack (docs/developers/architecture.md, "The literature client"). Every request
says who is asking (Crossref's "polite" User-Agent with a mailto, NCBI's ``tool`` and
``email``), waits ``LITERATURE_TIMEOUT_SECONDS`` at most, and fails with an error whose text
can be shown to an editor as it is.
"""

import dataclasses
import json
import threading
import time
import urllib.parse

# NCBI's XML is read with ElementTree: safe with expat 2.4 and later (see _xml).
from xml.etree import ElementTree  # nosec B405

import urllib3
from django.conf import settings

from . import records as literature_records

CROSSREF = "Crossref"
PUBMED = "PubMed"
TOOL = "clinic-website"

_pool = urllib3.PoolManager(num_pools=4, retries=False)
_ncbi_lock = threading.Lock()
_ncbi_last_request = 0.0


class LookupFailed(Exception):
    """The service gave no record; ``str()`` is a sentence for the editor."""

    def __init__(self, service, message):
        super().__init__(message)
        self.service = service


class NotFound(LookupFailed):
    """The service answered: it has no record of this identifier."""


class ServiceUnavailable(LookupFailed):
    """No usable answer (down, too slow, an error page): ask again later."""


def _user_agent():
    return f"{TOOL}/1.0 ({settings.SITE_URL}; mailto:{settings.LITERATURE_MAILTO})"


def _request(url, fields, timeout):
    def request():
        return _pool.request(
            "GET",
            url,
            fields=fields,
            headers={"User-Agent": _user_agent()},
            timeout=urllib3.Timeout(connect=timeout, read=timeout),
            redirect=False,
        )

    try:
        return request()
    except urllib3.exceptions.ProtocolError:
        # A kept-alive connection the service closed while it sat idle: once more, anew.
        return request()


def _get(service, url, fields=None):
    timeout = settings.LITERATURE_TIMEOUT_SECONDS
    try:
        response = _request(url, fields, timeout)
    except urllib3.exceptions.NewConnectionError as error:  # before TimeoutError, its base
        raise ServiceUnavailable(service, f"{service} could not be reached.") from error
    except urllib3.exceptions.TimeoutError as error:
        raise ServiceUnavailable(
            service, f"{service} did not answer within {timeout:g} seconds."
        ) from error
    except urllib3.exceptions.HTTPError as error:
        raise ServiceUnavailable(service, f"{service} could not be reached.") from error
    if response.status == 404:
        raise NotFound(service, f"{service} has no record of it.")
    if response.status != 200:
        raise ServiceUnavailable(service, f"{service} answered with an error ({response.status}).")
    return response.data


def _unreadable(service):
    return ServiceUnavailable(service, f"{service} answered with something that is not a record.")


def _xml(service, data):
    # NCBI's XML. expat fetches no external entity or DTD, and expat 2.4 and later refuse
    # entity expansion attacks (billion laughs), so ElementTree is safe to read it with.
    try:
        return ElementTree.fromstring(data)  # noqa: S314  # nosec B314
    except ElementTree.ParseError as error:
        raise _unreadable(service) from error


def _ncbi(endpoint, **params):
    """An E-utilities request, spaced as NCBI asks (3 a second without an API key)."""
    global _ncbi_last_request
    with _ncbi_lock:
        wait = _ncbi_last_request + settings.LITERATURE_NCBI_MIN_INTERVAL - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        _ncbi_last_request = time.monotonic()
    params = {"db": "pubmed", **params, "tool": TOOL, "email": settings.LITERATURE_MAILTO}
    return _xml(PUBMED, _get(PUBMED, f"{settings.NCBI_EUTILS_URL}/{endpoint}", params))


def crossref_work(doi):
    """Crossref's record of ``doi`` (``/works/<doi>``), as a Work."""
    # The whole DOI encoded, "/" too: a suffix such as "../../admin/" stays inside /works/
    # (a dot segment would climb out of it); Crossref reads the encoded form.
    url = f"{settings.CROSSREF_API_URL}/works/{urllib.parse.quote(doi, safe='')}"
    try:
        data = _get(CROSSREF, url)
    except NotFound:
        raise NotFound(CROSSREF, f"Crossref has no record of the DOI {doi}.") from None
    try:
        return literature_records.from_crossref(json.loads(data)["message"])
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise _unreadable(CROSSREF) from error


def pubmed_work(pmid):
    """PubMed's record of ``pmid`` (efetch), as a Work."""
    articles = _ncbi("efetch.fcgi", id=pmid, retmode="xml").findall("PubmedArticle")
    if not articles:
        raise NotFound(PUBMED, f"PubMed has no record of the PMID {pmid}.")
    try:
        return literature_records.from_pubmed(articles[0])
    except (ValueError, AttributeError) as error:
        raise _unreadable(PUBMED) from error


def pmid_for_doi(doi):
    """The PMID of the PubMed record with this DOI (esearch), or "" when there is none."""
    found = _ncbi("esearch.fcgi", term=f'"{doi}"[doi]', retmode="xml")
    ids = [element.text for element in found.findall("IdList/Id") if element.text]
    return ids[0] if len(ids) == 1 else ""


@dataclasses.dataclass
class Lookup:
    """What Crossref and PubMed said about a DOI and/or a PMID."""

    works: list = dataclasses.field(default_factory=list)  # PubMed's first when both
    failures: list = dataclasses.field(default_factory=list)  # LookupFailed, for the editor
    conflict: str = ""  # the DOI and the PMID are of two different papers

    @property
    def unavailable(self):
        return any(isinstance(failure, ServiceUnavailable) for failure in self.failures)

    @property
    def notices(self):
        return [notice for work in self.works for notice in work.notices]

    def details(self):
        """{field: (value, Work)}: PubMed's value first (its authors are already in
        Vancouver style, its journal abbreviated), then Crossref's for what PubMed lacks."""
        found = {}
        for work in self.works:
            for field, value in work.fields.items():
                found.setdefault(field, (value, work))
        return found


def look_up(*, doi="", pmid="", down=None):
    """Ask Crossref about ``doi`` and PubMed about ``pmid``, and each about the other
    identifier when only one is known (PubMed's record gives the DOI; esearch finds the
    PMID of a DOI). Never raises for the services' sake: failures are in the Lookup.

    ``down``: a set of services already found unavailable (a weekly check asks about many
    citations); they are not asked again, and a service found down is added to it.
    """
    down = set() if down is None else down
    lookup = Lookup()

    def ask(service, call, *args):
        if service in down:
            lookup.failures.append(
                ServiceUnavailable(service, f"{service} did not answer earlier in this check.")
            )
            return None
        try:
            return call(*args)
        except LookupFailed as failure:
            if isinstance(failure, ServiceUnavailable):
                down.add(service)
            lookup.failures.append(failure)
            return None

    pubmed = ask(PUBMED, pubmed_work, pmid) if pmid else None
    if doi and not pmid:
        found = ask(PUBMED, pmid_for_doi, doi)
        if found == "":
            lookup.failures.append(NotFound(PUBMED, f"PubMed has no record with the DOI {doi}."))
        pubmed = ask(PUBMED, pubmed_work, found) if found else None
    crossref_doi = doi or (pubmed.doi if pubmed else "")
    crossref = ask(CROSSREF, crossref_work, crossref_doi) if crossref_doi else None
    if doi and pubmed and pubmed.doi and pubmed.doi.lower() != doi.lower():
        lookup.conflict = (
            f"PubMed's record of the PMID {pubmed.pmid} gives the DOI {pubmed.doi}, not "
            f"{doi}: the DOI and the PMID are of different papers. Check both."
        )
    lookup.works = [work for work in (pubmed, crossref) if work is not None]
    return lookup
