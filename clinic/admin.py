from django.contrib import admin
from django.contrib.auth import get_permission_codename
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.contenttypes import views as contenttype_views
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from .models import SiteSettings, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (
            "How the name is shown",
            {"fields": ["display_name", "credentials", "first_name", "last_name", "email"]},
        ),
        *DjangoUserAdmin.fieldsets[2:],
    ]
    list_display = ["username", "display_name", "credentials", "email", "is_staff", "is_active"]
    search_fields = ["username", "display_name", "first_name", "last_name", "email"]


@admin.register(SiteSettings)
class SiteSettingsAdmin(SimpleHistoryAdmin):
    fieldsets = [
        ("The clinic", {"fields": ["clinic_name", "tagline", "promise"]}),
        (
            "Contact details",
            {"fields": ["phone", "email", "address", "opening_hours", "emergency_number"]},
        ),
        (
            "Patients' requests",
            {
                "fields": [
                    "response_time",
                    "send_patient_confirmation",
                    "privacy_notice",
                    "privacy_email",
                ]
            },
        ),
        ("Medical disclaimer", {"fields": ["medical_disclaimer"]}),
        (
            "Who we are, how we are funded, conflicts of interest",
            {
                "fields": ["about_us", "funding", "conflicts_of_interest"],
                "description": "The page linked from every page's footer. State only what "
                "is true and checked: patients weigh our pages by it.",
            },
        ),
    ]

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # One record: the list would be a needless extra click.
        SiteSettings.load()
        return redirect(reverse("admin:clinic_sitesettings_change", args=[1]))


def view_on_site(request, content_type_id, object_id):
    """The admin's "view on site" shortcut, for those who may see the object in the admin.

    Django's own shortcut redirects any staff member to any object's page, which would give
    a care coordinator the address of every draft. Anyone without the view or change
    permission on the object's model gets a 404 (nothing said about the object).
    """
    try:
        model = ContentType.objects.get_for_id(int(content_type_id)).model_class()
    except (ContentType.DoesNotExist, ValueError):
        raise Http404 from None
    if model is None:
        raise Http404
    options = model._meta
    permissions = (
        f"{options.app_label}.{get_permission_codename(action, options)}"
        for action in ("view", "change")
    )
    if not any(request.user.has_perm(permission) for permission in permissions):
        raise Http404
    return contenttype_views.shortcut(request, content_type_id, object_id)
