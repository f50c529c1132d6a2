"""Links from a trial registration number to the registry that holds the record.

ClinicalTrials.gov, ISRCTN and the EU Clinical Trials Register have pages of their own; the
other registries of the WHO's network (ANZCTR, ChiCTR, CTRI, DRKS, jRCT...) are reached
through the WHO's International Clinical Trials Registry Platform, which shows each record.
A number in no known form gets no link: it is shown as written.
"""

import re
from dataclasses import dataclass
from urllib.parse import quote

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class RegistryLink:
    number: str
    registry: str
    url: str


_ICTRP = "https://trialsearch.who.int/Trial2.aspx?TrialID={}"
_REGISTRIES = [
    (re.compile(r"NCT\d{8}"), "ClinicalTrials.gov", "https://clinicaltrials.gov/study/{}"),
    (re.compile(r"ISRCTN\d{8}"), _("ISRCTN registry"), "https://www.isrctn.com/{}"),
    (
        re.compile(r"(?:EudraCT\s*)?(\d{4}-\d{6}-\d{2})"),
        _("EU Clinical Trials Register"),
        "https://www.clinicaltrialsregister.eu/ctr-search/search?query={}",
    ),
    (
        re.compile(
            r"(?:ACTRN\d{14}|ChiCTR[-\w]+|CTRI/\d{4}/\d+/\d+|DRKS\d{8}|jRCT\w+|JPRN-\w+"
            r"|KCT\d{7}|IRCT\w+|PACTR\d+|TCTR\d+|RBR-\w+|SLCTR/\d{4}/\d+|NL-OMON\d+|ITMCTR\d+)"
        ),
        _("WHO International Clinical Trials Registry Platform"),
        _ICTRP,
    ),
]


def registry_link(registration):
    """The registry record of a registration number, or None when its form is unknown."""
    number = " ".join(registration.split())
    for pattern, registry, url in _REGISTRIES:
        match = pattern.fullmatch(number)
        if match:
            record = match.group(match.lastindex or 0)
            return RegistryLink(number=record, registry=registry, url=url.format(quote(record)))
    return None
