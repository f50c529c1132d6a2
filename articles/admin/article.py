from django import forms
from django.contrib import admin, messages
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from ..models import Article, ArticleCitation, Citation
from ..services import prepare_hero_image
from ..text.readability import TARGET_GRADE, reading_grade
from ..uploads import PixelLimitedImageField
from .citation_fetch import CitationNoticeFilter, notices_on_references, worst_citation_notice
from .fieldsets import (
    ARTICLE_EVIDENCE_FIELDSET,
    TREATMENT_FIELDSETS,
    RegulatoryCheckFilter,
    TreatmentFactsAdminMixin,
)
from .preview import ArticlePreviewMixin
from .reviews import MEDICAL_REVIEW_FIELDSET, ArticleReviewAdminMixin, ReviewStateFilter
from .translations import (
    TRANSLATIONS_FIELDSET,
    TranslationAwaitingReviewFilter,
    TranslationsAdminMixin,
)
from .widgets import AutocompleteSelectMultipleWithoutClearAll


class NumberedReferencesFormSet(BaseInlineFormSet):
    """New reference rows are numbered after the article's last reference: 1, 2, 3... in
    the order they appear, rather than all 0."""

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        existing = self.initial_form_count()
        if index is None or index >= existing:
            last = max((ref.order for ref in self.get_queryset()), default=0)
            position = self.extra if index is None else index - existing
            kwargs["initial"] = {**kwargs.get("initial", {}), "order": last + 1 + position}
        return kwargs

    def add_fields(self, form, index):
        super().add_fields(form, index)
        # A table cell has no label of its own: each control is named for its row (the
        # browser renames an added row, static/js/admin-references.js).
        row = "new" if index is None else index + 1
        form.fields["order"].widget.attrs["aria-label"] = f"Order of reference row {row}"
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["aria-label"] = f"Delete reference row {row}"


class ArticleCitationInline(admin.TabularInline):
    model = ArticleCitation
    formset = NumberedReferencesFormSet
    extra = 1
    autocomplete_fields = ["citation"]
    fields = ["order", "citation"]
    verbose_name = "reference"
    verbose_name_plural = "references (numbered in this order; cite them in the text as [1], [2])"

    class Media:
        js = ["js/admin-references.js"]  # rows added in the browser: the next number too


