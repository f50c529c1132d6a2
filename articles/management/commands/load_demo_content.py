"""Load the demo content: the ALS condition and treatment pages and their citations.

The pages' bodies are the HTML files in articles/demo/ (written in plain language, every
statement checked against its source: docs/content/issue-11-research.md). A citation's
fields are only those that could be confirmed; the others are left blank rather than
guessed. Safe to run again: it updates the same rows instead of adding new ones.
"""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from articles.management.demo_evidence import STEM_CELLS_FOR_ALS_FACTS, TREATMENT_CITATIONS
from articles.models import Article, ArticleCitation, Citation
from clinic.models import SiteSettings

PAGES_DIR = Path(__file__).resolve().parents[2] / "demo"

ALS = {
    "slug": "amyotrophic-lateral-sclerosis",
    "title": "Amyotrophic lateral sclerosis (ALS)",
    "kind": Article.Kind.CONDITION,
    # Motor neurone disease is the wider group ALS belongs to (the body says so), not
    # another name for it.
    "also_known_as": "Lou Gehrig\u2019s disease",
    "summary": (
        "ALS slowly weakens the muscles. Learn the common signs, the medicines approved in "
        "the US, and what research on stem cell therapy shows so far."
    ),
}

STEM_CELLS_FOR_ALS = {
    "slug": "stem-cell-therapy-for-als",
    "title": "Stem cell therapy for ALS",
    "kind": Article.Kind.TREATMENT,
    # None: "MSC therapy" is one kind of it, "stem cell transplantation" another treatment.
    "also_known_as": "",
    "summary": (
        "What stem cell therapy for ALS is and what studies have found. It is not an "
        "approved treatment, and a large trial did not meet its main goal."
    ),
    **STEM_CELLS_FOR_ALS_FACTS,
}


class Command(BaseCommand):
    help = "Create or update the demo content (ALS condition and treatment pages)."

    @transaction.atomic
    def handle(self, *args, **options):
        SiteSettings.load()
        # Updated, not only created: a database loaded before the evidence fields existed
        # gets them (every value is confirmed, demo_evidence.py).
        references = []
        for data in TREATMENT_CITATIONS:
            fields = dict(data)
            citation, _ = Citation.objects.update_or_create(doi=fields.pop("doi"), defaults=fields)
            references.append(citation)
        pilot = references[0]
        condition = self._article(ALS)
        treatment = self._article(STEM_CELLS_FOR_ALS)
        # The condition page no longer reports the pilot's result: it links to the treatment.
        ArticleCitation.objects.filter(article=condition, citation=pilot).delete()
        for order, citation in enumerate(references, start=1):
            ArticleCitation.objects.update_or_create(
                article=treatment, citation=citation, defaults={"order": order}
            )
        treatment.related.add(condition)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {Article.objects.count()} articles, "
                f"{Citation.objects.count()} citations. The demo pages are published "
                "without a medical review (none is invented): they say so."
            )
        )

    def _article(self, data):
        fields = {key: value for key, value in data.items() if key != "slug"}
        body = (PAGES_DIR / f"{data['slug']}.html").read_text(encoding="utf-8")
        fields["body"] = " ".join(body.split()).replace("> <", "><")
        article = Article.objects.filter(slug=data["slug"]).first() or Article(slug=data["slug"])
        for name, value in fields.items():
            setattr(article, name, value)
        article.featured = True
        # No reviewer is invented (README: Demo content): the demo's pages are published
        # without a medical review, past the rule a treatment page is held to. The rule
        # is in clean(): the page is validated as a draft, then published.
        article.status = Article.Status.DRAFT
        article.full_clean()
        article.status = Article.Status.PUBLISHED
        article.save()
        return article
