"""Load the demo content: the ALS condition and treatment pages and their citations, in
English and in Spanish.

The pages' bodies are the HTML files in articles/demo/ (written in plain language, every
statement checked against its source: docs/content/issue-11-research.md), the Spanish
ones in articles/demo/es/ (translated from the English, adding and changing nothing;
without a medical review, they are translations awaiting review, as the admin shows). A
citation's fields are only those that could be confirmed; the others are left blank
rather than guessed. Both versions of a page cite the same citations.
Safe to run again: it updates the same rows instead of adding new ones.
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

# The Spanish versions: the same pages' words, translated (the bodies in demo/es/).
ALS_ES = {
    "slug": "esclerosis-lateral-amiotrofica",
    "title": "Esclerosis lateral amiotrófica (ELA)",
    "kind": Article.Kind.CONDITION,
    "also_known_as": "Enfermedad de Lou Gehrig",
    "summary": (
        "La ELA debilita los músculos poco a poco. Conozca las señales comunes, los "
        "medicamentos aprobados en EE. UU. y lo que muestran hasta ahora las investigaciones "
        "sobre la terapia con células madre."
    ),
}

STEM_CELLS_FOR_ALS_ES = {
    "slug": "terapia-con-celulas-madre-para-la-ela",
    "title": "Terapia con células madre para la ELA",
    "kind": Article.Kind.TREATMENT,
    "also_known_as": "",
    "summary": (
        "Qué es la terapia con células madre para la ELA y qué han encontrado los estudios. "
        "No es un tratamiento aprobado, y un ensayo grande no alcanzó su objetivo principal."
    ),
    # The same status, source, check date and involvement; their words translated.
    **STEM_CELLS_FOR_ALS_FACTS,
    "regulatory_statement": (
        "No está aprobada por la FDA para la ELA. En junio de 2021, la FDA dijo que las "
        "células madre y productos similares no estaban aprobados para ninguna enfermedad del "
        "cerebro o de los nervios, y nombró la ELA."
    ),
    "clinic_offer_note": (
        "No ofrecemos terapia con células madre para la ELA fuera de ensayos clínicos."
    ),
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
        self._link(condition, treatment, references)
        condition_es = self._article(ALS_ES, translation_of=condition)
        treatment_es = self._article(STEM_CELLS_FOR_ALS_ES, translation_of=treatment)
        self._link(condition_es, treatment_es, references)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {Article.objects.count()} articles, "
                f"{Citation.objects.count()} citations. The demo pages are published "
                "without a medical review (none is invented): they say so."
            )
        )

    def _link(self, condition, treatment, references):
        """The treatment cites ``references`` in order, and is related to the condition."""
        for order, citation in enumerate(references, start=1):
            ArticleCitation.objects.update_or_create(
                article=treatment, citation=citation, defaults={"order": order}
            )
        treatment.related.add(condition)

    def _article(self, data, *, translation_of=None):
        """The page in ``data`` (English), or ``translation_of``'s version in Spanish."""
        language = Article.Language.SPANISH if translation_of else Article.Language.ENGLISH
        folder = PAGES_DIR / language if translation_of else PAGES_DIR
        fields = {key: value for key, value in data.items() if key != "slug"}
        body = (folder / f"{data['slug']}.html").read_text(encoding="utf-8")
        fields["body"] = " ".join(body.split()).replace("> <", "><")
        article = Article.objects.filter(slug=data["slug"], language=language).first()
        if article is None:
            article = Article(slug=data["slug"], language=language)
        if translation_of is not None:
            fields["translation_key"] = translation_of.translation_key
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
