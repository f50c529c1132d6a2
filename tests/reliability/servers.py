"""Private servers for the fault tests: PostgreSQL, Redis, gunicorn and the task worker,
on loopback only.

Each is started on a free port in a temporary folder, by the test that needs it, and stopped
by that test (``stop()`` in a ``finally`` or a fixture's teardown); none of them is ever
the machine's own PostgreSQL or Redis. Every wait is bounded.
"""

import contextlib
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _postgres_programs():
    """The newest Debian PostgreSQL server programs (PG_BIN overrides)."""
    if "PG_BIN" in os.environ:
        return Path(os.environ["PG_BIN"])
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: int(path.parts[-3]) if path.parts[-3].isdigit() else 0,
    )
    return found[-1].parent if found else Path("/usr/lib/postgresql/15/bin")


PG_BIN = _postgres_programs()
PG_USER = "postgres"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, *, timeout, interval=0.1, what="the server"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise TimeoutError(f"{what} was not ready within {timeout} s")


def port_is_open(port):
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
        return True
    return False


def missing_tools():
    """Why the private servers cannot run here, or None."""
    if not (PG_BIN / "initdb").exists():
        return f"PostgreSQL's server programs are missing ({PG_BIN}): apt-get install postgresql"
    if shutil.which("redis-server") is None:
        return "redis-server is missing: apt-get install redis-server"
    return None


def _as_postgres(command):
    """initdb and postgres refuse to run as root: run them as the postgres user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", PG_USER, "--", *command]
    return command


class PrivatePostgres:
    """A throwaway PostgreSQL cluster: ``initdb`` into a temporary folder, its own port."""

    def __init__(self):
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="clinic-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        if os.geteuid() == 0:
            shutil.chown(self.folder, PG_USER, PG_USER)
        self._run([str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
                   "--no-sync", "-E", "UTF8"], timeout=120)  # fmt: skip

    def _run(self, command, *, timeout=60):
        return subprocess.run(
            _as_postgres(command), check=True, capture_output=True, text=True, timeout=timeout
        )

    def start(self):
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c full_page_writes=off -c max_connections=200"
        )
        self._run([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
                   "-o", options, "-w", "-t", "60", "start"], timeout=90)  # fmt: skip

    def stop(self, mode="fast"):
        """Stop the server (``fast`` ends open sessions; ``immediate`` is a crash)."""
        if (self.data / "postmaster.pid").exists():
            self._run([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w",
                       "-t", "60", "stop"], timeout=90)  # fmt: skip

    def is_running(self):
        return (self.data / "postmaster.pid").exists() and port_is_open(self.port)

    def url(self, database="postgres"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def sql(self, statement, database="postgres"):
        result = subprocess.run(
            [str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
             "-d", database, "-XAtqc", statement],
            check=True, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        return result.stdout.strip()

    def destroy(self):
        try:
            self.stop("immediate")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


class PrivateRedis:
    """A throwaway redis-server on its own port, no persistence."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--protected-mode", "yes"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_until(lambda: port_is_open(self.port), timeout=10, what="redis-server")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None

    def url(self, db=0):
        return f"redis://127.0.0.1:{self.port}/{db}"


