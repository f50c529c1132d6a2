"""The documented production command (gunicorn, two workers of four threads): what one
process changes, every process shows at the next request, and not before it commits."""

import select
import subprocess
import sys

import pytest

from .servers import (
    ROOT,
    Browser,
    manage,
    restore_demo_content,
    set_clinic_phone,
    site_environment,
)

pytestmark = pytest.mark.servers

REQUESTS = 8  # new connections each: gunicorn's two workers share them


def _statuses(site, path):
    return [Browser(site.url).get(path)[0] for _ in range(REQUESTS)]


def _pages(site, path):
    return [Browser(site.url).get(path)[2] for _ in range(REQUESTS)]


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'site.sqlite3'}"
        manage("migrate", "--noinput", env=site_environment(DATABASE_URL=url))
        return url
    return request.getfixturevalue("postgres").url("clinic")


def test_a_change_made_in_another_process_shows_on_every_worker(database_url, start_site):
    env = site_environment(DATABASE_URL=database_url)
    restore_demo_content(env)
    set_clinic_phone("303-555-0100", env=env)
    site = start_site(DATABASE_URL=database_url, workers=2, threads=4)  # as production runs it
    page = "/conditions/amyotrophic-lateral-sclerosis/"
    assert _statuses(site, page) == [200] * REQUESTS  # now cached by both workers
    assert all('<a href="tel:3035550100">303-555-0100</a>' in html for html in _pages(site, "/"))

    script = (
        "from articles.models import Article; from clinic.models import SiteSettings\n"
        "Article.objects.get(slug='amyotrophic-lateral-sclerosis').unpublish()\n"
        "site = SiteSettings.load(); site.phone = '303-555-0142'; site.save()\n"
    )
    manage("shell", "-c", script, env=env)
    try:
        assert _statuses(site, page) == [404] * REQUESTS
        assert all(
            '<a href="tel:3035550142">303-555-0142</a>' in html for html in _pages(site, "/")
        )
    finally:
        restore_demo_content(env)


# An editor's save, held open: the article and the site settings changed in one transaction
# that commits only when the test says so (a line on stdin).
HELD_EDIT = """
import sys
from django.db import transaction
from articles.models import Article
from clinic.models import SiteSettings
with transaction.atomic():
    article = Article.objects.get(slug="amyotrophic-lateral-sclerosis")
    article.title = "ALS, as the editor corrected it"
    article.save()
    site = SiteSettings.load()
    site.phone = "303-555-0177"
    site.save()
    print("changed", flush=True)
    sys.stdin.readline()
print("committed", flush=True)
"""


def _wait_for_line(process, expected, *, timeout=60):
    """Read ``process``'s output until the line ``expected`` (bounded by ``timeout``)."""
    while select.select([process.stdout], [], [], timeout)[0]:
        line = process.stdout.readline()
        if not line:
            break
        if line.strip() == expected:
            return
    raise AssertionError(f"the writer never said {expected!r} (exit status {process.poll()})")


def test_a_page_requested_while_an_edit_is_uncommitted_shows_the_edit_once_it_commits(
    database_url, redis_server, start_site
):
    """Two real connections: a visitor's page is rendered (and stored) while the editor's
    transaction is open; once it commits, every worker shows the edit at once."""
    env = site_environment(DATABASE_URL=database_url, REDIS_URL=redis_server.url())
    restore_demo_content(env)
    site = start_site(DATABASE_URL=database_url, REDIS_URL=redis_server.url(), workers=2, threads=4)
    page = "/conditions/amyotrophic-lateral-sclerosis/"
    writer = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-c", HELD_EDIT],
        cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        _wait_for_line(writer, "changed")
        # The transaction is open: visitors get the page as it was, rendered from the
        # database and stored.
        assert _statuses(site, page) == [200] * REQUESTS
        assert all("ALS, as the editor corrected it" not in html for html in _pages(site, page))
        assert all("303-555-0177" not in html for html in _pages(site, "/"))

        writer.stdin.write("commit\n")
        writer.stdin.flush()
        _wait_for_line(writer, "committed")
        assert writer.wait(timeout=60) == 0
        assert all("ALS, as the editor corrected it" in html for html in _pages(site, page))
        assert all(
            '<a href="tel:3035550177">303-555-0177</a>' in html for html in _pages(site, "/")
        )
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait(timeout=10)
        restore_demo_content(env)
