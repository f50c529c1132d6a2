"""Start-up checks: production without anyone to tell about requests warns once."""

from tests.subprocesses import environment, run_manage

PRODUCTION = {
    "DJANGO_SECRET_KEY": "x" * 64 + "production-like-secret-key-for-the-check",
    "DJANGO_ALLOWED_HOSTS": "clinic.example",
}


def without_recipients(**overrides):
    env = environment(**PRODUCTION, **overrides)
    env.pop("INQUIRY_NOTIFY_EMAILS", None)
    return env


def test_production_without_notification_recipients_warns_once_at_start():
    result = run_manage("check", "--deploy", env=without_recipients())
    output = result.stderr + result.stdout
    assert output.count("inquiries.W001") == 1, output
    assert "INQUIRY_NOTIFY_EMAILS is empty" in output
    failed = run_manage("check", "--deploy", "--fail-level", "WARNING", env=without_recipients())
    assert failed.returncode != 0
    assert "inquiries.W001" in failed.stderr


def test_development_needs_no_recipients():
    result = run_manage("check", env=without_recipients(DJANGO_DEBUG="1"))
    assert result.returncode == 0, result.stderr
    assert "inquiries.W001" not in result.stderr + result.stdout


def test_unreadable_opening_hours_stop_the_start():
    env = environment(
        **PRODUCTION, INQUIRY_NOTIFY_EMAILS="c@clinic.example", CLINIC_OPENING_HOURS="9 to 5"
    )
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "inquiries.E001" in result.stderr
    assert "Opening hours must look like 08:00-17:00" in result.stderr
