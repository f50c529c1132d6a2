"""`make lighthouse` exits 1 when a target is missed (its main, on saved reports), and the
checks `make bench` exits 1 on (failed_checks, which tests/benchmarks/run.py's main turns
into its exit status after a run: a real run is too long for the suite)."""

import json
import shutil

import pytest

from tests.benchmarks import lighthouse
from tests.benchmarks.run import ROOT, failed_checks

COMMITTED_REPORTS = ROOT / "docs" / "lighthouse"


@pytest.fixture
def reports(tmp_path):
    for name in lighthouse.PAGES:
        shutil.copy(COMMITTED_REPORTS / f"{name}.report.json", tmp_path)
    return tmp_path


def set_score(folder, page, category, score):
    path = folder / f"{page}.report.json"
    report = json.loads(path.read_text())
    report["categories"][category]["score"] = score
    path.write_text(json.dumps(report))


def test_the_committed_lighthouse_reports_meet_every_target():
    assert lighthouse.check_reports(COMMITTED_REPORTS) == []


def test_lighthouse_exits_with_status_1_naming_the_target_missed(reports, capsys):
    set_score(reports, "article", "performance", 0.94)

    with pytest.raises(SystemExit) as exited:
        lighthouse.main(["--check", str(reports)])

    assert exited.value.code == 1
    out = capsys.readouterr().out
    assert "article  performance 94" in out
    assert "Targets missed: article performance 94 < 95" in out


def test_lighthouse_passes_when_every_target_is_met(reports, capsys):
    set_score(reports, "home", "best-practices", 0.95)  # the target itself is met

    lighthouse.main(["--check", str(reports)])

    assert "Every target met." in capsys.readouterr().out


def bench_row(**overrides):
    return {"errors": 0, **overrides}


def test_the_bench_checks_name_a_lost_submission_an_error_and_a_failed_two_instance_check():
    results = {
        "home": bench_row(errors=3),
        "contact form POST": bench_row(lost=2),
    }
    two = {"edit_through_a_seen_through_b": False, "rate_limit_statuses_alternating_a_b": [302]}

    assert failed_checks(results, two) == [
        "home: 3 errors",
        "contact form POST: 2 submissions lost",
        "two instances: edit_through_a_seen_through_b failed",
    ]


def test_the_bench_checks_find_nothing_in_a_clean_run():
    results = {"home": bench_row(), "contact form POST": bench_row(lost=0)}

    assert failed_checks(results, {"edit_through_a_seen_through_b": True}) == []
    assert failed_checks(results, None) == []
