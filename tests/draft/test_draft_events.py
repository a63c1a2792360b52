"""communique.draft.events: events with kind, date, place and participants."""

from __future__ import annotations

import communique as cq
from communique.draft import Draft


def roles(event: cq.Event) -> dict[str, tuple[str, ...]]:
    return {p.agent: tuple(p.roles) for p in event.participants}


def test_an_event_taken_part_in(invented: Draft) -> None:
    meeting = invented.record.get("event:2031-10-12-meeting", cq.Event)
    assert meeting.kind == "meeting"
    assert meeting.date is not None
    assert (meeting.date.edtf, meeting.date.inferred) == ("2031-10-12", True)
    assert meeting.place == cq.Place(name="Astana", locality="Astana", country="KZ")
    assert meeting.organisers == ("org:eiss",)
    assert roles(meeting) == {
        "person:lena-marsh": ("participant",),
        "person:daniyar-seitov": ("participant",),
        "org:eiss": ("co_organiser",),
        "group:representatives-of-the-embassies-of-asean-countries": ("attendee",),
    }


def test_the_seed_s_events(seed_draft: Draft) -> None:
    events = {(e.kind, e.date.edtf if e.date else None) for e in seed_draft.record.events}
    assert events == {
        ("roundtable", "2020-03-04"),
        ("question_and_answer", "2020-03-04"),
        ("summit", "2018"),
        ("summit", "2019"),
        ("adoption", "2019-07-17"),
        ("signing", "2020-02-29"),
        ("accession", "2017"),
    }
    roundtable = next(e for e in seed_draft.record.events if e.kind == "roundtable")
    assert roundtable.title == "The SCO's role in promoting peace and security"
    assert roles(roundtable)["person:werner-fasslabend"] == ("speaker",)
    part = next(e for e in seed_draft.record.events if e.kind == "question_and_answer")
    assert part.part_of == roundtable.id
    assert part.attendance == cq.AttendanceMode.ONLINE
    signing = next(e for e in seed_draft.record.events if e.kind == "signing")
    assert signing.place is not None
    assert (signing.place.name, signing.place.country) == ("Doha", "QA")
    assert set(roles(signing)) == {"state:us", "org:taliban"}


# Invented: a report under a dateline, a guest welcomed to an event "on" a topic, a
# later definite mention of it, and sentences that say who moderated and who spoke.
REPORT = (
    "Bergen, June 2031.\n"
    "The Fjord Institute for Maritime Affairs welcomed the Director-General of the "
    "International Atomic Energy Agency, Mara Quint, to a seminar on coastal shipping. "
    "FIMA Director Ola Brenn chaired the seminar and moderated the questions. "
    "Tove Lind, head of the institute's ports programme, presented new figures."
)


def test_a_guest_welcomed_to_an_event_on_a_topic_under_a_dateline() -> None:
    drafted = cq.draft(REPORT, published="2031-06")
    (seminar,) = drafted.record.events
    assert (seminar.kind, seminar.subject) == ("seminar", "coastal shipping")
    assert seminar.date is not None
    assert (seminar.date.edtf, seminar.date.inferred, seminar.date.phrase) == (
        "2031-06",
        True,
        "June 2031",
    )
    assert seminar.place == cq.Place(name="Bergen", locality="Bergen")
    institute = "org:fjord-institute-for-maritime-affairs"
    assert seminar.organisers == (institute,)
    assert roles(seminar) == {
        institute: ("host",),
        "person:mara-quint": ("guest",),
        "person:ola-brenn": ("moderator", "chair"),
        "person:tove-lind": ("speaker",),
    }


def test_the_event_mentioned_again_is_the_same_event() -> None:
    drafted = cq.draft(REPORT, published="2031-06")
    (seminar,) = drafted.record.events
    quotes = [e.quote for e in seminar.evidence]
    assert quotes[1] == "FIMA Director Ola Brenn chaired the seminar and moderated the questions."


def test_no_dateline_date_for_an_event_when_the_first_line_is_no_dateline() -> None:
    text = (
        "Bergen, the port city, hosted a forum on fisheries held with Oslo. It ended in June 2031."
    )
    (forum,) = cq.draft(text, published="2031-06").record.events
    assert forum.date is None
    assert forum.subject == "fisheries"  # not what follows it in the sentence
