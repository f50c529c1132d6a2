"""Crossref's and PubMed's records, read into what a citation needs.

A ``Work`` holds the fields a citation is made of (Vancouver-style authors, the journal as
PubMed abbreviates it, and so on) and the notices the record carries: retractions,
corrections and expressions of concern. Nothing here talks to the network
(articles/literature/client.py does).
"""

import dataclasses
import html
import re

RETRACTION = "retraction"
CONCERN = "concern"
CORRECTION = "correction"
# How serious each kind is: the worst one flags the citation (Citation.NoticeKind).
SEVERITY = {CORRECTION: 1, CONCERN: 2, RETRACTION: 3}
# Vancouver style (ICMJE): the first six authors, then "et al.".
MAX_AUTHORS = 6

# Crossref's update types (https://www.crossref.org/documentation/crossmark/): a work's
# "updated-by" lists the notices about it; a notice's own record lists them in "update-to".
CROSSREF_UPDATE_KINDS = {
    "retraction": RETRACTION,
    "partial_retraction": RETRACTION,
    "withdrawal": RETRACTION,
    "removal": RETRACTION,
    "expression_of_concern": CONCERN,
    "correction": CORRECTION,
    "erratum": CORRECTION,
    "corrigendum": CORRECTION,
    "addendum": CORRECTION,
    "clarification": CORRECTION,
}
# PubMed: a record's publication types, and its links to notices (CommentsCorrections).
PUBMED_TYPE_KINDS = {
    "Retracted Publication": (RETRACTION, "PubMed lists it as a retracted publication"),
    "Retraction of Publication": (RETRACTION, "This record is itself a retraction notice"),
    "Published Erratum": (CORRECTION, "This record is itself an erratum"),
    "Expression of Concern": (CONCERN, "This record is itself an expression of concern"),
}
PUBMED_LINK_KINDS = {
    "RetractionIn": (RETRACTION, "Retraction"),
    "PartialRetractionIn": (RETRACTION, "Partial retraction"),
    "RetractedandRepublishedIn": (RETRACTION, "Retracted and republished"),
    "ExpressionOfConcernIn": (CONCERN, "Expression of concern"),
    "ErratumIn": (CORRECTION, "Erratum"),
    "CorrectedandRepublishedIn": (CORRECTION, "Corrected and republished"),
    "RetractionOf": (RETRACTION, "This record is itself the retraction of"),
    "PartialRetractionOf": (RETRACTION, "This record is itself the partial retraction of"),
    "ExpressionOfConcernFor": (CONCERN, "This record is itself an expression of concern for"),
    "ErratumFor": (CORRECTION, "This record is itself an erratum for"),
}

_TAG = re.compile(r"<[^>]+>")
_NAME_PARTS = re.compile(r"[\s.\-]+")


@dataclasses.dataclass(frozen=True)
class Notice:
    kind: str  # RETRACTION, CONCERN or CORRECTION
    label: str  # what the record says, for the editor
    url: str  # the notice (or the record that carries it)
    source: str  # e.g. "Crossref, from Retraction Watch", "PubMed"
    date: str = ""  # ISO date when the record gives one

    def as_dict(self):
        return dataclasses.asdict(self)


@dataclasses.dataclass(eq=False)  # compared and hashed as itself: a key of "filled"
class Work:
    """One record: ``source`` is "Crossref" or "PubMed", ``fields`` the citation's fields it
    gives (only those it has), ``notices`` what it records against the work."""

    source: str
    fields: dict
    notices: list

    @property
    def doi(self):
        return self.fields.get("doi", "")

    @property
    def pmid(self):
        return self.fields.get("pmid", "")

    @property
    def name(self):
        """e.g. "PubMed (PMID 9500320)", "Crossref (DOI 10.1002/mus.27472)"."""
        key = "PMID" if self.source == "PubMed" else "DOI"
        return f"{self.source} ({key} {self.fields.get(key.lower(), '?')})"


def doi_url(doi):
    return f"https://doi.org/{doi}"


def pubmed_url(pmid):
    return f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/"


def vancouver_authors(names):
    names = [name for name in names if name]
    if len(names) > MAX_AUTHORS:
        return ", ".join(names[:MAX_AUTHORS]) + ", et al."
    return ", ".join(names)


def _plain(text):
    """Text without markup (Crossref titles may hold <i>, <sub>, entities)."""
    return " ".join(html.unescape(_TAG.sub("", text or "")).split())


def _initials(given):
    """ "Brooks B." -> "BB", "Jean-Pierre" -> "JP"; "AJ" (already initials) stays "AJ"."""
    initials = ""
    for part in _NAME_PARTS.split(given or ""):
        if not part:
            continue
        initials += part if part.isupper() and len(part) <= 3 else part[0].upper()
    return initials


def _first(values):
    return values[0] if isinstance(values, list) and values else ""


def _iso_date(date):
    parts = _first((date or {}).get("date-parts")) or []
    parts = [int(p) for p in parts if p is not None]
    return "-".join(f"{p:02d}" for p in parts)


