"""The data the English recognisers look names up in, declared once.

States: ISO 3166-1 alpha-2 code, name, adjectives, other names and capital.
Organisations: well-known international bodies and movements that texts name by
acronym or short name alone. Both are small and meant to grow; a record passed as
``known`` adds to them.
"""

from __future__ import annotations

from typing import Final, NamedTuple

__all__ = ["ORGANISATIONS", "STATES", "KnownOrganisation", "KnownState"]


class KnownState(NamedTuple):
    """A state as texts name it."""

    code: str
    name: str
    adjectives: tuple[str, ...]
    other_names: tuple[str, ...]
    capital: str


class KnownOrganisation(NamedTuple):
    """A body texts name by acronym or a short form."""

    acronym: str | None
    name: str
    kind: str
    other_names: tuple[str, ...]
    parent: str | None


# code | name | adjectives (comma) | other names (comma) | capital
_STATES: Final = """
AF|Afghanistan|Afghan||Kabul
AL|Albania|Albanian||Tirana
DZ|Algeria|Algerian||Algiers
AM|Armenia|Armenian||Yerevan
AU|Australia|Australian||Canberra
AT|Austria|Austrian||Vienna
AZ|Azerbaijan|Azerbaijani||Baku
BD|Bangladesh|Bangladeshi||Dhaka
BY|Belarus|Belarusian||Minsk
BE|Belgium|Belgian||Brussels
BR|Brazil|Brazilian||Brasília
BG|Bulgaria|Bulgarian||Sofia
KH|Cambodia|Cambodian||Phnom Penh
CA|Canada|Canadian||Ottawa
CN|China|Chinese|People's Republic of China|Beijing
HR|Croatia|Croatian||Zagreb
CZ|Czech Republic|Czech|Czechia|Prague
DK|Denmark|Danish||Copenhagen
EG|Egypt|Egyptian||Cairo
EE|Estonia|Estonian||Tallinn
FI|Finland|Finnish||Helsinki
FR|France|French||Paris
GE|Georgia|Georgian||Tbilisi
DE|Germany|German||Berlin
GR|Greece|Greek||Athens
HU|Hungary|Hungarian||Budapest
IN|India|Indian||New Delhi
ID|Indonesia|Indonesian||Jakarta
IR|Iran|Iranian||Tehran
IQ|Iraq|Iraqi||Baghdad
IE|Ireland|Irish||Dublin
IL|Israel|Israeli||Jerusalem
IT|Italy|Italian||Rome
JP|Japan|Japanese||Tokyo
JO|Jordan|Jordanian||Amman
KZ|Kazakhstan|Kazakh,Kazakhstani||Astana
KE|Kenya|Kenyan||Nairobi
KG|Kyrgyzstan|Kyrgyz|Kyrgyz Republic|Bishkek
LA|Laos|Lao,Laotian||Vientiane
LV|Latvia|Latvian||Riga
LB|Lebanon|Lebanese||Beirut
LT|Lithuania|Lithuanian||Vilnius
MY|Malaysia|Malaysian||Kuala Lumpur
MV|Maldives|Maldivian||Malé
MX|Mexico|Mexican||Mexico City
MD|Moldova|Moldovan||Chișinău
MN|Mongolia|Mongolian||Ulaanbaatar
MM|Myanmar|Myanmar,Burmese|Burma|Naypyidaw
NP|Nepal|Nepalese,Nepali||Kathmandu
NL|Netherlands|Dutch||Amsterdam
NZ|New Zealand|New Zealand||Wellington
NG|Nigeria|Nigerian||Abuja
KP|North Korea|North Korean|Democratic People's Republic of Korea|Pyongyang
NO|Norway|Norwegian||Oslo
OM|Oman|Omani||Muscat
PK|Pakistan|Pakistani||Islamabad
PH|Philippines|Philippine,Filipino||Manila
PL|Poland|Polish||Warsaw
PT|Portugal|Portuguese||Lisbon
QA|Qatar|Qatari||Doha
RO|Romania|Romanian||Bucharest
RU|Russia|Russian|Russian Federation|Moscow
SA|Saudi Arabia|Saudi||Riyadh
RS|Serbia|Serbian||Belgrade
SG|Singapore|Singaporean||Singapore
SK|Slovakia|Slovak||Bratislava
SI|Slovenia|Slovenian||Ljubljana
ZA|South Africa|South African||Pretoria
KR|South Korea|South Korean|Republic of Korea|Seoul
ES|Spain|Spanish||Madrid
LK|Sri Lanka|Sri Lankan||Colombo
SE|Sweden|Swedish||Stockholm
CH|Switzerland|Swiss||Bern
SY|Syria|Syrian||Damascus
TJ|Tajikistan|Tajik||Dushanbe
TH|Thailand|Thai||Bangkok
TR|Turkey|Turkish|Türkiye|Ankara
TM|Turkmenistan|Turkmen||Ashgabat
UA|Ukraine|Ukrainian||Kyiv
AE|United Arab Emirates|Emirati|UAE|Abu Dhabi
GB|United Kingdom|British|UK,Great Britain|London
US|United States|American|United States of America,USA|Washington
UZ|Uzbekistan|Uzbek||Tashkent
VN|Viet Nam|Vietnamese|Vietnam|Hanoi
"""

