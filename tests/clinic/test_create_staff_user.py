"""manage.py create_staff_user: accounts for coordinators and editors, not superusers."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from tests.form_client import Client
from tests.signing_in import enter_code

pytestmark = pytest.mark.django_db

INQUIRIES = "inquiries/inquiry/"


def test_a_coordinator_account_signs_in_and_sees_requests_only(monkeypatch, staff_group, settings):
    staff_group("Care coordinators")
    monkeypatch.setenv("DJANGO_STAFF_PASSWORD", "a long and unusual passphrase")
    call_command(
        "create_staff_user", "maria", "--group", "Care coordinators",
        "--first-name", "Maria", "--no-input",
    )  # fmt: skip
    maria = get_user_model().objects.get(username="maria")
    assert maria.is_staff
    assert not maria.is_superuser
    assert list(maria.groups.values_list("name", flat=True)) == ["Care coordinators"]
    client = Client()
    admin = f"/{settings.ADMIN_PATH}"
    response = client.post(
        f"{admin}login/", {"username": "maria", "password": "a long and unusual passphrase"}
    )
    assert response.status_code == 302
    assert "second-factor" in client.get(f"{admin}{INQUIRIES}")["Location"]
    enter_code(client, maria)
    assert client.get(f"{admin}{INQUIRIES}").status_code == 200
    assert client.get(f"{admin}articles/article/").status_code == 403


def test_a_weak_password_an_unknown_group_or_a_taken_name_is_refused(monkeypatch, staff_group):
    staff_group("Editors")
    monkeypatch.setenv("DJANGO_STAFF_PASSWORD", "12345678")
    with pytest.raises(CommandError, match=r"too short|too common|numeric"):
        call_command("create_staff_user", "ed", "--group", "Editors", "--no-input")
    monkeypatch.setenv("DJANGO_STAFF_PASSWORD", "a long and unusual passphrase")
    with pytest.raises(CommandError, match="No group named 'Editor'"):
        call_command("create_staff_user", "ed", "--group", "Editor", "--no-input")
    call_command("create_staff_user", "ed", "--group", "Editors", "--no-input")
    with pytest.raises(CommandError, match="already exists"):
        call_command("create_staff_user", "ed", "--group", "Editors", "--no-input")
    assert get_user_model().objects.filter(username="ed").count() == 1


def test_make_run_says_how_to_sign_in():
    import shutil
    import subprocess
    from pathlib import Path

    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        ["make", "--dry-run", "--always-make", "run"],
        cwd=root, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert "Sign in at http://127.0.0.1:8000/admin/" in result.stdout
    assert 'create_staff_user maria --group \\"Care coordinators\\"' in result.stdout
    assert "create_staff_user ed --group Editors" in result.stdout
    assert "db_worker --no-reload" in result.stdout  # the task worker still starts beside it
