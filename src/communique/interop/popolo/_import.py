"""Popolo import: Popolo data as communique entities."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

from ...converter import Converter, EntityError, default_converter
from ...model import ID_PATTERN, Entity
from ...record import Record
from ...vocab import Attribution, EventKind, MembershipStatus, OrganizationKind, StatementKind
from ._export import COLLECTIONS


class PopoloError(ValueError):
    """Popolo data that cannot become communique entities, with where it is."""


_PREFIXES: Final = {
    "persons": "person",
    "organizations": "org",
    "memberships": "membership",
    "events": "event",
    "speeches": "statement",
    "motions": "proposal",
}
# Popolo lists and the keys of their items that communique keeps.
_RICHER: Final = {
    "other_names": {"name", "note"},
    "attendees": {"id"},
    "identifiers": {"identifier", "scheme"},
}
# The fields of a membership that holds a post that a communique post carries.
_HOLDING: Final = frozenset(
    {"id", "person_id", "organization_id", "post_id", "role", "start_date", "end_date"}
)
_SLUG: Final = re.compile(r"[^A-Za-z0-9._~+-]+")
_KNOWN: Final = {
    "persons": {"id", "name", "other_names", "identifiers", "honorific_prefix"},
    "organizations": {
        "id",
        "name",
        "other_names",
        "identifiers",
        "classification",
        "parent_id",
        "founding_date",
        "dissolution_date",
    },
    "memberships": {
        "id",
        "role",
        "person_id",
        "member",
        "organization_id",
        "start_date",
        "end_date",
    },
    "events": {
        "id",
        "name",
        "description",
        "start_date",
        "end_date",
        "location",
        "identifiers",
        "classification",
        "organization_id",
        "attendees",
        "parent_id",
    },
    "speeches": {
        "id",
        "creator_id",
        "role",
        "attribution_text",
        "audience_id",
        "text",
        "date",
        "type",
        "event_id",
    },
    "motions": {"id", "creator_id", "text", "date", "legislative_session_id", "result"},
}


class _Ids:
    """Popolo ids to communique ids: kept when they already have a type
    prefix, prefixed when they are a plain slug, slugged otherwise."""

    def __init__(self) -> None:
        self.known: dict[tuple[str, str], str] = {}

    def __call__(self, collection: str, popolo_id: str) -> str:
        key = (collection, popolo_id)
        found = self.known.get(key)
        if found is None:
            found = self._make(collection, popolo_id)
            self.known[key] = found
        return found

    def ref(self, collection: str, popolo_id: str) -> str:
        for (c, p), cq_id in self.known.items():
            if p == popolo_id and (collection in (c, "agents")):
                return cq_id
        return self(collection if collection != "agents" else "organizations", popolo_id)

    @staticmethod
    def _make(collection: str, popolo_id: str) -> str:
        if ":" in popolo_id and ID_PATTERN.fullmatch(popolo_id):
            return popolo_id
        slug = _SLUG.sub("-", popolo_id).strip("-._~+") or "x"
        return f"{_PREFIXES.get(collection, 'org')}:{slug}"


# The keys of a membership that only says an agent is in a group.
_GROUP_MEMBER: Final = frozenset({"id", "organization_id", "person_id", "member"})


def from_popolo(data: Mapping[str, object], *, converter: Converter | None = None) -> Record:
    """Popolo data (a document with ``persons``, ``organizations``,
    ``memberships``, ``events``, ``speeches``, ``motions`` and ``posts`` lists,
    memberships and posts embedded in people and organisations included) as a
    record.

    Popolo fields that have no communique field are kept as extensions
    (``x-popolo:contact_details``) rather than dropped; an object without an
    ``id`` gets one from its list and position (``statement:speeches-0``);
    an original id that is not a communique id is kept as an identifier with the
    scheme ``popolo``.

    >>> record = from_popolo({"persons": [{"id": "john-q-public", "name": "John Q. Public"}]})
    >>> record.get("person:john-q-public").name
    'John Q. Public'
    """
    unknown = sorted(set(data) - set(COLLECTIONS))
    if unknown:
        raise PopoloError(f"unknown Popolo lists {unknown}; known: {', '.join(COLLECTIONS)}")
    items: dict[str, list[dict[str, Any]]] = {name: [] for name in COLLECTIONS}
    for name in COLLECTIONS:
        value = data.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise PopoloError(f"$.{name} must be a list of objects")
        items[name].extend(dict(v) for v in value)
    # Memberships and posts may come embedded in people and organisations.
    for owner, key in (("persons", "person_id"), ("organizations", "organization_id")):
        for obj in items[owner]:
            for membership in obj.pop("memberships", []):
                items["memberships"].append({key: obj.get("id"), **membership})
            for post in obj.pop("posts", []) if owner == "organizations" else []:
                items["posts"].append({"organization_id": obj.get("id"), **post})

    # The same membership may be embedded in its person and in its organisation.
    by_id: dict[str, dict[str, Any]] = {}
    for membership in items["memberships"]:
        embedded_id = membership.get("id")
        if embedded_id is None:
            by_id[f"#{len(by_id)}"] = membership
        else:
            by_id.setdefault(str(embedded_id), {}).update(membership)
    items["memberships"] = list(by_id.values())
    ids = _Ids()
    for name in _PREFIXES:
        for index, obj in enumerate(items[name]):
            obj.setdefault("id", f"{name}-{index}")
            ids(name, str(obj["id"]))
    posts = {str(p.get("id")): p for p in items["posts"] if p.get("id") is not None}
    held: dict[str, list[dict[str, Any]]] = {}
    person_posts: dict[str, list[dict[str, Any]]] = {}
    kept: dict[str, list[dict[str, Any]]] = {}
    organizations = {str(o.get("id")) for o in items["organizations"]}
    entities: list[Entity] = []
    importer = _Importer(ids, converter or default_converter)
    memberships: list[dict[str, Any]] = []
    # A group's members are exported as bare memberships of the group: they come
    # back as its members, not as memberships (which name an organisation).
    groups = {
        str(o.get("id")) for o in items["organizations"] if o.get("classification") == "group"
    }
    members: dict[str, list[str]] = {}
    for index, obj in enumerate(items["memberships"]):
        group = str(obj.get("organization_id"))
        if group in groups and set(obj) <= _GROUP_MEMBER:
            where = f"$.memberships[{index}]"
            members.setdefault(group, []).append(importer.member(where, obj))
    items["memberships"] = [
        obj
        for obj in items["memberships"]
        if not (str(obj.get("organization_id")) in groups and set(obj) <= _GROUP_MEMBER)
    ]
    for obj in items["memberships"]:
        post = posts.get(str(obj.get("post_id")))
        if obj.get("person_id") is None or post is None:
            memberships.append(obj)
            continue
        # Holding a post is a person's post in communique, not a membership.
        person = ids.ref("persons", str(obj["person_id"]))
        person_posts.setdefault(person, []).append(importer.post(obj, post))
        if str(post.get("organization_id")) not in organizations:
            kept.setdefault(str(obj["person_id"]), []).append(post)
        if set(obj) - _HOLDING:
            held.setdefault(str(obj["person_id"]), []).append(obj)
    for post in items["posts"]:
        owner = str(post.get("organization_id"))
        if owner in organizations:
            kept.setdefault(owner, []).append(post)
        elif not any(post in v for v in kept.values()):
            raise PopoloError(
                f"post {post.get('id')!r} has neither an organisation nor a holder in the data"
            )
    for index, obj in enumerate(items["persons"]):
        person_id = ids("persons", obj["id"])
        entities.append(
            importer.person(
                f"$.persons[{index}]",
                obj,
                person_posts.get(person_id, []),
                kept.get(str(obj["id"])),
                held.get(str(obj["id"])),
            )
        )
    for index, obj in enumerate(items["organizations"]):
        where = f"$.organizations[{index}]"
        entities.append(
            importer.organization(
                where, obj, kept.get(str(obj["id"])), members.get(str(obj["id"]), [])
            )
        )
    entities.extend(importer.membership("$.memberships", obj) for obj in memberships)
    for name, make in (("events", importer.event), ("speeches", importer.speech)):
        entities.extend(make(f"$.{name}[{i}]", obj) for i, obj in enumerate(items[name]))
    votes = {}
    for obj in items["vote_events"]:
        if obj.get("motion_id") is not None:
            votes[str(obj["motion_id"])] = obj
    entities.extend(
        importer.motion(f"$.motions[{i}]", obj, votes.get(str(obj["id"])))
        for i, obj in enumerate(items["motions"])
    )
    return Record(entities)


class _Importer:
    """Popolo objects as communique data, structured by the converter so that
    a value of the wrong type is a located error, not a malformed entity."""

    def __init__(self, ids: _Ids, converter: Converter) -> None:
        self.ids = ids
        self.converter = converter

    def structure(self, where: str, data: dict[str, Any]) -> Entity:
        extensions = data.pop("extensions", {})
        clean = {k: v for k, v in data.items() if v is not None and v != []}
        try:
            return self.converter.structure_entity({**clean, **extensions})
        except EntityError as exc:
            details = "; ".join(f"{p.path}: {p.message}" for p in exc.problems)
            raise PopoloError(f"{where} ({data['id']}): {details}") from None

    def _base(self, collection: str, obj: Mapping[str, Any]) -> dict[str, Any]:
        popolo_id = str(obj["id"])
        cq_id = self.ids(collection, popolo_id)
        identifiers = [
            {"scheme": i.get("scheme") or "unknown", "value": i.get("identifier")}
            for i in obj.get("identifiers") or []
        ]
        if cq_id != popolo_id:
            identifiers.append({"scheme": "popolo", "value": popolo_id})
        extensions: dict[str, Any] = {
            f"x-popolo:{key}": value
            for key, value in obj.items()
            if key not in _KNOWN[collection] and value is not None
        }
        # Lists whose items carry more than the model keeps stay whole as extensions.
        for key, keys in _RICHER.items():
            values = obj.get(key)
            if isinstance(values, list) and any(
                not isinstance(v, Mapping) or set(v) - keys for v in values
            ):
                extensions[f"x-popolo:{key}"] = values
        return {"id": cq_id, "identifiers": identifiers, "extensions": extensions}

    def person(
        self,
        where: str,
        obj: Mapping[str, Any],
        posts: list[dict[str, Any]],
        kept: list[dict[str, Any]] | None,
        held: list[dict[str, Any]] | None,
    ) -> Entity:
        base = self._base("persons", obj)
        if kept:
            base["extensions"]["x-popolo:posts"] = kept
        if held:
            base["extensions"]["x-popolo:memberships"] = held
        name = obj.get("name") or " ".join(
            str(obj[k]) for k in ("given_name", "family_name") if obj.get(k)
        )
        return self.structure(
            where,
            {
                "type": "person",
                **base,
                "name": name or None,
                "honorific": obj.get("honorific_prefix"),
                "other_names": _other_names(obj),
                "posts": posts,
            },
        )

    def post(self, membership: Mapping[str, Any], post: Mapping[str, Any]) -> dict[str, Any]:
        org = post.get("organization_id") or membership.get("organization_id")
        data = {
            "title": post.get("label") or post.get("role") or membership.get("role"),
            "organization": self.ids.ref("organizations", str(org)) if org else None,
            "start": membership.get("start_date") or post.get("start_date"),
            "end": membership.get("end_date") or post.get("end_date"),
        }
        return {k: v for k, v in data.items() if v is not None}

    def organization(
        self,
        where: str,
        obj: Mapping[str, Any],
        kept: list[dict[str, Any]] | None,
        members: list[str],
    ) -> Entity:
        base = self._base("organizations", obj)
        if kept:
            base["extensions"]["x-popolo:posts"] = kept
        classification = obj.get("classification")
        names = _other_names(obj)
        common = {**base, "name": obj.get("name"), "other_names": names}
        if classification == "state":
            codes = [i["value"] for i in base["identifiers"] if i["scheme"] == "iso3166-1"]
            if codes:
                return self.structure(where, {"type": "state", **common, "country": codes[0]})
        if classification == "group":
            return self.structure(where, {"type": "group", **common, "members": members})
        acronyms = [n["name"] for n in names if n.get("note") == "acronym"]
        kind = None
        if isinstance(classification, str) and OrganizationKind.is_known(classification):
            kind = classification
        elif classification is not None:
            base["extensions"]["x-popolo:classification"] = classification
        parent = obj.get("parent_id")
        return self.structure(
            where,
            {
                "type": "organization",
                **common,
                "other_names": [n for n in names if n.get("note") != "acronym"],
                "acronym": acronyms[0] if acronyms else None,
                "kind": kind,
                "parent": self.ids.ref("organizations", str(parent)) if parent else None,
                "founded": obj.get("founding_date"),
                "dissolved": obj.get("dissolution_date"),
            },
        )

    def member(self, where: str, obj: Mapping[str, Any]) -> str:
        """The id of a membership's member: a person or another agent."""
        if obj.get("person_id") is not None:
            return self.ids.ref("persons", str(obj["person_id"]))
        if isinstance(obj.get("member"), Mapping) and obj["member"].get("id"):
            return self.ids.ref("agents", str(obj["member"]["id"]))
        raise PopoloError(f"{where} ({obj.get('id')}): the membership has no member")

    def membership(self, where: str, obj: Mapping[str, Any]) -> Entity:
        base = self._base("memberships", obj)
        member = self.member(where, obj)
        role = obj.get("role")
        status = "member"
        if isinstance(role, str) and MembershipStatus.is_known(role):
            status = role
        elif role is not None:
            base["extensions"]["x-popolo:role"] = role
        organization = obj.get("organization_id")
        return self.structure(
            where,
            {
                "type": "membership",
                **base,
                "member": member,
                "organization": self.ids.ref("organizations", str(organization))
                if organization is not None
                else None,
                "status": status,
                "start": obj.get("start_date"),
                "end": obj.get("end_date"),
            },
        )

    def event(self, where: str, obj: Mapping[str, Any]) -> Entity:
        base = self._base("events", obj)
        classification = obj.get("classification")
        kind = "other"
        if isinstance(classification, str) and EventKind.is_known(classification):
            kind = classification
        elif classification is not None:
            base["extensions"]["x-popolo:classification"] = classification
        start, end = obj.get("start_date"), obj.get("end_date")
        date = f"{start}/{end}" if start and end else start or (f"../{end}" if end else None)
        organiser, parent = obj.get("organization_id"), obj.get("parent_id")
        attendees = obj.get("attendees") or []
        return self.structure(
            where,
            {
                "type": "event",
                **base,
                "kind": kind,
                "title": obj.get("name"),
                "note": obj.get("description"),
                "date": date,
                "place": {"name": obj["location"]} if obj.get("location") else None,
                "organisers": [self.ids.ref("organizations", str(organiser))] if organiser else [],
                "participants": [
                    {"agent": self.ids.ref("persons", str(a.get("id"))), "roles": ["attendee"]}
                    for a in attendees
                    if isinstance(a, Mapping)
                ],
                "part_of": self.ids.ref("events", str(parent)) if parent else None,
            },
        )

    def speech(self, where: str, obj: Mapping[str, Any]) -> Entity:
        base = self._base("speeches", obj)
        kind_text = obj.get("type") or "speech"
        kind = "statement"
        if isinstance(kind_text, str) and StatementKind.is_known(kind_text):
            kind = kind_text
        else:
            base["extensions"]["x-popolo:type"] = kind_text
        creator, audience, event = (
            obj.get("creator_id"),
            obj.get("audience_id"),
            obj.get("event_id"),
        )
        return self.structure(
            where,
            {
                "type": "statement",
                **base,
                "kind": kind,
                "speakers": [self.ids.ref("persons", str(creator))] if creator else [],
                # A Popolo speech is a transcript's turn: its text is the full text.
                "attribution": Attribution.FULL_TEXT.value,
                "text": obj.get("text"),
                "capacity": obj.get("role"),
                "attribution_note": obj.get("attribution_text"),
                "addressees": [self.ids.ref("persons", str(audience))] if audience else [],
                "event": self.ids.ref("events", str(event)) if event else None,
                "date": obj.get("date"),
            },
        )

    def motion(
        self, where: str, obj: Mapping[str, Any], vote_event: Mapping[str, Any] | None
    ) -> Entity:
        base = self._base("motions", obj)
        creator, session = obj.get("creator_id"), obj.get("legislative_session_id")
        result = obj.get("result")
        statuses: list[dict[str, Any]] = []
        if result in ("pass", "fail"):
            statuses.append({"status": "adopted" if result == "pass" else "rejected"})
        elif result is not None:
            base["extensions"]["x-popolo:result"] = result
        if vote_event is not None:
            base["extensions"]["x-popolo:vote_event"] = dict(vote_event)
        return self.structure(
            where,
            {
                "type": "proposal",
                **base,
                "text": obj.get("text"),
                "proposers": [self.ids.ref("persons", str(creator))] if creator else [],
                "event": self.ids.ref("events", str(session)) if session else None,
                "date": obj.get("date"),
                "statuses": statuses,
            },
        )


def _other_names(obj: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [
        {k: n[k] for k in ("name", "note") if n.get(k) is not None}
        for n in obj.get("other_names") or []
        if isinstance(n, Mapping)
    ]
