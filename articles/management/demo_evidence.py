"""The demo treatment page's citations (with their evidence details), regulatory status and
the clinic's involvement.

Every value was checked against its source in docs/content/issue-11-research.md (sections 2
and 3); what that note could not confirm is left blank rather than guessed (its section 6).
"""

import datetime

from articles.models import Article, Citation

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

# Funding: the journal says "Source of Support: None", another record names the institute;
# the two disagree, so the field stays blank.
PRABHAKAR_2012_EVIDENCE = {
    "comparator": Citation.Comparator.NONE,
    "primary_endpoint_met": Citation.EndpointMet.NO,
    "follow_up": "1 year",
    "harms": "No significant adverse events were reported.",
    "funding": "",
}

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
    "url": "",
    "study_design": Citation.StudyDesign.RCT,
    "participants": 196,  # randomized; 189 were treated
    "registration": "NCT03280056",
    "key_finding": (
        "Phase 3 trial, randomized and placebo-controlled. 196 people were randomized and "
        "189 were treated, with three doses into the spinal fluid. At 28 weeks, 33% on "
        "NurOwn and 28% on placebo met the response goal (odds ratio 1.33, P=.45). The "
        "primary end point was not met. The authors said the treatment was well tolerated."
    ),
    "comparator": Citation.Comparator.PLACEBO,
    "primary_endpoint_met": Citation.EndpointMet.NO,
    "follow_up": "28 weeks after the first treatment",
    # Specific adverse events and their counts were not confirmed: only the authors' words.
    "harms": "The authors reported that the treatment was well tolerated, with no safety concerns.",
    "funding": "Brainstorm Cell Therapeutics (sponsor); California Institute for "
    "Regenerative Medicine (CIRM, funder)",
}

# Volume, article number, participants, harms and funding could not be confirmed: blank.
ALJABRI_2021 = {
    "doi": "10.3389/fneur.2021.783122",
    "authors": "Aljabri A, Halawani A, Bin Lajdam G, Labban S, Alshehri S, Felemban R",
    "title": "The safety and efficacy of stem cell therapy as an emerging therapy for ALS: "
    "a systematic review of controlled clinical trials",
    "journal": "Front Neurol",
    "year": 2021,
    "volume": "",
    "issue": "",
    "pages": "",
    "pmid": "34938264",
    "url": "",
    "study_design": Citation.StudyDesign.SYSTEMATIC_REVIEW,
    "participants": None,
    "registration": "",
    "key_finding": (
        "Systematic review of controlled trials. Six studies met the review's rules. Some "
        "found a benefit, and others found no clear difference from the comparison group. "
        "The authors said more well-run trials are needed."
    ),
    "comparator": "",
    "primary_endpoint_met": "",
    "follow_up": "",
    "harms": "",
    "funding": "",
}

# The treatment page's references, in the order the page numbers them.
TREATMENT_CITATIONS = [
    {**PRABHAKAR_2012, **PRABHAKAR_2012_EVIDENCE},
    CUDKOWICZ_2022,
    ALJABRI_2021,
]

# The FDA page of 3 June 2021 says no regenerative medicine therapy is approved for any
# neurological disorder, naming ALS. Checked (a stored copy) for the research note of
# 25 November 2026; an editor re-checks it live and records the new date.
STEM_CELLS_FOR_ALS_FACTS = {
    "regulatory_jurisdiction": Article.Jurisdiction.US_FDA,
    "regulatory_status": Article.RegulatoryStatus.NOT_APPROVED,
    "regulatory_statement": (
        "Not approved by the FDA for ALS. In June 2021, the FDA said stem cells and similar "
        "products were not approved for any brain or nerve disease, and it named ALS."
    ),
    "regulatory_source_url": (
        "https://www.fda.gov/vaccines-blood-biologics/consumers-biologics/"
        "important-patient-and-consumer-information-about-regenerative-medicine-therapies"
    ),
    "regulatory_checked_on": datetime.date(2026, 11, 25),
    "clinic_offer": Article.ClinicOffer.NOT_OFFERED,
    "clinic_trial_registration": "",
    "clinic_cost": "",
    "clinic_offer_note": "We do not offer stem cell therapy for ALS outside clinical trials.",
}
