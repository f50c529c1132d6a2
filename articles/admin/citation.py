"""The citation admin: a citation's identifiers ("Fetch details"), its study and evidence
details, and the notices Crossref and PubMed record (admin/citation_fetch.py)."""

from django.contrib import admin, messages
from django.db import models, transaction
from django.db.models import Count
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from .. import tasks
from ..models import Citation
from .citation_fetch import CitationFetchMixin, notice_list
from .fieldsets import CITATION_EVIDENCE_FIELDSET, CITATION_SPANISH_FIELDSET


@admin.register(Citation)
class CitationAdmin(CitationFetchMixin, SimpleHistoryAdmin):
    list_display = [
        "__str__",
        "journal",
        "year",
        "study_design",
        "participants",
        "doi",
        "used_in",
        "notice",
    ]
    list_filter = ["notice_kind", "study_design", "comparator", "primary_endpoint_met", "year"]
    search_fields = ["title", "authors", "journal", "doi", "pmid", "registration"]
    readonly_fields = ["notices_recorded", "notices_checked_at", "created_at", "updated_at"]
    actions = ["check_notices"]
    fieldsets = [
        (
            "Identifiers",
            {
                "fields": ["doi", "pmid", "url", "registration"],
                "description": "Enter a DOI or a PMID and press “Fetch details” (beside "
                "Save) to fill the empty fields below from Crossref and PubMed.",
            },
        ),
        (None, {"fields": ["authors", "title", "journal", "year", "volume", "issue", "pages"]}),
        ("The study", {"fields": ["study_design", "participants", "key_finding"]}),
        CITATION_EVIDENCE_FIELDSET,
        CITATION_SPANISH_FIELDSET,
        (
            "Notices (retractions, corrections, expressions of concern)",
            {"fields": ["notices_recorded", "notices_checked_at"]},
        ),
        ("History", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(article_count=Count("uses"))
            .order_by(*Citation._meta.ordering)
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.lacks_endpoint_answer:
            self.message_user(
                request,
                f"\u201c{obj}\u201d is a randomized trial with no answer to \u201cprimary end "
                "point met\u201d: the evidence box counts it as not recorded. Record whether "
                "the paper says it met its primary end point (or that the authors do not say).",
                messages.WARNING,
            )
        if obj.doi or obj.pmid:
            # What Crossref and PubMed record against it, recorded in the background.
            transaction.on_commit(
                lambda: tasks.check_citation_notices.enqueue(citation_ids=[obj.pk]), robust=True
            )

    @admin.display(description="used in", ordering="article_count")
    def used_in(self, citation):
        return citation.article_count

    @admin.display(description="notice", ordering="notice_kind")
    def notice(self, citation):
        if not citation.notice_kind:
            return "-"
        return format_html(
            '<a href="{}" rel="noreferrer">{}</a>',
            citation.notice_url,
            citation.get_notice_kind_display(),
        )

    @admin.display(description="recorded")
    def notices_recorded(self, citation):
        if citation.notices_checked_at is None:
            return "Not checked yet (saving a DOI or PMID asks Crossref and PubMed)."
        if not citation.notices:
            return "None: Crossref and PubMed record no retraction, correction or concern."
        return format_html("<ul>{}</ul>", notice_list(citation.notices))

    @admin.action(description="Check selected citations for notices now", permissions=["change"])
    def check_notices(self, request, queryset):
        ids = list(queryset.exclude(doi="", pmid="").values_list("pk", flat=True))
        if ids:
            tasks.check_citation_notices.enqueue(citation_ids=ids)
        self.message_user(
            request,
            f"Asked Crossref and PubMed about {len(ids)} citation(s) with a DOI or PMID: "
            "the notices column shows the answers within minutes.",
            messages.SUCCESS,
        )