@admin.register(Article)
class ArticleAdmin(
    TranslationsAdminMixin,
    ArticleReviewAdminMixin,
    TreatmentFactsAdminMixin,
    ArticlePreviewMixin,
    SimpleHistoryAdmin,
):
    list_display = [
        "title",
        "language_column",
        "kind",
        "status",
        "published_at",
        "last_review",
        "next_review",
        "regulatory_check_is_current",
        "citation_notice",
        "reading_grade_column",
        "updated_at",
    ]
    list_filter = [
        "language",
        TranslationAwaitingReviewFilter,
        "kind",
        "status",
        ReviewStateFilter,
        CitationNoticeFilter,
        "featured",
        "regulatory_status",
        RegulatoryCheckFilter,
        "clinic_offer",
    ]
    search_fields = ["title", "also_known_as", "summary", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["related"]
    inlines = [ArticleCitationInline]
    date_hierarchy = "updated_at"
    readonly_fields = [
        "reading_grade_details",
        "missing_sections",
        "created_at",
        "updated_at",
        "notices_on_references",
        "translations",
    ]
    actions = ["publish", "unpublish", "record_review"]
    save_on_top = True

    class Media:
        js = ["js/admin-article-form.js"]  # names for the autocompletes; focus on adding

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteSelectMultipleWithoutClearAll(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "summary":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3, "maxlength": 300})
        if db_field.name == "hero_image":
            kwargs["form_class"] = PixelLimitedImageField
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        label = str(db_field.verbose_name).capitalize()
        if isinstance(db_field, models.DateTimeField) and formfield:
            # The admin's split widget puts "Date:" and "Time:" beside the inputs as bare
            # text; a screen reader hears a name only from a label or an attribute.
            date, time = formfield.widget.widgets
            date.attrs["aria-label"] = f"{label}: date"
            time.attrs["aria-label"] = f"{label}: time"
        if db_field.name == "body":
            # CKEditor names itself "Rich Text Editor, id_body" unless told its label.
            formfield.widget.config = {
                **formfield.widget.config,
                "title": label,
                "applicationTitle": label,
            }
        return formfield

    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "language",
                    ("kind", "names_medicines"),
                    "also_known_as",
                    "summary",
                ]
            },
        ),
        TRANSLATIONS_FIELDSET,
        *TREATMENT_FIELDSETS,
        (
            "Body",
            {
                "fields": ["body", "missing_sections"],
                "description": "Each kind of page has the sections patients look for "
                "(articles/sections.py): give each its own heading.",
            },
        ),
        (
            "Plain language",
            {
                "fields": ["reading_grade_details"],
                "description": "Flesch-Kincaid grade (textstat) of the saved body, summary "
                "and key findings, each on its own; the page's grade is its hardest "
                f"part's. Target: grade {TARGET_GRADE} or below. Shorter sentences and "
                "shorter words lower it.",
            },
        ),
        ("Notices on the references", {"fields": ["notices_on_references"]}),
        ("Image", {"fields": ["hero_image", "hero_image_alt"], "classes": ["collapse"]}),
        MEDICAL_REVIEW_FIELDSET,
        ARTICLE_EVIDENCE_FIELDSET,
        ("Related pages", {"fields": ["related"]}),
        ("Publishing", {"fields": ["status", "published_at", "featured"]}),
        ("History", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        # The reading grade reads each reference's key finding.
        return (
            super()
            .get_queryset(request)
            .annotate(worst_citation_notice=worst_citation_notice())
            .prefetch_related("article_citations__citation")
        )

    def get_object(self, request, object_id, from_field=None):
        article = super().get_object(request, object_id, from_field)
        if article is not None:
            # The form shows whole seconds: an older row's microseconds would read as an edit.
            article.normalize_published_at()
        return article

    def render_change_form(self, request, context, add=False, change=False, **kwargs):
        article = context.get("original")
        may_edit = (
            self.has_change_permission(request, article)
            if change
            else self.has_add_permission(request)
        )
        # Publishing needs what changing the status field needs: the change permission.
        context["can_publish"] = self.has_change_permission(request, article) and (
            article is None or article.status != Article.Status.PUBLISHED
        )
        context["can_preview"] = may_edit
        return super().render_change_form(request, context, add, change, **kwargs)

    def save_model(self, request, obj, form, change):
        publishing = self.publish_pressed(request, obj)
        if publishing:
            obj.status = Article.Status.PUBLISHED
        elif change and not form.has_changed():
            # Nothing to write: no history record "changed nothing", updated_at kept.
            return
        if "hero_image" in form.changed_data:
            prepare_hero_image(article=obj)
        super().save_model(request, obj, form, change)
        if publishing:
            self.message_user(request, f"\u201c{obj}\u201d is published.", messages.SUCCESS)

    @admin.display(description="citation notices", ordering="worst_citation_notice")
    def citation_notice(self, article):
        kind = article.worst_citation_notice
        return Citation.NoticeKind(kind).label if kind else "-"

    @admin.display(description="retractions, corrections, concerns")
    def notices_on_references(self, article):
        return notices_on_references(article)

    @admin.display(description="missing sections")
    def missing_sections(self, article):
        if article.pk is None:
            return "Save the page to see which of its kind\u2019s sections it lacks."
        missing = article.missing_sections
        if not missing:
            return "None: the page has every section of its kind."
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((s.label,) for s in missing))
        )

    @admin.display(description="reading grade")
    def reading_grade_column(self, article):
        result = reading_grade(article)
        if result.grade is None:
            return self.get_empty_value_display()
        if result.above_target:
            return format_html("{} <strong>above target</strong>", result.grade)
        return str(result.grade)

    @admin.display(description="reading grade")
    def reading_grade_details(self, article):
        result = reading_grade(article)
        if result.grade is None:
            return "Nothing to grade yet: save the page with a body and a summary."
        verdict = (
            format_html(
                "<strong>Above target</strong> (grade {} or below): {}.",
                TARGET_GRADE,
                ", ".join(result.parts_above_target()),
            )
            if result.above_target
            else format_html("Within the target (grade {} or below).", TARGET_GRADE)
        )
        parts = format_html_join(" \u00b7 ", "{} {}", result.parts)
        return format_html("<p>Grade {}. {}</p><p>{}</p>", result.grade, verdict, parts)

    @admin.action(description="Publish selected articles", permissions=["change"])
    def publish(self, request, queryset):
        drafts = queryset.exclude(status=Article.Status.PUBLISHED).with_latest_review()
        drafts = self.publishable(request, drafts)
        self._change_each(request, drafts, Article.publish, "Published {} article(s).")

    @admin.action(description="Unpublish selected articles (back to draft)", permissions=["change"])
    def unpublish(self, request, queryset):
        published = queryset.filter(status=Article.Status.PUBLISHED)
        self._change_each(
            request, published, Article.unpublish, "Moved {} article(s) back to draft."
        )

    def _change_each(self, request, articles, change, message):
        # One save an article (not a bulk update): each gets its history record.
        articles = list(articles)
        for article in articles:
            change(article)
        self.message_user(request, message.format(len(articles)), messages.SUCCESS)
