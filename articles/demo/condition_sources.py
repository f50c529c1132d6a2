"""The demo ALS page's references: every claim about a gene test or a medicine has its source
(docs/content/issue-21-research.md, sections 2 and 6). PMIDs are given only where the PubMed
record itself was seen; what could not be confirmed is left blank rather than guessed."""

from articles.models import Citation


def _source(**fields):
    """A reference with only the fields given; the study details left blank."""
    blank = {
        "doi": "",
        "volume": "",
        "issue": "",
        "pages": "",
        "pmid": "",
        "url": "",
        "participants": None,
        "registration": "",
        "key_finding": "",
        "comparator": "",
        "primary_endpoint_met": "",
        "follow_up": "",
        "harms": "",
        "funding": "",
        "for_clinicians": "",
        "key_finding_es": "",
        "follow_up_es": "",
        "harms_es": "",
        "funding_es": "",
    }
    return blank | fields


# In the order the page numbers them.
CONDITION_CITATIONS = [
    _source(
        doi="10.1002/acn3.51895",
        pmid="37691292",
        authors="Roggenbuck J, Eubank BHF, Wright J, Harms MB, Kolb SJ",
        title="Evidence-based consensus guidelines for ALS genetic testing and counseling",
        journal="Ann Clin Transl Neurol",
        year=2023,
        volume="10",
        issue="11",
        pages="2074-2091",
        study_design=Citation.StudyDesign.GUIDANCE,
        key_finding=(
            "Expert guideline. Everyone with ALS should be offered a gene test, even if no one "
            "else in the family has had ALS. People should get advice before and after the test."
        ),
        key_finding_es=(
            "Guía de expertos. A toda persona con ELA se le debe ofrecer una prueba genética, "
            "aunque nadie más en la familia haya tenido ELA. La persona debe recibir "
            "asesoramiento antes y después de la prueba."
        ),
    ),
    _source(
        doi="10.1002/14651858.CD001447.pub3",
        pmid="22419278",
        authors="Miller RG, Mitchell JD, Moore DH",
        title="Riluzole for amyotrophic lateral sclerosis (ALS)/motor neuron disease (MND)",
        journal="Cochrane Database Syst Rev",
        year=2012,
        issue="3",
        pages="CD001447",
        study_design=Citation.StudyDesign.META_ANALYSIS,
        key_finding=(
            "Cochrane review of the riluzole trials. Riluzole raised the middle (median) "
            "survival by about 3 months, from 11.8 to 14.8 months."
        ),
        key_finding_es=(
            "Revisión Cochrane de los ensayos del riluzol. El riluzol alargó la supervivencia "
            "mediana unos 3 meses, de 11,8 a 14,8 meses."
        ),
    ),
    _source(
        doi="10.1056/NEJM199403033300901",
        pmid="8302340",
        authors="Bensimon G, Lacomblez L, Meininger V",
        title="A controlled trial of riluzole in amyotrophic lateral sclerosis",
        journal="N Engl J Med",
        year=1994,
        volume="330",
        issue="9",
        pages="585-91",
        study_design=Citation.StudyDesign.RCT,
        participants=155,
        comparator=Citation.Comparator.PLACEBO,
        key_finding=(
            "155 people got riluzole or a placebo. After 12 months, 74 in 100 on riluzole "
            "and 58 in 100 on placebo were alive."
        ),
        key_finding_es=(
            "155 personas recibieron riluzol o un placebo. A los 12 meses seguían vivas 74 de "
            "cada 100 con riluzol y 58 de cada 100 con placebo."
        ),
        for_clinicians="One-year survival 74% vs 58%; P = 0.014.",
    ),
    _source(
        doi="10.1056/NEJMoa2204705",
        authors="Miller TM, Cudkowicz ME, Genge A, Shaw PJ, Sobue G, Bucelli RC, et al.",
        title="Trial of antisense oligonucleotide tofersen for SOD1 ALS",
        journal="N Engl J Med",
        year=2022,
        volume="387",
        issue="12",
        pages="1099-1110",
        study_design=Citation.StudyDesign.RCT,
        participants=108,
        comparator=Citation.Comparator.PLACEBO,
        primary_endpoint_met=Citation.EndpointMet.NO,
        follow_up="28 weeks",
        key_finding=(
            "108 people with ALS caused by a change in the SOD1 gene got tofersen or a "
            "placebo. Tofersen lowered SOD1 protein and a blood marker of nerve damage, but "
            "did not clearly slow the loss of daily function over 28 weeks."
        ),
        harms="The authors said tofersen was associated with adverse events (side effects).",
        key_finding_es=(
            "108 personas con ELA causada por un cambio en el gen SOD1 recibieron tofersén o "
            "un placebo. El tofersén redujo la proteína SOD1 y un marcador en la sangre del daño "
            "de los nervios, pero no frenó claramente la pérdida de la función diaria en 28 "
            "semanas."
        ),
        follow_up_es="28 semanas",
        harms_es="Los autores dijeron que el tofersén se asoció con efectos adversos.",
    ),
    _source(
        doi="10.1016/S1474-4422(17)30115-1",
        authors="Writing Group; Edaravone (MCI-186) ALS 19 Study Group",
        title="Safety and efficacy of edaravone in well defined patients with amyotrophic "
        "lateral sclerosis: a randomised, double-blind, placebo-controlled trial",
        journal="Lancet Neurol",
        year=2017,
        volume="16",
        issue="7",
        pages="505-512",
        study_design=Citation.StudyDesign.RCT,
        participants=137,
        registration="NCT01492686",
        comparator=Citation.Comparator.PLACEBO,
        primary_endpoint_met=Citation.EndpointMet.YES,
        follow_up="6 months",
        key_finding=(
            "137 people in Japan, at an early stage of ALS, got edaravone or a placebo. Over "
            "6 months, people on edaravone lost less daily function (ALSFRS-R fell by 5.0 "
            "points, against 7.5 on placebo)."
        ),
        key_finding_es=(
            "137 personas en Japón, en una etapa temprana de la ELA, recibieron edaravona o un "
            "placebo. En 6 meses, quienes recibieron edaravona perdieron menos función diaria "
            "(la ALSFRS-R bajó 5,0 puntos, frente a 7,5 con placebo)."
        ),
        follow_up_es="6 meses",
        for_clinicians="ALSFRS-R change -5.01 vs -7.50; least-squares mean difference 2.49; "
        "P=.0013.",
    ),
    _source(
        authors="U.S. Food and Drug Administration",
        title="FDA approves oral form for the treatment of adults with amyotrophic lateral "
        "sclerosis (ALS) (news release, May 12, 2022)",
        journal="FDA",
        year=2022,
        url="https://www.fda.gov/drugs/news-events-human-drugs/"
        "fda-approves-oral-form-treatment-adults-amyotrophic-lateral-sclerosis-als",
        study_design=Citation.StudyDesign.GUIDANCE,
    ),
    _source(
        authors="U.S. Food and Drug Administration",
        title="QALSODY (tofersen) injection: prescribing information (NDA 215887, approved "
        "April 25, 2023, under accelerated approval)",
        journal="Drugs@FDA",
        year=2023,
        url="https://www.accessdata.fda.gov/drugsatfda_docs/label/2023/"
        "215887Orig1s000Correctedlbl.pdf",
        study_design=Citation.StudyDesign.GUIDANCE,
    ),
    _source(
        authors="Food and Drug Administration",
        title="Amylyx Pharmaceuticals, Inc.; withdrawal of approval of new drug application for "
        "RELYVRIO (sodium phenylbutyrate and taurursodiol) for suspension (Docket No. "
        "FDA-2025-N-2654; approval withdrawn as of August 29, 2025)",
        journal="Federal Register",
        year=2025,
        study_design=Citation.StudyDesign.GUIDANCE,
    ),
]
