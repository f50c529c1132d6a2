from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, Q
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from .admin_filters import RegulatoryCheckFilter
from .admin_preview import ArticlePreviewMixin
from .models import REVIEW_OVERDUE_AFTER, Article, ArticleCitation, Citation
from .services import prepare_hero_image
from .uploads import PixelLimitedImageField


class ReviewOverdueFilter(admin.SimpleListFilter):
    title = "medical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("overdue", "Overdue (over 12 months, or never)"),
            ("current", "Reviewed in the last 12 months"),
        ]

    def queryset(self, request, queryset):
        cutoff = timezone.localdate() - REVIEW_OVERDUE_AFTER
        if self.value() == "overdue":
            return queryset.filter(Q(last_reviewed__lt=cutoff) | Q(last_reviewed__isnull=True))
        if self.value() == "current":
            return queryset.filter(last_reviewed__gte=cutoff)
        return queryset


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


class ArticleCitationInline(admin.TabularInline):
    model = ArticleCitation
    formset = NumberedReferencesFormSet
    extra = 1
    autocomplete_fields = ["citation"]
    fields = ["order", "citation"]
    verbose_name = "reference"
    verbose_name_plural = "references (numbered in this order; cite them in the text as [1], [2])"


@admin.register(Article)
class ArticleAdmin(ArticlePreviewMixin, SimpleHistoryAdmin):
    list_display = [
        "title",
        "kind",
        "status",
        "published_at",
        "last_reviewed",
        "review_is_current",
        "regulatory_check_is_current",
        "updated_at",
    ]
    list_filter = [
        "kind",
        "status",
        ReviewOverdueFilter,
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
    readonly_fields = ["created_at", "updated_at"]
    actions = ["publish", "unpublish"]
    save_on_top = True
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "summary":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3, "maxlength": 300})
        if db_field.name == "hero_image":
            kwargs["form_class"] = PixelLimitedImageField
        if db_field.name == "regulatory_jurisdiction":
            # A form without the field (a condition's, sent by a script) means the default.
            kwargs.update(required=False, empty_value=db_field.default)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "also_known_as", "summary"]}),
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
        ("Body", {"fields": ["body"]}),
        ("Image", {"fields": ["hero_image", "hero_image_alt"], "classes": ["collapse"]}),
        ("Medical review", {"fields": ["last_reviewed", "reviewed_by"]}),
        (
            "Evidence",
            {
                "fields": ["literature_searched_on"],
                "description": "The evidence box counts the references below; it says when "
                "the research was last searched, so patients know how current it is.",
            },
        ),
        ("Related pages", {"fields": ["related"]}),
        ("Publishing", {"fields": ["status", "published_at", "featured"]}),
        ("History", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_object(self, request, object_id, from_field=None):
        article = super().get_object(request, object_id, from_field)
        if article is not None and article.published_at is not None:
            # The form shows whole seconds: an older row's microseconds would read as an edit.
            article.published_at = article.published_at.replace(microsecond=0)
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
        publishing = "_publish" in request.POST and self.has_change_permission(request, obj)
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

    @admin.display(boolean=True, description="review current")
    def review_is_current(self, article):
        return not article.review_overdue

    @admin.display(boolean=True, description="regulatory check current")
    def regulatory_check_is_current(self, article):
        stale = article.regulatory_is_stale
        return None if stale is None else not stale

    @admin.action(description="Publish selected articles", permissions=["change"])
    def publish(self, request, queryset):
        count = 0
        for article in queryset.exclude(status=Article.Status.PUBLISHED):
            article.publish()
            count += 1
        self.message_user(request, f"Published {count} article(s).", messages.SUCCESS)

    @admin.action(description="Unpublish selected articles (back to draft)", permissions=["change"])
    def unpublish(self, request, queryset):
        count = 0
        for article in queryset.filter(status=Article.Status.PUBLISHED):
            article.unpublish()
            count += 1
        self.message_user(request, f"Moved {count} article(s) back to draft.", messages.SUCCESS)


@admin.register(Citation)
class CitationAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "journal", "year", "study_design", "participants", "doi", "used_in"]
    list_filter = ["study_design", "comparator", "primary_endpoint_met", "year"]
    search_fields = ["title", "authors", "journal", "doi", "pmid", "registration"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["authors", "title", "journal", "year", "volume", "issue", "pages"]}),
        ("Identifiers", {"fields": ["doi", "pmid", "url", "registration"]}),
        ("The study", {"fields": ["study_design", "participants", "key_finding"]}),
        (
            "Evidence details",
            {
                "fields": [
                    ("comparator", "primary_endpoint_met"),
                    "follow_up",
                    "harms",
                    "funding",
                ],
                "description": "Shown with the reference and counted in the page\u2019s "
                "evidence box. Leave blank what the publication does not confirm.",
            },
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

    @admin.display(description="used in", ordering="article_count")
    def used_in(self, citation):
        return citation.article_count
