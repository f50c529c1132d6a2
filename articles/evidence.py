"""'Evidence at a glance': what an article's references add up to."""

import collections
import dataclasses


@dataclasses.dataclass(frozen=True)
class EvidenceSummary:
    studies: int
    designs: dict  # {study design label: number of studies}, in the references' order
    participants: int
    randomized: int
    unknown_size: int  # studies that do not report how many took part

    @classmethod
    def from_citations(cls, citations):
        return cls(
            studies=len(citations),
            designs=dict(collections.Counter(c.get_study_design_display() for c in citations)),
            participants=sum(c.participants or 0 for c in citations),
            randomized=sum(1 for c in citations if c.is_randomized),
            unknown_size=sum(1 for c in citations if c.participants is None),
        )

    def __bool__(self):
        return self.studies > 0

    @property
    def headline(self):
        """e.g. '1 study: pilot study / case series, 10 participants, not randomized'."""
        if not self.studies:
            return "No published studies are cited on this page."
        count = f"{self.studies} stud{'y' if self.studies == 1 else 'ies'}"
        designs = ", ".join(
            label.lower() if n == 1 else f"{n} \u00d7 {label.lower()}"
            for label, n in self.designs.items()
        )
        people = f"{self.participants} participant{'' if self.participants == 1 else 's'}"
        if self.unknown_size:
            people += " (size not reported for some)"
        if self.randomized == 0:
            randomized = "not randomized" if self.studies == 1 else "none randomized"
        elif self.randomized == self.studies:
            randomized = "randomized" if self.studies == 1 else "all randomized"
        else:
            randomized = f"{self.randomized} randomized"
        return f"{count}: {designs}, {people}, {randomized}"
