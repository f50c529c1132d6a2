"""The evidence box ("What we cite"), counted from an article's references.

Honest counts: a systematic review is a review, never a randomized trial, and its
participants (already counted in the trials it pools, cited here or not) are never added to
the studies'. Primary end points are counted over the studies, not the reviews.
"""

from collections import Counter
from dataclasses import dataclass, field


def _plural(count, singular, plural=None):
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


@dataclass(frozen=True)
class Registration:
    """A cited study's trial registration, with its registry link when the form is known."""

    number: int  # the reference's number on the page
    registration: str
    link: object  # articles.registries.RegistryLink, or None


@dataclass(frozen=True)
class EvidenceSummary:
    studies: int = 0
    reviews: int = 0
    randomized: int = 0
    randomized_participants: int = 0
    randomized_unknown_size: int = 0
    other_participants: int = 0
    other_unknown_size: int = 0
    other_designs: dict = field(default_factory=dict)
    endpoints: dict = field(default_factory=dict)
    registrations: tuple = ()
    searched_on: object = None  # datetime.date, or None when not recorded

    @classmethod
    def from_citations(cls, citations, *, searched_on=None):
        studies = [c for c in citations if not c.is_review]
        trials = [c for c in studies if c.is_randomized]
        others = [c for c in studies if not c.is_randomized]
        return cls(
            studies=len(studies),
            reviews=len(citations) - len(studies),
            randomized=len(trials),
            randomized_participants=sum(c.participants or 0 for c in trials),
            randomized_unknown_size=sum(1 for c in trials if c.participants is None),
            other_participants=sum(c.participants or 0 for c in others),
            other_unknown_size=sum(1 for c in others if c.participants is None),
            other_designs=dict(Counter(c.get_study_design_display().lower() for c in others)),
            endpoints=dict(Counter(c.primary_endpoint_met for c in studies)),
            registrations=tuple(
                Registration(number=n, registration=c.registration, link=c.registry)
                for n, c in enumerate(citations, start=1)
                if c.registration
            ),
            searched_on=searched_on,
        )

    def __bool__(self):
        return bool(self.studies or self.reviews)

    @property
    def headline(self):
        """e.g. "2 studies and 1 systematic review cited"."""
        if not self:
            return "No published studies are cited on this page"
        parts = [_plural(self.studies, "study", "studies")] if self.studies else []
        if self.reviews:
            parts.append(_plural(self.reviews, "systematic review"))
        return f"{' and '.join(parts)} cited"

    @property
    def randomized_line(self):
        if not self.randomized:
            return "Randomized controlled trials: none cited"
        line = f"Randomized controlled trials: {self.randomized}, with " + _plural(
            self.randomized_participants, "participant"
        )
        if self.randomized_unknown_size:
            line += f" (size not reported for {self.randomized_unknown_size})"
        return line

    @property
    def other_studies_line(self):
        count = self.studies - self.randomized
        if not count:
            return ""
        designs = ", ".join(
            label if n == 1 else f"{n} \u00d7 {label}" for label, n in self.other_designs.items()
        )
        line = f"Other studies: {count} ({designs}), with " + _plural(
            self.other_participants, "participant"
        )
        if self.other_unknown_size:
            line += f" (size not reported for {self.other_unknown_size})"
        return line

    @property
    def endpoint_line(self):
        """e.g. "Met their primary end point: 0 of 2 studies (not met: 2)"."""
        if not self.studies:
            return ""
        met = self.endpoints.get("yes", 0)
        details = [
            f"{label}: {self.endpoints[value]}"
            for value, label in [
                ("no", "not met"),
                ("not_reported", "not reported"),
                ("", "not recorded here"),
            ]
            if self.endpoints.get(value)
        ]
        line = f"Met their primary end point: {met} of " + _plural(self.studies, "study", "studies")
        return f"{line} ({'; '.join(details)})" if details else line

    @property
    def review_line(self):
        if not self.reviews:
            return ""
        return (
            f"Reviews: {_plural(self.reviews, 'systematic review')}. A review pools other "
            "studies: its participants are not added to the counts above"
        )
