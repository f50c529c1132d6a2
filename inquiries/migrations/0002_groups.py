"""The two staff groups: Care coordinators (requests only) and Editors (content only)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = {
    "Care coordinators": {
        "inquiries": [
            "view_inquiry",
            "change_inquiry",
            "view_inquirynote",
            "add_inquirynote",
            "view_inquiryevent",
        ],
    },
    "Editors": {
        "articles": [
            "add_article",
            "change_article",
            "view_article",
            "add_citation",
            "change_citation",
            "view_citation",
            "add_articlecitation",
            "change_articlecitation",
            "view_articlecitation",
            # Taking a reference off an article deletes its link row (not the citation).
            "delete_articlecitation",
        ],
        "clinic": ["add_sitesettings", "change_sitesettings", "view_sitesettings"],
    },
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after migrate (post_migrate); on a fresh database
    # they do not exist yet, so create them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, apps_and_codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codenames in apps_and_codenames.items():
            permissions = Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
            missing = set(codenames) - set(permissions.values_list("codename", flat=True))
            if missing:
                raise RuntimeError(f"Permissions not found for {name}: {sorted(missing)}")
            group.permissions.add(*permissions)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("inquiries", "0001_initial"),
        ("articles", "0001_initial"),
        ("clinic", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
