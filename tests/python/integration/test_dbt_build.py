"""dbt build on generated exports: reconciliation, KPI totals, no personal data in marts,
optional exports, time zone independence, offsets and label normalisation."""

from __future__ import annotations

import datetime as dt
import math
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import pyarrow.csv as pacsv
import pytest

from conftest import (
    HAND_TICKETS,
    DbtRun,
    assert_succeeded,
    query,
    query_df,
    read_csv_text,
)

pytestmark = pytest.mark.integration

UTC = dt.UTC


def _utc_naive(text: str) -> dt.datetime:
    """The contract's reading of an ISO-8601 timestamp: offset-less text is UTC."""
    value = dt.datetime.fromisoformat(text)
    if value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)


def _reporting_date(utc_naive: dt.datetime, zone: str) -> dt.date:
    return utc_naive.replace(tzinfo=UTC).astimezone(ZoneInfo(zone)).date()


def _expected_ticket_times(raw_path: Path, zone: str) -> pd.DataFrame:
    """created_at (naive UTC) and created_date in `zone` for every raw ticket with a parseable
    created_at and an unambiguous id, computed in Python from the CSV."""
    tickets = (
        read_csv_text(raw_path / "tickets.csv")
        .drop_duplicates()  # exact duplicates collapse
        .drop_duplicates("ticket_id", keep=False)
    )  # conflicting ids are rejected
    rows = []
    for ticket_id, text in zip(tickets["ticket_id"], tickets["created_at"], strict=True):
        try:
            created_at = _utc_naive(text)
        except ValueError:
            continue
        rows.append((ticket_id, created_at, _reporting_date(created_at, zone)))
    return pd.DataFrame(rows, columns=["ticket_id", "created_at", "created_date"]).set_index(
        "ticket_id"
    )


def _assert_ticket_times(run: DbtRun, zone: str) -> int:
    """Every ticket of fct_tickets has the created_at / created_date Python expects."""
    actual = query_df(
        run.db_path, "select ticket_id, created_at, created_date from marts.fct_tickets"
    ).set_index("ticket_id")
    expected = _expected_ticket_times(run.raw_path, zone)
    assert len(actual) > 0
    unexpected = actual.index[~actual.index.isin(expected.index)]
    assert unexpected.empty, f"tickets without a valid created_at: {list(unexpected[:10])}"
    both = actual.join(expected.add_suffix("_expected"))
    wrong = both[
        (both["created_at"] != pd.to_datetime(both["created_at_expected"]))
        | (pd.to_datetime(both["created_date"]).dt.date != both["created_date_expected"])
    ]
    assert wrong.empty, wrong.head(10)
    return len(actual)


def _table(db: Path, table: str, order_by: str) -> pd.DataFrame:
    return query_df(db, f"select * from {table} order by {order_by}")


# ------------------------------------------------------------------------ full build
def test_full_build_succeeds(full_utc: DbtRun) -> None:
    assert_succeeded(full_utc)


def test_every_raw_row_is_accepted_rejected_or_a_duplicate(full_utc: DbtRun, full_export) -> None:
    assert_succeeded(full_utc)
    raw_path, result = full_export
    reconciliation = query_df(
        full_utc.db_path,
        """
        select
            entity,
            cast(raw_rows as bigint) as raw_rows,
            cast(accepted_rows as bigint) as accepted_rows,
            cast(rejected_rows as bigint) as rejected_rows,
            cast(duplicate_rows as bigint) as duplicate_rows
        from staging.stg_helpdesk__export_reconciliation
    """,
    ).set_index("entity")
    assert set(reconciliation.index) == set(result.files), "one row per exported entity"
    for entity, row in reconciliation.iterrows():
        path = raw_path / f"{entity}.csv"
        # counted independently of DuckDB: pyarrow's CSV reader, every column as text
        table = pacsv.read_csv(
            path,
            convert_options=pacsv.ConvertOptions(
                column_types={c: "string" for c in read_csv_text(path).columns}
            ),
        )
        assert row.raw_rows == table.num_rows == result.rows[entity], entity
        assert row.raw_rows == row.accepted_rows + row.rejected_rows + row.duplicate_rows, entity
        # exact duplicates: rows whose raw text is identical in every column
        text = read_csv_text(path)
        assert row.duplicate_rows == len(text) - len(text.drop_duplicates()), entity
    # the generator planted bad rows in tickets and events, so the identity is not trivial
    for entity in ("tickets", "ticket_events"):
        assert reconciliation.loc[entity, "rejected_rows"] > 0, entity
        assert reconciliation.loc[entity, "duplicate_rows"] > 0, entity


