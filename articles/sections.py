"""The sections a page of each kind should have: what patients look for on every reference
site (NHS.UK, MedlinePlus, Mayo Clinic), as a checklist kept in code.

A section is found by its heading (Heading 2 or 3 in the body), in English or in Spanish:
a heading counts when its words, lowercased and without accents, contain one of the
section's cues. The admin shows an editor which sections of the page's kind are missing.
"""

import html
import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    cues: tuple  # lowercase, accent-free fragments of a heading, English and Spanish

    def is_heading(self, text):
        words = plain(text)
        return any(cue in words for cue in self.cues)


def plain(text):
    """Lowercase, without accents or opening punctuation: "¿Qué es?" -> "que es?"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("\u00bf", "")


CONDITION_SECTIONS = (
    Section(
        "overview",
        pgettext_lazy("page section", "Overview"),
        ("what is", "overview", "about ", "que es"),
    ),
    Section(
        "symptoms",
        pgettext_lazy("page section", "Symptoms"),
        ("symptom", "signs", "sintoma", "senales"),
    ),
    Section(
        "causes", pgettext_lazy("page section", "Causes and genes"), ("cause", "gene", "causa")
    ),
    Section("diagnosis", pgettext_lazy("page section", "Diagnosis"), ("diagnos",)),
    Section(
        "treatment",
        pgettext_lazy("page section", "Treatment and care"),
        ("treatment", "tratamiento"),
    ),
    Section(
        "living",
        pgettext_lazy("page section", "Living with it"),
        ("living with", "vivir con", "outlook"),
    ),
    Section(
        "urgent", pgettext_lazy("page section", "When to get urgent help"), ("urgent", "emergenc")
    ),
    Section(
        "help",
        pgettext_lazy("page section", "Where to get help"),
        ("where to get help", "support group", "donde encontrar ayuda", "apoyo"),
    ),
    Section(
        "questions",
        pgettext_lazy("page section", "Questions to ask your doctor"),
        ("question", "pregunta"),
    ),
    Section(
        "trials",
        pgettext_lazy("page section", "Clinical trials"),
        ("clinical trial", "ensayos clinicos"),
    ),
)

TREATMENT_SECTIONS = (
    Section(
        "overview", pgettext_lazy("page section", "What it is"), ("what is", "overview", "que es")
    ),
    Section(
        "evidence",
        pgettext_lazy("page section", "What studies have found"),
        ("stud", "evidence", "research", "estudio", "evidencia", "investigacion"),
    ),
    Section(
        "risks",
        pgettext_lazy("page section", "Risks and warnings"),
        ("risk", "side effect", "harm", "warning", "safety", "riesgo", "efectos", "advertencia"),
    ),
    Section(
        "for_you",
        pgettext_lazy("page section", "What this means for you"),
        ("for you", "should i", "para usted", "question", "pregunta"),
    ),
)

CHECKLISTS = {"condition": CONDITION_SECTIONS, "treatment": TREATMENT_SECTIONS}


def checklist(kind):
    return CHECKLISTS.get(kind, ())


def missing_sections(kind, headings):
    """The sections of ``kind``'s checklist that none of ``headings`` (texts) is."""
    return [
        section
        for section in checklist(kind)
        if not any(section.is_heading(text) for text in headings)
    ]


_H2 = re.compile(r"<h2[^>]*>(.*?)</h2>", re.S)
_ITEM = re.compile(r"<li[^>]*>(.*?)</li>", re.S)
_TAG = re.compile(r"<[^>]+>")


def section_items(kind, key, body):
    """The list items of the body's section ``key`` (e.g. a condition's symptoms), as text."""
    section = next((s for s in checklist(kind) if s.key == key), None)
    if section is None:
        return []
    headings = list(_H2.finditer(body))
    for number, heading in enumerate(headings):
        if section.is_heading(_TAG.sub("", heading[1])):
            end = headings[number + 1].start() if number + 1 < len(headings) else len(body)
            items = _ITEM.findall(body[heading.end() : end])
            return [" ".join(html.unescape(_TAG.sub("", item)).split()) for item in items]
    return []
