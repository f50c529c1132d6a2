"""The review form: what the reviewer signs is what the form showed them (issue 19.4).

It shows the changes since the last review (or the whole page), and carries the digest of
the page shown; when the page changed meanwhile, the newer version is shown and signed only
with an explicit tick.
"""

import difflib

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS

from ..models import Review
from ..models.review_coverage import page_snapshot, snapshot_digest, snapshot_lines


def changes_since_review(article):
    """What the reviewer signs, as a table: the changes since the last review (side by side,
    difflib escapes the text), or the whole page when it was never reviewed."""
    current = snapshot_lines(page_snapshot(article))
    last = article.reviews.latest_first().first()
    before = snapshot_lines(last.snapshot) if last is not None and last.snapshot else []
    table = difflib.HtmlDiff(wrapcolumn=70).make_table(
        before, current, "Last review", "Now", context=bool(before), numlines=2
    )
    return table.replace("&nbsp;", " ")  # its spaces: the lines wrap at word ends


def latest_version(article):
    """The article's text as last saved (its newest history record): what a review covers."""
    return article.history.order_by("-history_date", "-history_id").first()


class ReviewForm(forms.ModelForm):
    reviewer = None  # the signed-in user, set by ReviewAdmin.get_form()
    # The digest of the page the form showed the reviewer: the review signs that page.
    shown_digest = forms.CharField(widget=forms.HiddenInput)
    # Set when the page changed while the reviewer read it: the newer version, now shown,
    # is signed only with the box ticked (issue 19.4).
    newer_version = forms.BooleanField(required=False, widget=forms.HiddenInput)
    read_newer_version = forms.BooleanField(
        required=False,
        label="I have read the newer version shown above, and this review is of it",
    )

    class Meta:
        model = Review
        fields = ["article", "article_version", "checked"]
        widgets = {
            "article": forms.HiddenInput,
            "article_version": forms.HiddenInput,
            "checked": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.instance.reviewer = self.reviewer

    def clean(self):
        cleaned_data = super().clean()
        article = cleaned_data.get("article")
        if article is not None:
            snapshot = page_snapshot(article)
            self.instance.cover(snapshot)
            # Another page than the one shown: Review.clean() refuses it.
            self.instance.content_digest = cleaned_data.get("shown_digest", "")
            self.current_snapshot = snapshot
        if cleaned_data.get("newer_version") and not cleaned_data.get("read_newer_version"):
            self.add_error(
                "read_newer_version",
                "The page changed while you were reviewing it: read what changed above, "
                "then tick this box to record your review of the newer version.",
            )
        return cleaned_data

    def _post_clean(self):
        super()._post_clean()
        article = self.cleaned_data.get("article")
        if article is not None and self.has_error(NON_FIELD_ERRORS, "text_changed"):
            # The form comes back with the version now saved (the box above it shows it):
            # once the reviewer has read it, "Save" records the review of that version.
            latest = latest_version(article)
            self.data = self.data.copy()
            self.data[self.add_prefix("article_version")] = latest.pk
            self.data[self.add_prefix("shown_digest")] = snapshot_digest(self.current_snapshot)
            self.data[self.add_prefix("newer_version")] = "on"
            self.data.pop(self.add_prefix("read_newer_version"), None)
