"""Shared fixtures: small generated data sets (generated once per session, never committed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import LAUNCH
from support_kpis.generate import GenerateConfig, generate


@pytest.fixture(scope="session")
def clean_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Contract-clean data, mostly post-launch, big enough for per-channel shares."""
    out = tmp_path_factory.mktemp("clean")
    generate(
        out, GenerateConfig(tickets=8000, days=60, seed=7, ai_launch_date=LAUNCH, bad_row_share=0)
    )
    return out


@pytest.fixture(scope="session")
def dirty(tmp_path_factory: pytest.TempPathFactory):
    """Data with contract-breaking rows (1%), and the generator's account of them."""
    out = tmp_path_factory.mktemp("dirty")
    result = generate(
        out,
        GenerateConfig(tickets=3000, days=30, seed=11, ai_launch_date=LAUNCH, bad_row_share=0.01),
    )
    return out, result
