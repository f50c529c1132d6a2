"""Load the demo content: the ALS condition and treatment pages and their citations, in
English and in Spanish.

The pages' bodies are the HTML files in articles/demo/ (written in plain language, every
statement checked against its source: docs/content/issue-11-research.md), the Spanish
ones in articles/demo/es/ (translated from the English, adding and changing nothing;
without a medical review, they are translations awaiting review, as the admin shows). A
citation's fields are only those that could be confirmed; the others are left blank
rather than guessed. Both versions of a page cite the same citations.
Safe to run again: it updates the same rows instead of adding new ones.

No clinician has reviewed the demo, and none is invented: every page it writes is marked as
demonstration content (a banner says so on the page). The condition pages are published (a
condition needs no review to be public); the treatment pages, which are public only with a
current medical review, stay drafts unless ``--publish-unreviewed`` asks for a demo site
(``make run`` does).
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.db import transaction

from articles.demo.condition_sources import CONDITION_CITATIONS
from articles.demo.evidence import STEM_CELLS_FOR_ALS_FACTS, TREATMENT_CITATIONS
from articles.models import Article, ArticleCitation, Citation, TrialSearch
from clinic.models import SiteSettings

PAGES_DIR = Path(__file__).resolve().parents[2] / "demo"
# The condition as ClinicalTrials.gov names it, for both pages' trial searches.
ALS_TRIAL_CONDITION = "amyotrophic lateral sclerosis"

ALS = {
    "slug": "amyotrophic-lateral-sclerosis",
    "title": "Amyotrophic lateral sclerosis (ALS)",
    "kind": Article.Kind.CONDITION,
    # Riluzole, edaravone, tofersen, Relyvrio: reviewed on the medicines' cycle.
    "names_medicines": True,
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
    "names_medicines": True,
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
}


class Command(BaseCommand):
    help = "Create or update the demo content (ALS condition and treatment pages)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--publish-unreviewed",
            action="store_true",
            help="Publish the demo's treatment pages although no clinician has reviewed them "
            "(a demo site: make run). Without it they are drafts.",
        )

    @transaction.atomic
    def handle(self, *args, publish_unreviewed=False, **options):
        self.publish_unreviewed = publish_unreviewed
        SiteSettings.load()
        treatment_references = self._citations(TREATMENT_CITATIONS)
        condition_references = self._citations(CONDITION_CITATIONS)
        condition = self._article(ALS)
        treatment = self._article(STEM_CELLS_FOR_ALS)
        self._link(condition, treatment, condition_references, treatment_references)
        condition_es = self._article(ALS_ES, translation_of=condition)
        treatment_es = self._article(STEM_CELLS_FOR_ALS_ES, translation_of=treatment)
        self._link(condition_es, treatment_es, condition_references, treatment_references)
        self._trial_searches(condition, treatment)
        treatments = "published" if publish_unreviewed else "drafts (--publish-unreviewed)"
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {Article.objects.count()} articles, "
                f"{Citation.objects.count()} citations. No clinician has reviewed it (none "
                f"is invented): its pages say so. Treatment pages: {treatments}."
            )
        )

    def _citations(self, sources):
        """The citations of ``sources``, created or updated (found by DOI, else by title)."""
        citations = []
        for data in sources:
            fields = dict(data)
            key = {"doi": fields.pop("doi")} if data["doi"] else {"title": fields.pop("title")}
            citation, _ = Citation.objects.update_or_create(**key, defaults=fields)
            citations.append(citation)
        return citations

    def _trial_searches(self, condition, treatment):
        """What each page asks ClinicalTrials.gov for. No trial is made up: until the nightly
        task (or "Ask ClinicalTrials.gov again now") reaches the registry, the pages say
        they have not asked it yet and link to its own search."""
        TrialSearch.objects.update_or_create(
            article=condition, defaults={"condition": ALS_TRIAL_CONDITION, "intervention": ""}
        )
        TrialSearch.objects.update_or_create(
            article=treatment,
            defaults={"condition": ALS_TRIAL_CONDITION, "intervention": "stem cells"},
        )

    def _link(self, condition, treatment, condition_references, treatment_references):
        """Each page cites its references in order, nothing else; the treatment is related
        to the condition."""
        for article, references in (
            (condition, condition_references),
            (treatment, treatment_references),
        ):
            ArticleCitation.objects.filter(article=article).exclude(
                citation__in=references
            ).delete()
            for order, citation in enumerate(references, start=1):
                ArticleCitation.objects.update_or_create(
                    article=article, citation=citation, defaults={"order": order}
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
        article.demonstration = True
        # No reviewer is invented (docs/editors.md, Demo content). A treatment is validated
        # as a draft (the rule that it needs a review to be published is in clean()), then
        # published only when a demo site asks for it.
        article.status = Article.Status.DRAFT
        try:
            article.full_clean()
        except ValidationError as error:
            # The one rule the demo knowingly misses: no date is recorded for the regulator's
            # statement, because nobody read the live page (demo/evidence.py).
            if set(error.message_dict) - {"regulatory_checked_on"}:
                raise
        if article.kind == Article.Kind.CONDITION or self.publish_unreviewed:
            article.status = Article.Status.PUBLISHED
        article.save()
        return article
