"""Load the demo content: the ALS condition and treatment pages and their citations.

The pages' bodies are the HTML files in articles/demo/ (written in plain language, every
statement checked against its source: docs/content/issue-11-research.md). A citation's
fields are only those that could be confirmed; the others are left blank rather than
guessed. Safe to run again: it updates the same rows instead of adding new ones.
"""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from articles.models import Article, ArticleCitation, Citation
from clinic.models import SiteSettings

PAGES_DIR = Path(__file__).resolve().parents[2] / "demo"

PRABHAKAR_2012 = {
    "doi": "10.4103/0028-3886.103185",
    "authors": "Prabhakar S, Marwaha N, Lal V, Sharma RR, Rajan R, Khandelwal N",
    "title": "Autologous bone marrow-derived stem cells in amyotrophic lateral sclerosis: "
    "a pilot study",
    "journal": "Neurol India",
    "year": 2012,
    "volume": "60",
    "issue": "5",
    "pages": "465-9",
    "pmid": "",  # could not be confirmed: left blank rather than guessed
    "url": "",
    "study_design": Citation.StudyDesign.PILOT,
    "participants": 10,
    "registration": "",
    "key_finding": (
        "Small pilot study, open-label, with no comparison group. 10 people with ALS got "
        "cells from their own bone marrow, put into the fluid around the spinal cord. The "
        "main goal, better ALSFRS-R scores after one year, was not shown. Scores did not get "
        "significantly worse over the year (P=0.090). No significant side effects were "
        "reported."
    ),
}

# The NurOwn phase 3 trial and the systematic review (issue 11). Created when missing,
# never overwritten: the citation admin's "Fetch details" and the evidence fields may have
# filled more since.
CUDKOWICZ_2022 = {
    "doi": "10.1002/mus.27472",
    "authors": "Cudkowicz ME, Lindborg SR, Goyal NA, Miller RG, Burford MJ, Berry JD, et al.",
    "title": "A randomized placebo-controlled phase 3 study of mesenchymal stem cells induced "
    "to secrete high levels of neurotrophic factors in amyotrophic lateral sclerosis",
    "journal": "Muscle Nerve",
    "year": 2022,
    "volume": "65",
    "issue": "3",
    "pages": "291-302",
    "pmid": "34890069",
    "study_design": Citation.StudyDesign.RCT,
    "participants": 196,  # randomized; 189 were treated
    "registration": "NCT03280056",
    "key_finding": (
        "Phase 3 trial, randomized and placebo-controlled. 196 people were randomized and "
        "189 were treated, with three doses into the spinal fluid. At 28 weeks, 33% on "
        "NurOwn and 28% on placebo met the response goal (odds ratio 1.33, P=.45). The "
        "primary end point was not met. The authors said the treatment was well tolerated."
    ),
}
ALJABRI_2021 = {
    "doi": "10.3389/fneur.2021.783122",
    "authors": "Aljabri A, Halawani A, Bin Lajdam G, Labban S, Alshehri S, Felemban R",
    "title": "The safety and efficacy of stem cell therapy as an emerging therapy for ALS: "
    "a systematic review of controlled clinical trials",
    "journal": "Front Neurol",
    "year": 2021,
    # Volume and article number not confirmed; participants across the six studies not
    # reported in what could be checked.
    "pmid": "34938264",
    "study_design": Citation.StudyDesign.SYSTEMATIC_REVIEW,
    "key_finding": (
        "Systematic review of controlled trials. Six studies met the review's rules. Some "
        "found a benefit, and others found no clear difference from the comparison group. "
        "The authors said more well-run trials are needed."
    ),
}

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
    "regulatory_status": Article.RegulatoryStatus.NOT_APPROVED,
    "regulatory_note": (
        "Not approved by the FDA for ALS. The only FDA-approved stem cell products are "
        "blood-forming stem cells from cord blood, for disorders of the blood system."
    ),
}


class Command(BaseCommand):
    help = "Create or update the demo content (ALS condition and treatment pages)."

    @transaction.atomic
    def handle(self, *args, **options):
        SiteSettings.load()
        fields = dict(PRABHAKAR_2012)
        pilot, _ = Citation.objects.update_or_create(doi=fields.pop("doi"), defaults=fields)
        references = [pilot]
        for data in (CUDKOWICZ_2022, ALJABRI_2021):
            fields = dict(data)
            citation, _ = Citation.objects.get_or_create(doi=fields.pop("doi"), defaults=fields)
            references.append(citation)
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