def from_crossref(message):
    """A Work from a Crossref ``/works/<doi>`` answer's ``message``."""
    names = []
    for author in message.get("author") or []:
        if author.get("family"):
            name = f"{author['family']} {_initials(author.get('given', ''))}".strip()
            if author.get("suffix"):
                name += f" {author['suffix'].rstrip('.')}"
            names.append(name)
        elif author.get("name"):
            names.append(author["name"])
    year = ""
    for key in ("published-print", "issued", "published-online", "published"):
        year = _iso_date(message.get(key))[:4]
        if year:
            break
    journal_issue = message.get("journal-issue") or {}
    fields = {
        "authors": vancouver_authors(names),
        "title": _plain(_first(message.get("title"))),
        "journal": _plain(
            _first(message.get("short-container-title")) or _first(message.get("container-title"))
        ),
        "year": year,
        "volume": message.get("volume", ""),
        "issue": message.get("issue") or journal_issue.get("issue", ""),
        "pages": message.get("page") or message.get("article-number", ""),
        "doi": message.get("DOI", ""),
    }
    notices = []
    for update in message.get("updated-by") or []:
        notice = _crossref_notice(update, about_this=True)
        if notice:
            notices.append(notice)
    for update in message.get("update-to") or []:
        notice = _crossref_notice(update, about_this=False)
        if notice:
            notices.append(notice)
    return Work("Crossref", {k: str(v).strip() for k, v in fields.items() if v}, notices)


def _crossref_notice(update, *, about_this):
    kind = CROSSREF_UPDATE_KINDS.get(str(update.get("type", "")).lower())
    if kind is None or not update.get("DOI"):
        return None
    label = update.get("label") or update["type"].replace("_", " ").capitalize()
    if not about_this:
        label = f"This record is itself a notice ({label.lower()}) for {update['DOI']}"
    origin = {"retraction-watch": "Retraction Watch", "publisher": "the publisher"}
    source = "Crossref"
    if update.get("source") in origin:
        source += f", from {origin[update['source']]}"
    return Notice(kind, label, doi_url(update["DOI"]), source, _iso_date(update.get("updated")))


def _text(element, path):
    found = element.find(path)
    return " ".join("".join(found.itertext()).split()) if found is not None else ""


def from_pubmed(article):
    """A Work from one ``<PubmedArticle>`` of an efetch answer (an ElementTree element)."""
    citation = article.find("MedlineCitation")
    record = citation.find("Article")
    names = []
    for author in record.findall("AuthorList/Author"):
        if author.get("ValidYN", "Y") != "Y":
            continue
        collective = _text(author, "CollectiveName")
        name = collective or f"{_text(author, 'LastName')} {_text(author, 'Initials')}".strip()
        suffix = _text(author, "Suffix")
        names.append(f"{name} {suffix}" if suffix and not collective else name)
    title = _text(record, "ArticleTitle").rstrip(".")
    if title.startswith("[") and title.endswith("]"):  # PubMed's mark of a translated title
        title = title[1:-1]
    pub_date = "Journal/JournalIssue/PubDate/"
    year = _text(record, pub_date + "Year") or _text(record, pub_date + "MedlineDate")[:4]
    pmid = _text(citation, "PMID")
    doi = _text(article, "PubmedData/ArticleIdList/ArticleId[@IdType='doi']") or _text(
        record, "ELocationID[@EIdType='doi']"
    )
    fields = {
        "authors": vancouver_authors(names),
        "title": title,
        "journal": _text(citation, "MedlineJournalInfo/MedlineTA")
        or _text(record, "Journal/ISOAbbreviation")
        or _text(record, "Journal/Title"),
        "year": year if year.isdigit() else "",
        "volume": _text(record, "Journal/JournalIssue/Volume"),
        "issue": _text(record, "Journal/JournalIssue/Issue"),
        "pages": _text(record, "Pagination/MedlinePgn"),
        "doi": doi,
        "pmid": pmid,
    }
    return Work("PubMed", {k: v for k, v in fields.items() if v}, _pubmed_notices(citation, pmid))


def _pubmed_notices(citation, pmid):
    notices = []
    for link in citation.findall("CommentsCorrectionsList/CommentsCorrections"):
        kind, label = PUBMED_LINK_KINDS.get(link.get("RefType", ""), (None, ""))
        if kind is None:
            continue
        notice_pmid = _text(link, "PMID")
        reference = _text(link, "RefSource")
        notices.append(
            Notice(
                kind,
                f"{label}: {reference}" if reference else label,
                pubmed_url(notice_pmid) if notice_pmid else pubmed_url(pmid),
                "PubMed",
            )
        )
    linked = {notice.kind for notice in notices}
    for publication_type in citation.findall("Article/PublicationTypeList/PublicationType"):
        kind, label = PUBMED_TYPE_KINDS.get(publication_type.text or "", (None, ""))
        # A retracted publication also links to its retraction notice: one notice is enough.
        if kind is not None and kind not in linked:
            notices.append(Notice(kind, label, pubmed_url(pmid), "PubMed"))
    return notices
