"""communique.draft.agents: states, organisations, people and unnamed groups."""

from __future__ import annotations

import communique as cq
from communique.draft import Draft


def test_states_from_names_and_adjectives(invented: Draft) -> None:
    kazakhstan = invented.record.get("state:kz", cq.State)
    assert (kazakhstan.name, kazakhstan.country) == ("Kazakhstan", "KZ")
    quotes = [f.span.quote for f in invented.facts_of("state:kz")]
    assert quotes[0] == "Kazakh"  # "Kazakh Foreign Minister": the adjective
    assert "Kazakhstan" in quotes


def test_an_organisation_defined_with_its_acronym(invented: Draft) -> None:
    eiss = invented.record.get("org:eiss", cq.Organization)
    assert (eiss.name, eiss.acronym) == ("Eurasian Institute for Strategic Studies", "EISS")
    assert eiss.evidence[0].quote == "Eurasian Institute for Strategic Studies (EISS)"


def test_the_longest_name_wins(seed_draft: Draft) -> None:
    # "the UN Office on Drugs and Crime" is UNODC, not a mention of the UN.
    unodc = seed_draft.record.get("org:unodc", cq.Organization)
    assert unodc.parent == "org:un"
    assert unodc.evidence[0].quote == "UN Office on\xa0Drugs and Crime"
    un_quotes = {(f.span.start, f.span.end) for f in seed_draft.facts_of("org:un")}
    assert all(
        not (e.start is not None and e.end is not None and e.start <= s < e.end)
        for s, _ in un_quotes
        for e in unodc.evidence
    )


def test_a_body_by_its_noun_takes_the_country_of_its_adjective(invented: Draft) -> None:
    government = invented.record.get("org:kazakh-government", cq.Organization)
    assert (government.kind, government.country) == ("government", "KZ")


def test_people_with_posts_and_their_later_mentions(invented: Draft, seed_draft: Draft) -> None:
    seitov = invented.record.get("person:daniyar-seitov", cq.Person)
    assert [(p.title, p.organization) for p in seitov.posts] == [("Foreign Minister", "state:kz")]
    quotes = [f.span.quote for f in invented.facts_of("person:daniyar-seitov")]
    assert quotes == ["Kazakh Foreign Minister Daniyar Seitov", "Mr Seitov", "Mr Seitov"]
    norov = seed_draft.record.get("person:vladimir-norov", cq.Person)
    assert [(p.title, p.organization) for p in norov.posts] == [("Secretary-General", "org:sco")]
    said = [f.span.quote for f in seed_draft.facts_of("person:vladimir-norov")]
    assert said.count("Mr Norov") >= 8
    assert "SCO Secretary-General" in said  # "The SCO Secretary-General told the audience"


def test_unnamed_groups(invented: Draft) -> None:
    group = invented.record.get(
        "group:representatives-of-the-embassies-of-asean-countries", cq.Group
    )
    assert group.drawn_from == ("org:asean",)
    assert invented.record.get("group:sides", cq.Group).name == "Sides"


# Invented for the patterns of a news item: a body named in full and later by an
# acronym it never defines, a post "of" a body with the name in apposition, a
# post after the name, and "the centre's" for the body named before.
NEWS = (
    "Oslo, May 2031. The Nordic Centre for Arctic Studies received the Director-General of "
    "the International Atomic Energy Agency, Mara Quint, for a seminar on reactor safety. "
    "NCAS Director Ola Brenn chaired the seminar. Tove Lind, head of the centre's polar "
    "programme, spoke on monitoring."
)


def test_an_acronym_made_of_the_initials_of_a_body_named_before() -> None:
    drafted = cq.draft(NEWS, published="2031-05")
    centre = drafted.record.get("org:nordic-centre-for-arctic-studies", cq.Organization)
    assert centre.acronym == "NCAS"
    quotes = [f.span.quote for f in drafted.facts_of(centre.id)]
    assert quotes == ["Nordic Centre for Arctic Studies", "NCAS"]


def test_a_name_in_apposition_after_a_post_of_a_body() -> None:
    drafted = cq.draft(NEWS, published="2031-05")
    quint = drafted.record.get("person:mara-quint", cq.Person)
    assert [(p.title, p.organization) for p in quint.posts] == [("Director-General", "org:iaea")]


def test_a_title_after_an_acronym_defined_by_its_initials() -> None:
    drafted = cq.draft(NEWS, published="2031-05")
    brenn = drafted.record.get("person:ola-brenn", cq.Person)
    centre = "org:nordic-centre-for-arctic-studies"
    assert [(p.title, p.organization) for p in brenn.posts] == [("Director", centre)]


def test_a_post_in_apposition_after_a_name_refers_back_to_a_body() -> None:
    drafted = cq.draft(NEWS, published="2031-05")
    lind = drafted.record.get("person:tove-lind", cq.Person)
    centre = "org:nordic-centre-for-arctic-studies"
    assert [(p.title, p.organization) for p in lind.posts] == [
        ("Head of the polar programme", centre)
    ]
    assert lind.evidence[0].quote == "Tove Lind, head of the centre's polar programme"


def test_no_acronym_from_letters_that_are_not_the_initials() -> None:
    drafted = cq.draft("The Baltic Institute of Marine Research met. BMRX and NATO spoke.")
    institute = drafted.record.get("org:baltic-institute-of-marine-research", cq.Organization)
    assert institute.acronym is None


def test_the_publisher_named_in_its_own_text_by_its_acronym() -> None:
    drafted = cq.draft(NEWS, published="2031-05", publisher="org:ncas-oslo")
    centre = drafted.record.get("org:ncas-oslo", cq.Organization)
    assert (centre.name, centre.acronym, centre.note) == (
        "Nordic Centre for Arctic Studies",
        "NCAS",
        None,
    )
    brenn = drafted.record.get("person:ola-brenn", cq.Person)
    assert brenn.posts[0].organization == "org:ncas-oslo"
    other = cq.draft(NEWS, published="2031-05", publisher="org:ncasx")
    placeholder = other.record.get("org:ncasx", cq.Organization)
    assert placeholder.note is not None  # the text does not name it
    assert (
        other.record.get("org:nordic-centre-for-arctic-studies", cq.Organization).acronym == "NCAS"
    )


def test_a_post_in_apposition_that_names_its_body() -> None:
    text = "Ivo Marek, director of the Baltic Institute of Marine Research, spoke first."
    marek = cq.draft(text).record.get("person:ivo-marek", cq.Person)
    institute = "org:baltic-institute-of-marine-research"
    assert [(p.title, p.organization) for p in marek.posts] == [("Director", institute)]
