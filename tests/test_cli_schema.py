"""``communique schema``: the JSON Schema of the format, printed.

Kept apart from ``test_cli.py`` because the schema itself is built in
:mod:`communique.schema`; this test fails wherever that module is missing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import jsonschema

import communique as cq
from clirun import MODULE, SEED, run


def constants(node: object) -> Iterator[str]:
    """Every text a schema pins a value to (``const`` and ``enum``)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "const" and isinstance(value, str):
                yield value
            elif key == "enum" and isinstance(value, list):
                yield from (v for v in value if isinstance(v, str))
            else:
                yield from constants(value)
    elif isinstance(node, list):
        for item in node:
            yield from constants(item)


def test_schema_prints_a_json_schema_with_every_type_tag() -> None:
    result = run(MODULE, "schema")
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    assert "$schema" in schema
    assert set(cq.default_registry.tags()) <= set(constants(schema))
    document = cq.dumps(cq.load(SEED), format="json")
    validator(schema).validate(json.loads(document))
