"""The collector is paused during a load, and resumed as it was."""

from __future__ import annotations

import gc
import threading
from typing import Any

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
    converter = cq.converter.default_converter
    structure, decoder = converter.structure_entity, converter.entity_decoder

    def spy_structure(data: object, cls: type | None = None) -> cq.Entity:
        seen.append(gc.isenabled())
        return structure(data, cls)

    def spy_decoder() -> Any:
        seen.append(gc.isenabled())
        return decoder()

    converter.structure_entity = spy_structure  # type: ignore[method-assign]
    converter.entity_decoder = spy_decoder  # type: ignore[method-assign]
    try:
        # Decoded straight, and read by the converter (an extension).
        record = cq.loads(
            b'{"type": "organization", "id": "org:sco", "name": "SCO"}\n'
            b'{"type": "organization", "id": "org:un", "name": "UN", "x-a:b": 1}\n',
            "jsonl",
        )
    finally:
        del converter.structure_entity
        del converter.entity_decoder
    assert len(record) == 2
    assert seen == [False, False]
    assert gc.isenabled()


def test_what_a_load_made_goes_to_the_oldest_generation_at_once() -> None:
    import communique as cq

    record = cq.loads(b'{"type": "organization", "id": "org:sco", "name": "SCO"}\n', "jsonl")
    (entity,) = record.entities
    young = {id(o) for o in gc.get_objects(generation=0) + gc.get_objects(generation=1)}
    assert id(entity) not in young
    assert any(o is entity for o in gc.get_objects(generation=2))


def test_objects_a_program_froze_stay_frozen_across_a_load() -> None:
    import communique as cq

    held = [object()]  # a tracked object of the program's, frozen with the rest
    gc.freeze()
    try:
        cq.loads(b'{"type": "organization", "id": "org:sco", "name": "SCO"}\n', "jsonl")
        # Frozen objects are in no generation (the count itself moves as frozen
        # objects are freed); unfrozen, the list would be in the oldest.
        assert gc.get_freeze_count() > 0
        assert all(o is not held for g in range(3) for o in gc.get_objects(generation=g))
    finally:
        gc.unfreeze()
    assert any(o is held for o in gc.get_objects(generation=2))