# acronym | name | kind | other names (comma) | parent acronym
_ORGANISATIONS: Final = """
UN|United Nations|intergovernmental_organization||
UNODC|United Nations Office on Drugs and Crime|un_body|UN Office on Drugs and Crime|UN
UNDP|United Nations Development Programme|un_body|UN Development Programme|UN
UNESCO|United Nations Educational, Scientific and Cultural Organization|un_body||UN
UNHCR|Office of the United Nations High Commissioner for Refugees|un_body|UN Refugee Agency|UN
UNICEF|United Nations Children's Fund|un_body||UN
UNGA|United Nations General Assembly|un_body|UN General Assembly|UN
UNSC|United Nations Security Council|un_body|UN Security Council|UN
WHO|World Health Organization|un_body||UN
IAEA|International Atomic Energy Agency|intergovernmental_organization||
EU|European Union|supranational_union||
OSCE|Organization for Security and Co-operation in Europe|intergovernmental_organization|Organisation for Security and Co-operation in Europe|
ASEAN|Association of Southeast Asian Nations|intergovernmental_organization||
SCO|Shanghai Cooperation Organisation|intergovernmental_organization|Shanghai Cooperation Organization|
CIS|Commonwealth of Independent States|intergovernmental_organization||
CSTO|Collective Security Treaty Organization|intergovernmental_organization||
EAEU|Eurasian Economic Union|intergovernmental_organization||
NATO|North Atlantic Treaty Organization|intergovernmental_organization||
AU|African Union|intergovernmental_organization||
OAS|Organization of American States|intergovernmental_organization||
OIC|Organisation of Islamic Cooperation|intergovernmental_organization||
BRICS|BRICS|intergovernmental_organization||
CICA|Conference on Interaction and Confidence-Building Measures in Asia|intergovernmental_organization||
WTO|World Trade Organization|intergovernmental_organization||
IMF|International Monetary Fund|intergovernmental_organization||
ICRC|International Committee of the Red Cross|ngo||
|Taliban|armed_group||
|Islamic State|terrorist_organization|ISIS,ISIL,Daesh|
|al-Qaeda|terrorist_organization|Al-Qaeda,al-Qaida|
"""


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part for part in cell.split(",") if part)


STATES: Final = tuple(
    KnownState(code, name, _split(adjectives), _split(others), capital)
    for code, name, adjectives, others, capital in (
        line.split("|") for line in _STATES.strip().splitlines()
    )
)

ORGANISATIONS: Final = tuple(
    KnownOrganisation(acronym or None, name, kind, _split(others), parent or None)
    for acronym, name, kind, others, parent in (
        line.split("|") for line in _ORGANISATIONS.strip().splitlines()
    )
)
