"""The demo pages' citations (with their evidence details), the treatment's regulatory
status and the clinic's involvement.

Every value was checked against its source in docs/content/issue-11-research.md (sections 2
and 3) and docs/content/issue-21-research.md; what those notes could not confirm is left
blank rather than guessed (their last sections). The research read stored copies of the
sources, not the live pages: no check date is recorded for the regulator's statement.
"""

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
        "Small single-group pilot study, open-label, with no comparison group. 10 people "
        "with ALS got cells from their own bone marrow, put into the fluid around the "
        "spinal cord. The main goal, better ALSFRS-R scores after one year, was not shown. "
        "Scores did not get significantly worse over the year. No significant side effects "
        "were reported."
    ),
    "key_finding_es": (
        "Estudio piloto pequeño, abierto y de un solo grupo, sin grupo de comparación. 10 "
        "personas con ELA recibieron células de su propia médula ósea, introducidas en el "
        "líquido que rodea la médula espinal. No se demostró el objetivo principal, una mejora "
        "de la ALSFRS-R al cabo de un año. Las puntuaciones no empeoraron de forma significativa "
        "durante el año. No se describieron efectos adversos significativos."
    ),
    "for_clinicians": "ALSFRS-R composite score at one year against baseline: P=0.090.",
}

# Funding: the journal says "Source of Support: None", another record names the institute;
# the two disagree, so the field stays blank.
PRABHAKAR_2012_EVIDENCE = {
    "comparator": Citation.Comparator.NONE,
    "primary_endpoint_met": Citation.EndpointMet.NO,
    "follow_up": "1 year",
    "harms": "No significant adverse events were reported.",
    "funding": "",
    "follow_up_es": "1 año",
    "harms_es": "No se describieron efectos adversos significativos.",
    "funding_es": "",
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
        "NurOwn and 28% on placebo met the response goal, a gap that could be due to chance. "
        "The primary end point was not met. The authors said the treatment was well tolerated."
    ),
    "key_finding_es": (
        "Ensayo de fase 3, aleatorizado y controlado con placebo. 196 personas fueron "
        "aleatorizadas y 189 recibieron tratamiento, con tres dosis en el líquido de la columna. "
        "A las 28 semanas, el 33 % con NurOwn y el 28 % con placebo alcanzaron la respuesta "
        "buscada, una diferencia que podría deberse al azar. No se alcanzó el criterio principal "
        "de valoración. Los autores dijeron que el tratamiento se toleró bien."
    ),
    "for_clinicians": "Responders 33% vs 28%; OR 1.33, P=.45. A 2022 correction changed "
    "subgroup analyses, not the primary result.",
    "comparator": Citation.Comparator.PLACEBO,
    "primary_endpoint_met": Citation.EndpointMet.NO,
    "follow_up": "28 weeks after the first treatment",
    # Specific adverse events and their counts were not confirmed: only the authors' words.
    "harms": "The authors reported that the treatment was well tolerated, with no safety concerns.",
    "funding": "Brainstorm Cell Therapeutics (sponsor); California Institute for "
    "Regenerative Medicine (CIRM, funder)",
    "follow_up_es": "28 semanas después del primer tratamiento",
    "harms_es": "Los autores señalaron que el tratamiento se toleró bien, sin problemas de "
    "seguridad.",
    "funding_es": "Brainstorm Cell Therapeutics (patrocinador); California Institute for "
    "Regenerative Medicine (CIRM, financiador)",
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
    # A systematic review without a meta-analysis: it describes its studies, it does not pool them.
    "key_finding": (
        "Systematic review of controlled trials. Six studies met the review's rules. Some "
        "found a benefit, and others found no clear difference from the comparison group. "
        "The authors said more well-run trials are needed."
    ),
    "key_finding_es": (
        "Revisión sistemática de ensayos controlados. Seis estudios cumplieron los criterios de "
        "la revisión. Algunos encontraron un beneficio y otros no encontraron una diferencia "
        "clara con el grupo de comparación. Los autores dijeron que hacen falta más ensayos "
        "bien hechos."
    ),
    "comparator": "",
    "primary_endpoint_met": "",
    "follow_up": "",
    "harms": "",
    "funding": "",
    "for_clinicians": "",
}

# The latest version found (2019, Issue 12); its PMID could not be confirmed.
ABDUL_WAHID_2019 = {
    "doi": "10.1002/14651858.CD011742.pub3",
    "authors": "Abdul Wahid SF, Law ZK, Ismail NA, Lai NM",
    "title": "Cell-based therapies for amyotrophic lateral sclerosis/motor neuron disease",
    "journal": "Cochrane Database Syst Rev",
    "year": 2019,
    "volume": "",
    "issue": "12",
    "pages": "CD011742",
    "pmid": "",
    "url": "",
    "study_design": Citation.StudyDesign.SYSTEMATIC_REVIEW,
    "participants": None,
    "registration": "",
    "key_finding": (
        "Cochrane review of randomized trials of cell treatments for ALS. Two trials with 112 "
        "people met its rules; one reported its results only in a short summary, without "
        "numbers. The review could not say whether cell treatments help."
    ),
    "key_finding_es": (
        "Revisión Cochrane de ensayos aleatorizados de tratamientos con células para la ELA. "
        "Dos ensayos con 112 personas cumplieron sus criterios; uno publicó sus resultados solo "
        "en un resumen breve, sin cifras. La revisión no pudo decir si los tratamientos con "
        "células ayudan."
    ),
    "comparator": "",
    "primary_endpoint_met": "",
    "follow_up": "",
    "harms": "",
    "funding": "",
    "for_clinicians": "",
}

# The FDA's page, named by its title and the date printed on it (a web page: no journal, so
# the publisher stands in its place, as Vancouver style does for web pages).
FDA_REGENERATIVE_MEDICINE_2021 = {
    "doi": "",
    "authors": "U.S. Food and Drug Administration",
    "title": "Important patient and consumer information about regenerative medicine "
    "therapies (June 3, 2021)",
    "journal": "FDA",
    "year": 2021,
    "volume": "",
    "issue": "",
    "pages": "",
    "pmid": "",
    "url": "https://www.fda.gov/vaccines-blood-biologics/consumers-biologics/"
    "important-patient-and-consumer-information-about-regenerative-medicine-therapies",
    "study_design": Citation.StudyDesign.GUIDANCE,
    "participants": None,
    "registration": "",
    "key_finding": "",
    "comparator": "",
    "primary_endpoint_met": "",
    "follow_up": "",
    "harms": "",
    "funding": "",
    "for_clinicians": "",
}

# The treatment page's references, in the order the page numbers them.
TREATMENT_CITATIONS = [
    {**PRABHAKAR_2012, **PRABHAKAR_2012_EVIDENCE},
    CUDKOWICZ_2022,
    ALJABRI_2021,
    ABDUL_WAHID_2019,
    FDA_REGENERATIVE_MEDICINE_2021,
]

# The FDA page of 3 June 2021 says no regenerative medicine therapy is approved for any
# neurological disorder, naming ALS. The research read a stored copy of it, not the live page,
# so no check date is recorded: the page says so until an editor reads it live and records
# the date (load_demo_content).
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
    "regulatory_checked_on": None,
    "clinic_offer": Article.ClinicOffer.NOT_OFFERED,
    "clinic_trial_registration": "",
    "clinic_cost": "",
    # The offer's own words ("No. Our clinic does not provide this treatment.") say it all:
    # the clinic runs no trial of it either, so no note that suggests one.
    "clinic_offer_note": "",
}
