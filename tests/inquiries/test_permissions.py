"""The two staff groups from the data migration keep coordinators and editors apart."""

import pytest
from django.conf import settings

from tests.factories import ArticleFactory, InquiryFactory, StaffFactory
from tests.signing_in import sign_in

ADMIN = f"/{settings.ADMIN_PATH}"  # DJANGO_ADMIN_PATH

pytestmark = pytest.mark.django_db


@pytest.fixture
def group_editor_client(client, staff_group):
    editor = StaffFactory(username="group-editor")
    editor.groups.add(staff_group("Editors"))
    sign_in(client, editor)
    return client


def codenames(group):
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def test_migration_creates_the_care_coordinators_group(staff_group):
    assert codenames(staff_group("Care coordinators")) == {
        "inquiries.view_inquiry",
        "inquiries.change_inquiry",
        "inquiries.view_inquirynote",
        "inquiries.add_inquirynote",
        "inquiries.view_inquiryevent",
        "django_tasks_database.view_dbtaskresult",  # to see an email that keeps failing
    }


def test_migration_creates_the_editors_group_without_inquiries(staff_group):
    permissions = codenames(staff_group("Editors"))
    assert {
        "articles.add_article",
        "articles.change_article",
        "articles.add_citation",
        "articles.change_citation",
        "articles.change_articlecitation",
        "clinic.change_sitesettings",
    } <= permissions
    assert not any(p.startswith("inquiries.") for p in permissions)
    assert "articles.delete_article" not in permissions
    assert "articles.delete_citation" not in permissions


def test_coordinator_cannot_reach_the_editors_screens(coordinator_client):
    article = ArticleFactory()
    for url in [
        f"{ADMIN}articles/article/",
        f"{ADMIN}articles/article/{article.pk}/change/",
        f"{ADMIN}articles/article/add/",
        f"{ADMIN}articles/citation/",
        f"{ADMIN}clinic/sitesettings/1/change/",
    ]:
        assert coordinator_client.get(url).status_code == 403, url
    html = coordinator_client.get(ADMIN).content.decode()
    assert f"{ADMIN}articles/" not in html
    assert f"{ADMIN}clinic/" not in html
    assert f'href="{ADMIN}inquiries/inquiry/"' in html


def test_editor_cannot_reach_the_coordinators_screens(group_editor_client):
    inquiry = InquiryFactory()
    for url in [
        f"{ADMIN}inquiries/inquiry/",
        f"{ADMIN}inquiries/inquiry/{inquiry.pk}/change/",
        f"{ADMIN}inquiries/",
    ]:
        assert group_editor_client.get(url).status_code in (403, 404), url
    assert group_editor_client.get(f"{ADMIN}inquiries/inquiry/").status_code == 403
    html = group_editor_client.get(ADMIN).content.decode()
    assert f"{ADMIN}inquiries/" not in html
    assert "new and unassigned" not in html
    assert f'href="{ADMIN}articles/article/"' in html


def test_editor_group_can_do_the_editors_work(group_editor_client):
    article = ArticleFactory()
    assert group_editor_client.get(f"{ADMIN}articles/article/").status_code == 200
    assert (
        group_editor_client.get(f"{ADMIN}articles/article/{article.pk}/change/").status_code == 200
    )
    assert group_editor_client.get(f"{ADMIN}articles/citation/add/").status_code == 200
