"""Generate a large library for the benchmark: articles, citations, references, related pages.

Run inside the benchmark's environment: ``python -m tests.benchmarks.corpus --articles 1000``.
Every ``TRANSLATED_EVERY``-th article also has a Spanish version (the same slug under /es/,
Spanish words, the same references, related to other Spanish versions), as a library partly
translated. Uses bulk inserts (the database trigger fills PostgreSQL's search vectors),
then starts a new page-cache version.
"""

import argparse
import os
import random
import sys

WORDS = [
    "cell",
    "therapy",
    "neuron",
    "muscle",
    "trial",
    "patient",
    "dose",
    "safety",
    "spinal",
    "marrow",
    "immune",
    "injection",
    "function",
    "motor",
    "symptom",
    "progression",
    "treatment",
    "study",
    "evidence",
    "outcome",
    "survival",
    "placebo",
    "regenerative",
    "tissue",
    "inflammation",
    "fatigue",
    "speech",
    "breathing",
    "walking",
    "cramps",
    "quality",
    "life",
]
SPANISH_WORDS = [
    "célula",
    "terapia",
    "neurona",
    "músculo",
    "ensayo",
    "paciente",
    "dosis",
    "seguridad",
    "médula",
    "inmunidad",
    "inyección",
    "función",
    "síntoma",
    "progresión",
    "tratamiento",
    "estudio",
    "evidencia",
    "resultado",
    "supervivencia",
    "placebo",
    "tejido",
    "inflamación",
    "cansancio",
    "habla",
    "respiración",
    "calambres",
    "calidad",
    "vida",
]
# A Spanish version for every TRANSLATED_EVERY-th article (bench-0, bench-10...).
TRANSLATED_EVERY = 10
CONDITIONS = [
    "sclerosis",
    "arthritis",
    "neuropathy",
    "dystrophy",
    "syndrome",
    "disease",
    "disorder",
    "atrophy",
    "palsy",
    "myopathy",
    "fibrosis",
]

# What every treatment page states besides its body (articles/models/treatment_facts.py).
TREATMENT_FACTS = {
    "regulatory_statement": "In clinical trials.",
    "regulatory_source_url": "https://www.fda.gov/vaccines-blood-biologics",
    "clinic_offer": "not_offered",
}


def paragraph(rng, sentences=5, words=WORDS):
    out = []
    for _ in range(sentences):
        chosen = rng.choices(words, k=rng.randint(10, 20))
        out.append(" ".join(chosen).capitalize() + ".")
    return " ".join(out)


def body(rng, references, words=WORDS):
    parts = []
    for section in range(4):
        parts.append(f"<h2>Section {section + 1}: {' '.join(rng.choices(words, k=3))}</h2>")
        for _ in range(3):
            mark = f" [{rng.randint(1, references)}]" if references else ""
            parts.append(f"<p>{paragraph(rng, words=words)}{mark}</p>")
    parts.append("<ul>" + "".join(f"<li>{w}</li>" for w in rng.sample(words, 6)) + "</ul>")
    return "".join(parts)


def spanish_version(rng, article):
    """``article``'s version in Spanish: its own words, the same page (translation key)."""
    from articles.models import Article
    from articles.text.sanitize import html_to_text, sanitize_html

    html = sanitize_html(body(rng, 1, SPANISH_WORDS))
    return Article(
        language="es",
        translation_key=article.translation_key,
        title=f"{' '.join(rng.choices(SPANISH_WORDS, k=3))} {article.slug[6:]}".capitalize(),
        slug=article.slug,
        kind=article.kind,
        summary=paragraph(rng, 2, SPANISH_WORDS)[:300],
        body=html,
        body_text=html_to_text(html),
        status=article.status,
        published_at=article.published_at,
        regulatory_status=article.regulatory_status,
        regulatory_statement="En ensayos clínicos." if article.regulatory_status else "",
        regulatory_source_url=article.regulatory_source_url,
        clinic_offer=article.clinic_offer,
        featured=article.featured,
    )


