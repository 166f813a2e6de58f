"""The raw contract on a real Postgres (started here: initdb into a temp folder, stopped after):
`support-kpis load` puts hand-written exports into schema raw as text; dbt then names a missing
required table and column in one message, turns bad values into rejects (never a failed cast),
reads offsets, and keeps raw = accepted + rejected + duplicates. Expected values by hand."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import DBT, PROJECT_ROOT
from support_kpis import engines

pytestmark = pytest.mark.engines

TICKET_COLUMNS = ["ticket_id", "customer_id", "channel", "category", "created_at", "ai_confidence"]
TICKETS = [
    # accepted; +05:30 is 04:30 UTC
    ["T1", "C1", "web_chat", "billing", "2026-03-01T10:00:00+05:30", "0.8"],
    # an exact copy of T1: collapsed into it, counted as a duplicate
    ["T1", "C1", "web_chat", "billing", "2026-03-01T10:00:00+05:30", "0.8"],
    ["T2", "C2", "email", "billing", "not a date", ""],  # unparseable_timestamp
    ["T3", "C3", "email", "billing", "2026-02-30 10:00", ""],  # no 30 February
    ["T4", "C4", "sms", "billing", "2026-03-01 09:00:00", "abc"],  # unparseable_number
    ["T5", "C5", "sms", "billing", "2026-03-01 09:00:00Z", "1.5"],  # out_of_range (0..1)
]
EVENT_COLUMNS = ["event_id", "ticket_id", "event_at", "event_type", "to_tier"]
EVENTS = [
    ["E1", "T1", "2026-03-01T04:40:00Z", "customer_message", ""],
    ["E2", "T1", "2026-03-01 05:00:00-0100", "escalated", "two"],  # unparseable_integer
    ["E3", "T1", "2026-03-01T04:45:00", "escalated", "2"],
]


def _write(folder: Path, name: str, header: list[str], rows: list[list[str]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


@pytest.fixture(scope="module")
def pg_env():
    if not (engines.PG_BIN / "initdb").exists() or (
        os.geteuid() == 0 and not shutil.which("runuser")
    ):
        pytest.skip(f"no Postgres binaries under {engines.PG_BIN}")
    with engines.local_postgres() as env:
        yield env


def _dbt(args: list[str], env: dict[str, str], work: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            str(DBT),
            *args,
            "--target",
            "postgres",
            "--profiles-dir",
            "profiles",
            "--target-path",
            str(work / "target"),
            "--log-path",
            str(work / "logs"),
        ],
        cwd=PROJECT_ROOT,
        env={**os.environ, **env, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def _query(env: dict[str, str], sql: str) -> list[tuple]:
    with contextlib.closing(engines.pg_connect(env)) as connection, connection.cursor() as cur:
        cur.execute(sql)
        return cur.fetchall()


def test_missing_required_table_and_column_are_named(pg_env, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    _write(
        raw,
        "tickets",
        [c for c in TICKET_COLUMNS if c != "created_at"],
        [row[:4] + row[5:] for row in TICKETS],
    )
    counts = engines.load_postgres(raw, "raw", pg_env)
    assert counts["tickets"] == 6 and counts["ticket_events"] is None
    run = _dbt(["run", "-s", "stg_helpdesk__export_inventory"], pg_env, tmp_path)
    output = run.stdout + run.stderr
    assert run.returncode != 0
    assert "required table 'raw.ticket_events'" in output, output[-3000:]
    assert "table 'raw.tickets' is missing required column 'created_at'" in output


def test_bad_values_are_rejects_and_rows_reconcile(pg_env, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    _write(raw, "tickets", TICKET_COLUMNS, TICKETS)
    _write(raw, "ticket_events", EVENT_COLUMNS, EVENTS)
    engines.load_postgres(raw, "raw", pg_env)
    run = _dbt(
        [
            "build",
            "--resource-type",
            "model",
            "--resource-type",
            "seed",
            "-s",
            "+stg_helpdesk__rejects",
            "+stg_helpdesk__export_reconciliation",
            "+stg_helpdesk__tickets",
            "+stg_helpdesk__ticket_events",
        ],
        pg_env,
        tmp_path,
    )
    assert run.returncode == 0, (run.stdout + run.stderr)[-4000:]

    rejects = _query(
        pg_env,
        "select entity, record_key, reject_reason, reject_column "
        "from staging.stg_helpdesk__rejects order by 1, 2",
    )
    assert rejects == [
        ("ticket_events", "E2", "unparseable_integer", "to_tier"),
        ("tickets", "T2", "unparseable_timestamp", "created_at"),
        ("tickets", "T3", "unparseable_timestamp", "created_at"),
        ("tickets", "T4", "unparseable_number", "ai_confidence"),
        ("tickets", "T5", "out_of_range", "ai_confidence"),
    ]
    assert _query(pg_env, "select ticket_id, created_at from staging.stg_helpdesk__tickets") == [
        ("T1", dt.datetime(2026, 3, 1, 4, 30))
    ]
    # E3 has no offset: UTC already
    assert _query(
        pg_env, "select event_id, event_at from staging.stg_helpdesk__ticket_events order by 1"
    ) == [("E1", dt.datetime(2026, 3, 1, 4, 40)), ("E3", dt.datetime(2026, 3, 1, 4, 45))]
    reconciliation = _query(
        pg_env,
        "select entity, is_present, raw_rows, accepted_rows, "
        "rejected_rows, duplicate_rows "
        "from staging.stg_helpdesk__export_reconciliation "
        "where entity in ('tickets', 'ticket_events', 'agents') "
        "order by 1",
    )
    assert reconciliation == [
        ("agents", False, 0, 0, 0, 0),  # absent optional export: an empty table
        ("ticket_events", True, 3, 2, 1, 0),
        ("tickets", True, 6, 1, 4, 1),  # 6 raw = 1 accepted + 4 rejected + 1 copy
    ]
