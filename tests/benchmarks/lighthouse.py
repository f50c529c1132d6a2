"""Lighthouse on the home page and an article, mobile profile, against the production server.

    .venv/bin/python tests/benchmarks/lighthouse.py        (or: make lighthouse)

Starts gunicorn with production settings on loopback (a SQLite database of its own with
the demo content), runs Lighthouse (npm, pinned in tests/benchmarks/lighthouse/) with
Debian's Chromium through CHROME_PATH, and saves the reports under docs/lighthouse/.
Prints each category's score against the targets: performance 95+, accessibility 100,
best practices 95+, SEO 100. Exits non-zero when a target is missed.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.benchmarks.run import ROOT, Server, manage

LIGHTHOUSE_DIR = ROOT / "tests" / "benchmarks" / "lighthouse"
REPORT_DIR = ROOT / "docs" / "lighthouse"
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 100}
PAGES = {
    "home": "/",
    "article": "/treatments/stem-cell-therapy-for-als/",
}
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
    binary = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=LIGHTHOUSE_DIR,
            check=True,
        )
    return binary


def run_lighthouse(binary, url, output_base):
    env = {**os.environ, "CHROME_PATH": shutil.which("chromium") or "/usr/bin/chromium"}
    command = [str(binary), url, "--quiet", "--form-factor=mobile"]
    command += ["--only-categories=performance,accessibility,best-practices,seo"]
    command += [f"--chrome-flags={CHROME_FLAGS}", "--output=json", "--output=html"]
    command += [f"--output-path={output_base}"]
    subprocess.run(
        command,
        env=env,
        check=True,
        timeout=240,
    )
    report = json.loads(Path(f"{output_base}.report.json").read_text())
    scores = {key: round(cat["score"] * 100) for key, cat in report["categories"].items()}
    failed = [
        audit["id"]
        for audit in report["audits"].values()
        if audit.get("score") is not None and audit["score"] < 0.9
        and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
    ]  # fmt: skip
    return scores, failed


def main():
    argparse.ArgumentParser(description=__doc__).parse_args()
    if not shutil.which("chromium") and not Path("/usr/bin/chromium").exists():
        raise SystemExit("Chromium is missing: apt-get install chromium")
    binary = install_lighthouse()
    workdir = Path(tempfile.mkdtemp(prefix="clinic-lighthouse-"))
    env = production_env(workdir)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    manage(env, "load_demo_content")
    REPORT_DIR.mkdir(parents=True, exist_ok=True)
    server = Server(env, 2)
    missed = []
    try:
        for name, path in PAGES.items():
            scores, failed = run_lighthouse(binary, f"{server.base}{path}", REPORT_DIR / name)
            line = ", ".join(f"{key} {value}" for key, value in scores.items())
            print(f"{name:<8} {line}")
            if failed:
                print(f"         audits below 90: {', '.join(failed)}")
            missed += [f"{name} {k} {scores[k]} < {t}" for k, t in TARGETS.items() if scores[k] < t]
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"Reports: {REPORT_DIR.relative_to(ROOT)}/")
    if missed:
        print("Targets missed: " + "; ".join(missed))
        sys.exit(1)
    print("Every target met.")


if __name__ == "__main__":
    main()
