"""Lighthouse on the home page and an article, mobile profile, against the production server.

    .venv/bin/python -m tests.benchmarks.lighthouse [--output DIR]     (or: make lighthouse)
    .venv/bin/python -m tests.benchmarks.lighthouse --check DIR

Starts gunicorn with production settings on loopback (a SQLite database of its own with
the demo content), runs Lighthouse (npm, pinned in tests/benchmarks/lighthouse/) with
Debian's Chromium through CHROME_PATH, and saves the reports in DIR (default
results/lighthouse/, not tracked; docs/lighthouse/ holds the committed ones). Prints each
category's score against the targets: performance 95+, accessibility 100, best practices
95+, SEO 100. Exits with status 1 when a target is missed.

--runs N measures each page N times and keeps the run with the median performance score
(Lighthouse's own advice against a noisy machine; `make lighthouse` uses 3). --check DIR
runs nothing: it checks the reports already in DIR against the same targets.
"""

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.benchmarks.run import ROOT, Server, manage

LIGHTHOUSE_DIR = ROOT / "tests" / "benchmarks" / "lighthouse"
DEFAULT_OUTPUT = ROOT / "results" / "lighthouse"
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 100}
PAGES = {
    "home": "/",
    "article": "/treatments/stem-cell-therapy-for-als/",
}
LIGHTHOUSE_ATTEMPTS = 3
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)


def production_env(workdir):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "clinic.settings",
            "DJANGO_SECRET_KEY": os.urandom(32).hex(),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "false",  # loopback, no TLS proxy in front
            "DJANGO_SECURE_COOKIES": "false",
            "DATABASE_URL": f"sqlite:///{workdir / 'lighthouse.sqlite3'}",
            "DJANGO_MEDIA_ROOT": str(workdir / "media"),
            "DJANGO_LOG_LEVEL": "WARNING",
        }
    )
    env.pop("REDIS_URL", None)
    return env


def install_lighthouse():
    """npm ci into tests/benchmarks/lighthouse/node_modules/, again whenever the pins change."""
    binary = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    stamp = LIGHTHOUSE_DIR / "node_modules" / ".installed"
    pins = hashlib.sha256(
        b"".join(
            (LIGHTHOUSE_DIR / name).read_bytes() for name in ("package.json", "package-lock.json")
        )
    ).hexdigest()
    if not binary.exists() or not stamp.exists() or stamp.read_text() != pins:
        if not shutil.which("npm"):
            raise SystemExit("npm is missing: apt-get install npm")
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=LIGHTHOUSE_DIR,
            check=True,
        )
        stamp.write_text(pins)
    return binary


def run_lighthouse(binary, url, output_base):
    env = {**os.environ, "CHROME_PATH": shutil.which("chromium") or "/usr/bin/chromium"}
    command = [str(binary), url, "--quiet", "--form-factor=mobile"]
    command += ["--only-categories=performance,accessibility,best-practices,seo"]
    command += [f"--chrome-flags={CHROME_FLAGS}", "--output=json", "--output=html"]
    command += [f"--output-path={output_base}"]
    for attempt in range(1, LIGHTHOUSE_ATTEMPTS + 1):
        run = subprocess.run(command, env=env, stderr=subprocess.PIPE, text=True, timeout=240)
        sys.stderr.write(run.stderr)
        if run.returncode == 0:
            return
        # Lighthouse's own failures to record a trace (NO_NAVSTART, NO_FCP, ...) say nothing
        # about the page: measure again. Anything else is a real failure.
        if "Runtime error encountered" not in run.stderr or attempt == LIGHTHOUSE_ATTEMPTS:
            raise subprocess.CalledProcessError(run.returncode, command, stderr=run.stderr)
        print(f"Lighthouse could not record {url} (attempt {attempt}); measuring again")


def read_report(output_dir, name):
    """Each category's score (0 to 100) and the audits scoring below 90, from a saved report."""
    report = json.loads((output_dir / f"{name}.report.json").read_text())
    scores = {key: round(cat["score"] * 100) for key, cat in report["categories"].items()}
    failed = [
        audit["id"]
        for audit in report["audits"].values()
        if audit.get("score") is not None and audit["score"] < 0.9
        and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
    ]  # fmt: skip
    return scores, failed


def check_reports(output_dir):
    """Print each page's scores; return the targets missed (an empty list when all are met)."""
    missed = []
    for name in PAGES:
        scores, failed = read_report(output_dir, name)
        print(f"{name:<8} " + ", ".join(f"{key} {value}" for key, value in scores.items()))
        if failed:
            print(f"         audits below 90: {', '.join(failed)}")
        missed += [
            f"{name} {key} {scores.get(key, 0)} < {target}"
            for key, target in TARGETS.items()
            if scores.get(key, 0) < target
        ]
    return missed


def keep_median_run(output_dir, name, runs):
    """Keep the run of ``name`` with the median performance score as ``name``.report.*."""
    bases = [output_dir / f"{name}-run{i}" for i in range(runs)]
    performance = [
        json.loads(Path(f"{base}.report.json").read_text())["categories"]["performance"]["score"]
        for base in bases
    ]
    median = sorted(range(runs), key=lambda i: performance[i])[runs // 2]
    for i, base in enumerate(bases):
        for suffix in (".report.json", ".report.html"):
            run = Path(f"{base}{suffix}")
            if i == median:
                run.replace(output_dir / f"{name}{suffix}")
            else:
                run.unlink()


def measure(output_dir, runs):
    if not shutil.which("chromium") and not Path("/usr/bin/chromium").exists():
        raise SystemExit("Chromium is missing: apt-get install chromium")
    binary = install_lighthouse()
    workdir = Path(tempfile.mkdtemp(prefix="clinic-lighthouse-"))
    env = production_env(workdir)
    try:
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        manage(env, "load_demo_content", "--publish-unreviewed")
        output_dir.mkdir(parents=True, exist_ok=True)
        server = Server(env, 2)
        try:
            for name, path in PAGES.items():
                for i in range(runs):
                    run_lighthouse(binary, f"{server.base}{path}", output_dir / f"{name}-run{i}")
                keep_median_run(output_dir, name, runs)
        finally:
            server.stop()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--output", type=Path, default=DEFAULT_OUTPUT, help="folder for the reports"
    )
    parser.add_argument(
        "--check", type=Path, metavar="DIR", help="only check the reports already in DIR"
    )
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median one is kept")
    args = parser.parse_args(argv)
    output_dir = (args.check or args.output).resolve()
    if args.check is None:
        measure(output_dir, max(1, args.runs))
    missed = check_reports(output_dir)
    print(f"Reports: {output_dir}/")
    if missed:
        print("Targets missed: " + "; ".join(missed))
        sys.exit(1)
    print("Every target met.")


if __name__ == "__main__":
    main()
