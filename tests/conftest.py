"""Shared fixtures: the seed record, and its folder."""

from __future__ import annotations

from pathlib import Path

import pytest

import communique as cq

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "sco_aies_roundtable" / "record.yaml"


@pytest.fixture(scope="session")
def seed() -> cq.Record:
    return cq.load(SEED)
