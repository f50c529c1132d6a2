"""The README's production command (gunicorn, two workers of four threads, no Redis): what
one process changes, every process shows at the next request."""

import pytest

from .servers import Browser, manage, restore_demo_content, set_clinic_phone, site_environment

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
    site = start_site(DATABASE_URL=database_url, workers=2, threads=4)  # as the README runs it
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
