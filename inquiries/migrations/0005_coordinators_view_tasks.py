"""Care coordinators may view the task results (django-tasks-db's admin): a request's
email that keeps failing shows there, with its error."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Care coordinators"
PERMISSION = ("django_tasks_database", "view_dbtaskresult")


def grant(apps, schema_editor):
    # On a fresh database the permission does not exist yet (post_migrate creates it).
    app_config = apps.get_app_config(PERMISSION[0])
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=PERMISSION[0], codename=PERMISSION[1])
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=GROUP):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label=PERMISSION[0], codename=PERMISSION[1]
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("inquiries", "0004_inquiry_confirmation_sent_at"),
        ("django_tasks_database", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
