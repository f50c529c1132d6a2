"""The citation admin's "Fetch details" (the form filled from Crossref and PubMed), and the
notices (retractions, corrections, concerns) shown on citations and the articles citing them.

The editor types a DOI or a PMID and presses "Fetch details": the form comes back, unsaved,
with the empty fields filled (or, with "Fetch details, replacing my values", every field the
records give), a message saying which field came from which record and what was kept or
replaced, and any retraction, correction or expression of concern the records hold.
Nothing is saved until the editor saves.
"""

import copy
import re

from django.contrib import admin, messages
from django.contrib.admin.options import csrf_protect_m
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Exists, OuterRef, Subquery, Value, When
from django.utils.html import format_html, format_html_join

from ..literature import client as literature
from ..literature.records import SEVERITY
from ..models.citation import DOI_PATTERN, PMID_PATTERN, ArticleCitation, Citation, bare_doi

FETCHED_FIELDS = ["authors", "title", "journal", "year", "volume", "issue", "pages", "doi", "pmid"]
REPLACE = "replace"


def merge_details(values, details, *, replace):
    """The form's ``values`` with the records' ``details`` ({field: (value, Work)}) in the
    empty fields, or in every field when ``replace``. Returns the new values and what was
    filled {Work: [field]}, kept and replaced [(field, the form's value, the record's)]."""
    values = dict(values)
    filled, kept, replaced = {}, [], []
    for field in FETCHED_FIELDS:
        if field not in details:
            continue
        found, work = details[field]
        current = (values.get(field) or "").strip()
        if current == found or (field == "doi" and current.lower() == found.lower()):
            continue
        if current and not replace:
            kept.append((field, current, found))
            continue
        if current:
            replaced.append((field, current, found))
        values[field] = found
        filled.setdefault(work, []).append(field)
    return values, filled, kept, replaced


def notice_list(notices):
    """HTML: one line a notice (dicts as stored, or Notice objects), with its link."""
    rows = [n if isinstance(n, dict) else n.as_dict() for n in notices]
    return format_html_join(
        "",
        '<li><strong>{}</strong>: {} ({}{}) <a href="{}" rel="noreferrer">{}</a></li>',
        (
            (
                Citation.NoticeKind(row["kind"]).label,
                row["label"],
                row["source"],
                f", {row['date']}" if row["date"] else "",
                row["url"],
                row["url"],
            )
            for row in rows
        ),
    )


