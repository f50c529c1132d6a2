"""Structured data (schema.org JSON-LD) for article pages."""

from .models import Article


def article_jsonld(article, *, page_url, clinic_name):
    about_type = "MedicalCondition" if article.kind == Article.Kind.CONDITION else "MedicalTherapy"
    about = {"@type": about_type, "name": article.title}
    if article.other_names:
        about["alternateName"] = article.other_names
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": article.title,
        "description": article.summary,
        "url": page_url,
        "about": about,
        "publisher": {"@type": "MedicalClinic", "name": clinic_name},
        "dateModified": article.updated_at.isoformat(),
        "citation": [_citation_jsonld(citation) for citation in article.references],
    }
    if article.published_at:
        data["datePublished"] = article.published_at.isoformat()
    if article.last_reviewed:
        data["lastReviewed"] = article.last_reviewed.isoformat()
    if article.reviewed_by:
        data["reviewedBy"] = {"@type": "Person", "name": article.reviewed_by}
    return data


def _citation_jsonld(citation):
    data = {
        "@type": "ScholarlyArticle",
        "headline": citation.title,
        "author": citation.authors,
        "datePublished": str(citation.year),
        "isPartOf": {"@type": "Periodical", "name": citation.journal},
    }
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
