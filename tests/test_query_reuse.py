"""A filtered query can be counted, listed and sorted, each time with the same answer."""

from __future__ import annotations

import communique as cq


def test_a_filtered_query_is_not_used_up_by_counting() -> None:
    record = cq.Record(
        [
            cq.Organization(id="org:sco", name="Shanghai Cooperation Organisation", acronym="SCO"),
            cq.Organization(id="org:sco-secretariat", name="SCO Secretariat"),
            cq.Organization(id="org:aies", name="Austrian Institute"),
        ]
    )
    named = record.organizations.filter(lambda o: o.name.startswith("S"))
    assert len(named) == 2
    assert [o.id for o in named] == ["org:sco", "org:sco-secretariat"]
    assert list(named) == list(named)
    assert named.order_by(lambda o: o.name).ids() == ["org:sco-secretariat", "org:sco"]
    assert named.where(acronym="SCO").one().id == "org:sco"