def test_inbound_conversations_add_up_to_accepted_tickets(full_utc: DbtRun) -> None:
    assert_succeeded(full_utc)
    [(accepted,)] = query(
        full_utc.db_path,
        """
        select accepted_rows from staging.stg_helpdesk__export_reconciliation
        where entity = 'tickets'
    """,
    )
    [(fct_rows, fct_ids)] = query(
        full_utc.db_path, "select count(*), count(distinct ticket_id) from marts.fct_tickets"
    )
    [(inbound,)] = query(full_utc.db_path, "select sum(inbound_conversations) from marts.kpi_daily")
    assert fct_rows == fct_ids == accepted
    assert inbound == accepted


def test_customer_email_never_reaches_a_mart(full_utc: DbtRun, full_export) -> None:
    assert_succeeded(full_utc)
    raw_path, _ = full_export
    emails = [e for e in read_csv_text(raw_path / "tickets.csv")["customer_email"] if e]
    assert emails and all("@" in e for e in emails), "the generator plants customer emails"

    columns = query(
        full_utc.db_path,
        """
        select table_name, column_name, data_type
        from information_schema.columns
        where table_schema = 'marts'
        order by table_name, column_name
    """,
    )
    tables = {table for table, _, _ in columns}
    assert {"fct_tickets", "kpi_daily"} <= tables
    assert not [c for c in columns if "email" in c[1]], "a mart has an email column"
    text_columns = [(t, c) for t, c, data_type in columns if data_type == "VARCHAR"]
    assert text_columns
    leaks = []
    for table, column in text_columns:
        [(hits,)] = query(
            full_utc.db_path, f'select count(*) from marts."{table}" where "{column}" like \'%@%\''
        )
        if hits:
            leaks.append((table, column, hits))
    assert not leaks, leaks


# ------------------------------------------------------------ optional exports missing
def test_optional_exports_missing_gives_null_kpis(core_new_york: DbtRun) -> None:
    """Without survey_responses and agent_work_sessions, every CSAT and AHT part is NULL (not 0),
    while the KPIs of the required exports are there."""
    assert_succeeded(core_new_york)
    columns = [
        name
        for (name,) in query(
            core_new_york.db_path,
            """
        select column_name from information_schema.columns
        where table_schema = 'marts' and table_name = 'kpi_daily'
    """,
        )
    ]
    needs_optional = [c for c in columns if c.startswith(("csat", "ces", "aht"))]
    assert {"csat_numerator", "csat_denominator", "csat", "aht_sum", "aht_count"} <= set(
        needs_optional
    )
    present = ["inbound_conversations", "fcr_rate_denominator"]
    counts = ", ".join(f'count("{c}")' for c in [*needs_optional, *present])
    [(rows, *non_null)] = query(
        core_new_york.db_path, f"select count(*), {counts} from marts.kpi_daily"
    )
    assert rows > 0
    non_null = dict(zip([*needs_optional, *present], non_null, strict=True))
    assert {c: non_null[c] for c in needs_optional} == dict.fromkeys(needs_optional, 0)
    assert {c: non_null[c] for c in present} == dict.fromkeys(present, rows)
    [(inbound, resolved)] = query(
        core_new_york.db_path,
        "select sum(inbound_conversations), sum(fcr_rate_denominator) from marts.kpi_daily",
    )
    assert inbound == 2000 + len(HAND_TICKETS)
    assert resolved > 0
    [(handle_seconds,)] = query(
        core_new_york.db_path, "select count(handle_seconds) from marts.fct_tickets"
    )
    assert handle_seconds == 0


# ------------------------------------------------------------------- time zones
def test_results_do_not_depend_on_the_machine_time_zone(
    full_utc: DbtRun, full_kolkata: DbtRun
) -> None:
    assert_succeeded(full_utc)
    assert_succeeded(full_kolkata)
    for table, keys in (
        ("marts.fct_tickets", "ticket_id"),
        ("marts.kpi_daily", "date_day, channel, category"),
    ):
        # each build has its own id; every other column must agree
        utc = _table(full_utc.db_path, table, keys).drop(columns="build_id")
        kolkata = _table(full_kolkata.db_path, table, keys).drop(columns="build_id")
        assert len(utc) > 0
        # float sums may differ in the last bits with the order of aggregation
        pd.testing.assert_frame_equal(utc, kolkata, check_exact=False, rtol=1e-9)


