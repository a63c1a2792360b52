"""The test of what a dump may write: classes that refer to themselves, annotations
that cannot be resolved, and many threads at the first use."""

from __future__ import annotations

import threading

import attrs

from communique._written import writable


@attrs.frozen
class Node:
    name: str = ""
    children: tuple[Node, ...] = ()


@attrs.frozen
class Hidden:
    value: Unresolvable  # type: ignore[name-defined]  # noqa: F821


@attrs.frozen
class Fresh:
    name: str
    count: int


def test_a_class_that_refers_to_itself_is_checked_all_the_way_down() -> None:
    assert writable(Node("a", (Node("b", (Node("c"),)),))) is None
    wrong = Node("a", (Node("b", (Node(5),)),))  # type: ignore[arg-type]
    assert writable(wrong) == ("$.children[0].children[0].name", "expected text, found int 5")


def test_annotations_that_cannot_be_resolved_leave_the_class_unchecked() -> None:
    assert writable(Hidden(value=object())) is None


def test_threads_that_check_a_class_first_at_once_all_get_the_answer() -> None:
    answers: list[object] = []
    start = threading.Barrier(8)

    def check(index: int) -> None:
        start.wait()
        answers.append(writable(Fresh(name="x", count=index)))
        answers.append(writable(Fresh(name="x", count=2**70)))

    threads = [threading.Thread(target=check, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers.count(None) == 8
    assert (
        answers.count(("$.count", "the integer 1180591620717411303424 does not fit in 64 bits"))
        == 8
    )
