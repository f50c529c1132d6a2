"""The evidence box ("What we cite"), counted from an article's references, in the page's
language.

Honest counts: a systematic review is a review, never a randomized trial, and its
participants (already counted in the trials it pools, cited here or not) are never added to
the studies'. Primary end points are counted over the studies, not the reviews; a blank
answer is "not recorded", never a failure. A guideline or a regulator's page is a source,
not a study: it is counted apart.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext, ngettext


def _participants(count):
    return ngettext("%(n)s participant", "%(n)s participants", count) % {"n": count}


def _unknown_size(line, count):
    if not count:
        return line
    return gettext("%(line)s (size not reported for %(n)s)") % {"line": line, "n": count}


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
    other_designs: dict = field(default_factory=dict)  # {design label: studies}, in order
    endpoints: dict = field(default_factory=dict)  # {Citation.EndpointMet value: studies}
    registrations: tuple = ()
    sources: int = 0  # guidelines and official sources: not studies
    searched_on: object = None  # datetime.date, or None when not recorded

    @classmethod
    def from_citations(cls, citations, *, searched_on=None):
        sources = [c for c in citations if c.is_guidance]
        reviews = [c for c in citations if c.is_review]
        studies = [c for c in citations if not c.is_review and not c.is_guidance]
        trials = [c for c in studies if c.is_randomized]
        others = [c for c in studies if not c.is_randomized]
        return cls(
            studies=len(studies),
            reviews=len(reviews),
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
            sources=len(sources),
            searched_on=searched_on,
        )

    def __bool__(self):
        return bool(self.studies or self.reviews)

    @property
    def sources_line(self):
        if not self.sources:
            return ""
        return ngettext(
            "Also cited: %(n)s guideline or official source (not a study)",
            "Also cited: %(n)s guidelines or official sources (not studies)",
            self.sources,
        ) % {"n": self.sources}

    @property
    def headline(self):
        """e.g. "2 studies and 1 systematic review cited"."""
        if not self:
            return gettext("No published studies are cited on this page")
        studies = ngettext("%(n)s study", "%(n)s studies", self.studies) % {"n": self.studies}
        reviews = ngettext("%(n)s systematic review", "%(n)s systematic reviews", self.reviews) % {
            "n": self.reviews
        }
        if not self.reviews:
            return gettext("%(studies)s cited") % {"studies": studies}
        if not self.studies:
            return gettext("%(reviews)s cited") % {"reviews": reviews}
        return gettext("%(studies)s and %(reviews)s cited") % {
            "studies": studies,
            "reviews": reviews,
        }

    @property
    def randomized_line(self):
        if not self.randomized:
            return gettext("Randomized controlled trials: none cited")
        line = gettext("Randomized controlled trials: %(n)s, with %(participants)s") % {
            "n": self.randomized,
            "participants": _participants(self.randomized_participants),
        }
        return _unknown_size(line, self.randomized_unknown_size)

    @property
    def other_studies_line(self):
        count = self.studies - self.randomized
        if not count:
            return ""
        designs = ", ".join(
            label if n == 1 else f"{n} \u00d7 {label}" for label, n in self.other_designs.items()
        )
        line = gettext("Other studies: %(n)s (%(designs)s), with %(participants)s") % {
            "n": count,
            "designs": designs,
            "participants": _participants(self.other_participants),
        }
        return _unknown_size(line, self.other_unknown_size)

    @property
    def endpoint_line(self):
        """e.g. "Met their primary end point: 0 of 2 studies (not met: 2)"."""
        if not self.studies:
            return ""
        line = ngettext(
            "Met their primary end point: %(met)s of %(n)s study",
            "Met their primary end point: %(met)s of %(n)s studies",
            self.studies,
        ) % {"met": self.endpoints.get("yes", 0), "n": self.studies}
        labels = {
            "no": lambda n: gettext("not met: %(n)s") % {"n": n},
            "not_reported": lambda n: gettext("not reported by the authors: %(n)s") % {"n": n},
            # A blank is an answer nobody recorded here, not a failure to meet it.
            "": lambda n: (
                ngettext(
                    "not recorded here for %(n)s study", "not recorded here for %(n)s studies", n
                )
                % {"n": n}
            ),
        }
        details = [
            label(self.endpoints[value])
            for value, label in labels.items()
            if self.endpoints.get(value)
        ]
        return f"{line} ({'; '.join(details)})" if details else line

    @property
    def review_line(self):
        if not self.reviews:
            return ""
        return ngettext(
            "Reviews: %(n)s systematic review. A review pools other studies: its "
            "participants are not added to the counts above",
            "Reviews: %(n)s systematic reviews. A review pools other studies: their "
            "participants are not added to the counts above",
            self.reviews,
        ) % {"n": self.reviews}
