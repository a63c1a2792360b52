"""The texts the drafting tests read: the seed article and an invented release."""

from __future__ import annotations

from pathlib import Path

import pytest

import communique as cq
from communique.draft import Draft

ROOT = Path(__file__).resolve().parent.parent.parent
ARTICLE = ROOT / "examples" / "sco_aies_roundtable" / "article.txt"

# Invented for the tests, in the patterns such releases use: a titled first mention
# and later short ones, an institute with its acronym, a list of what was agreed, a
# direct quote, a proposal someone supported, dates relative to the publication and
# to each other.
INVENTED = """\
On 12 October, ASEAN Secretary-General Lena Marsh took part in a meeting with Kazakh \
Foreign Minister Daniyar Seitov in Astana, which was organised in cooperation with the \
Eurasian Institute for Strategic Studies (EISS). Representatives of the embassies of ASEAN \
countries attended the event.
Ms Marsh said that the meeting opened a new chapter in relations between ASEAN and Kazakhstan.
The sides agreed to:
\u2014 hold annual consultations on water security;
\u2014 exchange experts between their research centres.
Mr Seitov noted that Kazakhstan had ratified the Convention on Transboundary Watercourses \
in 2019. "We are ready to share our experience with the whole region," Mr Seitov said.
The participants supported Ms Marsh's proposal to set up a joint working group on climate \
adaptation.
Two weeks earlier, the Kazakh Government adopted its new strategy on water resources.
Kazakhstan pledged to host the next round of consultations in Almaty next May.
"""


@pytest.fixture(scope="session")
def seed_draft() -> Draft:
    return cq.draft(
        ARTICLE.read_text(encoding="utf-8"), published="2020-03-04", publisher="org:sco-secretariat"
    )


@pytest.fixture(scope="session")
def invented() -> Draft:
    return cq.draft(INVENTED, published="2031-10-14", publisher="org:asean")
