"""The semantic layer answers `mf query` on DuckDB, and its ratio metrics at month grain equal
kpi_daily's additive parts re-aggregated in SQL (never an average of daily ratios)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import PROJECT_ROOT, DbtRun, assert_succeeded, query_df

pytestmark = pytest.mark.integration

MF = Path(sys.executable).parent / "mf"
# Rates (numerator / denominator) and means (sum / count) of kpi_daily.
RATIOS = {
    "fcr_rate": ("fcr_rate_numerator", "fcr_rate_denominator"),
    "csat": ("csat_numerator", "csat_denominator"),
    "deflection_rate": ("deflection_rate_numerator", "deflection_rate_denominator"),
    "escalation_rate": ("escalation_rate_numerator", "escalation_rate_denominator"),
    "escalation_precision": ("escalation_precision_numerator", "escalation_precision_denominator"),
    "first_response_time": ("first_response_time_sum", "first_response_time_count"),
    "aht": ("aht_sum", "aht_count"),
}


def mf_query(
    run: DbtRun,
    tmp_path: Path,
    metrics: list[str],
    group_by: list[str],
    db_path: Path | None = None,
) -> pd.DataFrame:
    """`mf query ... --csv` against the run's DuckDB file and the semantic manifest of that run.

    MetricFlow reads `<project>/target/semantic_manifest.json`; the run wrote its artifacts to its
    own target path, so a scratch project folder holds dbt_project.yml, the profile and that
    manifest. `db_path` (default: the run's file) is the warehouse file MetricFlow opens."""
    project = tmp_path / "mf_project"
    (project / "target").mkdir(parents=True)
    shutil.copy(PROJECT_ROOT / "dbt_project.yml", project)
    shutil.copytree(PROJECT_ROOT / "profiles", project / "profiles")
    manifest = run.db_path.parent / f"{run.db_path.stem}-target" / "semantic_manifest.json"
    shutil.copy(manifest, project / "target")
    out = tmp_path / "mf.csv"
    env = {
        **os.environ,
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_PROFILES_DIR": str(project / "profiles"),
        "SUPPORT_KPIS_DUCKDB_PATH": str(db_path or run.db_path),
        "TZ": "UTC",
    }
    process = subprocess.run(
        [
            str(MF),
            "query",
            "--metrics",
            ",".join(metrics),
            "--group-by",
            ",".join(group_by),
            "--csv",
            str(out),
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert process.returncode == 0 and out.exists(), process.stdout + process.stderr
    return pd.read_csv(out)


def test_ratio_metrics_at_month_grain_equal_the_reaggregated_parts(
    full_utc: DbtRun, tmp_path: Path
) -> None:
    assert_succeeded(full_utc)
    assert json.loads(
        (
            full_utc.db_path.parent / f"{full_utc.db_path.stem}-target" / "semantic_manifest.json"
        ).read_text()
    )["metrics"]
    answers = mf_query(
        full_utc, tmp_path, list(RATIOS), ["metric_time__month", "kpi_daily__channel"]
    )
    parts = ",\n".join(
        f"sum({num}) / nullif(sum({den}), 0) as {metric}" for metric, (num, den) in RATIOS.items()
    )
    expected = query_df(
        full_utc.db_path,
        f"""
        select
            cast(date_trunc('month', date_day) as date) as month_start,
            channel,
            {parts}
        from marts.kpi_daily
        group by 1, 2
    """,
    )
    expected["month_start"] = pd.to_datetime(expected["month_start"])
    answers["month_start"] = pd.to_datetime(answers["metric_time__month"])
    answers = answers.rename(columns={"kpi_daily__channel": "channel"})
    merged = expected.merge(
        answers,
        on=["month_start", "channel"],
        how="outer",
        suffixes=("_sql", "_mf"),
        indicator=True,
    )
    assert (merged["_merge"] == "both").all(), merged[merged["_merge"] != "both"]
    assert len(merged) >= 4
    for metric in RATIOS:
        sql, mf = merged[f"{metric}_sql"], merged[f"{metric}_mf"]
        assert (sql.isna() == mf.isna()).all(), metric
        assert ((sql - mf).abs().dropna() < 1e-9).all(), metric


def test_a_warehouse_copied_under_another_name_answers_mf_and_its_views(
    full_utc: DbtRun, tmp_path: Path
) -> None:
    """Relation names do not depend on the file's name: a copy elsewhere, under another name,
    answers `mf query` and every view in it reads (in DuckDB, a file's catalog is its name)."""
    import duckdb

    assert_succeeded(full_utc)
    copy = tmp_path / "elsewhere" / "renamed_copy.duckdb"
    copy.parent.mkdir()
    shutil.copy(full_utc.db_path, copy)
    original = mf_query(full_utc, tmp_path / "original", ["csat"], ["metric_time__month"])
    copied = mf_query(full_utc, tmp_path / "copied", ["csat"], ["metric_time__month"], db_path=copy)
    # the query has no order: compare the same months, whatever order each answer came in
    by_month = "metric_time__month"
    pd.testing.assert_frame_equal(
        copied.sort_values(by_month, ignore_index=True),
        original.sort_values(by_month, ignore_index=True),
    )
    assert len(original) > 0
    with duckdb.connect(str(copy), read_only=True) as con:
        views = con.sql(
            "select schema_name, view_name from duckdb_views() where not internal"
        ).fetchall()
        assert ("staging", "stg_helpdesk__tickets") in views
        for schema, view in views:
            con.sql(f'select count(*) from "{schema}"."{view}"').fetchall()
