"""`make bench`: the load benchmark (run.py) at 100, 1,000 and 10,000 articles, on SQLite
and on PostgreSQL + Redis, in one table.

    .venv/bin/python -m tests.benchmarks.matrix [--sizes 100 1000 10000] [--dbs sqlite postgres]
        [--repeat 3] [--duration 2] [--output DIR] [--quick]
        [--postgres-url URL] [--database NAME] [--redis-url URL] [--ports WARM COLD]

Each combination is one run.py process (its own database, corpus and gunicorn), every row
run --repeat times: the table gives the median requests/s with the min and max beside it,
the ratio to the trivial view of the same run, p99, page bytes, SQL queries, worker CPU
milliseconds a request and the worker's RSS after the last run. Writes matrix.json and
matrix.md in --output (results/benchmarks/ by default; docs/benchmarks/ with
RESULTS_DIR=docs). The two-instances check runs once, on PostgreSQL at the smallest size.
Defaults finish in about 25 minutes on 2 cores. The PostgreSQL server and database, the Redis
database and the ports are run.py's options, passed on to each run (run.py --help).

--quick: what CI runs: run.py --quick --two-instances (50 articles, 1 s a row), no table.
"""

import argparse
import datetime
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.run import (
    DEFAULT_OUTPUT,
    PYTHON,
    ROOT,
    add_place_options,
    log,
    place_arguments,
)

ROWS = [
    "baseline",
    "home",
    "conditions list",
    "article (warm)",
    "article (cold)",
    "article es (warm)",
    "article es (cold)",
    "search 'stem cell'",
    "search, a rare word",
    "search 'stem cell' (not stored)",
    "search, a rare word (not stored)",
    "contact form GET",
    "contact form POST",
]


def run_one(db, size, args, workdir):
    command = [
        PYTHON, "-m", "tests.benchmarks.run",
        "--db", db,
        "--articles", str(size),
        "--citations", str(min(5000, size * 5)),
        "--repeat", str(args.repeat),
        "--duration", str(args.duration),
        "--label", str(size),
        "--output", str(workdir),
        *place_arguments(args),
    ]  # fmt: skip
    if db == "sqlite":
        command.append("--no-redis")  # the embedded default: the cache in the database too
    elif size == min(args.sizes):
        command.append("--two-instances")
    log(f"{db}, {size} articles: {' '.join(command[2:])}")
    finished = subprocess.run(command, cwd=ROOT, check=False)
    report = json.loads((workdir / f"{db}-{size}.json").read_text())
    report["exit_status"] = finished.returncode
    return report


def table(reports):
    lines = [
        "| database | articles | row | req/s (min-max) | ratio | p99 ms | bytes | SQL | CPU ms"
        " | worker RSS MB |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for report in reports:
        rows = report["rows"]
        baseline = max(rows["baseline"]["rps"], rows["baseline (end)"]["rps"])
        rss = max(report["memory"]["rss_mb_after_last_run"]["warm"], default=0)
        rss_cold = max(report["memory"]["rss_mb_after_last_run"]["cold"], default=0)
        db = "PostgreSQL + Redis" if report["options"]["db"] == "postgres" else "SQLite"
        for name in ROWS:
            if name not in rows:  # a report from before the Spanish rows
                continue
            r = rows[name]
            worker = rss_cold if name.endswith("(cold)") else rss
            lines.append(
                f"| {db} | {report['options']['articles']:,} | {name} "
                f"| {r['rps']:.0f} ({r['rps_min']:.0f}-{r['rps_max']:.0f}) "
                f"| {r['rps'] / baseline:.2f} | {r['p99_ms']:.1f} | {r['bytes']:,} "
                f"| {r.get('queries', '-')} | {r.get('cpu_ms') or 0:.1f} | {worker:.0f} |"
            )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--dbs", nargs="+", default=["sqlite", "postgres"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--duration", type=int, default=2, help="seconds a row, each run")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--quick", action="store_true")
    add_place_options(parser)
    args = parser.parse_args()
    if args.quick:
        command = [
            PYTHON, "-m", "tests.benchmarks.run", "--quick", "--two-instances",
            *place_arguments(args),
        ]  # fmt: skip
        sys.exit(subprocess.run([*command, "--output", str(args.output)], cwd=ROOT).returncode)
    started = time.time()
    workdir = Path(tempfile.mkdtemp(prefix="clinic-matrix-"))
    reports = [run_one(db, size, args, workdir) for db in args.dbs for size in args.sizes]
    markdown = table(reports)
    print(markdown)
    out = args.output.resolve()
    out.mkdir(parents=True, exist_ok=True)
    summary = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "seconds": round(time.time() - started),
        "reports": reports,
    }
    (out / "matrix.json").write_text(json.dumps(summary, indent=2, default=str) + "\n")
    (out / "matrix.md").write_text(markdown + "\n")
    log(f"written to {out}/matrix.md and matrix.json ({summary['seconds']} s in all)")
    if any(report["exit_status"] for report in reports):
        sys.exit(1)


if __name__ == "__main__":
    main()
