"""ClinicalTrials.gov's API v2 on 127.0.0.1, answering ``GET /studies`` with the recorded
responses in tests/fixtures/clinicaltrials/ (see its README): the machines running the
tests have no internet, and the client under test (articles/trials/client.py) is the real one."""

import threading
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "clinicaltrials"


def fixture_name(condition, intervention=""):
    slug = "--".join("-".join(term.lower().split()) for term in (condition, intervention) if term)
    return f"{slug}.json"


class _Handler(BaseHTTPRequestHandler):
    server: "RecordedRegistry"

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        self.server.requests.append((url.path, query))
        if self.server.failing_with:
            return self._answer(self.server.failing_with, b"Service unavailable", "text/plain")
        if url.path != "/api/v2/studies":
            return self._answer(HTTPStatus.NOT_FOUND, b"Not found", "text/plain")
        found = FIXTURES / fixture_name(query.get("query.cond", ""), query.get("query.intr", ""))
        path = found if found.is_file() else FIXTURES / "none.json"
        return self._answer(HTTPStatus.OK, path.read_bytes(), "application/json")

    def _answer(self, status, body, content_type):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass  # no access log in the test output


class RecordedRegistry(ThreadingHTTPServer):
    """Serves in a thread of the test process on a free port; ``url`` is the API's base
    (CLINICALTRIALS_API_URL). ``requests`` lists (path, query)."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests = []
        self.failing_with = None  # an HTTP status every request gets instead
        self.url = f"http://127.0.0.1:{self.server_address[1]}/api/v2"
        self._thread = threading.Thread(target=self.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()

    def stop(self):
        """Stop answering, as a registry that is down: connections are refused."""
        if self._thread.is_alive():
            self.shutdown()
            self.server_close()
            self._thread.join()
