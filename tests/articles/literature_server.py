"""Crossref and NCBI E-utilities on 127.0.0.1, answering with the recorded responses in
tests/fixtures/literature/ (see its README): the machines running the tests have no
internet, and the client under test (articles/literature/client.py) is the real one."""

import threading
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "literature"


def slug(doi):
    """A DOI's fixture name: DOIs are case-insensitive; "/" cannot be in a file name."""
    return doi.lower().replace("/", "_")


class _Handler(BaseHTTPRequestHandler):
    server: "RecordedLiterature"

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        self.server.requests.append((url.path, query, dict(self.headers)))
        if self.server.stalled:
            # Too slow: the answer waits until the test lets it go (after the client gave up).
            self.server.released.wait(timeout=60)
        if self.server.failing_with:
            return self._answer(self.server.failing_with, b"Service unavailable", "text/plain")
        if url.path.startswith("/works/"):
            doi = urllib.parse.unquote(url.path.removeprefix("/works/"))
            found = FIXTURES / "crossref" / f"{slug(doi)}.json"
            if found.is_file():
                return self._answer(HTTPStatus.OK, found.read_bytes(), "application/json")
            # Crossref's answer for a DOI it does not know.
            return self._answer(HTTPStatus.NOT_FOUND, b"Resource not found.", "text/plain")
        if url.path == "/eutils/esearch.fcgi":
            doi = query.get("term", "").removesuffix("[doi]").strip('"')
            return self._xml(f"esearch-{slug(doi)}.xml", otherwise="esearch-none.xml")
        if url.path == "/eutils/efetch.fcgi":
            return self._xml(f"efetch-{query.get('id')}.xml", otherwise="efetch-none.xml")
        return self._answer(HTTPStatus.NOT_FOUND, b"Not found", "text/plain")

    def _xml(self, name, *, otherwise):
        path = FIXTURES / "pubmed" / name
        path = path if path.is_file() else FIXTURES / "pubmed" / otherwise
        # E-utilities answer 200 even when nothing is found (an empty list, an empty set).
        return self._answer(HTTPStatus.OK, path.read_bytes(), "text/xml; charset=UTF-8")

    def _answer(self, status, body, content_type):
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except ConnectionError:
            pass  # a stalled answer: the client gave up and closed the connection

    def log_message(self, format, *args):
        pass  # no access log in the test output


class RecordedLiterature(ThreadingHTTPServer):
    """Serves in a thread of the test process on a free port; ``url`` is Crossref's base
    and ``url + "/eutils"`` E-utilities'. ``requests`` lists (path, query, headers)."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests = []
        self.failing_with = None  # an HTTP status every request gets instead
        self.stalled = False  # requests wait for ``released`` before being answered
        self.released = threading.Event()
        self.url = f"http://127.0.0.1:{self.server_address[1]}"
        self._thread = threading.Thread(target=self.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()

    def stop(self):
        """Stop answering, as a service that is down: connections are refused."""
        self.released.set()
        if self._thread.is_alive():
            self.shutdown()
            self.server_close()
            self._thread.join()
