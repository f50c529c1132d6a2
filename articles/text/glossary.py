"""Plain explanations of research terms, added to an article's body when it is rendered.

The first time a term appears in the running text (not in a heading, a link or code),
it becomes a link to its entry in a "Words used on this page" section added at the end of
the body; the definition is also the link's title (a hint for mouse users). The section is
visible text, so the explanation is one tap away on a touch screen, which a title alone is
not. Later uses of the term are left as they are.

The terms live here, not in a model: a handful of definitions, each checked against
published glossaries like any medical text on the site (the source is beside each), and
reviewed with the code; their reading grade is tested (tests/articles/test_glossary.py).
A model would add a migration, an admin screen and page-cache bookkeeping for a list that
changes a few times a year. Move them to a model when editors need to add terms.

The body arrives sanitized (articles/text/sanitize.py); what this module adds (a, h2, dl, dt
with an id, dd, dfn) is within the sanitizer's allow-list, so re-sanitizing a rendered
body changes nothing.
"""

import html
import re
from dataclasses import dataclass

SECTION_TITLE = "Words used on this page"
SPANISH_SECTION_TITLE = "Palabras usadas en esta página"
# Text inside these elements is left alone: a heading is a label (its term is explained in
# the text that follows), a link or abbreviation already says something of its own.
_SKIPPED_ELEMENTS = {"h2", "h3", "h4", "a", "abbr", "dfn", "code", "figcaption", "caption"}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
_VOID_ELEMENTS = {"br", "hr", "img", "iframe"}
_SPACE = r"(?:\s|&nbsp;|\u00a0)+"


@dataclass(frozen=True)
class Term:
    slug: str
    name: str
    pattern: str
    definition: str

    @property
    def anchor(self):
        return f"glossary-{self.slug}"

    @property
    def regex(self):
        return re.compile(rf"(?<![\w-]){self.pattern}(?![\w-])", re.IGNORECASE)


TERMS = (
    # Illinois OPRS and the American Cancer Society glossaries: assigned to groups by chance
    # ("like flipping a coin"), so the groups are alike and bias is reduced.
    Term(
        slug="randomized",
        name="Randomized",
        pattern=r"randomi[sz]ed",
        definition="People are put into groups by chance, like flipping a coin. This makes "
        "the groups alike, so they can be compared fairly.",
    ),
    # Drugster and CURE Parkinson's glossaries: a dummy treatment with no active
    # ingredient, given to learn whether the effects are the medicine's own.
    Term(
        slug="placebo",
        name="Placebo",
        pattern=r"placebos?",
        definition="A dummy treatment with no active medicine in it. It lets researchers "
        "see what would happen without the real treatment.",
    ),
    # Muscular Dystrophy UK and the Canadian Cancer Society: both the researchers and the
    # participants know which treatment is given.
    Term(
        slug="open-label",
        name="Open-label",
        pattern=rf"open(?:-|{_SPACE})label",
        definition="The patients and doctors know who gets which treatment.",
    ),
    # Action Kidney Cancer and TrialFinder glossaries: the main result, decided before the
    # trial begins; the trial's success or failure is judged on it.
    Term(
        slug="primary-end-point",
        name="Primary end point",
        pattern=rf"primary{_SPACE}end(?:{_SPACE})?points?",
        definition="The main result a study plans to test before it starts. If a study "
        "does not meet it, the study has not shown that the treatment works.",
    ),
    # NINDS Common Data Elements, "ALS Functional Rating Scale - Revised (ALSFRS-R)":
    # 12 questions, each scored 0 to 4 (4 is normal), at most 48 points.
    Term(
        slug="alsfrs-r",
        name="ALSFRS-R",
        pattern=r"ALSFRS-R",
        definition="The ALS Functional Rating Scale, Revised. It tracks ALS by asking about "
        "12 daily tasks, such as speaking, swallowing, walking and breathing. Scores go "
        "from 0 to 48. A higher score means a person can do more.",
    ),
)

