"""The lock is in step with pyproject.toml: every dependency declared there is pinned, at a
version its range allows, in the file that installs it (requirements.txt for the runtime,
requirements-dev.txt for the groups too), and every pin carries its hashes. Reads the files
only: `make lock` regenerates them after pyproject.toml changes."""

import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
GROUPS = ("dev", "test", "browser")


def locked(filename):
    """The lock's pins, name -> (requirement, its hashes), from pip's requirements format."""
    text = (ROOT / filename).read_text().replace("\\\n", " ")
    pins = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        spec, *options = (part.strip() for part in line.split(" --"))
        requirement = Requirement(spec)
        hashes = [o.removeprefix("hash=") for o in options if o.startswith("hash=sha256:")]
        pins[canonicalize_name(requirement.name)] = (requirement, hashes)
    return pins


RUNTIME = locked("requirements.txt")
DEVELOPMENT = locked("requirements-dev.txt")


def declared(group=None):
    lines = (
        PYPROJECT["project"]["dependencies"]
        if group is None
        else PYPROJECT["dependency-groups"][group]
    )
    return [Requirement(line) for line in lines]


def pinned_version(requirement):
    (specifier,) = requirement.specifier
    assert specifier.operator == "==", requirement
    return specifier.version


@pytest.mark.parametrize(
    ("group", "lock"),
    [(None, RUNTIME), (None, DEVELOPMENT)] + [(group, DEVELOPMENT) for group in GROUPS],
    ids=["runtime in requirements.txt", "runtime in requirements-dev.txt", *GROUPS],
)
def test_every_declared_dependency_is_locked_at_a_version_its_range_allows(group, lock):
    for requirement in declared(group):
        name = canonicalize_name(requirement.name)
        assert name in lock, f"{requirement} is not in the lock: run make lock"
        version = pinned_version(lock[name][0])
        assert requirement.specifier.contains(version, prereleases=True), (
            f"{requirement} but the lock has {version}: run make lock"
        )


def test_the_development_lock_installs_the_same_runtime_versions_as_production():
    for name, (requirement, _) in RUNTIME.items():
        assert name in DEVELOPMENT, name
        assert pinned_version(DEVELOPMENT[name][0]) == pinned_version(requirement), name


@pytest.mark.parametrize("lock", [RUNTIME, DEVELOPMENT], ids=["requirements.txt", "dev"])
def test_every_pin_carries_its_hashes_so_pip_checks_each_download(lock):
    assert lock
    for name, (requirement, hashes) in lock.items():
        pinned_version(requirement)
        assert hashes, f"{name} has no --hash"
        assert all(len(h.removeprefix("sha256:")) == 64 for h in hashes), name


def test_the_runtime_lock_holds_nothing_only_the_tests_need():
    test_only = {canonicalize_name(r.name) for g in GROUPS for r in declared(g)}
    runtime = {canonicalize_name(r.name) for r in declared()}
    assert not (test_only - runtime) & RUNTIME.keys()
