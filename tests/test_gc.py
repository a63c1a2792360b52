"""The collector is paused during a load, and resumed as it was."""

from __future__ import annotations

import gc
import threading

from communique import _gc


def test_paused_resumes_the_collector_once_after_nested_uses() -> None:
    assert gc.isenabled()
    with _gc.paused():
        assert not gc.isenabled()
        with _gc.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_paused_leaves_a_disabled_collector_disabled() -> None:
    gc.disable()
    try:
        with _gc.paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_paused_resumes_after_an_error_and_across_threads() -> None:
    inside = threading.Event()
    release = threading.Event()

    def load() -> None:
        with _gc.paused():
            inside.set()
            release.wait(5)

    worker = threading.Thread(target=load)
    worker.start()
    inside.wait(5)
    try:
        with _gc.paused():
            raise ValueError("bad input")
    except ValueError:
        pass
    assert not gc.isenabled()  # the other load is still running
    release.set()
    worker.join(5)
    assert gc.isenabled()


def test_loading_runs_with_the_collector_paused() -> None:
    import communique as cq

    seen: list[bool] = []
    original = cq.converter.default_converter.structure_entity

    def spy(data: object, cls: type | None = None) -> cq.Entity:
        seen.append(gc.isenabled())
        return original(data, cls)

    cq.converter.default_converter.structure_entity = spy  # type: ignore[method-assign]
    try:
        record = cq.loads(b'{"type": "organization", "id": "org:sco", "name": "SCO"}\n', "jsonl")
    finally:
        del cq.converter.default_converter.structure_entity
    assert len(record) == 1
    assert seen == [False]
    assert gc.isenabled()