def test_machine_time_zone_reaches_duckdb() -> None:
    """Guards the test above: TZ sets DuckDB's session time zone, so the two runs differ."""
    probe = "import duckdb; print(duckdb.sql(\"select current_setting('TimeZone')\").fetchone()[0])"
    out = subprocess.run(
        [sys.executable, "-c", probe],
        env={**os.environ, "TZ": "Asia/Kolkata"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert out == "Asia/Kolkata"


def test_dates_are_cut_in_utc_by_default(full_utc: DbtRun) -> None:
    assert_succeeded(full_utc)
    assert _assert_ticket_times(full_utc, "UTC") > 2900


def test_dates_are_cut_in_the_reporting_time_zone(core_new_york: DbtRun) -> None:
    assert_succeeded(core_new_york)
    checked = _assert_ticket_times(core_new_york, "America/New_York")
    assert checked == 2000 + len(HAND_TICKETS)
    # at least some generated tickets fall on a different date in New York than in UTC
    [(shifted,)] = query(
        core_new_york.db_path,
        "select count(*) from marts.fct_tickets where created_date <> cast(created_at as date)",
    )
    assert shifted > 100


# ------------------------------------------------------ offsets and label normalisation
def test_offsets_and_labels(core_new_york: DbtRun) -> None:
    """Hand-written rows (conftest.HAND_TICKETS / HAND_EVENTS); expectations worked out by hand.
    New York is UTC-05:00 on these dates (daylight saving time starts on 2026-03-08)."""
    assert_succeeded(core_new_york)
    expected = {
        # ticket: (created_at UTC, created_date in New York, channel, category)
        # 23:30 at -02:00 is 01:30 UTC the next day, 20:30 the same day in New York
        "HAND01": (dt.datetime(2026, 3, 2, 1, 30), dt.date(2026, 3, 1), "web_chat", "order_status"),
        # 10:00 at +05:30 is 04:30 UTC, 23:30 the day before in New York
        "HAND02": (dt.datetime(2026, 3, 1, 4, 30), dt.date(2026, 2, 28), "other", "order_status"),
        "HAND03": (dt.datetime(2026, 3, 1, 10, 0), dt.date(2026, 3, 1), "email", "billing"),
        # no offset: UTC (not the machine's Pacific/Auckland), 21:00 the day before in New York
        "HAND04": (dt.datetime(2026, 3, 2, 2, 0), dt.date(2026, 3, 1), "sms", "shipping"),
        "HAND05": (dt.datetime(2026, 1, 10, 3, 0), dt.date(2026, 1, 9), "voice", "returns"),
    }
    rows = query(
        core_new_york.db_path,
        """
        select ticket_id, created_at, created_date, channel, category
        from marts.fct_tickets
        where ticket_id like 'HAND%'
    """,
    )
    actual = {ticket_id: tuple(values) for ticket_id, *values in rows}
    assert actual == expected

    # 'Agent - Message' at 05:10-05:00 is an agent_message at 10:10 UTC: a human first reply
    [(path, first_response_at, first_response_seconds)] = query(
        core_new_york.db_path,
        """
        select resolution_path, first_response_at, first_response_seconds
        from marts.fct_tickets where ticket_id = 'HAND03'
    """,
    )
    assert path == "human_only"
    assert first_response_at == dt.datetime(2026, 3, 1, 10, 10)
    assert math.isclose(first_response_seconds, 600)

    events = dict(
        query(
            core_new_york.db_path,
            """
        select event_id, event_type from staging.stg_helpdesk__ticket_events
        where ticket_id like 'HAND%'
    """,
        )
    )
    assert events == {
        "EHAND03A": "customer_message",
        "EHAND03B": "agent_message",
        "EHAND04A": "customer_message",
    }
    rejects = query(
        core_new_york.db_path,
        "select entity, record_key, reject_reason from staging.stg_helpdesk__rejects",
    )
    assert rejects == [], "the hand-written rows all follow the contract"

    # 'fax' became 'other' and is reported as a normalisation fallback
    fallbacks = query(
        core_new_york.db_path,
        """
        select entity, column_name, raw_value, normalised_value
        from staging.stg_helpdesk__normalisation_fallbacks
        where column_name = 'channel'
    """,
    )
    assert fallbacks == [("tickets", "channel", "fax", "other")]
