"""What a medical review covers: everything the page shows a patient (issue 19.2).

The page's title, other names, summary, text, approval box (with the regulator's page it
links) and the clinic's offer (whether it provides the treatment, its trial, cost and note),
and its numbered references with the patient-facing details of each cited study.
``page_snapshot()`` reads them as plain values; a review stores the snapshot it signed and
its digest, and a page whose digest differs from its last review's says "Updated since
review". A citation is shared by the pages citing it: a change to it changes each of their
digests.

Not covered: images, related pages, publishing fields, the date the regulator's source was
last checked (rechecked every few months; the page shows it as a check, not as reviewed
text), and what the notices check records beside a study's worst notice.
"""

import hashlib
import json

# The article's fields a reviewer signs, in the order the review form lists them.
REVIEWED_FIELDS = (
    "title",
    "also_known_as",
    "summary",
    "body",
    "regulatory_jurisdiction",
    "regulatory_status",
    "regulatory_statement",
    "regulatory_source_url",
    "clinic_offer",
    "clinic_trial_registration",
    "clinic_cost",
    "clinic_offer_note",
)
# Each cited study's fields the page shows patients (the reference list, the evidence box).
REVIEWED_CITATION_FIELDS = (
    "authors",
    "title",
    "journal",
    "year",
    "volume",
    "issue",
    "pages",
    "doi",
    "pmid",
    "url",
    "study_design",
    "participants",
    "registration",
    "key_finding",
    "key_finding_es",
    "comparator",
    "primary_endpoint_met",
    "follow_up",
    "follow_up_es",
    "harms",
    "harms_es",
    "funding",
    "funding_es",
    "for_clinicians",
    "notice_kind",
)


def _plain(value):
    """White space is ignored: CKEditor re-indents the HTML it sends back."""
    text = "" if value is None else str(value)
    return " ".join(text.split()).replace("> <", "><")


def citation_snapshot(citation):
    return {field: _plain(getattr(citation, field, "")) for field in REVIEWED_CITATION_FIELDS}


def stored_references(article):
    """The article's cited studies in order, read from the database (not a prefetch)."""
    from .citation import Citation

    if article.pk is None:
        return []
    return list(
        Citation.objects.filter(uses__article=article.pk).order_by("uses__order", "uses__id")
    )


def page_snapshot(article, *, references=None, **overrides):
    """{field: value} of what the page shows, with ``references`` (the article's cited
    studies in order; read from the database when not given) and ``overrides`` (values
    about to be saved) in place of the article's own."""
    if references is None:
        references = stored_references(article)
    values = {field: getattr(article, field) for field in REVIEWED_FIELDS} | overrides
    snapshot = {field: _plain(values[field]) for field in REVIEWED_FIELDS}
    snapshot["references"] = [citation_snapshot(citation) for citation in references]
    return snapshot


def snapshot_digest(snapshot):
    text = json.dumps(snapshot, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def page_digest(article, **kwargs):
    return snapshot_digest(page_snapshot(article, **kwargs))


def snapshot_lines(snapshot):
    """The snapshot as lines of text, for a reviewer to read or compare (the review form)."""
    lines = []
    for field in REVIEWED_FIELDS:
        lines.append(f"{field.replace('_', ' ').capitalize()}: {snapshot.get(field, '')}")
    for number, reference in enumerate(snapshot.get("references", []), start=1):
        lines.append(f"[{number}]")
        lines.extend(
            f"    {field.replace('_', ' ')}: {value}" for field, value in reference.items() if value
        )
    return lines
