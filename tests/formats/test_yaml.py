"""YAML: safe, the 1.2 core schema, numbers that fit, located problems."""

from __future__ import annotations

import pytest

import communique as cq
from communique.formats import yaml as yaml_format


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("012", 12),  # YAML 1.1 would read octal 10
        ("0o17", 15),
        ("0x1F", 31),
        ("-42", -42),
        ("9223372036854775807", 2**63 - 1),
        ("-9223372036854775808", -(2**63)),
        ("1_000", "1_000"),
        ("NO", "NO"),
        ("yes", "yes"),
        ("2020-03-04", "2020-03-04"),
        ("1.5e3", 1500.0),
        (".5", 0.5),
        ("5e-324", 5e-324),
        ("0e-999", 0.0),
        ("~", None),
        ("True", True),
    ],
)
def test_plain_scalars_follow_the_core_schema(text: str, value: object) -> None:
    assert yaml_format.loads(f"a: {text}\n") == {"a": value}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: 1\nb: 2\na: 3\n", "f.yaml:3:1: $: duplicate key 'a'"),
        ("? [1]\n: 2\n", "f.yaml:1:3: $: keys must be text, found a sequence"),
        (
            "a: !!python/tuple [1]\n",
            "f.yaml:1:4: $: the tag 'tag:yaml.org,2002:python/tuple' is not allowed",
        ),
        ("a: !!set {x}\n", "f.yaml:1:4: $: the tag 'tag:yaml.org,2002:set' is not allowed"),
        (
            "a: 99999999999999999999\n",
            "f.yaml:1:4: $: the integer 99999999999999999999 does not fit in 64 bits",
        ),
        ("a: -.inf\n", "f.yaml:1:4: $: -.inf is not a finite number, and JSON cannot hold it"),
        (
            "a: [\n",
            "f.yaml:2:1: $: while parsing a flow node did not find expected node content",
        ),
    ],
)
def test_problems_are_refused_with_their_place(text: str, message: str) -> None:
    with pytest.raises(cq.ParseError) as info:
        yaml_format.loads(text, file="f.yaml")
    assert str(info.value) == message


def test_merge_keys_are_refused_and_a_quoted_key_is_text() -> None:
    # YAML 1.2 has no merge keys, but whoever writes a plain << means one (YAML 1.1):
    # refused loudly rather than read as a key named "<<". Quoted, it is text.
    with pytest.raises(cq.ParseError, match="merge keys"):
        yaml_format.loads("a: &x 1\nb:\n  <<: *x\n")
    with pytest.raises(cq.ParseError, match="merge keys"):
        yaml_format.loads("a: &x {k: 1}\nb:\n  !!merge <<: *x\n")
    assert yaml_format.loads('a: &x 1\nb:\n  "<<": *x\n') == {"a": 1, "b": {"<<": 1}}


def test_an_alias_bomb_is_refused_before_it_is_walked() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    with pytest.raises(cq.ParseError) as info:
        yaml_format.loads("\n".join(lines) + "\n")
    assert [p.code for p in info.value.problems] == ["too-large"]


def test_line_of_finds_keys_and_items() -> None:
    text = "entities:\n  - id: a\n    name: A\n  - id: b\n"
    assert yaml_format.line_of(text, ("entities", 1, "id")) == (4, 5)
    assert yaml_format.line_of(text, ("entities", 0)) == (2, 5)
    assert yaml_format.line_of(text, ("entities", 0, "missing")) == (2, 5)