# The same explanations in Spanish, for Spanish pages (translated from the English above,
# adding nothing): each pattern is the phrase a Spanish page uses for the term.
SPANISH_TERMS = (
    Term(
        slug="aleatorizado",
        name="Aleatorizado",
        pattern=r"aleatorizad[oa]s?",
        definition="Las personas se asignan a los grupos al azar, como al lanzar una "
        "moneda. Así los grupos se parecen y se pueden comparar de forma justa.",
    ),
    Term(
        slug="placebo",
        name="Placebo",
        pattern=r"placebos?",
        definition="Un tratamiento simulado, sin ningún medicamento activo. Permite a los "
        "investigadores ver qué pasaría sin el tratamiento real.",
    ),
    Term(
        slug="estudio-abierto",
        name="Estudio abierto",
        pattern=rf"(?:estudios?|ensayos?){_SPACE}abiertos?",
        definition="Los pacientes y los médicos saben quién recibe cada tratamiento.",
    ),
    Term(
        slug="criterio-principal-de-valoracion",
        name="Criterio principal de valoración",
        pattern=rf"criterios?{_SPACE}principal(?:es)?{_SPACE}de{_SPACE}valoraci[oó]n",
        definition="El resultado principal que un estudio planea comprobar antes de "
        "empezar. Si un estudio no lo alcanza, no ha demostrado que el tratamiento funcione.",
    ),
    Term(
        slug="alsfrs-r",
        name="ALSFRS-R",
        pattern=r"ALSFRS-R",
        definition="La escala de valoración funcional de la ELA, revisada (en inglés, ALS "
        "Functional Rating Scale, Revised). Sigue la evolución de la ELA preguntando por "
        "12 tareas diarias, como hablar, tragar, caminar y respirar. Las puntuaciones van "
        "de 0 a 48. Una puntuación más alta significa que la persona puede hacer más.",
    ),
)

# Each language's section title and terms; a language without its own has none explained.
GLOSSARIES = {"en": (SECTION_TITLE, TERMS), "es": (SPANISH_SECTION_TITLE, SPANISH_TERMS)}


def _first_uses(body, terms):
    """Split ``body`` into tags and text; return the parts and, for each of ``terms`` found
    in the running text, where it first appears: {term: (part index, match)}."""
    parts = re.split(r"(<[^>]+>)", body)
    open_elements = []
    found = {}
    for index, part in enumerate(parts):
        tag = _TAG.fullmatch(part)
        if tag:
            closing, name, self_closing = tag.group(1), tag.group(2).lower(), tag.group(3)
            if closing:
                if name in open_elements:
                    del open_elements[len(open_elements) - 1 - open_elements[::-1].index(name)]
            elif not self_closing and name not in _VOID_ELEMENTS:
                open_elements.append(name)
            continue
        if part.startswith("<") or _SKIPPED_ELEMENTS.intersection(open_elements):
            continue
        matches = [
            (m, term) for term in terms if term not in found for m in [term.regex.search(part)] if m
        ]
        taken_until = 0
        for match, term in sorted(matches, key=lambda pair: pair[0].start()):
            if match.start() >= taken_until:  # overlapping terms: the first one wins
                found[term] = (index, match)
                taken_until = match.end()
    return parts, found


def _link(term, text):
    title = html.escape(term.definition)
    # The rel the sanitizer gives every link in a body, so that sanitizing changes nothing.
    return f'<a href="#{term.anchor}" title="{title}" rel="noopener noreferrer">{text}</a>'


def _section(title, terms):
    entries = "".join(
        f'<dt id="{term.anchor}"><dfn>{term.name}</dfn></dt>'
        f"<dd>{html.escape(term.definition, quote=False)}</dd>"
        for term in terms
    )
    return f"<h2>{title}</h2><dl>{entries}</dl>"


def explain_terms(body, language="en"):
    """Return ``body`` (written in ``language``) with each glossary term's first use linked
    to its explanation, and the explanations of the terms used in a section at the end
    (unchanged if none is)."""
    title, terms = GLOSSARIES.get(language, ("", ()))
    parts, found = _first_uses(body, terms)
    if not found:
        return body
    by_part = {}
    for term, (index, match) in found.items():
        by_part.setdefault(index, []).append((match, term))
    for index, matches in by_part.items():
        text = parts[index]
        # From the last match back, so the earlier offsets stay valid.
        for match, term in sorted(matches, key=lambda pair: pair[0].start(), reverse=True):
            text = text[: match.start()] + _link(term, match.group(0)) + text[match.end() :]
        parts[index] = text
    in_order = sorted(found, key=lambda t: (found[t][0], found[t][1].start()))
    return "".join(parts) + _section(title, in_order)
