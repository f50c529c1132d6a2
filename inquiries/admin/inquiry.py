from django.contrib import admin, messages
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import Truncator

from clinic.phone import tel_href

from .. import triage
from ..models import Inquiry, InquiryNote
from .access_recording import AccessLogMixin
from .calls import RecordCallMixin
from .dashboard import DashboardMixin
from .export import ExportActionMixin
from .filters import AboutFilter, AssignedToFilter, DueFilter, LanguageFilter, StatusFilter
from .markers import flag
from .patients import PatientSearchMixin
from .queue import QueueMixin
from .triage import TriagePageMixin

# What the patient sent: shown read-only, never edited.
SUBMISSION_FIELDS = [
    "reference",
    "received",
    "confirmation",
    "name",
    "email_link",
    "phone_link",
    "preferred_contact",
    "best_time",
    "article",
    "language",
    "message",
    "consented_at",
    "source_page",
]
MESSAGE_PREVIEW_CHARACTERS = 80


class AddOnlyInlineMixin:
    """For inlines whose saved rows are part of the record: new rows can be added, saved
    ones are neither listed (they are shown elsewhere), changed nor deleted."""

    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class InquiryNoteInline(AddOnlyInlineMixin, admin.StackedInline):
    """A new note; the notes already written are in the request's history (the timeline)."""

    model = InquiryNote
    extra = 1
    max_num = 1
    fields = ["body"]
    verbose_name = "note"
    verbose_name_plural = "add a note"


@admin.register(Inquiry)
class InquiryAdmin(
    AccessLogMixin,
    ExportActionMixin,
    QueueMixin,
    PatientSearchMixin,
    RecordCallMixin,
    DashboardMixin,
    TriagePageMixin,
    admin.ModelAdmin,
):
    list_display = [
        "received",
        "patient",
        "about",
        "message_preview",
        "status",
        "attempts",
        "assigned_to",
        "follow_up",
    ]
    list_filter = [
        StatusFilter,
        DueFilter,
        AssignedToFilter,
        AboutFilter,
        LanguageFilter,
        ("created_at", admin.DateFieldListFilter),
    ]
    list_select_related = ["article", "assigned_to"]
    search_fields = ["reference", "name", "email", "phone"]
    date_hierarchy = "created_at"
    list_per_page = 50
    # One COUNT per page view, not two (the "show all" total is rarely needed).
    show_full_result_count = False
    actions = ["assign_to_me", "mark_in_progress", "mark_closed", "mark_spam", "export_csv"]
    inlines = [InquiryNoteInline]
    fieldsets = [
        (
            "The request, as the patient sent it",
            {
                "fields": SUBMISSION_FIELDS,
                "description": "The patient's own words: they cannot be edited.",
            },
        ),
        ("Triage", {"fields": ["status", "assigned_to", "follow_up_on"]}),
        ("Record", {"fields": ["notified_at", "updated_at"], "classes": ["collapse"]}),
    ]
    readonly_fields = [*SUBMISSION_FIELDS, "notified_at", "updated_at"]

    def has_add_permission(self, request):
        # Requests come from the patients' form only.
        return False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("article", "assigned_to")
            .with_triage_columns()
        )

    def changelist_view(self, request, extra_context=None):
        # The list needs the whole width of a 1366 px laptop: no app sidebar beside it
        # (the breadcrumbs and the index lead everywhere else).
        extra_context = {"is_nav_sidebar_enabled": False, **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            kwargs["queryset"] = triage.care_coordinators()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        # Coordinators choose a colleague; they never add or edit user accounts from here.
        if db_field.name == "assigned_to" and isinstance(field.widget, RelatedFieldWidgetWrapper):
            field.widget = field.widget.widget
        return field

    @admin.display(description="name", ordering="name")
    def patient(self, inquiry):
        phone = format_html("<br>{}", self.phone_link(inquiry)) if inquiry.phone else ""
        # The language too (the form's): the one to call back in. Here rather than in a
        # column of its own, which would not fit a laptop's width.
        return format_html(
            '{}{}<br><span class="inquiry-age">prefers {} in {}</span>',
            inquiry.name,
            phone,
            inquiry.get_preferred_contact_display().lower(),
            inquiry.get_language_display(),
        )

    @admin.display(description="about", ordering="article__title")
    def about(self, inquiry):
        return inquiry.article.title if inquiry.article else "-"

    @admin.display(description="message")
    def message_preview(self, inquiry):
        return Truncator(" ".join(inquiry.message.split())).chars(MESSAGE_PREVIEW_CHARACTERS)

    @admin.display(description="attempts", ordering="attempt_count")
    def attempts(self, inquiry):
        return inquiry.attempt_count

    @admin.display(description="follow up on", ordering="follow_up_on")
    def follow_up(self, inquiry):
        if inquiry.follow_up_on is None:
            return "-"
        due = flag("Follow up today", "follow-up") if inquiry.is_follow_up_due else ""
        return format_html("{}<br>{}", date_format(inquiry.follow_up_on, "DATE_FORMAT"), due)

    @admin.display(description="confirmation to the patient")
    def confirmation(self, inquiry):
        if inquiry.confirmation_sent_at:
            sent = timezone.localtime(inquiry.confirmation_sent_at)
            return f"Sent {date_format(sent, 'SHORT_DATETIME_FORMAT')}"
        if inquiry.confirmation_failed_at:
            return flag("Confirmation could not be sent", "overdue")
        return "-"

    @admin.display(description="email")
    def email_link(self, inquiry):
        return format_html('<a href="mailto:{}">{}</a>', inquiry.email, inquiry.email)

    @admin.display(description="phone")
    def phone_link(self, inquiry):
        if not inquiry.phone:
            return "-"
        return format_html('<a href="{}">{}</a>', tel_href(inquiry.phone), inquiry.phone)

    def save_model(self, request, obj, form, change):
        triage.save_triage(inquiry=obj, actor=request.user)

    def save_formset(self, request, form, formset, change):
        notes = formset.save(commit=False)
        for note in notes:
            if note.pk is None:
                note.author = request.user
            note.save()

    @admin.action(description="Assign selected requests to me", permissions=["change"])
    def assign_to_me(self, request, queryset):
        count = triage.assign(inquiries=queryset, assignee=request.user, actor=request.user)
        self.message_user(request, f"Assigned {count} request(s) to you.", messages.SUCCESS)

    def _set_status(self, request, queryset, status):
        count = triage.set_status(inquiries=queryset, status=status, actor=request.user)
        self.message_user(
            request,
            f"Marked {count} request(s) as \u201c{status.label.lower()}\u201d.",
            messages.SUCCESS,
        )

    @admin.action(description="Mark selected requests in progress", permissions=["change"])
    def mark_in_progress(self, request, queryset):
        self._set_status(request, queryset, Inquiry.Status.IN_PROGRESS)

    @admin.action(description="Mark selected requests closed", permissions=["change"])
    def mark_closed(self, request, queryset):
        self._set_status(request, queryset, Inquiry.Status.CLOSED)

    @admin.action(description="Mark selected requests as spam", permissions=["change"])
    def mark_spam(self, request, queryset):
        self._set_status(request, queryset, Inquiry.Status.SPAM)
