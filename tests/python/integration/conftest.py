"""Integration fixtures: generated export folders, dbt runs against them, and DuckDB queries.

Every dbt invocation is expensive (a full parse alone takes a few seconds), so the suite runs dbt
six times in all, each in a session-scoped fixture that the tests share:

- three contract-error runs that stop in the on-run-start hook (test_dbt_contract_errors.py);
- `full_utc`: `dbt build` on a generated CSV folder with every export and some bad rows, with
  TZ=UTC;
- `full_kolkata`: the same folder, models only, with TZ=Asia/Kolkata (time zone independence);
- `core_new_york`: `dbt build` on a folder with only the required exports (generated with
  `only=tickets,ticket_events`, plus a few hand-written rows with offsets and spelling variants),
  with `reporting_timezone: America/New_York` and the machine in yet another time zone.

Every run gets its own DuckDB file, target path and log path under pytest's tmp dir, so the
tests never touch target/support_kpis.duckdb or another run's state.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from helpers import (  # noqa: F401  (shared with the adversarial and property suites)
    DBT,
    PROJECT_ROOT,
    DbtRun,
    assert_succeeded,
    query,
    query_df,
    run_dbt,
)
from support_kpis.generate import GenerateConfig, GenerateResult, generate

# Hand-written rows appended to the core-only folder (tickets.csv / ticket_events.csv). The
# expected values are worked out by hand in test_dbt_build.py::test_offsets_and_labels.
HAND_TICKETS: list[dict[str, str]] = [
    {
        "ticket_id": "HAND01",
        "customer_id": "CHAND01",
        "channel": "Web - Chat",
        "category": "order_status",
        "created_at": "2026-03-01T23:30:00-02:00",
    },
    {
        "ticket_id": "HAND02",
        "customer_id": "CHAND02",
        "channel": "fax",
        "category": "Order Status",
        "created_at": "2026-03-01T10:00:00+05:30",
    },
    {
        "ticket_id": "HAND03",
        "customer_id": "CHAND03",
        "channel": " EMAIL ",
        "category": "billing",
        "created_at": "2026-03-01T10:00:00Z",
    },
    {
        "ticket_id": "HAND04",
        "customer_id": "CHAND04",
        "channel": "sms",
        "category": "shipping",
        "created_at": "2026-03-02T02:00:00",
    },
    {
        "ticket_id": "HAND05",
        "customer_id": "CHAND05",
        "channel": "voice",
        "category": "returns",
        "created_at": "2026-01-10T03:00:00Z",
    },
]
HAND_EVENTS: list[dict[str, str]] = [
    {
        "event_id": "EHAND03A",
        "ticket_id": "HAND03",
        "event_at": "2026-03-01T10:00:00Z",
        "event_type": "customer_message",
    },
    # 05:10 at -05:00 is 10:10 UTC: ten minutes after the ticket was opened
    {
        "event_id": "EHAND03B",
        "ticket_id": "HAND03",
        "event_at": "2026-03-01T05:10:00-05:00",
        "event_type": "Agent - Message",
        "actor_id": "AHAND",
    },
    {
        "event_id": "EHAND04A",
        "ticket_id": "HAND04",
        "event_at": "2026-03-02T02:00:00",
        "event_type": " Customer   Message ",
    },
]


def read_csv_text(path: Path) -> pd.DataFrame:
    """A raw CSV export exactly as text: every column a string, empty fields stay ''."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def append_csv_rows(path: Path, rows: list[dict[str, str]]) -> None:
    """Append rows to a CSV export, matching its header (missing columns are empty) and its
    line endings (a file that mixes CR LF and LF rows is refused by the build)."""
    with path.open(encoding="utf-8", newline="") as handle:
        first_line = handle.readline()
        handle.seek(0)
        header = next(csv.reader(handle))
    ending = "\r\n" if first_line.endswith("\r\n") else "\n"
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, restval="", lineterminator=ending)
        writer.writerows(rows)


# ------------------------------------------------------------------------------- folders
@pytest.fixture(scope="session")
def full_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, GenerateResult]:
    """Every export as CSV, with the generator's default share of contract-breaking rows."""
    out = tmp_path_factory.mktemp("full_export")
    result = generate(out, GenerateConfig(tickets=3000, days=60, seed=23, file_format="csv"))
    return out, result


@pytest.fixture(scope="session")
def core_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Only the required exports (tickets, ticket_events), clean, plus the hand-written rows."""
    out = tmp_path_factory.mktemp("core_export")
    generate(
        out,
        GenerateConfig(
            tickets=2000,
            days=60,
            seed=29,
            file_format="csv",
            only=("tickets", "ticket_events"),
            bad_row_share=0,
        ),
    )
    append_csv_rows(out / "tickets.csv", HAND_TICKETS)
    append_csv_rows(out / "ticket_events.csv", HAND_EVENTS)
    return out


# ------------------------------------------------------------------------------- dbt runs
@pytest.fixture(scope="session")
def full_utc(
    full_export: tuple[Path, GenerateResult], tmp_path_factory: pytest.TempPathFactory
) -> DbtRun:
    """`dbt build` (models, seeds and data tests) on the full export, machine in UTC."""
    raw_path, _ = full_export
    db_path = tmp_path_factory.mktemp("full_utc") / "warehouse.duckdb"
    process = run_dbt(["build"], raw_path, db_path, {"TZ": "UTC"})
    return DbtRun(process, db_path, raw_path)


@pytest.fixture(scope="session")
def full_kolkata(
    full_export: tuple[Path, GenerateResult], tmp_path_factory: pytest.TempPathFactory
) -> DbtRun:
    """The same folder, tables only (no data tests), machine in Asia/Kolkata (UTC+05:30)."""
    raw_path, _ = full_export
    db_path = tmp_path_factory.mktemp("full_kolkata") / "warehouse.duckdb"
    process = run_dbt(
        ["build", "--exclude-resource-type", "test", "--exclude-resource-type", "unit_test"],
        raw_path,
        db_path,
        {"TZ": "Asia/Kolkata"},
    )
    return DbtRun(process, db_path, raw_path)


@pytest.fixture(scope="session")
def core_new_york(core_export: Path, tmp_path_factory: pytest.TempPathFactory) -> DbtRun:
    """`dbt build` on the required exports only, dates cut in America/New_York, machine in
    Pacific/Auckland (neither UTC nor the reporting zone)."""
    db_path = tmp_path_factory.mktemp("core_new_york") / "warehouse.duckdb"
    process = run_dbt(
        ["build"],
        core_export,
        db_path,
        {"TZ": "Pacific/Auckland"},
        {"reporting_timezone": "America/New_York"},
    )
    return DbtRun(process, db_path, core_export)
