"""The site's public addresses, and structured data (schema.org JSON-LD) for article pages."""

from urllib.parse import urljoin, urlsplit

from django.conf import settings

from . import sections
from .models import Article


def absolute_url(url):
    """``url`` on the site's public address (``DJANGO_SITE_URL``), never the request's Host.

    The Host header is the client's to choose; what a page, the sitemap or the feed
    publishes as the site's address must not follow it. An absolute URL (media on object
    storage) is returned as it is.
    """
    return urljoin(f"{settings.SITE_URL}/", str(url))


def site_scheme_and_domain():
    parts = urlsplit(settings.SITE_URL)
    return parts.scheme, parts.netloc


def article_jsonld(article, *, page_url, clinic_name):
    about_type = "MedicalCondition" if article.kind == Article.Kind.CONDITION else "MedicalTherapy"
    about = {"@type": about_type, "name": article.title}
    if article.other_names:
        about["alternateName"] = article.other_names
    if article.kind == Article.Kind.TREATMENT and article.regulatory_status:
        about["legalStatus"] = _legal_status_jsonld(article)
    if article.kind == Article.Kind.CONDITION:
        about.update(_condition_jsonld(article))
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": article.title,
        "description": article.summary,
        "url": page_url,
        "inLanguage": article.language,
        "about": about,
        "publisher": {"@type": "MedicalClinic", "name": clinic_name},
        "dateModified": (article.content_changed_at or article.updated_at).isoformat(),
        "citation": [_citation_jsonld(citation) for citation in article.references],
    }
    if article.published_at:
        data["datePublished"] = article.published_at.isoformat()
    review = article.review_status
    if review.current:  # not when overdue, nor when the text changed since
        data["lastReviewed"] = review.review.reviewed_on.isoformat()
        data["reviewedBy"] = _reviewer_jsonld(review.review)
    return data


def _condition_jsonld(article):
    """The signs (the symptoms section's list) and the treatments the site has pages on."""
    data = {}
    signs = sections.section_items(article.kind, "symptoms", article.body)
    if signs:
        data["signOrSymptom"] = [{"@type": "MedicalSignOrSymptom", "name": s} for s in signs]
    related = getattr(article, "related_pages", None)  # the page's prefetch: published ones
    if related is None:
        related = article.related.published()
    treatments = [
        page
        for page in related
        if page.kind == Article.Kind.TREATMENT and page.language == article.language
    ]
    if treatments:
        data["possibleTreatment"] = [
            {
                "@type": "MedicalTherapy",
                "name": page.title,
                "url": absolute_url(page.get_absolute_url()),
            }
            for page in treatments
        ]
    return data


def _reviewer_jsonld(review):
    """The reviewer as they signed the review (their name and credentials then)."""
    person = {"@type": "Person", "name": review.reviewer_name or str(review.reviewer)}
    if review.reviewer_credentials:
        person["hasCredential"] = {
            "@type": "EducationalOccupationalCredential",
            "name": review.reviewer_credentials,
        }
    return person


def _legal_status_jsonld(article):
    """The therapy's status with the regulator of its jurisdiction, as the page states it."""
    status = {
        "@type": "DrugLegalStatus",
        "name": article.get_regulatory_status_display(),
        "applicableLocation": {"@type": "AdministrativeArea", "name": article.regulatory_location},
    }
    if article.regulatory_statement:
        status["description"] = article.regulatory_statement
    if article.regulatory_source_url:
        status["url"] = article.regulatory_source_url
    return status


def _citation_jsonld(citation):
    """A ScholarlyArticle in its journal's issue and volume, as schema.org nests them."""
    part_of = {"@type": "Periodical", "name": citation.journal}
    if citation.volume:
        part_of = {
            "@type": "PublicationVolume",
            "volumeNumber": citation.volume,
            "isPartOf": part_of,
        }
    if citation.issue:
        part_of = {"@type": "PublicationIssue", "issueNumber": citation.issue, "isPartOf": part_of}
    data = {
        "@type": "ScholarlyArticle",
        "headline": citation.title,
        "author": citation.authors,
        "datePublished": str(citation.year),
        "isPartOf": part_of,
    }
    if citation.pages:
        data["pagination"] = citation.pages
    if citation.link:
        data["url"] = citation.link
    identifiers = []
    if citation.doi:
        identifiers.append({"@type": "PropertyValue", "propertyID": "DOI", "value": citation.doi})
    if citation.pmid:
        identifiers.append({"@type": "PropertyValue", "propertyID": "PMID", "value": citation.pmid})
    if identifiers:
        data["identifier"] = identifiers
    return data
