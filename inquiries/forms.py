import re
import uuid

from django import forms
from django.db.models import Value
from django.utils.choices import BaseChoiceIterator
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from articles.models import Article

from .models import MESSAGE_MAX_LENGTH, Inquiry

# The topics offered without a preselected article: the featured ones, at most this many,
# so the page stays the same size however large the library grows.
FEATURED_TOPICS_MAX = 12
NO_TOPIC_LABEL = _("Something else, or not sure")
_PK = re.compile(r"[0-9]{1,18}")


class TopicChoices(BaseChoiceIterator):
    """The topic list: "Something else, or not sure", then the article the patient came from
    (or chose) and the featured articles.

    Lazy, as Django's own ModelChoiceIterator: the articles are read (one query) when the
    list is shown, never when a submission is checked (the field validates against every
    published article). The first choice needs no query, so the select's check for an
    empty first option does not read them a second time.
    """

    def __init__(self, selected):
        self.selected = selected

    def __iter__(self):
        yield "", NO_TOPIC_LABEL
        yield from _offered_topics(self.selected)


def _offered_topics(selected):
    """The article the patient came from (or chose), then the featured articles: one query."""
    selected_pk = int(selected) if _PK.fullmatch(str(selected or "")) else None
    # A union, not "featured OR pk = %s": the OR read every article (88 ms a form at 10,000
    # articles on SQLite), where each half uses an index (the featured partial index, the pk).
    fields = ("pk", "title", "is_selected")
    published = Article.objects.published().order_by()
    offered = published.filter(featured=True).annotate(is_selected=Value(1)).values_list(*fields)
    if selected_pk is not None:
        selected = published.filter(pk=selected_pk).annotate(is_selected=Value(0))
        offered = offered.union(selected.values_list(*fields))
    rows = offered.order_by("is_selected", "title")
    topics = []
    for pk, title, _is_selected in rows[: FEATURED_TOPICS_MAX + 1]:
        if all(pk != seen for seen, _title in topics):
            topics.append((pk, title))
    if selected_pk is None or not topics or topics[0][0] != selected_pk:
        topics = topics[:FEATURED_TOPICS_MAX]
    return topics


def _too_long(message, limit):
    """``message`` with its ``{limit}`` written as the page's language writes numbers."""
    return format_lazy(message, limit=lazy(number_format, str)(limit, force_grouping=True))


class UnmarkedRequiredMixin:
    """No ``required`` attribute on a checkbox or radio buttons: browsers count an unchecked
    required box as invalid from the start, so screen readers said "invalid" on a form not
    yet filled in. The form checks them when sent, and marks them aria-invalid then."""

    def use_required_attribute(self, initial):
        return False


class ConsentCheckbox(UnmarkedRequiredMixin, forms.CheckboxInput):
    pass


class ContactChoiceRadios(UnmarkedRequiredMixin, forms.RadioSelect):
    pass


class InquiryForm(forms.ModelForm):
    """The patient's request to talk to a care coordinator."""

    consent = forms.BooleanField(
        label=_("I agree that the clinic may contact me about this request"),
        help_text=_("Our privacy notice explains how we use and keep your details."),
        error_messages={
            "required": _(
                "Check the box to agree that the clinic may contact you about this request"
            )
        },
        widget=ConsentCheckbox(attrs={"aria-required": "true"}),
    )
    # Honeypot: hidden from people and assistive technology; bots fill it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    # Where the patient came from; sent back by the browser, so checked, never trusted.
    source_page = forms.CharField(required=False, widget=forms.HiddenInput)
    # One per form shown: a second POST of the same form (a double click, a browser's
    # retry) finds the first request instead of making another (services.submit_inquiry).
    submission_token = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Inquiry
        fields = [
            "name",
            "email",
            "phone",
            "preferred_contact",
            "best_time",
            "article",
            "message",
            "source_page",
        ]
        labels = {
            "name": _("Your name"),
            "email": _("Email address"),
            "phone": _("Phone number"),
            "preferred_contact": _("How would you like us to contact you?"),
            "best_time": _("Best time to contact you (optional)"),
            "article": _("What is it about? (optional)"),
            "message": _("Your question (optional)"),
        }
        help_texts = {
            "phone": _("Needed if you would like us to call you."),
            "best_time": _("For example, weekday mornings."),
            "message": _(
                "At most 2,000 characters. Please do not include detailed medical "
                "records; a coordinator will ask for what they need."
            ),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "preferred_contact": ContactChoiceRadios,
            "message": forms.Textarea(attrs={"rows": 6}),
        }
        error_messages = {
            "name": {
                "required": _("Enter your name"),
                "max_length": _too_long(_("Name must be {limit} characters or fewer"), 150),
            },
            "email": {
                "required": _("Enter your email address"),
                "invalid": _("Enter an email address in the correct format, like name@example.com"),
                "max_length": _too_long(
                    _("Email address must be {limit} characters or fewer"), 254
                ),
            },
            "phone": {
                "max_length": _too_long(_("Phone number must be {limit} characters or fewer"), 30)
            },
            "preferred_contact": {
                "required": _("Choose whether you would like an email or a phone call"),
                "invalid_choice": _("Choose whether you would like an email or a phone call"),
            },
            "best_time": {
                "max_length": _too_long(
                    _("Best time to contact you must be {limit} characters or fewer"), 100
                )
            },
            "article": {
                "invalid_choice": _("Choose a topic from the list, or leave it blank"),
            },
            "message": {
                "max_length": _too_long(
                    _("Your question must be {limit} characters or fewer"), MESSAGE_MAX_LENGTH
                )
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        article = self.fields["article"]
        article.queryset = Article.objects.published()
        article.widget.choices = TopicChoices(self["article"].value())
        # A choice the patient must make, not a default they might miss.
        preferred = self.fields["preferred_contact"]
        preferred.choices = [
            (Inquiry.PreferredContact.EMAIL, _("Email me")),
            (Inquiry.PreferredContact.PHONE, _("Call me")),
        ]
        if not self.is_bound and "preferred_contact" not in kwargs.get("initial", {}):
            self.initial["preferred_contact"] = None
        if not self.is_bound:
            self.initial["submission_token"] = str(uuid.uuid4())

    @property
    def is_spam(self):
        return bool(self.cleaned_data.get("website"))

    def clean_submission_token(self):
        """The form's token, or None when it is missing or malformed (never an error)."""
        try:
            return uuid.UUID(self.cleaned_data["submission_token"])
        except ValueError:
            return None

    def clean_source_page(self):
        """A path on this site, or nothing (the field comes back from the browser)."""
        path = self.cleaned_data["source_page"]
        if not path.startswith("/") or not url_has_allowed_host_and_scheme(
            path, allowed_hosts=None
        ):
            return ""
        return path[: Inquiry._meta.get_field("source_page").max_length]
