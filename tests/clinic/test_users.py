"""The project's own user model: a name to show, a reviewer's credentials; staff groups as code."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

ADMIN = f"/{settings.ADMIN_PATH}"


def test_the_user_model_is_the_project_s_own():
    assert settings.AUTH_USER_MODEL == "clinic.User"
    assert get_user_model()._meta.label == "clinic.User"


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        ({"display_name": "Dr. Ana Rao", "first_name": "Ana", "last_name": "Rao"}, "Dr. Ana Rao"),
        ({"first_name": "Maria", "last_name": "Lopez"}, "Maria Lopez"),
        ({}, "maria"),
    ],
)
def test_a_user_is_shown_by_display_name_then_full_name_then_username(fields, shown):
    assert str(StaffFactory(username="maria", **fields)) == shown


def test_an_administrator_edits_display_name_and_credentials_in_the_admin(admin_client):
    user = StaffFactory(username="rao")
    page = admin_client.get(f"{ADMIN}clinic/user/{user.pk}/change/").content.decode()
    assert 'name="display_name"' in page
    assert 'name="credentials"' in page
    form = {
        "username": "rao",
        "display_name": "Dr. Ana Rao",
        "credentials": "MD, neurologist",
        "first_name": "Ana",
        "last_name": "Rao",
        "email": "rao@clinic.example",
        "is_active": "on",
        "is_staff": "on",
        "date_joined_0": "2026-01-05",
        "date_joined_1": "09:00:00",
    }
    response = admin_client.post(f"{ADMIN}clinic/user/{user.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    user.refresh_from_db()
    assert (user.display_name, user.credentials) == ("Dr. Ana Rao", "MD, neurologist")
    listing = admin_client.get(f"{ADMIN}clinic/user/").content.decode()
    assert "MD, neurologist" in listing


def test_create_staff_user_records_display_name_and_credentials(monkeypatch):
    monkeypatch.setenv("DJANGO_STAFF_PASSWORD", "a long and unusual passphrase")
    call_command(
        "create_staff_user", "rao", "--group", "Editors", "--display-name", "Dr. Ana Rao",
        "--credentials", "MD, neurologist", "--no-input", stdout=None,
    )  # fmt: skip
    user = get_user_model().objects.get(username="rao")
    assert (str(user), user.credentials) == ("Dr. Ana Rao", "MD, neurologist")


def test_migrate_makes_the_staff_groups_with_their_permissions():
    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    assert {"change_article", "add_citation", "change_sitesettings"} <= editors
    assert not {"view_inquiry", "delete_article"} & editors
    coordinators = set(
        Group.objects.get(name="Care coordinators").permissions.values_list("codename", flat=True)
    )
    assert {"view_inquiry", "change_inquiry", "view_dbtaskresult"} <= coordinators
    assert not {"change_article", "delete_inquiry"} & coordinators


def test_migrate_gives_back_a_permission_taken_from_a_group_and_keeps_extra_ones():
    from django.contrib.auth.models import Permission

    editors = Group.objects.get(name="Editors")
    editors.permissions.remove(Permission.objects.get(codename="change_article"))
    extra = Permission.objects.get(codename="view_inquiry")
    editors.permissions.add(extra)
    call_command("migrate", verbosity=0)
    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert "change_article" in codenames
    assert "view_inquiry" in codenames  # an administrator's own grant stays


@pytest.mark.django_db(transaction=True)
def test_the_groups_survive_a_flushed_database():
    call_command("flush", "--no-input", verbosity=0)
    assert set(Group.objects.values_list("name", flat=True)) >= {"Editors", "Care coordinators"}
