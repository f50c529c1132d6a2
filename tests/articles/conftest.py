import pytest

from tests.articles.clinicaltrials_server import RecordedRegistry
from tests.articles.literature_server import RecordedLiterature


@pytest.fixture
def literature(settings):
    """Crossref and PubMed answering from recorded responses on 127.0.0.1, the client
    pointed at them as CROSSREF_API_URL and NCBI_EUTILS_URL would point it."""
    server = RecordedLiterature()
    settings.CROSSREF_API_URL = server.url
    settings.NCBI_EUTILS_URL = f"{server.url}/eutils"
    settings.LITERATURE_MAILTO = "editors@clinic.example"
    settings.LITERATURE_NCBI_MIN_INTERVAL = 0  # one test server, no rate to respect
    yield server
    server.stop()


@pytest.fixture
def registry(settings):
    """ClinicalTrials.gov's API v2 answering from recorded responses on 127.0.0.1, the
    client pointed at it as CLINICALTRIALS_API_URL would point it."""
    server = RecordedRegistry()
    settings.CLINICALTRIALS_API_URL = server.url
    yield server
    server.stop()
