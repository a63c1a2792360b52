"""Typed use of loading and dumping, checked by ``mypy --strict`` (see
``tests/test_typing.py``).

Each ``assert_type`` states the type a user's checker must infer; each
``# type: ignore[...]`` marks a line the checker must reject (with
``warn_unused_ignores``, an ignore that is not needed is itself an error).
"""

from __future__ import annotations

from typing_extensions import assert_type

import communique as cq


def loading(text: str, errors: str) -> None:
    assert_type(cq.load("r.yaml"), cq.Record)
    assert_type(cq.load("r.yaml", errors="raise"), cq.Record)
    assert_type(cq.load("corpus/", errors="collect"), cq.LoadResult)
    assert_type(cq.load("corpus/", errors="collect").problems, tuple[cq.Problem, ...])
    assert_type(cq.load("corpus/", errors="collect").or_raise(), cq.Record)
    assert_type(cq.loads(text, "jsonl"), cq.Record)
    assert_type(cq.loads(text, "jsonl", errors="collect").record, cq.Record)
    assert_type(cq.iter_load("big.jsonl"), cq.EntityStream)
    assert_type(next(cq.iter_load("big.jsonl")), cq.Entity)
    assert_type(cq.iter_load("big.jsonl", errors="collect").problems, list[cq.Problem])
    cq.load("r.yaml", errors=errors)  # type: ignore[call-overload]
    cq.load("r.yaml", errors="ignore")  # type: ignore[call-overload]


def errors(error: cq.LoadError) -> None:
    assert_type(error.problems, tuple[cq.Problem, ...])
    assert_type(error.line, int | None)
    assert_type(error.column, int | None)
    assert_type(error.path, str | None)


def dumping(record: cq.Record) -> None:
    assert_type(cq.dumps(record, "yaml"), str)
    assert_type(cq.dump(record, "out.jsonl.gz"), None)
    cq.dump(cq.iter_load("big.jsonl"), "big.json")
    cq.dump([cq.Person(id="person:a", name="A")], "people.jsonl")
    cq.dump("not entities", "x.json")  # type: ignore[arg-type]


def progress(text: str) -> None:
    def shown(done: int, total: int) -> None: ...

    def counted(read: int) -> None: ...

    assert_type(cq.load("r.yaml", progress=shown), cq.Record)
    assert_type(cq.load("corpus/", errors="collect", progress=shown).files, tuple[str, ...])
    assert_type(cq.loads(text, "yaml", progress=shown, text_folder=".", keep_text=True), cq.Record)
    assert_type(cq.iter_load("big.jsonl", progress=lambda done, total: None), cq.EntityStream)
    cq.load("r.yaml", progress=counted)  # type: ignore[arg-type]


def formats(fmt: cq.FileFormat) -> None:
    assert_type(cq.format_of("r.jsonl.gz"), str)
    assert_type(cq.register_format(fmt), cq.FileFormat)
    assert_type(fmt.suffixes, tuple[str, ...])
