"""Shared fixtures (the seed record) and the Hypothesis profiles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import communique as cq

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "sco_aies_roundtable" / "record.yaml"


@pytest.fixture(scope="session")
def seed() -> cq.Record:
    return cq.load(SEED)


# Hypothesis profiles. The default run is fixed (derandomized: the same examples on
# every run and machine) and bounded; COMMUNIQUE_PROFILE=long draws many more, at
# random, for a longer search: `COMMUNIQUE_PROFILE=long make test`.
settings.register_profile(
    "default",
    max_examples=100,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "long",
    max_examples=5000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("COMMUNIQUE_PROFILE", "default"))
