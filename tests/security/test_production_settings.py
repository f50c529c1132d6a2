"""Production settings, read from a process started with production environment variables."""

import json

from tests.subprocesses import environment, run_manage

PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "x" * 64 + "production-like-secret-key-for-the-check",
    "DJANGO_ALLOWED_HOSTS": "clinic.example",
    # A production site tells its coordinators about requests (inquiries.W001).
    "INQUIRY_NOTIFY_EMAILS": "coordinators@clinic.example",
}
SHOW_SETTINGS = """
import json
from django.conf import settings as s
names = [
    "DEBUG", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE", "CSRF_COOKIE_HTTPONLY", "SECURE_REFERRER_POLICY",
    "SECURE_CONTENT_TYPE_NOSNIFF", "X_FRAME_OPTIONS", "SECURE_REDIRECT_EXEMPT",
    "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SAMESITE",
]
print(json.dumps({name: getattr(s, name) for name in names}))
"""


def production_settings(**overrides):
    env = environment(**PRODUCTION_ENV, **overrides)
    result = run_manage("shell", "-c", SHOW_SETTINGS, env=env, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_sends_everything_over_https_only():
    values = production_settings()
    assert values["DEBUG"] is False
    assert values["SECURE_HSTS_SECONDS"] == 365 * 24 * 60 * 60
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["SECURE_REDIRECT_EXEMPT"] == ["^healthz$"]
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True


def test_production_cookies_are_out_of_reach_of_scripts_and_other_sites():
    values = production_settings()
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["CSRF_COOKIE_HTTPONLY"] is True
    assert values["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert values["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert values["SECURE_REFERRER_POLICY"] == "strict-origin-when-cross-origin"
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert values["X_FRAME_OPTIONS"] == "DENY"


def test_deploy_check_passes_at_warning_level_with_a_custom_admin_path():
    env = environment(**PRODUCTION_ENV, DJANGO_ADMIN_PATH="staff-7f3a/")
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stderr + result.stdout
