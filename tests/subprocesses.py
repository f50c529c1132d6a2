"""manage.py in a process of its own: for tests of settings read at start-up."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def environment(*, dropping=("DJANGO_",), **overrides):
    """This process's environment without the variables starting with ``dropping``, plus
    ``overrides``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(dropping)}
    env.update(overrides)
    return env


def run_manage(*args, env, check=False):
    """Run ``manage.py *args`` with ``env``, bounded in time; output captured as text."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=check,
    )
