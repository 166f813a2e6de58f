"""`support-kpis metrics`: the metrics reference generated from the project's own manifest lists
every canonical KPI with its formula, grain and mart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import DbtRun, assert_succeeded
from support_kpis.cli import main
from support_kpis.metrics import catalogue_names, mart_columns

pytestmark = pytest.mark.integration


def _manifest(run: DbtRun) -> Path:
    return run.db_path.parent / f"{run.db_path.stem}-target" / "manifest.json"


def test_metrics_lists_every_canonical_kpi_with_formula_grain_and_mart(
    full_utc: DbtRun, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert_succeeded(full_utc)
    out = tmp_path / "metrics.json"
    assert main(["metrics", "--manifest", str(_manifest(full_utc)), "--json", str(out)]) == 0
    text = capsys.readouterr().out
    entries = json.loads(out.read_text(encoding="utf-8"))
    assert {entry["name"] for entry in entries} == catalogue_names()
    marts = mart_columns()
    for entry in entries:
        assert entry["formula"] and entry["computed_as"] and entry["grain"], entry
        assert entry["mart"] in marts, entry
    fcr = next(entry for entry in entries if entry["name"] == "fcr_rate")
    assert "not** reopened within the window" in fcr["formula"]
    assert fcr["computed_as"].startswith("fcr_rate_numerator / fcr_rate_denominator")
    assert fcr["type"] == "ratio" and fcr["mart"] == "kpi_daily"
    assert "fcr_rate  (section 4, ratio metric)" in text
    assert f"{len(entries)} canonical metrics" in text


def test_metrics_without_a_manifest_says_how_to_get_one(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert main(["metrics", "--manifest", str(tmp_path / "missing.json")]) == 1
    assert "dbt parse" in capsys.readouterr().err
