"""Load benchmark: the site as production runs it, under wrk, against a baseline view.

    .venv/bin/python -m tests.benchmarks.run [--workers 1] [--duration 8] [--connections 8]
        [--db postgres|sqlite] [--articles 1000] [--citations 5000] [--two-instances]
        [--quick] [--output DIR] [--postgres-url URL] [--database NAME]
        [--redis-url URL] [--ports WARM COLD]

Starts gunicorn with production settings (DEBUG off, a throwaway secret key) on loopback,
PostgreSQL via DATABASE_URL (--postgres-url, the local server by default, started if needed;
the database --database, clinic_bench by default, dropped and made anew) or a SQLite file,
Redis via REDIS_URL when it answers (--redis-url, database 12 of the local Redis by default:
emptied before the run, and only if it holds nothing but an earlier run's keys). --ports:
the two gunicorn instances' ports (free ones by default). Loads the demo content plus a
generated corpus, warms up, then drives each row with wrk (pinned to the second core,
gunicorn to the first). Prints one table and writes it as JSON in --output (default
results/benchmarks/, not tracked; docs/benchmarks/ holds the committed figures). Run it
twice over (same length) and reports each worker's RSS after both, to catch leaks. Exits
with status 1 when a contact-form submission was lost, a row had an error, or (--two-
instances) an instance did not see the other's changes.

--quick: a small corpus (50 articles, 200 citations) and 1 s a row, to prove it works.

Throughput is compared to a baseline view that returns a constant string through the same
middleware stack (the "ratio" column), so figures compare across machines.
"""

import argparse
import contextlib
import datetime
import functools
import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.parse
import urllib.request
from pathlib import Path

from tests.benchmarks.corpus import TRANSLATED_EVERY

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUTPUT = ROOT / "results" / "benchmarks"
PYTHON = sys.executable
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432"
BENCH_DATABASE = "clinic_bench"
REDIS_URL = "redis://127.0.0.1:6379/12"
# Set in the Redis database a run empties: the next run may empty it again. A database
# holding other keys and not this one is someone else's, and is left alone.
REDIS_OWNER_KEY = "clinic-bench:owner"
TOKEN_PLACEHOLDER = "SUBMISSIONTOKEN"


def log(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def redis_address(url):
    parsed = urllib.parse.urlsplit(url)
    database = parsed.path.strip("/") or "0"
    return parsed.hostname or "127.0.0.1", parsed.port or 6379, database


def redis_cli(url, *command):
    host, port, database = redis_address(url)
    return subprocess.run(
        ["redis-cli", "-h", host, "-p", str(port), "-n", database, *command],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def empty_redis(url):
    """Empty the benchmark's Redis database, if it is the benchmark's (see REDIS_OWNER_KEY)."""
    keys = int(redis_cli(url, "dbsize") or 0)
    if keys and redis_cli(url, "exists", REDIS_OWNER_KEY) != "1":
        raise SystemExit(
            f"Redis database {url} holds {keys} keys that are not the benchmark's: "
            "choose an empty one with --redis-url (or empty it yourself)."
        )
    redis_cli(url, "flushdb")
    redis_cli(url, "set", REDIS_OWNER_KEY, "1")


def redis_available(url):
    host, port, _database = redis_address(url)
    try:
        with socket.create_connection((host, port), timeout=1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def ensure_postgres():
    if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"], check=False).returncode == 0:
        return
    versions = sorted(os.listdir("/etc/postgresql"))
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main", "start"], check=False
    )
    for _ in range(30):
        if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"], check=False).returncode == 0:
            return
        time.sleep(1)
    raise SystemExit("PostgreSQL is not running on 127.0.0.1:5432")


def psql(args, sql):
    subprocess.run(
        ["psql", "-q", "-d", f"{args.postgres_url.rstrip('/')}/postgres", "-c", sql],
        check=True,
        capture_output=True,
    )


def site_env(args, workdir):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "INQUIRY_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "tests.benchmarks.settings",  # adds the baseline view
            "DJANGO_SECRET_KEY": os.urandom(32).hex(),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback, no TLS proxy
            "DJANGO_SECURE_COOKIES": "false",
            "DJANGO_MEDIA_ROOT": str(workdir / "media"),
            "DJANGO_LOG_LEVEL": "WARNING",
            # Rate limiting effectively off for throughput rows (one client sends them all).
            "INQUIRY_RATE_LIMIT": "1000000000",
            "INQUIRY_NOTIFY_EMAILS": "coordinators@clinic.example",
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        }
    )
    if args.db == "postgres":
        env["DATABASE_URL"] = f"{args.postgres_url.rstrip('/')}/{args.database}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    if args.redis:
        env["REDIS_URL"] = args.redis_url
    return env


