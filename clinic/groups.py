"""Staff groups as code. Each app declares the group whose work it owns (articles: Editors,
inquiries: Care coordinators); after every ``migrate``, once Django has created the
permissions (post_migrate), the group exists with those permissions. A flushed test
database gets its groups back the same way."""

from django.db.models.signals import post_migrate


def ensure_group(name, permissions, *, using="default"):
    """Create the group ``name`` if needed and grant it ``permissions``.

    ``permissions`` maps an app label to permission codenames. Adds what is missing and
    removes nothing an administrator granted on top. A codename that does not exist (a model
    renamed, say) stops ``migrate`` with its name rather than leave a group short.
    """
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.using(using).get_or_create(name=name)
    for app_label, codenames in permissions.items():
        found = Permission.objects.using(using).filter(
            content_type__app_label=app_label, codename__in=codenames
        )
        missing = set(codenames) - {permission.codename for permission in found}
        if missing:
            raise RuntimeError(f"Permissions not found for the group {name}: {sorted(missing)}")
        group.permissions.add(*found)
    return group


def declare_group(app_config, name, permissions):
    """Have every ``migrate`` of ``app_config`` ensure the group (call from ``ready()``).

    The app's post_migrate comes after its own permissions and those of the apps listed
    before it in INSTALLED_APPS: a group may grant permissions of those apps only.
    """

    def create_group(*, using, **kwargs):
        ensure_group(name, permissions, using=using)

    post_migrate.connect(
        create_group, sender=app_config, weak=False, dispatch_uid=f"clinic-group-{name}"
    )
