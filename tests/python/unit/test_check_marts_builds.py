"""check-marts on hand-built warehouses: every mart must carry the last build's id, and the last
build must have finished (the dbt side is in the adversarial suite, with real builds)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from support_kpis.check_marts import check_marts
from support_kpis.cli import main

FIRST, SECOND = "11111111-aaaa", "22222222-bbbb"


def _warehouse(path: Path, marts: dict[str, str | None], log: list[tuple[str, str, str]]) -> Path:
    """marts: name -> build id held by its one row (None: the mart has no build_id column);
    log: raw.build_log rows (build_id, started_at, status)."""
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts; create schema staging; create schema raw")
        con.execute(
            "create table raw.build_log (build_id varchar, command varchar, "
            "started_at timestamp, finished_at timestamp, status varchar)"
        )
        for build_id, started, status in log:
            con.execute(
                "insert into raw.build_log values (?, 'build', ?, null, ?)",
                [build_id, started, status],
            )
        con.execute("create table staging.stg_helpdesk__tickets as select 'T1' as ticket_id")
        for name, build_id in {"fct_tickets": FIRST, "kpi_daily": FIRST, **marts}.items():
            key = ("ticket_id", "'T1'") if name == "fct_tickets" else ("inbound_conversations", 1)
            build = "" if build_id is None else f", '{build_id}' as build_id"
            con.execute(
                f"create or replace table marts.{name} as select {key[1]} as {key[0]}{build}"
            )
    return path


def _build_failures(db: Path) -> dict[str, str]:
    return {f.check: f.detail for f in check_marts(db).failures}


def test_marts_of_the_last_finished_build_pass(tmp_path: Path) -> None:
    db = _warehouse(
        tmp_path / "w.duckdb",
        {"nps_monthly": SECOND, "fct_tickets": SECOND, "kpi_daily": SECOND},
        [(FIRST, "2026-03-01 10:00:00", "success"), (SECOND, "2026-03-01 10:00:00.5", "success")],
    )
    assert _build_failures(db) == {}


def test_a_mart_of_an_earlier_build_is_named_with_its_build(tmp_path: Path) -> None:
    """nps_monthly was rebuilt alone (SECOND, half a second later): fct_tickets and kpi_daily
    still hold FIRST."""
    db = _warehouse(
        tmp_path / "w.duckdb",
        {"nps_monthly": SECOND},
        [(FIRST, "2026-03-01 10:00:00", "success"), (SECOND, "2026-03-01 10:00:00.5", "success")],
    )
    assert _build_failures(db) == {
        "marts_from_another_build": (
            f"2 mart(s) (fct_tickets, kpi_daily) were made by build {FIRST} (started 2026-03-01 "
            f"10:00:00 UTC), not by the last build {SECOND} (started 2026-03-01 10:00:00 UTC): the "
            "marts come from different builds; run dbt build again"
        )
    }
    assert main(["check-marts", str(db)]) == 1


def test_a_mart_without_a_build_id_and_a_build_that_did_not_finish(tmp_path: Path) -> None:
    db = _warehouse(
        tmp_path / "w.duckdb", {"nps_monthly": None}, [(FIRST, "2026-03-01 10:00:00", "running")]
    )
    failures = _build_failures(db)
    assert set(failures) == {"build_running", "build_id_missing"}
    assert failures["build_running"].startswith(
        f"the last build ({FIRST}, started 2026-03-01 10:00:00 UTC) did not finish"
    )
    assert "has no build_id column" in failures["build_id_missing"]