def site_environment(**overrides):
    """Production-like settings for a server process (plain HTTP on loopback)."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "INQUIRY_", "EMAIL_"))
    }
    env.pop("REDIS_URL", None)
    env.pop("DATABASE_URL", None)
    env.update(
        DJANGO_SECRET_KEY="insecure-key-for-reliability-tests-only",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SECURE_COOKIES="false",
        DJANGO_STATIC_MANIFEST="false",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_LOG_LEVEL="WARNING",
        # Emails go nowhere unless a test points the site at an SMTP server of its own.
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        INQUIRY_NOTIFY_EMAILS="coordinators@clinic.example",
    )
    env.update({k: str(v) for k, v in overrides.items()})
    return env


# INQUIRY_RATE_LIMIT for a site that takes more requests from one client than a patient sends.
NO_LIMIT = 1_000_000


def manage(*args, env, timeout=300):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=True,
    )  # fmt: skip


def _terminate(process):
    """SIGTERM (a graceful stop), then SIGKILL if it has not stopped in 15 s."""
    if process is not None and process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _in_folder(env, cwd):
    """``env`` for a process started in ``cwd`` (a host of its own): the code is found
    through PYTHONPATH, and uploads would land in that folder's media/, not the code's."""
    if cwd is None:
        return env
    return {"PYTHONPATH": str(ROOT), "DJANGO_MEDIA_ROOT": str(Path(cwd) / "media"), **env}


RESTORE_SITE_SETTINGS = """
from clinic.models import SiteSettings
site = SiteSettings.load(cached=False)
site.phone = SiteSettings._meta.get_field("phone").default
site.save()
"""


def set_clinic_phone(number, *, env):
    """Give the clinic ``number`` in the site settings of ``env``'s database, saved as the
    admin saves it (the cached settings and pages are cleared)."""
    script = (
        "from clinic.models import SiteSettings\n"
        f"site = SiteSettings.load(); site.phone = {number!r}; site.save()"
    )
    manage("shell", "-c", script, env=env)


def restore_demo_content(env):
    """The demo pages published and the default phone number again, in the database of
    ``env``: tests that share a private PostgreSQL change them."""
    manage("load_demo_content", env=env)
    manage("shell", "-c", RESTORE_SITE_SETTINGS, env=env)


class Gunicorn:
    """The site under gunicorn, as production runs it, on a free loopback port.

    ``threads`` above 1 makes gunicorn's workers ``gthread`` ones, as in the documented
    production command (docs/operators/production.md) (``--workers 2 --threads 4``).
    """

    def __init__(self, env, *, workers=2, threads=1, log_path=None, cwd=None):
        self.port = free_port()
        self.env = _in_folder(env, cwd)
        self.cwd = cwd or ROOT
        self.workers = workers
        self.threads = threads
        self.log_path = log_path
        self.process = None

    def start(self):
        log = open(self.log_path or os.devnull, "ab")  # noqa: SIM115 (kept open for the server)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "clinic.wsgi", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(self.workers), "--threads", str(self.threads),
             "--timeout", "30", "--graceful-timeout", "5"],
            cwd=self.cwd, env=self.env, stdout=log, stderr=log,
        )  # fmt: skip
        log.close()
        wait_until(lambda: port_is_open(self.port), timeout=30, what="gunicorn")

    def stop(self):
        _terminate(self.process)
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"


class TaskWorker:
    """The task worker (``manage.py db_worker``), as production runs it beside gunicorn."""

    def __init__(self, env, *, log_path=None, cwd=None):
        self.env = _in_folder(env, cwd)
        self.cwd = cwd or ROOT
        self.log_path = log_path
        self.process = None

    def start(self):
        log = open(self.log_path or os.devnull, "ab")  # noqa: SIM115 (kept open for the worker)
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "db_worker", "--no-reload",
             "--no-startup-delay", "--interval", "0.2"],
            cwd=self.cwd, env=self.env, stdout=log, stderr=log,
        )  # fmt: skip
        log.close()

    def kill(self):
        """SIGKILL: the worker dies wherever it is, as in a crash or an OOM kill."""
        self.process.kill()
        self.process.wait(timeout=10)

    def stop(self):
        _terminate(self.process)
        self.process = None


class Browser:
    """A minimal HTTP client with a cookie jar, enough to fill in the contact form."""

    TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    ANOTHER = re.compile(r'href="(/contact/\?another=[^"]+)"')

    def __init__(self, base_url, *, timeout=20, headers=None):
        parts = urllib.parse.urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.timeout = timeout
        self.cookies = {}
        self.headers = dict(headers or {})

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            all_headers = {**self.headers, **(headers or {})}
            if self.cookies:
                all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            connection.request(method, path, body=body, headers=all_headers)
            response = connection.getresponse()
            content = response.read()
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name.strip()] = rest.split(";", 1)[0]
            return response.status, dict(response.getheaders()), content.decode("utf-8", "replace")
        finally:
            connection.close()

    def get(self, path):
        return self.request("GET", path)

    def csrf_token(self):
        """The form's CSRF token; after a request sent, the form is behind "Send another
        request", which this follows as a patient would."""
        status, _, html = self.get("/contact/")
        if another := self.ANOTHER.search(html):
            status, _, html = self.get(another.group(1))
        if status != 200:
            raise RuntimeError(f"GET /contact/ answered {status}")
        return self.TOKEN.search(html).group(1)

    def send_contact_form(self, fields):
        """POST the contact form as a patient's browser does, and say what they see: 302
        (to the thank-you page), or the form again (200 with its mistakes, 429 past the
        rate limit)."""
        return self.post_form("/contact/", fields)[0]

    def post_form(self, path, fields):
        body = urllib.parse.urlencode(fields, doseq=True)
        return self.request(
            "POST",
            path,
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://{self.host}:{self.port}{path}",
            },
        )


class SMTPSink:
    """A tiny SMTP server that accepts every message and keeps it (``messages``).

    With ``stall=True`` it accepts connections and then says nothing: a mail server that
    hangs, the slowest kind of failure. ``port``: a given port (a mail server coming back
    where it was down), else a free one. ``delay``: seconds it takes to accept a message.
    """

    def __init__(self, *, stall=False, port=None, delay=0):
        self.stall = stall
        self.delay = delay
        self.accepting = False  # a whole message received, its "250 OK" not yet sent
        self.messages = []
        self.port = port or free_port()
        self._socket = socket.create_server(("127.0.0.1", self.port))
        self._socket.settimeout(0.2)
        self._stopping = False
        self._open = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while not self._stopping:
            try:
                connection, _ = self._socket.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._open.append(connection)
            if not self.stall:
                threading.Thread(target=self._talk, args=(connection,), daemon=True).start()

    def _talk(self, connection):
        with connection, connection.makefile("rb") as lines:
            connection.sendall(b"220 sink ESMTP\r\n")
            data = None
            for raw in lines:
                line = raw.decode("utf-8", "replace").rstrip("\r\n")
                if data is not None:
                    if line == ".":
                        self.accepting = True
                        time.sleep(self.delay)
                        self.messages.append("\n".join(data))
                        self.accepting = False
                        data = None
                        connection.sendall(b"250 OK\r\n")
                    else:
                        data.append(line)
                    continue
                verb = line[:4].upper()
                if verb == "DATA":
                    data = []
                    connection.sendall(b"354 go ahead\r\n")
                elif verb == "QUIT":
                    connection.sendall(b"221 bye\r\n")
                    return
                else:
                    connection.sendall(b"250 OK\r\n")

    def stop(self):
        self._stopping = True
        self._socket.close()
        for connection in self._open:
            with contextlib.suppress(OSError):
                connection.close()
        self._thread.join(timeout=5)


# The Message-ID of the site's emails about a request: its number, then the kind of email
# ("coordinators", "confirmation").
MESSAGE_ID = re.compile(r"^Message-ID: <inquiry-(\d+)\.\d+\.(\w+)@", re.MULTILINE | re.IGNORECASE)


def sent(sink, kind):
    """The request numbers of the messages of ``kind`` the sink received, in order."""
    found = (MESSAGE_ID.search(message) for message in sink.messages)
    return [int(m[1]) for m in found if m and m[2] == kind]
