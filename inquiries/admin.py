import csv
import logging

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.html import format_html

from articles.models import Article

from . import services
from .models import Inquiry, InquiryEvent, InquiryNote

logger = logging.getLogger(__name__)

# What the patient sent: shown read-only, never edited.
SUBMISSION_FIELDS = [
    "reference",
    "received",
    "name",
    "email_link",
    "phone_link",
    "preferred_contact",
    "best_time",
    "article",
    "message",
    "consented_at",
    "source_page",
]
# A cell starting with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """The value as text a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def age(moment, *, now=None):
    """How long ago, briefly: 'just now', '12 min ago', '3 h ago', '2 d ago'."""
    seconds = int(((now or timezone.now()) - moment).total_seconds())
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    if seconds < 86400:
        return f"{seconds // 3600} h ago"
    return f"{seconds // 86400} d ago"


class AssignedToFilter(admin.SimpleListFilter):
    title = "assigned to"
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        staff = get_user_model().objects.filter(is_staff=True, is_active=True).order_by("username")
        return [
            ("me", "Me"),
            ("nobody", "Unassigned"),
            *((str(user.pk), user.get_full_name() or user.get_username()) for user in staff),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "me":
            return queryset.filter(assigned_to=request.user)
        if value == "nobody":
            return queryset.filter(assigned_to__isnull=True)
        if value and value.isdigit():
            return queryset.filter(assigned_to_id=int(value))
        return queryset


class AboutFilter(admin.SimpleListFilter):
    """The articles requests were sent about (titles only: article bodies are large)."""

    title = "about"
    parameter_name = "about"

    def lookups(self, request, model_admin):
        articles = (
            Article.objects.filter(inquiries__isnull=False)
            .distinct()
            .order_by("title")
            .values_list("pk", "title")
        )
        return [("none", "Not given"), *((str(pk), title) for pk, title in articles)]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "none":
            return queryset.filter(article__isnull=True)
        if value and value.isdigit():
            return queryset.filter(article_id=int(value))
        return queryset


class InquiryNoteInline(admin.StackedInline):
    """Notes in the order written; a note, once saved, is part of the record."""

    model = InquiryNote
    extra = 1
    fields = ["body", "author", "created_at"]
    readonly_fields = ["author", "created_at"]
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class InquiryEventInline(admin.TabularInline):
    """Who changed the status or the assignee, and when."""

    model = InquiryEvent
    fields = ["at", "description", "by"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="change")
    def description(self, event):
        return event.description

    @admin.display(description="by")
    def by(self, event):
        return services.user_label(event.actor) or "-"


@admin.register(Inquiry)
class InquiryAdmin(admin.ModelAdmin):
    list_display = [
        "received",
        "name",
        "about",
        "preferred_contact",
        "status",
        "assigned_to",
        "follow_up_on",
    ]
    list_filter = [
        "status",
        AssignedToFilter,
        AboutFilter,
        ("created_at", admin.DateFieldListFilter),
    ]
    list_select_related = ["article", "assigned_to"]
    search_fields = ["reference", "name", "email", "phone"]
    search_help_text = "Search by name, email address or phone number."
    date_hierarchy = "created_at"
    list_per_page = 50
    # One COUNT per page view, not two (the "show all" total is rarely needed).
    show_full_result_count = False
    actions = ["assign_to_me", "mark_in_progress", "mark_closed", "mark_spam", "export_csv"]
    inlines = [InquiryNoteInline, InquiryEventInline]
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
        return super().get_queryset(request).select_related("article", "assigned_to")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True).order_by("username")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="received", ordering="created_at")
    def received(self, inquiry):
        local = timezone.localtime(inquiry.created_at)
        return format_html(
            '{}<br><span class="inquiry-age">{}</span>',
            date_format(local, "SHORT_DATETIME_FORMAT"),
            age(inquiry.created_at),
        )

    @admin.display(description="about", ordering="article__title")
    def about(self, inquiry):
        return inquiry.article.title if inquiry.article else "-"

    @admin.display(description="email")
    def email_link(self, inquiry):
        return format_html('<a href="mailto:{}">{}</a>', inquiry.email, inquiry.email)

    @admin.display(description="phone")
    def phone_link(self, inquiry):
        if not inquiry.phone:
            return "-"
        digits = "".join(ch for ch in inquiry.phone if ch.isdigit() or ch == "+")
        return format_html('<a href="tel:{}">{}</a>', digits, inquiry.phone)

    def save_model(self, request, obj, form, change):
        services.save_triage(inquiry=obj, actor=request.user)

    def save_formset(self, request, form, formset, change):
        notes = formset.save(commit=False)
        for note in notes:
            if note.pk is None:
                note.author = request.user
            note.save()

    @admin.action(description="Assign selected requests to me", permissions=["change"])
    def assign_to_me(self, request, queryset):
        count = services.assign(inquiries=queryset, assignee=request.user, actor=request.user)
        self.message_user(request, f"Assigned {count} request(s) to you.", messages.SUCCESS)

    def _set_status(self, request, queryset, status):
        count = services.set_status(inquiries=queryset, status=status, actor=request.user)
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

    @admin.action(description="Export selected requests as CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        with_messages = request.user.has_perm("inquiries.export_inquiry_messages")
        filename = f"requests-{timezone.localdate():%Y-%m-%d}.csv"
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        add_never_cache_headers(response)
        response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
        writer = csv.writer(response)
        header = [
            "id",
            "received",
            "status",
            "name",
            "email",
            "phone",
            "preferred contact",
            "best time",
            "about",
            "assigned to",
            "follow up on",
            "source page",
            "consented at",
        ]
        writer.writerow(header + (["message"] if with_messages else []))
        inquiries = queryset.select_related("article", "assigned_to").order_by("-created_at")
        for inquiry in inquiries:
            row = [
                inquiry.pk,
                timezone.localtime(inquiry.created_at).isoformat(timespec="minutes"),
                inquiry.get_status_display(),
                inquiry.name,
                inquiry.email,
                inquiry.phone,
                inquiry.get_preferred_contact_display(),
                inquiry.best_time,
                inquiry.article.title if inquiry.article else "",
                inquiry.assigned_to.get_username() if inquiry.assigned_to else "",
                inquiry.follow_up_on.isoformat() if inquiry.follow_up_on else "",
                inquiry.source_page,
                timezone.localtime(inquiry.consented_at).isoformat(timespec="minutes"),
            ]
            if with_messages:
                row.append(inquiry.message)
            writer.writerow([spreadsheet_safe(cell) for cell in row])
        # Exports of patients' details are worth a trace: who, how many, messages or not.
        logger.info(
            "User %s exported %s inquiries as CSV (messages included: %s)",
            request.user.pk,
            len(inquiries),
            with_messages,
        )
        return response
