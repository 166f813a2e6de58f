"""Helpers shared by the unit and integration suites (importable: tests/python is on pythonpath)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

LAUNCH = dt.date(2026, 1, 8)


def read_entity(folder: Path, entity: str) -> pd.DataFrame:
    """One generated file as a DataFrame of text columns (None for empty)."""
    return pq.read_table(folder / f"{entity}.parquet").to_pandas()
