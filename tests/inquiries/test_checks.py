"""Start-up checks: production without anyone to tell about requests warns once."""

import io

import pytest
from django.core.management import call_command

from tests.factories import StaffFactory
from tests.subprocesses import environment, run_manage

PRODUCTION = {
    "DJANGO_SECRET_KEY": "x" * 64 + "production-like-secret-key-for-the-check",
    "DJANGO_ALLOWED_HOSTS": "clinic.example",
}


def without_recipients(tmp_path, **overrides):
    """Production settings without INQUIRY_NOTIFY_EMAILS, on a database of the test's own
    (not migrated: no coordinators in it)."""
    env = environment(**PRODUCTION, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    env.update(overrides)
    env.pop("INQUIRY_NOTIFY_EMAILS", None)
    return env


def check_output(settings, *, notify_emails=()):
    """The warnings of ``manage.py check``, run in this process on the test database."""
    settings.INQUIRY_NOTIFY_EMAILS = list(notify_emails)
    stderr = io.StringIO()
    call_command("check", stdout=io.StringIO(), stderr=stderr)
    return stderr.getvalue()


def test_production_without_anyone_to_notify_warns_once_at_start_saying_what_to_set(tmp_path):
    result = run_manage("check", "--deploy", env=without_recipients(tmp_path))
    output = result.stderr + result.stdout
    assert output.count("inquiries.W001") == 1, output
    assert "INQUIRY_NOTIFY_EMAILS is empty and no active care coordinator" in output
    assert 'Give an active member of the "Care coordinators" group an email address' in output
    assert "or set INQUIRY_NOTIFY_EMAILS" in output
    failed = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env=without_recipients(tmp_path)
    )
    assert failed.returncode != 0
    assert "inquiries.W001" in failed.stderr


@pytest.mark.django_db
def test_a_care_coordinator_with_an_email_address_is_enough(settings, staff_group):
    coordinators = staff_group("Care coordinators")
    StaffFactory(username="no-address", email="").groups.add(coordinators)
    StaffFactory(username="left", is_active=False).groups.add(coordinators)
    StaffFactory(username="ed", email="ed@clinic.example")  # not a coordinator
    assert "inquiries.W001" in check_output(settings)

    StaffFactory(username="maria", email="maria@clinic.example").groups.add(coordinators)
    assert "inquiries.W001" not in check_output(settings)


@pytest.mark.django_db
def test_the_setting_is_enough_without_coordinators(settings):
    assert "inquiries.W001" in check_output(settings)
    assert "inquiries.W001" not in check_output(settings, notify_emails=["c@clinic.example"])


def test_development_needs_no_recipients(tmp_path):
    result = run_manage("check", env=without_recipients(tmp_path, DJANGO_DEBUG="1"))
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
