from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from simple_history.admin import SimpleHistoryAdmin

from .admin_preview import ArticlePreviewMixin
from .admin_reviews import ArticleReviewAdminMixin, ReviewStateFilter
from .models import Article, ArticleCitation, Citation
from .services import prepare_hero_image
from .uploads import PixelLimitedImageField


class ArticleForm(forms.ModelForm):
    """The article form; with "Publish" pressed, validated as published, so the model's
    rules for publishing (a treatment's medical review) refuse it with their reason."""

    publishing = False  # set by ArticleAdmin.get_form() when "Publish" was pressed

    def clean(self):
        cleaned_data = super().clean()
        if self.publishing:
            cleaned_data["status"] = Article.Status.PUBLISHED
        return cleaned_data


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
class ArticleAdmin(ArticleReviewAdminMixin, ArticlePreviewMixin, SimpleHistoryAdmin):
    form = ArticleForm
    list_display = [
        "title",
        "kind",
        "status",
        "published_at",
        "last_review",
        "next_review",
        "updated_at",
    ]
    list_filter = ["kind", "status", ReviewStateFilter, "featured", "regulatory_status"]
    search_fields = ["title", "also_known_as", "summary", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["related"]
    inlines = [ArticleCitationInline]
    date_hierarchy = "updated_at"
    readonly_fields = ["medical_review", "created_at", "updated_at"]
    actions = ["publish", "unpublish", "record_review"]
    save_on_top = True

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "summary":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3, "maxlength": 300})
        if db_field.name == "hero_image":
            kwargs["form_class"] = PixelLimitedImageField
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "also_known_as", "summary"]}),
        (
            "Treatment approval",
            {
                "fields": ["regulatory_status", "regulatory_note"],
                "description": "Treatments only. Shown prominently near the top of the page.",
            },
        ),
        ("Body", {"fields": ["body"]}),
        ("Image", {"fields": ["hero_image", "hero_image_alt"], "classes": ["collapse"]}),
        (
            "Medical review",
            {
                "fields": ["medical_review"],
                "description": "Recorded by medical reviewers (\u201cRecord a review\u201d).",
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

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "_publish" in request.POST and self.has_change_permission(request, obj):
            form = type(form.__name__, (form,), {"publishing": True})
        return form

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

    @admin.action(description="Publish selected articles", permissions=["change"])
    def publish(self, request, queryset):
        count = 0
        for article in queryset.exclude(status=Article.Status.PUBLISHED):
            try:
                article.publish()
            except ValidationError as refusal:
                message = f"\u201c{article}\u201d is not published. {' '.join(refusal.messages)}"
                self.message_user(request, message, messages.ERROR)
                continue
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
    list_filter = ["study_design", "year"]
    search_fields = ["title", "authors", "journal", "doi", "pmid", "registration"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["authors", "title", "journal", "year", "volume", "issue", "pages"]}),
        ("Identifiers", {"fields": ["doi", "pmid", "url", "registration"]}),
        ("The study", {"fields": ["study_design", "participants", "key_finding"]}),
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