def manage(env, *command):
    subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True)


def prepare_database(args, env):
    if args.db == "postgres":
        if args.postgres_url == PG_ADMIN_URL:  # the local server: started if it is not
            ensure_postgres()
        psql(args, f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
        psql(args, f'CREATE DATABASE "{args.database}"')
    if args.redis:
        empty_redis(args.redis_url)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    manage(env, "load_demo_content", "--publish-unreviewed")
    log(f"generating {args.articles} articles and {args.citations} citations")
    subprocess.run(
        [
            PYTHON,
            "-m",
            "tests.benchmarks.corpus",
            "--articles",
            str(args.articles),
            "--citations",
            str(args.citations),
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )


class Server:
    """A gunicorn instance on loopback, pinned to the first core."""

    def __init__(self, env, workers, port=None, threads=1):
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        command = [
            str(Path(PYTHON).with_name("gunicorn")), "clinic.wsgi",
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(workers),
            "--threads", str(threads),
            "--backlog", "2048",
            "--access-logfile", "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
        ]  # fmt: skip
        if shutil.which("taskset") and os.cpu_count() and os.cpu_count() > 1:
            command = ["taskset", "-c", "0", *command]
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
        self._wait_ready()

    def _wait_ready(self):
        deadline = time.time() + 30
        while time.time() < deadline:
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(f"{self.base}/healthz", timeout=2) as response,  # noqa: S310
            ):
                if response.status == 200:
                    return
            time.sleep(0.3)
        self.stop()
        raise SystemExit("gunicorn did not start")

    def worker_pids(self):
        found = subprocess.run(
            ["pgrep", "-f", f"gunicorn clinic.wsgi --bind 127.0.0.1:{self.port}"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.split()
        master = {str(self.process.pid)}
        parents = {pid: Path(f"/proc/{pid}/stat").read_text().split()[3] for pid in found}
        masters = {pid for pid in found if parents[pid] not in found} | master
        return sorted(int(pid) for pid in found if pid not in masters)

    def worker_rss_mb(self):
        sizes = []
        for pid in self.worker_pids():
            status = Path(f"/proc/{pid}/status").read_text()
            kb = int(re.search(r"VmRSS:\s+(\d+)", status)[1])
            sizes.append(round(kb / 1024, 1))
        return sizes

    def cpu_seconds(self):
        """User + system CPU time of the workers so far."""
        ticks = 0
        for pid in self.worker_pids():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
        return ticks / os.sysconf("SC_CLK_TCK")

    def stop(self):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # report the 302 itself


def fetch(url, *, data=None, opener=None, headers=None):
    """GET (following redirects) or POST ``data`` (reporting a redirect as it is)."""
    request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310
    opener = opener or urllib.request.build_opener(*([_NoRedirect] if data else []))
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def contact_form_post(base, *, token_per_request=False, message="I would like to know more."):
    """A real CSRF cookie and token, and a valid form body."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    status, html, _ = fetch(f"{base}/contact/", opener=opener)
    assert status == 200, status
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    fields = {
        "csrfmiddlewaretoken": token,
        "name": "Bench Patient",
        "email": "patient@example.com",
        "phone": "",
        "preferred_contact": "email",
        "best_time": "",
        "article": "",
        "message": message,
        "consent": "on",
        "website": "",
        "source_page": "/treatments/stem-cell-therapy-for-als/",
    }
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html):
        fields.setdefault(name, value)
    if token_per_request:
        # Each form shown has its own submission token (a second POST of the same form is
        # the same request), and the same words again from one address are the request
        # already stored: every simulated patient gets a fresh token and message
        # (wrk_post_script).
        fields["submission_token"] = TOKEN_PLACEHOLDER
        fields["message"] = f"I would like to know more ({TOKEN_PLACEHOLDER})."
    return cookie, urllib.parse.urlencode(fields)


def wrk_post_script(cookie, body, workdir):
    path = workdir / "post.lua"
    path.write_text(
        textwrap.dedent(
            f"""
            local body = {json.dumps(body)}
            local headers = {{
              ["Content-Type"] = "application/x-www-form-urlencoded",
              ["Cookie"] = {json.dumps(cookie)},
              ["Referer"] = "http://127.0.0.1/contact/",
            }}
            math.randomseed(os.time())
            local function uuid4()
              local r = math.random
              return string.format("%08x-%04x-4%03x-%04x-%04x%08x",
                r(0, 0x7fffffff), r(0, 0xffff), r(0, 0xfff), r(0x8000, 0xbfff),
                r(0, 0xffff), r(0, 0x7fffffff))
            end
            request = function()
              local this = body:gsub("{TOKEN_PLACEHOLDER}", uuid4())
              return wrk.format("POST", nil, headers, this)
            end
            """
        )
    )
    return path


def wrk_paths_script(paths, workdir):
    path = workdir / "paths.lua"
    listed = ", ".join(json.dumps(p) for p in paths)
    path.write_text(
        textwrap.dedent(
            f"""
            local paths = {{{listed}}}
            math.randomseed(os.time())
            request = function()
              return wrk.format(nil, paths[math.random(#paths)])
            end
            """
        )
    )
    return path


def parse_duration_ms(text):
    value, unit = re.match(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def run_wrk(url, *, duration, connections, script=None):
    command = ["wrk", "-t", "1", "-c", str(connections), "-d", f"{duration}s", "--latency"]
    command += ["--timeout", "10s"]
    if script:
        command += ["-s", str(script)]
    if shutil.which("taskset") and os.cpu_count() and os.cpu_count() > 1:
        command = ["taskset", "-c", "1", *command]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=duration + 30
    ).stdout
    if not re.search(r"^\s+50%\s+[\d.]+(us|ms|s|m)", output, re.M):
        raise SystemExit(f"wrk measured nothing for {url}:\n{output}")
    requests = int(re.search(r"(\d+) requests in", output)[1])
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = int(non_2xx[1]) if non_2xx else 0
    failed_sockets = sum(int(n) for n in socket_errors.groups()) if socket_errors else 0
    return {
        "requests": requests,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        "p50_ms": parse_duration_ms(re.search(r"^\s+50%\s+(\S+)", output, re.M)[1]),
        "p99_ms": parse_duration_ms(re.search(r"^\s+99%\s+(\S+)", output, re.M)[1]),
        "errors": errors + failed_sockets,
        "non_2xx_3xx": errors,
        "socket_errors": failed_sockets,
    }


QUERY_COUNTER = """
import json, os, sys
import django
django.setup()
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
results = {}
client = Client(SERVER_NAME="127.0.0.1")
for name, path, warm in json.loads(sys.argv[1]):
    settings.PAGE_CACHE_ENABLED = warm
    if warm:
        client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    results[name] = {"queries": len(queries), "bytes": len(body), "status": response.status_code}
print(json.dumps(results))
"""


def count_queries(env, rows):
    probe = [[row["name"], row["path"], row["warm"]] for row in rows if row["method"] == "GET"]
    result = subprocess.run(
        [PYTHON, "-c", QUERY_COUNTER, json.dumps(probe)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise SystemExit(f"Counting queries failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def inquiry_count(env):
    output = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c",
         "from inquiries.models import Inquiry; print(Inquiry.objects.count())"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return int(output.strip().splitlines()[-1])


def static_path(html):
    return re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', html)[1]


def define_rows(base, article_paths, spanish_article_paths):
    _, home_html, _ = fetch(f"{base}/")
    return [
        {"name": "baseline", "path": "/bench/baseline", "method": "GET", "warm": True},
        {"name": "home", "path": "/", "method": "GET", "warm": True},
        {"name": "conditions list", "path": "/conditions/", "method": "GET", "warm": True},
        {"name": "treatments list", "path": "/treatments/", "method": "GET", "warm": True},
        {
            "name": "article (warm)",
            "path": "/treatments/stem-cell-therapy-for-als/",
            "method": "GET",
            "warm": True,
        },
        {
            "name": "article (cold)",
            "path": article_paths[0],
            "method": "GET",
            "warm": False,
            "paths": article_paths,
        },
        # The same in Spanish: the demo's Spanish treatment page, and every Spanish version
        # of the corpus in turn (every tenth article has one: corpus.TRANSLATED_EVERY).
        {
            "name": "article es (warm)",
            "path": "/es/tratamientos/terapia-con-celulas-madre-para-la-ela/",
            "method": "GET",
            "warm": True,
        },
        {
            "name": "article es (cold)",
            "path": spanish_article_paths[0],
            "method": "GET",
            "warm": False,
            "paths": spanish_article_paths,
        },
        {
            "name": "search 'stem cell'",
            "path": "/search/?q=stem+cell",
            "method": "GET",
            "warm": True,
        },
        {
            "name": "search, a rare word",
            "path": "/search/?q=gehrig",
            "method": "GET",
            "warm": True,
        },
        # The same searches ranked anew for every request (the page cache off): what a
        # search costs the first time in a content version.
        {
            "name": "search 'stem cell' (not stored)",
            "path": "/search/?q=stem+cell",
            "method": "GET",
            "warm": False,
        },
        {
            "name": "search, a rare word (not stored)",
            "path": "/search/?q=gehrig",
            "method": "GET",
            "warm": False,
        },
        {
            # The same search from one client at a time: its own latency, without the
            # queueing that many connections to one sync worker add.
            "name": "search, 1 client",
            "path": "/search/?q=stem+cell",
            "method": "GET",
            "warm": True,
            "connections": 1,
        },
        {"name": "contact form GET", "path": "/contact/", "method": "GET", "warm": True},
        {"name": "contact form POST", "path": "/contact/", "method": "POST", "warm": False},
        {
            "name": "static file (hashed)",
            "path": static_path(home_html),
            "method": "GET",
            "warm": True,
        },
        # The baseline again: ratios use the higher of the two, so a slow moment of the
        # machine during the first baseline cannot flatter every other row.
        {"name": "baseline (end)", "path": "/bench/baseline", "method": "GET", "warm": True},
    ]


def run_rows(rows, *, warm_server, cold_server, duration, connections, workdir, env):
    results = {}
    for row in rows:
        server = warm_server if row["warm"] or row["method"] == "POST" else cold_server
        url = f"{server.base}{row['path']}"
        script = None
        if row["method"] == "POST":
            cookie, body = contact_form_post(server.base, token_per_request=True)
            script = wrk_post_script(cookie, body, workdir)
            before = inquiry_count(env)
        elif "paths" in row:
            script = wrk_paths_script(row["paths"], workdir)
        cpu_before = server.cpu_seconds()
        result = run_wrk(
            url, duration=duration, connections=row.get("connections", connections), script=script
        )
        cpu = server.cpu_seconds() - cpu_before
        result["cpu_ms"] = round(cpu * 1000 / result["requests"], 2) if result["requests"] else None
        if row["method"] == "POST":
            time.sleep(1)  # let the requests in flight when wrk stopped finish
            saved = inquiry_count(env) - before
            successes = result["requests"] - result["non_2xx_3xx"]
            result["saved"] = saved
            result["successes"] = successes
            # wrk stops counting at the deadline: up to one request per connection was in
            # flight then, saved but not counted. A success that saved nothing is lost.
            result["lost"] = max(0, successes - saved)
            result["in_flight_at_stop"] = saved - successes
        _status, content, _ = fetch(url) if row["method"] == "GET" else (None, "", None)
        result["bytes"] = len(content.encode())
        results[row["name"]] = result
        log(f"{row['name']}: {result['rps']:.0f} req/s, p99 {result['p99_ms']:.1f} ms")
    return results


def median_of(runs):
    """Each row's median run (by requests/s), with the min and max beside it."""
    results = {}
    for name in runs[0]:
        ordered = sorted((run[name] for run in runs), key=lambda r: r["rps"])
        median = dict(ordered[len(ordered) // 2])
        median["rps_min"] = ordered[0]["rps"]
        median["rps_max"] = ordered[-1]["rps"]
        median["p99_ms_min"] = min(r["p99_ms"] for r in ordered)
        median["p99_ms_max"] = max(r["p99_ms"] for r in ordered)
        median["runs"] = len(ordered)
        # A submission lost or an error in any run fails the benchmark, not only the median's.
        median["errors"] = sum(r["errors"] for r in ordered)
        if "lost" in median:
            median["lost"] = sum(r["lost"] for r in ordered)
        results[name] = median
    return results


def print_table(results, queries):
    baseline = max(results["baseline"]["rps"], results["baseline (end)"]["rps"])
    header = (
        f"{'path':<24}{'req/s':>9}{'ratio':>7}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'errors':>8}{'SQL/req':>9}{'bytes':>9}{'CPU ms':>8}"
    )
    lines = [header, "-" * len(header)]
    for name, r in results.items():
        r["ratio"] = round(r["rps"] / baseline, 3) if baseline else None
        sql = queries.get(name, {}).get("queries", r.get("queries", "-"))
        r["queries"] = sql
        lines.append(
            f"{name:<24}{r['rps']:>9.0f}{r['ratio']:>7.2f}{r['p50_ms']:>9.2f}{r['p99_ms']:>9.2f}"
            f"{r['errors']:>8}{sql!s:>9}{r['bytes']:>9}{r.get('cpu_ms') or 0:>8.2f}"
        )
    print("\n".join(lines))


def check_two_instances(args, env, workdir):
    """Two gunicorn instances share PostgreSQL and Redis: edits and rate limits hold across."""
    env = {**env, "INQUIRY_RATE_LIMIT": "5", "DJANGO_AXES_FAILURE_LIMIT": "1000"}
    # The throughput rows counted thousands of submissions from this address.
    empty_redis(args.redis_url)
    manage(env, "shell", "-c", textwrap.dedent("""
        from django.contrib.auth import get_user_model
        User = get_user_model()
        user, _ = User.objects.get_or_create(
            username="bench-editor", defaults={"is_staff": True, "is_superuser": True}
        )
        user.set_password("bench-password-for-loopback-only")
        user.save()
        # The throughput rows' submissions, counted in the rate limit's own table.
        from django.core.cache import caches
        caches["ratelimit"].clear()
        # Its second factor: one recovery code, replaced at each run.
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice
        TOTPDevice.objects.get_or_create(user=user, name="Phone", defaults={"confirmed": True})
        codes, _ = StaticDevice.objects.get_or_create(user=user, name="Recovery codes")
        codes.token_set.all().delete()
        codes.token_set.create(token="benchcode")
    """))  # fmt: skip
    a, b = Server(env, 1), Server(env, 1)
    findings = {}
    try:
        article = "/treatments/stem-cell-therapy-for-als/"
        assert fetch(f"{b.base}{article}")[0] == 200
        assert fetch(f"{a.base}{article}")[0] == 200  # both have it cached now
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        admin = "/admin/"
        _, html, _ = fetch(f"{a.base}{admin}login/", opener=opener)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
        fetch(
            f"{a.base}{admin}login/?next={admin}",
            opener=opener,
            data=urllib.parse.urlencode(
                {"csrfmiddlewaretoken": token, "username": "bench-editor",
                 "password": "bench-password-for-loopback-only", "next": admin}
            ).encode(),
            headers={"Referer": f"{a.base}{admin}login/"},
        )  # fmt: skip
        _, html, _ = fetch(f"{a.base}{admin}second-factor/", opener=opener)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
        fetch(
            f"{a.base}{admin}second-factor/",
            opener=opener,
            data=urllib.parse.urlencode(
                {"csrfmiddlewaretoken": token, "code": "benchcode"}
            ).encode(),
            headers={"Referer": f"{a.base}{admin}second-factor/"},
        )
        _, html, _ = fetch(
            f"{a.base}{admin}articles/article/?q=stem-cell-therapy-for-als", opener=opener
        )
        pk = re.search(r'name="_selected_action" value="(\d+)"', html)[1]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
        fetch(
            f"{a.base}{admin}articles/article/",
            opener=opener,
            data=urllib.parse.urlencode(
                {"csrfmiddlewaretoken": token, "action": "unpublish", "_selected_action": pk}
            ).encode(),
            headers={"Referer": f"{a.base}{admin}articles/article/"},
        )
        findings["edit_through_a_seen_through_b"] = fetch(f"{b.base}{article}")[0] == 404
        # Published again as `make run` publishes the demo: --publish-unreviewed, since the
        # demo invents no medical review (without it, a treatment stays a draft).
        subprocess.run(
            [PYTHON, "manage.py", "load_demo_content", "--publish-unreviewed", "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        findings["republished_seen_through_a"] = fetch(f"{a.base}{article}")[0] == 200
        statuses = []
        for n, server in enumerate((a, b, a, b, a, b, a)):
            cookie, body = contact_form_post(server.base, message=f"Question {n}")
            status, _, _ = fetch(
                f"{server.base}/contact/",
                data=body.encode(),
                headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
            )
            statuses.append(status)
        findings["rate_limit_statuses_alternating_a_b"] = statuses
        # Past the limit the form is not stored: the form again, saying when (429).
        findings["rate_limit_holds_across_instances"] = statuses[:5] == [302] * 5 and statuses[
            5:
        ] == [429, 429]
    finally:
        a.stop()
        b.stop()
    return findings


def failed_checks(results, two_instances):
    """What makes the run fail: a lost submission, an error, an instance out of step."""
    failures = [f"{name}: {r['errors']} errors" for name, r in results.items() if r["errors"]]
    lost = results["contact form POST"]["lost"]
    if lost:
        failures.append(f"contact form POST: {lost} submissions lost")
    failures += [
        f"two instances: {check} failed"
        for check, passed in (two_instances or {}).items()
        if passed is False
    ]
    return failures


def add_place_options(parser):
    """Where a run puts its data and listens (matrix.py passes them on)."""
    parser.add_argument(
        "--postgres-url",
        default=PG_ADMIN_URL,
        help=f"the PostgreSQL server, without a database (default {PG_ADMIN_URL})",
    )
    parser.add_argument(
        "--database",
        default=BENCH_DATABASE,
        help=f"the PostgreSQL database, dropped and made anew (default {BENCH_DATABASE})",
    )
    parser.add_argument(
        "--redis-url",
        default=REDIS_URL,
        help=f"the Redis database, emptied first if it is the benchmark's (default {REDIS_URL})",
    )
    parser.add_argument(
        "--ports",
        type=int,
        nargs=2,
        metavar=("WARM", "COLD"),
        help="the two gunicorn instances' ports (default: free ones)",
    )


def place_arguments(args):
    """The options of add_place_options() as given, for another run.py."""
    arguments = [
        "--postgres-url", args.postgres_url,
        "--database", args.database,
        "--redis-url", args.redis_url,
    ]  # fmt: skip
    if args.ports:
        arguments += ["--ports", *map(str, args.ports)]
    return arguments


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument(
        "--threads",
        type=int,
        default=4,
        help="threads per worker, as in production (docs/operators/production.md); "
        "1 for gunicorn's sync worker",
    )
    parser.add_argument("--duration", type=int, default=8, help="seconds per row")
    parser.add_argument(
        "--repeat", type=int, default=2, help="runs of every row: the median is reported"
    )
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--citations", type=int, default=5000)
    parser.add_argument("--no-redis", dest="redis", action="store_false")
    parser.add_argument("--two-instances", action="store_true", help="also prove statelessness")
    parser.add_argument("--label", default="", help="a word for the JSON file name")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="50 articles, 200 citations, 1 s a row: a smoke test (figures mean little)",
    )
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="folder for the JSON")
    add_place_options(parser)
    args = parser.parse_args()
    if args.quick:
        args.articles, args.citations, args.duration = 50, 200, 1
        args.label = args.label or "quick"
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    args.redis = args.redis and redis_available(args.redis_url)
    if args.two_instances and (args.db != "postgres" or not args.redis):
        raise SystemExit("--two-instances needs PostgreSQL and Redis")

    workdir = Path(tempfile.mkdtemp(prefix="clinic-bench-"))
    env = site_env(args, workdir)
    started = time.time()
    prepare_database(args, env)
    warm_port, cold_port = args.ports or (None, None)
    warm = Server(env, args.workers, port=warm_port, threads=args.threads)
    cold = Server(
        {**env, "DJANGO_PAGE_CACHE": "false"}, args.workers, port=cold_port, threads=args.threads
    )
    try:
        article_paths = [
            f"/{'treatments' if n % 2 == 0 else 'conditions'}/bench-{n}/"
            for n in range(args.articles)
        ]
        spanish_article_paths = [
            f"/es/{'tratamientos' if n % 2 == 0 else 'condiciones'}/bench-{n}/"
            for n in range(0, args.articles, TRANSLATED_EVERY)
        ]
        rows = define_rows(warm.base, article_paths, spanish_article_paths)
        log("warming up")
        run = functools.partial(
            run_rows,
            rows,
            warm_server=warm,
            cold_server=cold,
            connections=args.connections,
            workdir=workdir,
            env=env,
        )
        run(duration=min(2, args.duration))
        runs = []
        for number in range(1, max(2, args.repeat) + 1):
            log(f"run {number}")
            runs.append(run(duration=args.duration))
            if number == 1:
                rss_1 = {"warm": warm.worker_rss_mb(), "cold": cold.worker_rss_mb()}
        rss_2 = {"warm": warm.worker_rss_mb(), "cold": cold.worker_rss_mb()}
        results = median_of(runs)
        second = runs[-1]
    finally:
        warm.stop()
        cold.stop()
    queries = count_queries(env, rows)
    queries["contact form POST"] = {"queries": "see note"}
    print_table(results, queries)
    memory = {
        "rss_mb_after_run_1": rss_1,
        "rss_mb_after_last_run": rss_2,
        "growth_percent": {
            name: [
                round((b - a) / a * 100, 1) for a, b in zip(rss_1[name], rss_2[name], strict=True)
            ]
            for name in rss_1
        },
    }
    print(
        f"\nWorker RSS (MB) after run 1: {rss_1}; after the last run: {rss_2}; "
        f"growth %: {memory['growth_percent']}"
    )
    post = results["contact form POST"]
    print(
        f"Contact form POST: {post['successes']} successes, {post['saved']} rows saved "
        f"({post['in_flight_at_stop']} in flight when wrk stopped), {post['lost']} lost."
    )
    two = check_two_instances(args, env, workdir) if args.two_instances else None
    if two is not None:
        print(f"Two instances: {two}")
    report = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "options": vars(args),
        "rows": results,
        "last_run": second,
        "memory": memory,
        "two_instances": two,
        "seconds": round(time.time() - started),
    }
    out_dir = args.output.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    name = f"{args.db}{'-' + args.label if args.label else ''}.json"
    (out_dir / name).write_text(json.dumps(report, indent=2, default=str) + "\n")
    print(f"\nWritten to {out_dir / name} ({report['seconds']} s in all)")
    shutil.rmtree(workdir, ignore_errors=True)
    if args.db == "postgres":
        psql(args, f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
    failures = failed_checks(results, two)
    if failures:
        print("Failed: " + "; ".join(failures))
        sys.exit(1)


if __name__ == "__main__":
    main()
