import re

import pytest
from django.db import DatabaseError

from tests.subprocesses import environment, run_manage


@pytest.mark.django_db
def test_healthz_answers_200_with_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_without_the_database(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr("clinic.views.connection.cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


@pytest.mark.django_db
def test_server_error_page_is_in_the_site_design(client, settings, committed):
    from clinic.models import SiteSettings
    from clinic.views import server_error

    with committed():
        site = SiteSettings.load()
        site.phone = "303-555-0142"
        site.save()
    response = server_error(client.get("/").wsgi_request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, something went wrong" in html
    assert '<a href="tel:3035550142">303-555-0142</a>' in html  # the clinic's number, to call
    assert 'class="site-header"' in html


def test_server_error_page_renders_without_the_database(rf, monkeypatch):
    from clinic import views

    def broken_load():
        raise DatabaseError("down")

    monkeypatch.setattr(views.SiteSettings, "load", broken_load)
    response = views.server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "call us" in html
    assert re.search(r'<a href="tel:\+?[0-9]{7,15}">[0-9+() -]+</a>', html)  # a number to call


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", env=environment())
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_deploy_check_passes_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env=environment(
            DJANGO_SECRET_KEY="x" * 64 + "production-like-secret-key-for-the-check",
            DJANGO_ALLOWED_HOSTS="clinic.example",
            # A production site tells its coordinators about requests (inquiries.W001).
            INQUIRY_NOTIFY_EMAILS="coordinators@clinic.example",
        ),
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_development_mode_starts_without_a_secret_key():
    result = run_manage("check", env=environment(DJANGO_DEBUG="1"))
    assert result.returncode == 0, result.stderr


def test_security_headers_are_sent(client, db):
    response = client.get("/robots.txt")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.parametrize(
    ("variables", "backend"),
    [
        ({"DJANGO_SECRET_KEY": "k" * 50}, "django.core.cache.backends.db.DatabaseCache"),
        (
            {"DJANGO_SECRET_KEY": "k" * 50, "REDIS_URL": "redis://127.0.0.1:6379/0"},
            "django_redis.cache.RedisCache",
        ),
        ({"DJANGO_DEBUG": "1"}, "django.core.cache.backends.locmem.LocMemCache"),
    ],
    ids=["production", "production with Redis", "development"],
)
def test_production_never_uses_a_cache_of_one_process(variables, backend):
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        env=environment(dropping=("DJANGO_", "REDIS_URL"), **variables),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == backend