def review_every_article(articles):
    """A review today of each article's first version, by a benchmark reviewer: the pages
    and the home page's promise read reviews as they would in a reviewed library."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from articles.models import Article, Review
    from articles.roles import REVIEWERS_GROUP

    reviewer, _ = get_user_model().objects.get_or_create(
        username="bench-reviewer",
        defaults={"display_name": "Dr. Bench Mark", "credentials": "MD", "is_staff": True},
    )
    reviewer.groups.add(Group.objects.get_or_create(name=REVIEWERS_GROUP)[0])
    Article.history.bulk_history_create(articles, batch_size=200)
    versions = Article.history.filter(id__in=[a.pk for a in articles]).values_list(
        "id", "history_id"
    )
    Review.objects.bulk_create(
        (
            Review(article_id=pk, article_version_id=version, reviewer=reviewer, checked="All.")
            for pk, version in versions
        ),
        batch_size=500,
    )


def generate(*, articles, citations, references, related, seed=1):
    from django.db import connection, transaction
    from django.db.models import OuterRef, Subquery
    from django.utils import timezone

    from articles.models import Article, ArticleCitation, Citation, Review
    from articles.models.review_coverage import page_digest
    from articles.text.sanitize import html_to_text, sanitize_html
    from clinic.pagecache import content_changed

    rng = random.Random(seed)
    now = timezone.now()
    with transaction.atomic():
        Article.objects.filter(slug__startswith="bench-").delete()
        Citation.objects.filter(doi__startswith="10.9999/bench.").delete()
        new_citations = Citation.objects.bulk_create(
            Citation(
                authors=", ".join(f"{rng.choice(WORDS).capitalize()} {c}" for c in "ABCDEF"),
                title=f"A study of {' '.join(rng.choices(WORDS, k=6))}",
                journal=rng.choice(["Neurol India", "Lancet Neurol", "J Neurol Sci", "Stem Cells"]),
                year=rng.randint(1995, 2025),
                volume=str(rng.randint(1, 90)),
                issue=str(rng.randint(1, 12)),
                pages=f"{rng.randint(1, 900)}-{rng.randint(1, 99)}",
                doi=f"10.9999/bench.{n}",
                study_design=rng.choice(Citation.StudyDesign.values),
                participants=rng.choice([None, 10, 24, 60, 120, 480]),
                key_finding=paragraph(rng, 2),
            )
            for n in range(citations)
        )
        new_articles = []
        for n in range(articles):
            kind = Article.Kind.CONDITION if n % 2 else Article.Kind.TREATMENT
            html = sanitize_html(body(rng, references))
            common = "stem cell " if n % 3 == 0 else ""
            title = f"{common}{' '.join(rng.choices(WORDS, k=2))} {rng.choice(CONDITIONS)} {n}"
            new_articles.append(
                Article(
                    title=title.capitalize(),
                    slug=f"bench-{n}",
                    kind=kind,
                    summary=paragraph(rng, 2)[:300],
                    body=html,
                    body_text=html_to_text(html),
                    also_known_as=", ".join(rng.choices(WORDS, k=2)),
                    status=Article.Status.PUBLISHED,
                    published_at=now,
                    regulatory_status=(
                        Article.RegulatoryStatus.INVESTIGATIONAL
                        if kind == Article.Kind.TREATMENT
                        else ""
                    ),
                    **(TREATMENT_FACTS if kind == Article.Kind.TREATMENT else {}),
                    featured=n < 6,
                )
            )
        for article in new_articles:
            article.content_digest = page_digest(article, references=[])
        new_articles = Article.objects.bulk_create(new_articles, batch_size=200)
        cited = {article.pk: rng.sample(new_citations, references) for article in new_articles}
        translated = new_articles[::TRANSLATED_EVERY]
        spanish = [spanish_version(rng, article) for article in translated]
        for article in spanish:
            article.content_digest = page_digest(article, references=[])
        spanish = Article.objects.bulk_create(spanish, batch_size=200)
        # A translation cites what its original cites, and is reviewed as they are.
        for original, version in zip(translated, spanish, strict=True):
            cited[version.pk] = cited[original.pk]
        review_every_article([*new_articles, *spanish])
        ArticleCitation.objects.bulk_create(
            (
                ArticleCitation(article_id=pk, citation=citation, order=order)
                for pk, chosen in cited.items()
                for order, citation in enumerate(chosen, start=1)
            ),
            batch_size=1000,
        )
        # What each page shows, its references included, is what its review covers.
        everything = [*new_articles, *spanish]
        for article in everything:
            article.content_digest = page_digest(article, references=cited[article.pk])
        Article.objects.bulk_update(everything, ["content_digest"], batch_size=500)
        Review.objects.filter(article__in=everything).update(
            content_digest=Subquery(
                Article.objects.filter(pk=OuterRef("article_id")).values("content_digest")[:1]
            )
        )
        Through = Article.related.through
        pairs = {
            (article.pk, other.pk)
            for group in (new_articles, spanish)
            for article in group
            for other in rng.sample(group, min(related, len(group)))
            if other.pk != article.pk
        }
        Through.objects.bulk_create(
            (  # the relation is symmetrical: Django stores both directions
                Through(from_article_id=a, to_article_id=b)
                for pair in pairs
                for a, b in (pair, pair[::-1])
            ),
            batch_size=1000,
            ignore_conflicts=True,
        )
    # The planner's statistics, as after any bulk import (autovacuum would take up to a
    # minute): without them PostgreSQL estimated 500 related pages an article and
    # hash-joined every article, 25 ms an article page at 10,000 articles (issue 14).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    content_changed()
    return len(new_articles) + len(spanish)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--citations", type=int, default=5000)
    parser.add_argument("--references", type=int, default=10)
    parser.add_argument("--related", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")
    import django

    django.setup()
    count = generate(
        articles=args.articles,
        citations=args.citations,
        references=args.references,
        related=args.related,
    )
    sys.stdout.write(f"Generated {count} articles.\n")


if __name__ == "__main__":
    main()
