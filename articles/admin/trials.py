"""The clinical trial searches: which page lists recruiting trials, asked for with which
terms. The trials themselves come from ClinicalTrials.gov (articles/trials/) and are shown
read-only; saving a search asks the registry at once, then every night."""

from django.contrib import admin, messages
from django.db import transaction
from django.utils.html import format_html

from ..models import Trial, TrialSearch
from ..trials import tasks


class TrialInline(admin.TabularInline):
    model = Trial
    fields = ["nct_id", "title", "phases", "countries"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "trials copied from ClinicalTrials.gov (read-only)"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(TrialSearch)
class TrialSearchAdmin(admin.ModelAdmin):
    list_display = ["article", "condition", "intervention", "fetched_at", "registry_state"]
    list_select_related = ["article"]
    search_fields = ["article__title", "condition", "intervention"]
    autocomplete_fields = ["article"]
    readonly_fields = [
        "registry_search",
        "fetched_at",
        "last_attempt_at",
        "last_error",
        "total_found",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": ["article", "condition", "intervention"],
                "description": "The page lists the recruiting trials ClinicalTrials.gov finds "
                "for these terms (in every language of the page). The registry is asked "
                "when you save, then every night.",
            },
        ),
        (
            "The registry's last answer",
            {
                "fields": [
                    "registry_search",
                    "fetched_at",
                    "last_attempt_at",
                    "last_error",
                    "total_found",
                ]
            },
        ),
    ]
    inlines = [TrialInline]
    actions = ["refresh_now"]

    @admin.display(description="registry")
    def registry_state(self, search):
        if search.unreachable_since_fetched:
            return format_html("Could not be reached: {}", search.last_error)
        return "Answered" if search.fetched_at else "Not asked yet"

    @admin.display(description="the same search on ClinicalTrials.gov")
    def registry_search(self, search):
        if not search.pk:
            return "-"
        return format_html(
            '<a href="{}" rel="noopener" target="_blank">{}</a>',
            search.registry_search_url,
            search.registry_search_url,
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change or {"condition", "intervention"} & set(form.changed_data):
            transaction.on_commit(
                lambda: tasks.refresh_clinical_trials.enqueue(search_ids=[obj.pk]), robust=True
            )
            self.message_user(
                request,
                "ClinicalTrials.gov is being asked for the trials: the page lists them "
                "within minutes.",
                messages.INFO,
            )

    @admin.action(description="Ask ClinicalTrials.gov again now")
    def refresh_now(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        tasks.refresh_clinical_trials.enqueue(search_ids=ids)
        self.message_user(
            request,
            f"Asked ClinicalTrials.gov about {len(ids)} search(es): the pages list the "
            "answers within minutes.",
            messages.SUCCESS,
        )
