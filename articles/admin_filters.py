"""List filters of the article admin that concern what a treatment page must state."""

from django.conf import settings
from django.contrib import admin
from django.db.models import Q

from .treatment_facts import regulatory_stale_before


class RegulatoryCheckFilter(admin.SimpleListFilter):
    title = "regulatory status check"
    parameter_name = "regulatory_check"

    def lookups(self, request, model_admin):
        months = settings.REGULATORY_CHECK_MAX_AGE_MONTHS
        return [
            ("stale", f"Stale (checked over {months} months ago, or never)"),
            ("current", f"Checked in the last {months} months"),
        ]

    def queryset(self, request, queryset):
        cutoff = regulatory_stale_before()
        treatments = queryset.exclude(regulatory_status="")
        if self.value() == "stale":
            return treatments.filter(
                Q(regulatory_checked_on__isnull=True) | Q(regulatory_checked_on__lt=cutoff)
            )
        if self.value() == "current":
            return treatments.filter(regulatory_checked_on__gte=cutoff)
        return queryset
