from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from .models import SiteSettings


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
            {"fields": ["response_time", "send_patient_confirmation", "privacy_notice"]},
        ),
        ("Medical disclaimer", {"fields": ["medical_disclaimer"]}),
    ]

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # One record: the list would be a needless extra click.
        SiteSettings.load()
        return redirect(reverse("admin:clinic_sitesettings_change", args=[1]))
