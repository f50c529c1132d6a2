"""The admin's parts for what a treatment page must state (approval status, the clinic's
involvement) and for the evidence behind a page: fieldsets, the stale-check filter and column.
"""

from django.conf import settings
from django.contrib import admin
from django.db.models import Q

from ..models.treatment_facts import regulatory_stale_before

TREATMENT_FIELDSETS = [
    (
        "Treatment approval",
        {
            "fields": [
                ("regulatory_jurisdiction", "regulatory_status"),
                "regulatory_statement",
                ("regulatory_source_url", "regulatory_checked_on"),
            ],
            "description": "Treatments only. Shown prominently near the top of the page, "
            "with a link to the source and the date you checked it.",
        },
    ),
    (
        "The clinic\u2019s involvement",
        {
            "fields": [
                ("clinic_offer", "clinic_trial_registration"),
                "clinic_cost",
                "clinic_offer_note",
            ],
            "description": "Treatments only. Shown in plain words beside the call to "
            "action: whether the clinic provides this treatment, how, and what it costs.",
        },
    ),
]

ARTICLE_EVIDENCE_FIELDSET = (
    "Evidence",
    {
        "fields": ["literature_searched_on"],
        "description": "The evidence box counts the references below; it says when the "
        "research was last searched, so patients know how current it is.",
    },
)

CITATION_EVIDENCE_FIELDSET = (
    "Evidence details",
    {
        "fields": [
            ("comparator", "primary_endpoint_met"),
            "follow_up",
            "harms",
            "funding",
            "for_clinicians",
        ],
        "description": "Shown with the reference and counted in the page\u2019s evidence "
        "box. Leave blank what the publication does not confirm.",
    },
)

CITATION_SPANISH_FIELDSET = (
    "Details in Spanish",
    {
        "fields": ["key_finding_es", "follow_up_es", "harms_es", "funding_es"],
        "description": "Shown on the Spanish pages citing this study, in place of the English "
        "above (left blank, the English is shown there, marked as English).",
    },
)


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


class TreatmentFactsAdminMixin:
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "regulatory_jurisdiction":
            # A form without the field (a condition's, sent by a script) means the default.
            kwargs.update(required=False, empty_value=db_field.default)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(
        boolean=True, description="regulatory check current", ordering="regulatory_checked_on"
    )
    def regulatory_check_is_current(self, article):
        stale = article.regulatory_is_stale
        return None if stale is None else not stale
