"""Popolo JSON: export of people, organisations, memberships, posts, events,
speeches and motions, and import of Popolo data into communique entities.

The export is one document with a list per Popolo class (``persons``,
``organizations``, ``memberships``, ``posts``, ``events``, ``speeches``,
``motions``, ``vote_events``), each object valid against the Popolo schemas.
States and unnamed groups are organisations (``classification`` ``state`` and
``group``); a person's posts are Popolo posts with the memberships that hold
them; statements are speeches and proposals motions, with their recorded vote
as a vote event. Everything Popolo cannot carry (a participant's roles,
evidence spans, responses to a proposal, inferred dates, documents,
extensions...) is listed in the export's ``losses``.

>>> import communique as cq
>>> record = cq.Record([cq.Person(id="person:a", name="A", posts=(cq.Post(title="Envoy"),))])
>>> export = to_popolo(record)
>>> export.data["persons"], [p["label"] for p in export.data["posts"]], export.losses
([{'id': 'person:a', 'name': 'A'}], ['Envoy'], ())
"""

from __future__ import annotations

from ._export import COLLECTIONS, to_popolo
from ._import import PopoloError, from_popolo

__all__ = ["COLLECTIONS", "PopoloError", "from_popolo", "to_popolo"]
