"""The site's settings, with the load benchmark's URLconf: the site's URLs plus a baseline
view (tests/benchmarks/urls.py). Used by tests/benchmarks/run.py only."""

from clinic.settings import *  # noqa: F403  (the site's settings, one override)

ROOT_URLCONF = "tests.benchmarks.urls"
