"""`support-kpis check-marts DB`: Great Expectations checks on the built marts.

- every rate `<m>` found by its `<m>_numerator` / `<m>_denominator` pair, in every table of
  schema `marts` (so a new KPI is covered without editing this file): numerator and denominator
  ≥ 0, numerator ≤ denominator, `<m>`, `<m>_ci_low`, `<m>_ci_high` within [0, 1];
- no duplicate grain keys (GRAINS);
- counts consistent with the accepted tickets: rows of fct_tickets = sum of
  kpi_daily.inbound_conversations = rows of staging.stg_helpdesk__tickets;
- the last build finished and built every model (raw.build_log): otherwise marts of two builds
  may sit side by side;
- every mart carries the last build's id (column build_id): a mart rebuilt alone, or left from
  an earlier build, is named with the build that made it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from support_kpis import _gx

MARTS_SCHEMA = "marts"
GRAINS: dict[str, list[str]] = {
    "fct_tickets": ["ticket_id"],
    "kpi_daily": ["date_day", "channel", "category"],
    "kpi_daily_percentiles": ["date_day", "channel"],
}
NUMERATOR, DENOMINATOR = "_numerator", "_denominator"
# numerator/denominator pairs that are not proportions, so [0, 1] does not apply:
# tier2_deflection_rate = 1 - now/baseline is negative when tier-2 work grew; utilisation is above
# 1 when handle time exceeds the scheduled shift (the burnout signal it exists for); the weekly
# scorecard's `value` pair holds means (CES, MTTR) as well as rates.
NOT_PROPORTIONS = {"tier2_deflection_rate", "agent_utilization_rate", "value"}
# ratios compared with a tolerance: they are computed in double precision
EPSILON = 1e-9


@dataclass
class MartFinding:
    table: str
    check: str
    column: str | None
    unexpected_count: int
    detail: str


@dataclass
class MartReport:
    db_path: str
    tables: dict[str, int] = field(default_factory=dict)
    rates: dict[str, list[str]] = field(default_factory=dict)
    expectations: int = 0
    failures: list[MartFinding] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures

    def to_json(self) -> str:
        return json.dumps({**asdict(self), "passed": self.passed}, indent=2, default=str)

    def to_text(self) -> str:
        lines = [f"support-kpis check-marts {self.db_path}"]
        for table, rows in self.tables.items():
            rates = self.rates.get(table, [])
            lines.append(f"  {table}: {rows} rows, {len(rates)} rates checked")
        for failure in self.failures:
            where = f".{failure.column}" if failure.column else ""
            lines.append(
                f"  FAILED {failure.table}{where} {failure.check}: "
                f"{failure.unexpected_count} unexpected ({failure.detail})"
            )
        lines.append(
            f"{'PASSED' if self.passed else 'FAILED'}: {self.expectations} expectations, "
            f"{len(self.failures)} failed"
        )
        return "\n".join(lines)


def rate_names(columns: list[str]) -> list[str]:
    """Rates of a table: every `<m>` with both `<m>_numerator` and `<m>_denominator`."""
    present = set(columns)
    return sorted(
        c[: -len(NUMERATOR)]
        for c in columns
        if c.endswith(NUMERATOR)
        and c[: -len(NUMERATOR)] + DENOMINATOR in present
        and c[: -len(NUMERATOR)] not in NOT_PROPORTIONS
    )


def _table_expectations(table: str, frame: pd.DataFrame) -> tuple[list[Any], list[str]]:
    import great_expectations.expectations as gxe

    suite: list[Any] = []
    rates = rate_names(list(frame.columns))
    for rate in rates:
        numerator, denominator = rate + NUMERATOR, rate + DENOMINATOR
        for column in (numerator, denominator):
            suite.append(
                gxe.ExpectColumnValuesToBeBetween(
                    column=column, min_value=0, meta={"check": "not_negative"}
                )
            )
        suite.append(
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A=denominator,
                column_B=numerator,
                or_equal=True,
                ignore_row_if="either_value_is_missing",
                meta={"check": "numerator_le_denominator", "column": rate},
            )
        )
        for column in (rate, f"{rate}_ci_low", f"{rate}_ci_high"):
            if column in frame.columns:
                suite.append(
                    gxe.ExpectColumnValuesToBeBetween(
                        column=column,
                        min_value=-EPSILON,
                        max_value=1 + EPSILON,
                        meta={"check": "rate_within_0_1"},
                    )
                )
    grain = GRAINS.get(table)
    if grain and set(grain) <= set(frame.columns):
        if len(grain) == 1:
            suite.append(
                gxe.ExpectColumnValuesToBeUnique(column=grain[0], meta={"check": "unique_grain"})
            )
            suite.append(
                gxe.ExpectColumnValuesToNotBeNull(column=grain[0], meta={"check": "grain_not_null"})
            )
        else:
            suite.append(
                gxe.ExpectCompoundColumnsToBeUnique(
                    column_list=grain, ignore_row_if="never", meta={"check": "unique_grain"}
                )
            )
    return suite, rates


# raw.build_log statuses (macros/build_log.sql) that leave marts of different builds side by side
BUILD_PROBLEMS = {
    "running": "did not finish (killed, or still running): the marts may mix two builds",
    "models_failed": "had models that failed or were skipped: some marts may be from an "
    "earlier build",
}


def _last_build(con: duckdb.DuckDBPyConnection) -> tuple[str, str, Any] | None:
    """(build_id, status, started_at) of the latest dbt build/run, or None without a log."""
    [(has_log,)] = con.execute(
        "select count(*) from information_schema.tables where "
        "table_schema = 'raw' and table_name = 'build_log'"
    ).fetchall()
    if not has_log:
        return None
    rows = con.execute(
        "select build_id, status, started_at from raw.build_log "
        "order by started_at desc, finished_at desc nulls first limit 1"
    ).fetchall()
    return rows[0] if rows else None


BUILD_ID = "build_id"


def _started(con: duckdb.DuckDBPyConnection, build_id: str | None) -> str:
    """'build <id> (started <time> UTC)', or 'no recorded build' for an id not in the log."""
    if build_id is None:
        return "no recorded build"
    rows = con.execute(
        "select started_at from raw.build_log where build_id = ?", [build_id]
    ).fetchall()
    if not rows:
        return f"build {build_id} (not in raw.build_log)"
    return f"build {build_id} (started {rows[0][0]:%Y-%m-%d %H:%M:%S} UTC)"


def _build_findings(
    con: duckdb.DuckDBPyConnection, tables: list[str], last_build: tuple[str, str, Any] | None
) -> list[MartFinding]:
    """Marts without a build id, and marts made by another build than the last one (grouped by
    the build that made them). Without a build log (a warehouse not built by this project's
    dbt build) the most common id stands in for the last, and a mart may have none."""
    findings: list[MartFinding] = []
    by_build: dict[str | None, list[str]] = {}
    for table in tables:
        columns = [
            c
            for (c,) in con.execute(
                "select column_name from information_schema.columns where table_schema = ? "
                "and table_name = ?",
                [MARTS_SCHEMA, table],
            ).fetchall()
        ]
        if BUILD_ID not in columns:
            if last_build is None:  # not built by this project's dbt build: nothing to compare
                continue
            findings.append(
                MartFinding(
                    f"{MARTS_SCHEMA}.{table}",
                    "build_id_missing",
                    BUILD_ID,
                    1,
                    "has no build_id column: it was built by an older version of the project; "
                    "run dbt build again",
                )
            )
            continue
        for (build_id,) in con.execute(
            f'select distinct {BUILD_ID} from {MARTS_SCHEMA}."{table}"'
        ).fetchall():
            by_build.setdefault(build_id, []).append(table)
    if not by_build:
        return findings
    last_id = last_build[0] if last_build else max(by_build, key=lambda b: len(by_build[b]))
    for build_id, marts in sorted(by_build.items(), key=lambda item: str(item[0])):
        if build_id == last_id:
            continue
        shown = ", ".join(marts[:5]) + (f" and {len(marts) - 5} more" if len(marts) > 5 else "")
        findings.append(
            MartFinding(
                MARTS_SCHEMA,
                "marts_from_another_build",
                BUILD_ID,
                len(marts),
                f"{len(marts)} mart(s) ({shown}) were made by {_started(con, build_id)}, "
                f"not by the last {_started(con, last_id)}: the marts come from different builds; "
                "run dbt build again",
            )
        )
    return findings


def check_marts(db_path: Path | str) -> MartReport:
    """Run the mart expectations against a built DuckDB warehouse (opened read-only)."""
    db_path = Path(db_path)
    if not db_path.is_file():
        raise ValueError(f"no warehouse at {db_path}: run dbt build first")
    report = MartReport(db_path=str(db_path))
    frames: dict[str, pd.DataFrame] = {}
    with duckdb.connect(str(db_path), read_only=True) as con:
        con.execute("set TimeZone = 'UTC'")
        tables = [
            name
            for (name,) in con.execute(
                "select table_name from information_schema.tables where table_schema = ? "
                "order by table_name",
                [MARTS_SCHEMA],
            ).fetchall()
        ]
        for table in tables:
            frames[table] = con.execute(f'select * from {MARTS_SCHEMA}."{table}"').df()
        [(accepted_tickets,)] = con.execute(
            "select count(*) from staging.stg_helpdesk__tickets"
        ).fetchall()
        last_build = _last_build(con)
        build_findings = _build_findings(con, tables, last_build)
    if last_build is not None and last_build[1] in BUILD_PROBLEMS:
        build_id, status, started_at = last_build
        report.failures.append(
            MartFinding(
                "raw.build_log",
                f"build_{status}",
                None,
                1,
                f"the last build ({build_id}, started {started_at:%Y-%m-%d %H:%M:%S} UTC) "
                f"{BUILD_PROBLEMS[status]}: run dbt build again",
            )
        )
    report.failures.extend(build_findings)
    if "fct_tickets" not in frames or "kpi_daily" not in frames:
        raise ValueError(f"{db_path} has no {MARTS_SCHEMA}.fct_tickets / kpi_daily")
    runner = _gx.Runner()
    import great_expectations.expectations as gxe

    for table, frame in frames.items():
        suite, rates = _table_expectations(table, frame)
        if table == "fct_tickets":
            suite.append(
                gxe.ExpectTableRowCountToEqual(
                    value=accepted_tickets, meta={"check": "rows_equal_accepted_tickets"}
                )
            )
        if table == "kpi_daily":
            suite.append(
                gxe.ExpectColumnSumToBeBetween(
                    column="inbound_conversations",
                    min_value=accepted_tickets,
                    max_value=accepted_tickets,
                    meta={"check": "inbound_equals_accepted_tickets"},
                )
            )
        report.tables[table] = len(frame)
        report.rates[table] = rates
        report.expectations += len(suite)
        for outcome in runner.run(table, frame, suite):
            if outcome.success:
                continue
            expectation = outcome.expectation
            column = getattr(expectation, "column", None) or expectation.meta.get("column")
            detail = (
                f"observed {outcome.observed_value}, expected {accepted_tickets}"
                if outcome.observed_value is not None
                else f"of {outcome.element_count} rows"
            )
            report.failures.append(
                MartFinding(
                    table, expectation.meta["check"], column, outcome.unexpected_count, detail
                )
            )
    return report