class CitationFetchMixin:
    """For CitationAdmin: a POST with ``_fetch`` shows the form filled from the records."""

    def render_change_form(self, request, context, add=False, change=False, **kwargs):
        obj = context.get("original")
        context["can_fetch"] = (
            self.has_change_permission(request, obj) if change else self.has_add_permission(request)
        )
        return super().render_change_form(request, context, add, change, **kwargs)

    @csrf_protect_m
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST" or "_fetch" not in request.POST:
            return super().changeform_view(request, object_id, form_url, extra_context)
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        if object_id and obj is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        if not (
            self.has_change_permission(request, obj) if obj else self.has_add_permission(request)
        ):
            raise PermissionDenied
        fields = self.get_form(request, obj, change=obj is not None).base_fields
        values = {name: request.POST.get(name, "") for name in fields}
        # The form as it was posted, fetched details added, shown again (not saved): the
        # admin's own GET rendering, with these values (get_object, initial data below).
        shown = copy.copy(request)
        shown.method = "GET"
        shown.fetched_form_values = self._fetch(
            request, values, replace=request.POST["_fetch"] == REPLACE
        )
        return super().changeform_view(shown, object_id, form_url, extra_context)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        values = getattr(request, "fetched_form_values", None)
        if obj is not None and values is not None:
            for name, value in values.items():
                setattr(obj, name, value)  # shown in the form only; never saved from here
        return obj

    def get_changeform_initial_data(self, request):
        values = getattr(request, "fetched_form_values", None)
        return values if values is not None else super().get_changeform_initial_data(request)

    def _fetch(self, request, values, *, replace):
        doi = bare_doi(values.get("doi", ""))
        pmid = values.get("pmid", "").strip()
        values = {**values, "doi": doi, "pmid": pmid}
        if not doi and not pmid:
            messages.error(request, "Enter a DOI or a PMID, then press “Fetch details”.")
            return values
        if (doi and not re.match(DOI_PATTERN, doi)) or (pmid and not re.match(PMID_PATTERN, pmid)):
            messages.error(
                request, "That is not a DOI (10.xxxx/...) or a PMID (digits): nothing fetched."
            )
            return values
        lookup = literature.look_up(doi=doi, pmid=pmid)
        for failure in lookup.failures:
            unavailable = isinstance(failure, literature.ServiceUnavailable)
            level = messages.error if unavailable else messages.warning
            level(request, f"{failure} Nothing was filled from {failure.service}.")
        if lookup.conflict:
            messages.error(request, f"{lookup.conflict} Nothing was filled.")
            return values
        if lookup.unavailable:
            messages.info(request, "What you entered is kept; try “Fetch details” again later.")
        values, filled, kept, replaced = merge_details(values, lookup.details(), replace=replace)
        self._report(request, lookup, filled, kept, replaced)
        return values

    def _report(self, request, lookup, filled, kept, replaced):
        for work, fields in filled.items():
            messages.success(request, f"Filled from {work.name}: {', '.join(fields)}.")
        if lookup.works and not filled:
            messages.info(request, "The records give nothing that is not already in the form.")
        if kept:
            messages.warning(
                request,
                format_html(
                    "Kept what the form already had (press “Fetch details, replacing my "
                    "values” to use the records'): <ul>{}</ul>",
                    format_html_join("", "<li>{}: the records give “{}”</li>", _diff(kept)),
                ),
            )
        if replaced:
            messages.warning(
                request,
                format_html(
                    "Replaced (not saved yet): <ul>{}</ul>",
                    format_html_join("", "<li>{}: was “{}”</li>", _diff(replaced, new=False)),
                ),
            )
        if lookup.notices:
            messages.error(
                request,
                format_html(
                    "Crossref or PubMed record a notice against this study: <ul>{}</ul>"
                    "It is recorded on the citation once saved.",
                    notice_list(lookup.notices),
                ),
            )


def _diff(rows, *, new=True):
    return ((field, found if new else current) for field, current, found in rows)


def worst_citation_notice():
    """An article's worst notice among its citations: an annotation for its admin list."""
    rank = Case(
        *(When(citation__notice_kind=kind, then=Value(n)) for kind, n in SEVERITY.items()),
        default=Value(0),
    )
    return Subquery(
        ArticleCitation.objects.filter(article=OuterRef("pk"))
        .exclude(citation__notice_kind="")
        .annotate(rank=rank)
        .order_by("-rank")
        .values("citation__notice_kind")[:1]
    )


def citations_with_notice(kind=None):
    cited = ArticleCitation.objects.filter(article=OuterRef("pk")).exclude(citation__notice_kind="")
    return Exists(cited.filter(citation__notice_kind=kind) if kind else cited)


class CitationNoticeFilter(admin.SimpleListFilter):
    """Articles citing a study Crossref or PubMed record a notice against."""

    title = "citation notices"
    parameter_name = "citation_notice"

    def lookups(self, request, model_admin):
        worst_first = reversed(Citation.NoticeKind.choices[1:])
        return [("any", "Any notice"), *worst_first, ("none", "None")]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.exclude(citations_with_notice())
        if self.value() == "any":
            return queryset.filter(citations_with_notice())
        if self.value() in Citation.NoticeKind.values:
            return queryset.filter(citations_with_notice(self.value()))
        return queryset


def notices_on_references(article):
    """HTML: what Crossref and PubMed record against the studies an article cites."""
    if article.pk is None:
        return "-"
    cited = article.article_citations.exclude(citation__notice_kind="").select_related("citation")
    if not cited:
        return "None recorded (checked weekly against Crossref and PubMed)."
    return format_html(
        "<ul>{}</ul>",
        format_html_join(
            "",
            "<li>[{}] {}<ul>{}</ul></li>",
            ((ref.order, ref.citation, notice_list(ref.citation.notices)) for ref in cited),
        ),
    )
