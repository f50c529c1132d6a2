"""'Evidence at a glance': what an article's references add up to."""

import collections
import dataclasses

from django.utils.translation import gettext, ngettext


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
        """e.g. '1 study: pilot study / case series, 10 participants, not randomized', in
        the page's language."""
        if not self.studies:
            return gettext("No published studies are cited on this page.")
        count = ngettext("%(n)s study", "%(n)s studies", self.studies) % {"n": self.studies}
        designs = ", ".join(
            label.lower() if n == 1 else f"{n} \u00d7 {label.lower()}"
            for label, n in self.designs.items()
        )
        people = ngettext("%(n)s participant", "%(n)s participants", self.participants) % {
            "n": self.participants
        }
        if self.unknown_size:
            people = gettext("%(participants)s (size not reported for some)") % {
                "participants": people
            }
        if self.randomized == 0:
            randomized = ngettext("not randomized", "none randomized", self.studies)
        elif self.randomized == self.studies:
            randomized = ngettext("randomized", "all randomized", self.studies)
        else:
            randomized = ngettext("%(n)s randomized", "%(n)s randomized", self.randomized) % {
                "n": self.randomized
            }
        return gettext("%(studies)s: %(designs)s, %(participants)s, %(randomized)s") % {
            "studies": count,
            "designs": designs,
            "participants": people,
            "randomized": randomized,
        }
