"""Messy real-world exports: the warehouse never stops with a database error, never drops a row
silently, and says what is wrong and where; `support-kpis validate` says the same beforehand.

dbt runs three times in all (each costs seconds), several cases per run in different entities:
- `messy`: a folder that builds, with every row-level case (BOM, extra columns, quoted newlines,
  a 10 MB field, timestamp formats and offsets, future dates, events before their ticket or for
  unknown tickets, negative durations, exact and conflicting duplicates, a header-only file, a
  file whose every row is rejected) and planted personal data; then `dbt docs generate`;
- `unreadable`: a folder the on-run-start hook must refuse, with one message naming every bad
  file (empty file, Latin-1 bytes, missing required column, wrong delimiter).
Expected values are worked out by hand from the rows below, never copied from an output.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from helpers import DbtRun, assert_succeeded, query, run_dbt
from support_kpis.generate import GenerateConfig, generate
from support_kpis.validate import validate

pytestmark = [pytest.mark.integration, pytest.mark.adversarial]

DATABASE_ERRORS = (
    "Traceback",
    "Binder Error",
    "Catalog Error",
    "Database Error",
    "Invalid Input Error",
    "Conversion Error",
    "Parser Error",
    "Runtime Error",
)
EMAIL = "planted.person@example.org"
PHONE = "+1 555 010 9999"
PHONE_DIGITS = "5550109999"
BIG_TEXT = "lorem ipsum " * (10 * 1024 * 1024 // 12)  # 10 MB in one field
EMAIL_AS_ID = "second.person@example.org"
TICKET = {"customer_id": "CADV", "channel": "web_chat", "category": "billing"}
NUMBER_CASES = {
    "NAN": "NaN",
    "INF": "inf",
    "NEG_INFINITY": "-Infinity",
    "DENORMAL": "1e-310",
    "OVERFLOW": "1e400",
    "HEX": "0x10",
    "UNDERSCORE": "1_0",
}
INTEGER_CASES = {"FRACTION": "2.5", "HEX": "0x2", "EXPONENT": "1e1", "UNDERSCORE": "1_0"}
EVENT = {"event_type": "ai_message"}

# ticket_id -> (raw created_at, created_at in UTC worked out by hand or None if rejected)
TIMESTAMP_CASES: dict[str, tuple[str, dt.datetime | None]] = {
    "ADV_TS_Z": ("2026-03-01T10:00:00Z", dt.datetime(2026, 3, 1, 10)),
    "ADV_TS_PLUS": ("2026-03-01 10:00:00+05:30", dt.datetime(2026, 3, 1, 4, 30)),
    "ADV_TS_MINUS": ("2026-03-01T10:00:00-0500", dt.datetime(2026, 3, 1, 15)),
    "ADV_TS_HOURS": ("2026-03-01T10:00:00+05", dt.datetime(2026, 3, 1, 5)),
    "ADV_TS_FRACTION": ("2026-03-01T10:00:00.250", dt.datetime(2026, 3, 1, 10, 0, 0, 250000)),
    "ADV_TS_DATE": ("2026-03-01", dt.datetime(2026, 3, 1)),
    "ADV_TS_US": ("03/01/2026 10:00", None),
    "ADV_TS_FEB30": ("2026-02-30T10:00:00", None),
    # an offset followed by whitespace keeps its offset: 10:00 at -05:00 is 15:00 UTC
    "ADV_TS_OFFSET_TAB": ("2026-03-01T10:00:00-05:00\t", dt.datetime(2026, 3, 1, 15)),
    "ADV_TS_OFFSET_NEWLINE": ("2026-03-01T10:00:00-05:00\n", dt.datetime(2026, 3, 1, 15)),
    # not an ISO shape: never read as something else
    "ADV_TS_EPOCH_WORD": ("epoch", None),
    "ADV_TS_BC": ("2026-03-01 (BC)", None),
    "ADV_TS_OFFSET_JUNK": ("2026-03-01T10:00:00-05:00x", None),
    # parseable but implausible (before plausible_timestamp_from, after the build + 1 day)
    "ADV_TS_EPOCH0": ("1970-01-01T00:00:00Z", None),
    "ADV_TS_YEAR1": ("0001-01-01", None),
    "ADV_FUTURE": ("2099-01-01T00:00:00Z", None),
}
HAND_TICKETS = [
    *({**TICKET, "ticket_id": key, "created_at": raw} for key, (raw, _) in TIMESTAMP_CASES.items()),
    {
        **TICKET,
        "ticket_id": "ADV_NEWLINE",
        "category": "Order\nStatus",
        "created_at": "2026-03-02T08:00:00Z",
        "notes": 'line one\nline "two"\r\nline three',
    },
    {**TICKET, "ticket_id": "ADV_BIG", "created_at": "2026-03-02T08:00:00Z", "notes": BIG_TEXT},
    {
        **TICKET,
        "ticket_id": "ADV_PII",
        "created_at": "2026-03-02T09:00:00Z",
        "customer_email": EMAIL,
        "phone": PHONE,
        "notes": f"call {PHONE} or write to {EMAIL}",
    },
    {
        **TICKET,
        "ticket_id": "ADV_PII_REJECTED",
        "created_at": "whenever",
        "customer_email": EMAIL,
        "phone": PHONE,
        "notes": f"call {PHONE}",
    },
    {**TICKET, "ticket_id": "ADV_DUP", "created_at": "2026-03-02T10:00:00Z"},
    {**TICKET, "ticket_id": "ADV_DUP", "created_at": "2026-03-02T10:00:00Z"},
    {
        **TICKET,
        "ticket_id": "ADV_CONFLICT",
        "channel": "email",
        "created_at": "2026-03-02T10:00:00Z",
    },
    {**TICKET, "ticket_id": "ADV_CONFLICT", "channel": "sms", "created_at": "2026-03-02T10:00:00Z"},
    # ISO-8601 minutes with an offset (no seconds): parsed, 09:00 UTC
    {**TICKET, "ticket_id": "ADV_TS_NO_SECONDS", "created_at": "2026-03-02T10:00+01:00"},
    # numbers that are not finite or not plain decimals are rejects, never a value
    *(
        {
            **TICKET,
            "ticket_id": f"ADV_NUM_{name}",
            "created_at": "2026-03-02T11:00:00Z",
            "order_value": raw,
        }
        for name, raw in NUMBER_CASES.items()
    ),
    # a NUL inside a label is a reject; a trailing tab is whitespace, trimmed (no `billing_`)
    {
        **TICKET,
        "ticket_id": "ADV_LABEL_NUL",
        "category": "bil\x00ling",
        "created_at": "2026-03-02T11:00:00Z",
    },
    {
        **TICKET,
        "ticket_id": "ADV_LABEL_TAB",
        "category": "billing\t",
        "created_at": "2026-03-02T11:00:00Z",
    },
    # an e-mail address as customer_id: pseudonymised before any table holds it; the same
    # address in another case is the same customer
    {
        **TICKET,
        "ticket_id": "ADV_EMAIL_ID_1",
        "customer_id": EMAIL_AS_ID,
        "created_at": "2026-03-02T12:00:00Z",
    },
    {
        **TICKET,
        "ticket_id": "ADV_EMAIL_ID_2",
        "customer_id": EMAIL_AS_ID.upper(),
        "created_at": "2026-03-02T13:00:00Z",
    },
]
HAND_EVENTS = [
    {
        **EVENT,
        "event_id": "EADV_BEFORE",
        "ticket_id": "ADV_TS_Z",
        "event_at": "2026-03-01T09:59:59Z",
    },
    {
        **EVENT,
        "event_id": "EADV_UNKNOWN",
        "ticket_id": "NO_SUCH_TICKET",
        "event_at": "2026-03-01T10:00:00Z",
    },
    {
        **EVENT,
        "event_id": "EADV_OF_REJECTED",
        "ticket_id": "ADV_CONFLICT",
        "event_at": "2026-03-02T11:00:00Z",
    },
    # 10:05 at +05:30 is 04:35 UTC: five minutes after ADV_TS_PLUS was created
    {
        **EVENT,
        "event_id": "EADV_OFFSET",
        "ticket_id": "ADV_TS_PLUS",
        "event_at": "2026-03-01T10:05:00+05:30",
    },
    {
        **EVENT,
        "event_id": "EADV_CONFLICT",
        "ticket_id": "ADV_TS_Z",
        "event_at": "2026-03-01T10:01:00Z",
    },
    {
        **EVENT,
        "event_id": "EADV_CONFLICT",
        "ticket_id": "ADV_TS_Z",
        "event_at": "2026-03-01T10:02:00Z",
    },
    {
        "event_id": "EADV_NEWLINE",
        "ticket_id": "ADV_NEWLINE",
        "event_at": "2026-03-02T08:10:00Z",
        "event_type": "Agent -\nMessage",
        "actor_id": "agent\nwith newline",
    },
    # integers are plain digits: 2.5 is not 3, 1e1 and 1_0 are not 10
    *(
        {
            "event_id": f"EADV_TIER_{name}",
            "ticket_id": "ADV_TS_Z",
            "event_type": "escalated",
            "event_at": "2026-03-01T10:03:00Z",
            "to_tier": raw,
        }
        for name, raw in INTEGER_CASES.items()
    ),
    # one event at the end of time would move the default as_of: implausible, a reject
    {
        **EVENT,
        "event_id": "EADV_YEAR_9999",
        "ticket_id": "ADV_TS_Z",
        "event_at": "9999-12-31T00:00:00Z",
    },
]
# appended as raw text after the CSV writer: a ragged last row (too few fields) must not be
# taken as the header; a row with a field too many; an unterminated quote at the end
RAGGED_EVENTS_TAIL = "EADV_SHORT_LAST,ADV_TS_Z\r\n"
RAGGED_SESSIONS_TAIL = (
    "SADV_LONG,ADV_TS_Z,A0001,2026-03-01T10:00:00Z,2026-03-01T10:10:00Z,x\r\n"
    'SADV_QUOTE,"ADV_TS_Z,A0001,2026-03-01T10:00:00Z,2026-03-01T10:10:00Z\r\n'
)
HAND_SESSIONS = [
    {
        "session_id": "SADV_NEGATIVE",
        "ticket_id": "ADV_TS_Z",
        "agent_id": "A0001",
        "started_at": "2026-03-01T11:00:00Z",
        "ended_at": "2026-03-01T10:00:00Z",
    },
    {
        "session_id": "SADV_OK",
        "ticket_id": "ADV_TS_Z",
        "agent_id": "A0001",
        "started_at": "2026-03-01T10:00:00Z",
        "ended_at": "2026-03-01T10:30:00Z",
    },
]
# (entity, record_key) -> reason, for every hand-written row that must be rejected
EXPECTED_REJECTS = {
    ("tickets", "ADV_TS_US"): "unparseable_timestamp",
    ("tickets", "ADV_TS_FEB30"): "unparseable_timestamp",
    ("tickets", "ADV_PII_REJECTED"): "unparseable_timestamp",
    ("tickets", "ADV_CONFLICT"): "conflicting_duplicate_id",  # both rows
    ("ticket_events", "EADV_BEFORE"): "before_ticket_created",
    ("ticket_events", "EADV_UNKNOWN"): "unknown_ticket",
    ("ticket_events", "EADV_OF_REJECTED"): "unknown_ticket",
    ("ticket_events", "EADV_CONFLICT"): "conflicting_duplicate_id",
    ("agent_work_sessions", "SADV_NEGATIVE"): "ends_before_start",
    ("tickets", "ADV_TS_EPOCH_WORD"): "unparseable_timestamp",
    ("tickets", "ADV_TS_BC"): "unparseable_timestamp",
    ("tickets", "ADV_TS_OFFSET_JUNK"): "unparseable_timestamp",
    ("tickets", "ADV_TS_EPOCH0"): "implausible_timestamp",
    ("tickets", "ADV_TS_YEAR1"): "implausible_timestamp",
    ("tickets", "ADV_FUTURE"): "implausible_timestamp",
    **{("tickets", f"ADV_NUM_{name}"): "unparseable_number" for name in NUMBER_CASES},
    ("tickets", "ADV_LABEL_NUL"): "control_character",
    **{("ticket_events", f"EADV_TIER_{name}"): "unparseable_integer" for name in INTEGER_CASES},
    ("ticket_events", "EADV_YEAR_9999"): "implausible_timestamp",
    ("escalation_reviews", "ERADV_NAN"): "unparseable_number",
}


csv.field_size_limit(sys.maxsize)  # the 10 MB field


def _read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        if handle.readline().strip() != "sep=,":  # Excel's delimiter line is not the header
            handle.seek(0)
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write_rows(
    path: Path,
    header: list[str],
    rows: list[dict[str, str]],
    encoding: str = "utf-8",
    delimiter: str = ",",
) -> None:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, restval="", delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)


def _count_csv_rows(path: Path) -> int:
    """Raw rows counted independently of DuckDB (Python's csv module; quoted newlines are
    inside a row, a BOM is not part of the header)."""
    return len(_read_rows(path)[1])


def _append_raw(path: Path, text: str) -> list[int]:
    """Append raw lines to a CSV file; returns their physical line numbers (1 = header)."""
    data = path.read_bytes()
    first = data.count(b"\n") + 1
    path.write_bytes(data + text.encode("utf-8"))
    return [first + i for i in range(text.count("\n"))]


@dataclass(frozen=True)
class Messy:
    folder: Path
    build: DbtRun
    docs: DbtRun
    malformed: dict[tuple[str, str], str]  # (entity, 'line N') -> 'malformed_row'


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> Messy:
    folder = tmp_path_factory.mktemp("messy")
    generate(
        folder,
        GenerateConfig(
            tickets=600,
            days=30,
            seed=41,
            bad_row_share=0,
            file_format="csv",
            only=("tickets", "ticket_events", "agents", "agent_work_sessions"),
        ),
    )
    # tickets: UTF-8 with a byte order mark, two extra columns, every hand-written case
    header, rows = _read_rows(folder / "tickets.csv")
    _write_rows(
        folder / "tickets.csv",
        [*header, "notes", "phone"],
        [*rows, *HAND_TICKETS],
        encoding="utf-8-sig",
    )
    header, rows = _read_rows(folder / "ticket_events.csv")
    _write_rows(folder / "ticket_events.csv", header, [*rows, *HAND_EVENTS])
    header, rows = _read_rows(folder / "agent_work_sessions.csv")
    _write_rows(folder / "agent_work_sessions.csv", header, [*rows, *HAND_SESSIONS])
    malformed = {
        (entity, f"line {line}"): "malformed_row"
        for entity, tail in (
            ("ticket_events", RAGGED_EVENTS_TAIL),
            ("agent_work_sessions", RAGGED_SESSIONS_TAIL),
        )
        for line in _append_raw(folder / f"{entity}.csv", tail)
    }
    # a file whose every row is rejected: no tier is an integer
    header, rows = _read_rows(folder / "agents.csv")
    _write_rows(folder / "agents.csv", header, [{**row, "tier": "senior"} for row in rows])
    # Excel's `sep=,` first line: the header is the next line
    path = folder / "agents.csv"
    path.write_bytes(b"sep=,\r\n" + path.read_bytes())
    # typed Parquet: a naive TIMESTAMP is read as UTC, a TIMESTAMPTZ as its instant, BOOLEAN and
    # DOUBLE as their text forms would be (a NaN double is a reject, as the text `NaN` is)
    # (20 accepted rows besides the NaN one, so the file stays under validate's 5% reject share)
    pq.write_table(
        pa.table(
            {
                "review_id": ["ERADV_NAN", *(f"ERADV_OK_{i:02}" for i in range(20))],
                "ticket_id": ["ADV_TS_Z"] * 21,
                "reviewed_at": pa.array(
                    [dt.datetime(2026, 3, 1, 13)] + [dt.datetime(2026, 3, 1, 12)] * 20,
                    pa.timestamp("us"),
                ),
                "needed_human": [False] + [True] * 20,
                "sample_weight": [float("nan")] + [2.5] * 20,
            }
        ),
        folder / "escalation_reviews.parquet",
    )
    new_york = pa.timestamp("us", tz="America/New_York")
    pq.write_table(
        pa.table(
            {
                "agent_id": ["A0001"],
                # 05:00 and 13:00 in New York on 2026-03-01 (EST, -05:00): 10:00 and 18:00 UTC
                "shift_start": pa.array([dt.datetime(2026, 3, 1, 10, tzinfo=dt.UTC)], new_york),
                "shift_end": pa.array([dt.datetime(2026, 3, 1, 18, tzinfo=dt.UTC)], new_york),
            }
        ),
        folder / "agent_shifts.parquet",
    )
    # header only
    (folder / "survey_responses.csv").write_text(
        "response_id,survey_type,score,responded_at,ticket_id,customer_id\n", encoding="utf-8"
    )

    db_path = tmp_path_factory.mktemp("messy_build") / "warehouse.duckdb"
    build = DbtRun(run_dbt(["build"], folder, db_path), db_path, folder)
    docs = DbtRun(run_dbt(["docs", "generate", "--static"], folder, db_path), db_path, folder)
    return Messy(folder, build, docs, malformed)


def test_messy_folder_builds_and_every_raw_row_is_accounted_for(messy: Messy) -> None:
    assert_succeeded(messy.build)
    for text in DATABASE_ERRORS:
        assert text not in messy.build.output, text
    counts = {
        entity: (raw, accepted, rejected, duplicates)
        for entity, raw, accepted, rejected, duplicates in query(
            messy.build.db_path,
            """
        select entity, raw_rows, accepted_rows, rejected_rows, duplicate_rows
        from staging.stg_helpdesk__export_reconciliation where is_present""",
        )
    }
    files = sorted(p.stem for p in [*messy.folder.glob("*.csv"), *messy.folder.glob("*.parquet")])
    assert sorted(counts) == files
    for entity, (raw, accepted, rejected, duplicates) in counts.items():
        path = messy.folder / f"{entity}.csv"
        independent = (
            _count_csv_rows(path)
            if path.exists()
            else pq.read_metadata(path.with_suffix(".parquet")).num_rows
        )
        assert raw == independent, entity
        assert raw == accepted + rejected + duplicates, entity
    # the exact duplicate ADV_DUP is collapsed, not rejected
    assert counts["tickets"][3] == 1
    # header only: present, no rows
    assert counts["survey_responses"] == (0, 0, 0, 0)
    # every agents row rejected, and the other entities still build
    assert counts["agents"][1] == 0 and counts["agents"][2] == counts["agents"][0] > 0
    [(reasons,)] = query(
        messy.build.db_path,
        "select list(distinct reject_reason) "
        "from staging.stg_helpdesk__rejects "
        "where entity = 'agents'",
    )
    assert reasons == ["unparseable_integer"]
    [(fct, inbound)] = query(
        messy.build.db_path,
        """
        select (select count(*) from marts.fct_tickets),
               (select sum(inbound_conversations) from marts.kpi_daily)""",
    )
    assert fct == inbound == counts["tickets"][1] > 300


def test_each_bad_row_is_rejected_with_its_reason(messy: Messy) -> None:
    assert_succeeded(messy.build)
    rows = query(
        messy.build.db_path,
        """
        select entity, record_key, reject_reason, count(*)
        from staging.stg_helpdesk__rejects
        where entity <> 'agents'
        group by all""",
    )
    actual = {(entity, key): reason for entity, key, reason, _ in rows}
    assert actual == {**EXPECTED_REJECTS, **messy.malformed}
    copies = {(entity, key): n for entity, key, _, n in rows}
    # all rows of a conflicting duplicate id are rejected
    assert copies[("tickets", "ADV_CONFLICT")] == 2
    assert copies[("ticket_events", "EADV_CONFLICT")] == 2


def test_timestamps_in_several_formats_and_offsets(messy: Messy) -> None:
    assert_succeeded(messy.build)
    created = dict(
        query(
            messy.build.db_path,
            "select ticket_id, created_at from marts.fct_tickets where ticket_id like 'ADV_%'",
        )
    )
    for ticket_id, (raw, expected) in TIMESTAMP_CASES.items():
        assert created.get(ticket_id) == expected, (ticket_id, raw)
    # an event with an offset is compared in UTC: ADV_TS_PLUS gets its first reply after 300 s
    [(seconds,)] = query(
        messy.build.db_path,
        "select first_response_seconds from marts.fct_tickets where ticket_id = 'ADV_TS_PLUS'",
    )
    assert seconds == 300


def test_iso_minutes_with_offset_are_parsed(messy: Messy) -> None:
    assert_succeeded(messy.build)
    created = query(
        messy.build.db_path,
        "select created_at from marts.fct_tickets where ticket_id = 'ADV_TS_NO_SECONDS'",
    )
    assert created == [(dt.datetime(2026, 3, 2, 9),)]


def test_quoted_newlines_big_fields_bom_and_extra_columns(messy: Messy) -> None:
    assert_succeeded(messy.build)
    rows = dict(
        query(
            messy.build.db_path,
            """
        select ticket_id, category from marts.fct_tickets
        where ticket_id in ('ADV_NEWLINE', 'ADV_BIG', 'ADV_PII')""",
        )
    )
    # "Order\nStatus": the newline is inner whitespace, normalised to `_`
    assert rows == {"ADV_NEWLINE": "order_status", "ADV_BIG": "billing", "ADV_PII": "billing"}
    [(path, actor)] = query(
        messy.build.db_path,
        """
        select tickets.resolution_path, events.actor_id
        from marts.fct_tickets as tickets
        inner join staging.stg_helpdesk__ticket_events as events using (ticket_id)
        where ticket_id = 'ADV_NEWLINE'""",
    )
    assert (path, actor) == ("human_only", "agent\nwith newline")
    # the BOM did not become part of the first header name: ticket_id was found
    assert (messy.folder / "tickets.csv").read_bytes()[:3] == b"\xef\xbb\xbf"


def test_negative_duration_is_rejected_and_left_out_of_handle_time(messy: Messy) -> None:
    assert_succeeded(messy.build)
    [(handle_seconds,)] = query(
        messy.build.db_path,
        "select handle_seconds from marts.fct_tickets where ticket_id = 'ADV_TS_Z'",
    )
    assert handle_seconds == 1800


def test_validate_predicts_what_staging_does(messy: Messy) -> None:
    """The validator (the project's own staging, run on the folder) gives each file's rejects
    and duplicates exactly as the build does, with the implausible timestamps among them."""
    assert_succeeded(messy.build)
    report = validate(messy.folder)
    staged = {
        entity: (rejected, duplicates)
        for entity, rejected, duplicates in query(
            messy.build.db_path,
            "select entity, rejected_rows, duplicate_rows "
            "from staging.stg_helpdesk__export_reconciliation where is_present",
        )
    }
    predicted = {f.entity: (f.rejected_rows, f.duplicate_rows) for f in report.files if f.file}
    assert predicted == staged
    # and every reason, column and count is the build's
    reasons = {
        (entity, reason, column or None): count
        for entity, reason, column, count in query(
            messy.build.db_path,
            "select entity, reject_reason, case when reject_reason <> "
            "'malformed_row' then reject_column end, count(*) "
            "from staging.stg_helpdesk__rejects group by all",
        )
    }
    assert {
        (f.entity, w.check, w.column): w.count for f in report.files for w in f.warnings
    } == reasons
    by_entity = {f.entity: f for f in report.files}
    implausible = [f for f in by_entity["tickets"].findings if f.check == "implausible_timestamp"]
    assert sorted(e["key"] for f in implausible for e in f.examples) == [
        "ADV_FUTURE",
        "ADV_TS_EPOCH0",
        "ADV_TS_YEAR1",
    ]
    # the malformed lines with the line numbers staging gives them
    malformed = {
        (f.entity, f"line {e['line']}")
        for f in report.files
        for finding in f.findings
        if finding.check == "malformed_row"
        for e in finding.examples
    }
    assert malformed == set(messy.malformed)
    # every agents row rejected: an error, so validate fails; nothing else is an error
    assert not report.passed
    assert {(f.entity, e.check) for f in report.files for e in f.errors} == {
        ("agents", "too_many_rejects")
    }
    assert {e.check for e in by_entity["tickets"].findings} >= {"extra_columns", "exact_duplicates"}


def test_typed_parquet_reads_as_its_text_form(messy: Messy) -> None:
    assert_succeeded(messy.build)
    assert query(
        messy.build.db_path,
        """
        select distinct reviewed_at, needed_human, sample_weight
        from staging.stg_helpdesk__escalation_reviews""",
    ) == [(dt.datetime(2026, 3, 1, 12), True, 2.5)]
    assert query(
        messy.build.db_path,
        "select agent_id, shift_start, shift_end from staging.stg_helpdesk__agent_shifts",
    ) == [("A0001", dt.datetime(2026, 3, 1, 10), dt.datetime(2026, 3, 1, 18))]


def test_bad_rows_cannot_move_the_calendar_or_as_of(messy: Messy) -> None:
    """The year-9999, 2099, 1970 and year-1 rows are rejects, so the reporting days and as_of
    stay on the data (which ends in March 2026)."""
    assert_succeeded(messy.build)
    [(as_of, first_day, last_day)] = query(
        messy.build.db_path,
        """
        select (select as_of from intermediate.int_export_as_of),
               (select min(date_day) from intermediate.util_reporting_days),
               (select max(date_day) from intermediate.util_reporting_days)""",
    )
    assert dt.datetime(2026, 3, 1) <= as_of < dt.datetime(2026, 4, 1), as_of
    # the data starts on 2026-01-01 (the calendar may start a day early)
    assert first_day >= dt.date(2025, 12, 31) and last_day < dt.date(2026, 4, 1), (
        first_day,
        last_day,
    )


def test_labels_with_control_characters_or_tabs_make_no_new_category(messy: Messy) -> None:
    assert_succeeded(messy.build)
    rows = dict(
        query(
            messy.build.db_path,
            "select ticket_id, category from marts.fct_tickets where ticket_id like 'ADV_LABEL_%'",
        )
    )
    assert rows == {"ADV_LABEL_TAB": "billing"}
    [(weird,)] = query(
        messy.build.db_path,
        """
        select count(*) from marts.fct_tickets
        where regexp_matches(category, '[^a-z0-9_.]') or category like '%\\_'""",
    )
    assert weird == 0


def test_numbers_that_are_not_finite_never_reach_a_mart(messy: Messy) -> None:
    assert_succeeded(messy.build)
    [(non_finite,)] = query(
        messy.build.db_path,
        "select count(*) from marts.fct_tickets where not isfinite(order_value)",
    )
    assert non_finite == 0
    [(tiers,)] = query(
        messy.build.db_path,
        "select count(*) from staging.stg_helpdesk__ticket_events "
        "where event_id like 'EADV_TIER_%'",
    )
    assert tiers == 0


def test_an_email_as_customer_id_is_pseudonymised(messy: Messy) -> None:
    assert_succeeded(messy.build)
    rows = query(
        messy.build.db_path,
        "select ticket_id, customer_id from marts.fct_tickets "
        "where ticket_id like 'ADV_EMAIL_ID_%' order by 1",
    )
    assert [t for t, _ in rows] == ["ADV_EMAIL_ID_1", "ADV_EMAIL_ID_2"]
    # one customer (the address in another case is the same), and not the address
    assert len({c for _, c in rows}) == 1
    [customer] = {c for _, c in rows}
    assert customer.startswith("pseudonym_") and "@" not in customer


def test_the_build_log_records_the_finished_build_and_its_files(messy: Messy) -> None:
    """The messy build finished: raw.build_log says so and lists the export files it read.
    (check-marts passes on it: test_a_copied_warehouse_opens_anywhere; a build log left
    `running` fails it: test_a_build_killed_half_way_fails_check_marts_and_the_dbt_test, with a
    real kill, and test_check_marts_builds.py, on hand-built warehouses.)"""
    assert_succeeded(messy.build)
    [(status, finished, files)] = query(
        messy.build.db_path, "select status, finished_at, export_files from raw.build_log"
    )
    assert status == "success" and finished is not None, status
    assert "tickets.csv (" in files and "escalation_reviews.parquet (" in files, files


def _marts(db: Path, with_rows: bool = False) -> list[str]:
    """The marts of a warehouse (with_rows: only those with a row, the ones whose build id can
    be read: an empty mart has nothing to be wrong about)."""
    names = [
        name
        for (name,) in query(
            db,
            "select table_name from information_schema.tables "
            "where table_schema = 'marts' order by 1",
        )
    ]
    return [
        name
        for name in names
        if not with_rows or query(db, f'select count(*) from marts."{name}"')[0][0] > 0
    ]


def test_a_copied_warehouse_opens_anywhere(messy: Messy, tmp_path: Path) -> None:
    """The warehouse is a snapshot: copied to another folder under another name (its DuckDB
    catalog is named after the file), every view and mart reads from the copy, no view names the
    old catalog or the export folder, and check-marts passes on it."""
    import shutil

    assert_succeeded(messy.build)
    copy = tmp_path / "elsewhere" / "snapshot-2026 copy.duckdb"
    copy.parent.mkdir()
    shutil.copy(messy.build.db_path, copy)
    views = query(copy, "select schema_name, view_name, sql from duckdb_views() where not internal")
    # staging models are views (the marts are tables)
    assert len(views) >= 15 and "staging" in {s for s, _, _ in views}
    for schema, view, sql in views:
        assert '"warehouse".' not in sql and "warehouse." not in sql, (schema, view)
        assert '"support_kpis".' not in sql and "support_kpis." not in sql, (schema, view)
        assert str(messy.folder) not in sql, (schema, view)
    with duckdb.connect(str(copy), read_only=True) as con:
        relations = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema in ('marts', 'staging', 'intermediate', 'raw')"
        ).fetchall()
        for schema, name in relations:
            con.execute(f'select count(*) from {schema}."{name}"')  # raises on a broken view
    from support_kpis.check_marts import check_marts

    report = check_marts(copy)
    assert report.passed, report.to_text()
    assert len(report.tables) == len(_marts(messy.build.db_path)) >= 20


def test_every_mart_carries_the_build_id_of_the_last_build(messy: Messy) -> None:
    assert_succeeded(messy.build)
    [(last_build,)] = query(messy.build.db_path, "select build_id from raw.build_log")
    marts = _marts(messy.build.db_path)
    assert len(marts) >= 20
    union = " union all ".join(f"select '{m}', build_id from marts.\"{m}\"" for m in marts)
    ids = query(messy.build.db_path, f"select distinct build_id from ({union}) as t")
    assert ids == [(last_build,)]


def test_a_mart_rebuilt_alone_fails_check_marts_and_the_dbt_test(
    messy: Messy, tmp_path: Path
) -> None:
    """`dbt run --select nps_monthly` on a built warehouse: that mart now holds the new build's
    id and every other mart the old one. check-marts names them and the build that made them;
    the dbt test from_the_last_build fails on each of the others and passes on nps_monthly.
    The marts an older version built and this one no longer does (one a table, one a view, as
    an upgraded warehouse has them) are dropped by that run, not left behind with an old id."""
    import shutil

    from support_kpis.check_marts import check_marts

    assert_succeeded(messy.build)
    [(first_build,)] = query(messy.build.db_path, "select build_id from raw.build_log")
    db = tmp_path / "rebuilt.duckdb"
    shutil.copy(messy.build.db_path, db)
    with duckdb.connect(str(db)) as con:
        con.execute("create table marts.kpi_daily_channel_percentiles as select 1 as n")
        con.execute("create view marts.response_times_daily as select 1 as n")
    rerun = DbtRun(run_dbt(["run", "--select", "nps_monthly"], messy.folder, db), db, messy.folder)
    assert_succeeded(rerun)
    assert not set(_marts(db)) & {"kpi_daily_channel_percentiles", "response_times_daily"}
    [(second_build, status)] = query(
        db, "select build_id, status from raw.build_log where build_id <> '" + first_build + "'"
    )
    assert status == "success"
    others = [m for m in _marts(db, with_rows=True) if m != "nps_monthly"]
    assert len(others) >= 15
    [finding] = [f for f in check_marts(db).failures if f.column == "build_id"]
    assert finding.check == "marts_from_another_build"
    assert finding.unexpected_count == len(others)
    assert f"made by build {first_build} (started " in finding.detail
    assert f"not by the last build {second_build} (started " in finding.detail
    assert "the marts come from different builds; run dbt build again" in finding.detail

    tests = DbtRun(
        run_dbt(["test", "--select", "test_name:from_the_last_build"], messy.folder, db),
        db,
        messy.folder,
    )
    assert tests.process.returncode != 0
    failed = {
        line.split("from_the_last_build_")[1].split()[0]
        for line in tests.output.splitlines()
        if " FAIL " in line and "from_the_last_build_" in line
    }
    assert failed == {f"{m}_build_id" for m in others}, tests.output[-3000:]
    assert "PASS from_the_last_build_nps_monthly_build_id" in tests.output


def test_a_build_killed_half_way_fails_check_marts_and_the_dbt_test(
    messy: Messy, tmp_path: Path
) -> None:
    """A real kill: `dbt run` of three marts, one thread, killed (SIGKILL) as the second starts.
    The build log says `running`, one mart holds the killed build's id and the others the old
    one: check-marts fails on both counts, and so does from_the_last_build on the mart the
    killed build made (its id is the last build's, but that build never finished)."""
    import json
    import os
    import shutil
    import subprocess

    from helpers import PROJECT_ROOT, dbt_program
    from support_kpis.check_marts import check_marts

    assert_succeeded(messy.build)
    db = tmp_path / "killed.duckdb"
    shutil.copy(messy.build.db_path, db)
    env = {
        **os.environ,
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_USE_COLORS": "false",
        "SUPPORT_KPIS_DUCKDB_PATH": str(db),
        "SUPPORT_KPIS_THREADS": "1",
        "TZ": "UTC",
    }
    dbt_vars = {"raw_path": str(messy.folder)}
    command = [
        *dbt_program(dbt_vars),
        "run",
        "--select",
        "nps_monthly",
        "cost_monthly",
        "ai_answer_quality_monthly",
        "--profiles-dir",
        "profiles",
        "--vars",
        json.dumps(dbt_vars),
        "--target-path",
        str(tmp_path / "target"),
        "--log-path",
        str(tmp_path / "logs"),
    ]
    process = subprocess.Popen(
        command,
        cwd=PROJECT_ROOT,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    seen = []
    for line in process.stdout:
        seen.append(line)
        if " 2 of 3 START sql " in line:
            process.kill()
            break
    process.wait(timeout=60)
    assert process.returncode == -9, "".join(seen)[-3000:]
    [(killed_build, status)] = query(
        db, "select build_id, status from raw.build_log order by started_at desc limit 1"
    )
    assert status == "running"
    [first] = [
        line.split(" model marts.")[1].split()[0] for line in seen if "1 of 3 OK created" in line
    ]
    assert query(db, f'select distinct build_id from marts."{first}"') == [(killed_build,)]
    checks = {f.check: f for f in check_marts(db).failures if f.table.startswith(("raw", "marts"))}
    assert set(checks) == {"build_running", "marts_from_another_build"}, checks
    assert "did not finish (killed, or still running)" in checks["build_running"].detail
    assert checks["marts_from_another_build"].unexpected_count == len(_marts(db, True)) - 1

    tests = DbtRun(
        run_dbt(["test", "--select", f"{first},test_name:from_the_last_build"], messy.folder, db),
        db,
        messy.folder,
    )
    assert tests.process.returncode != 0
    assert f"FAIL 1 from_the_last_build_{first}_build_id" in tests.output, tests.output[-3000:]


# ------------------------------------------------------------------------ personal data
def test_personal_data_stays_out_of_marts_docs_and_logs(messy: Messy) -> None:
    assert_succeeded(messy.build)
    assert_succeeded(messy.docs)
    planted = (EMAIL, PHONE, PHONE_DIGITS, EMAIL_AS_ID, EMAIL_AS_ID.upper())
    # the planted values are really in the raw exports and readable by the warehouse
    raw = (messy.folder / "tickets.csv").read_text(encoding="utf-8-sig")
    assert EMAIL in raw and PHONE in raw
    [(in_raw_view,)] = query(
        messy.build.db_path, f"select count(*) from raw.tickets where customer_email = '{EMAIL}'"
    )
    assert in_raw_view == 2

    leaks = []
    # one connection, one scan per table counting every planted value
    with duckdb.connect(str(messy.build.db_path), read_only=True) as con:
        columns: dict[tuple[str, str], list[str]] = {}
        for schema, table, column in con.execute(
            "select table_schema, table_name, column_name from information_schema.columns "
            "where table_schema in ('marts', 'staging', 'intermediate') "
            "order by table_schema, table_name, ordinal_position"
        ).fetchall():
            columns.setdefault((schema, table), []).append(column)
        assert ("marts", "fct_tickets") in columns
        assert ("staging", "stg_helpdesk__rejects") in columns
        for (schema, table), names in columns.items():
            row_text = " || '|' || ".join(f"coalesce(cast(\"{c}\" as varchar), '')" for c in names)
            counts = ", ".join(
                f"count(*) filter (where strpos(row_text, '{value}') > 0)" for value in planted
            )
            hits = con.execute(
                f'select {counts} from (select {row_text} as row_text from {schema}."{table}")'
            ).fetchone()
            leaks += [(schema, table, v, n) for v, n in zip(planted, hits, strict=True) if n]
    assert not leaks, leaks

    target = messy.build.db_path.parent / f"{messy.build.db_path.stem}-target"
    logs = messy.build.db_path.parent / f"{messy.build.db_path.stem}-logs"
    artefacts = [
        target / name
        for name in (
            "catalog.json",
            "manifest.json",
            "static_index.html",
            "index.html",
            "run_results.json",
        )
    ]
    artefacts += sorted(logs.glob("*.log"))
    assert all(p.is_file() for p in artefacts) and len(artefacts) >= 6, artefacts
    for path in artefacts:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert len(text) > 100, path
        for value in planted:
            assert value not in text, (path, value)
    for run in (messy.build, messy.docs):
        for value in planted:
            assert value not in run.output


# ------------------------------------------------------------------- unreadable files
@pytest.fixture(scope="module")
def unreadable(tmp_path_factory: pytest.TempPathFactory) -> DbtRun:
    folder = tmp_path_factory.mktemp("unreadable")
    generate(
        folder,
        GenerateConfig(
            tickets=200,
            days=10,
            seed=43,
            bad_row_share=0,
            file_format="csv",
            only=("tickets", "ticket_events", "agent_work_sessions", "agent_shifts"),
        ),
    )
    # Latin-1 bytes far past DuckDB's sniffing sample
    header, rows = _read_rows(folder / "ticket_events.csv")
    assert len(rows) > 500
    rows[-3]["actor_id"] = "José"
    _write_rows(folder / "ticket_events.csv", header, rows, encoding="latin-1")
    (folder / "agents.csv").write_bytes(b"")  # empty file
    header, rows = _read_rows(folder / "agent_work_sessions.csv")
    _write_rows(
        folder / "agent_work_sessions.csv",
        [h for h in header if h != "agent_id"],
        [{k: v for k, v in row.items() if k != "agent_id"} for row in rows],
    )
    header, rows = _read_rows(folder / "agent_shifts.csv")
    _write_rows(folder / "agent_shifts.csv", header, rows, delimiter=";")
    # files that cannot be read at all, each its own words
    (folder / "qa_reviews.parquet").write_text("review_id,ticket_id\nQ1,T1\n")  # a CSV
    pq.write_table(
        pa.table({"rating_id": ["R1"] * 100, "ticket_id": ["T1"] * 100}), folder / "full.parquet"
    )
    data = (folder / "full.parquet").read_bytes()
    (folder / "handoff_ratings.parquet").write_bytes(data[: len(data) // 2])  # truncated
    (folder / "full.parquet").unlink()
    (folder / "survey_responses.csv").write_bytes(
        gzip.compress(b"response_id,survey_type,score,responded_at\nS1,nps,9,2026-01-02\n")
    )
    (folder / "escalation_reviews.csv").mkdir()
    (folder / "escalation_reviews.csv" / "part-0.csv").write_text("review_id\n")
    (folder / "intent_coverage.csv").write_bytes(
        b"intent,has_approved_answer\r\r\nbilling,true\r\r\n"
    )
    (folder / "ai_response_reviews.csv").write_text(
        "review_id,ticket_id,Reviewed_At,reviewed_at,is_accurate\nR1,T1,2026-01-02,,true\n"
    )
    # a dangling link for an optional export is not an absent export
    (folder / "operating_costs.csv").symlink_to(folder / "no_such_file.csv")
    db_path = tmp_path_factory.mktemp("unreadable_build") / "warehouse.duckdb"
    return DbtRun(run_dbt(["build"], folder, db_path), db_path, folder)


def test_unreadable_files_stop_the_build_with_one_message_naming_each(unreadable: DbtRun) -> None:
    run = unreadable
    assert run.process.returncode != 0
    for text in DATABASE_ERRORS:
        assert text not in run.output, f"{text!r} in dbt output:\n{run.output[-3000:]}"
    assert run.output.count("Compilation Error") == 1, run.output[-3000:]
    problems = [
        line.strip()[2:]
        for line in run.output.splitlines()
        if line.strip().startswith("- ") and ".csv" in line
    ]

    def about(name: str) -> list[str]:
        return [p for p in problems if f"{name}.csv" in p]

    assert len(about("ticket_events")) == 1 and "not UTF-8" in about("ticket_events")[0]
    assert len(about("agents")) == 1 and "is empty" in about("agents")[0]
    assert about("agent_work_sessions") == [
        f"file '{run.raw_path}/agent_work_sessions.csv' is missing required column 'agent_id'"
    ]
    assert {p.split("'")[-2] for p in about("agent_shifts")} == {
        "agent_id",
        "shift_start",
        "shift_end",
    }
    assert not about("tickets"), problems
    words = {
        "qa_reviews.parquet": "is not a Parquet file (a CSV named .parquet?)",
        "handoff_ratings.parquet": "is a truncated Parquet file",
        "survey_responses.csv": "is gzip-compressed",
        "escalation_reviews.csv": "is a folder, not a file",
        "intent_coverage.csv": "ends its lines with two carriage returns",
        "ai_response_reviews.csv": "two columns that both mean 'reviewed_at' ('Reviewed_At' and "
        "'reviewed_at'",
        "operating_costs.csv": "is a symbolic link to a file that does not exist",
    }
    for name, text in words.items():
        lines = [line for line in run.output.splitlines() if f"{name}'" in line]
        assert len(lines) == 1 and text in lines[0], (name, lines)
    if run.db_path.exists():
        assert query(
            run.db_path,
            "select count(*) from information_schema.tables where table_schema = 'marts'",
        ) == [(0,)]


def test_validate_lists_the_same_file_problems(unreadable: DbtRun) -> None:
    report = validate(unreadable.raw_path)
    errors = {(f.entity, e.check, e.column) for f in report.files for e in f.errors}
    assert errors == {
        ("ticket_events", "not_utf8", None),
        ("agents", "empty_file", None),
        ("agent_work_sessions", "missing_required_column", "agent_id"),
        ("agent_shifts", "missing_required_column", "agent_id"),
        ("agent_shifts", "missing_required_column", "shift_start"),
        ("agent_shifts", "missing_required_column", "shift_end"),
        ("qa_reviews", "unreadable_parquet", None),
        ("handoff_ratings", "unreadable_parquet", None),
        ("survey_responses", "gzip_file", None),
        ("escalation_reviews", "directory", None),
        ("intent_coverage", "doubled_cr", None),
        ("ai_response_reviews", "duplicate_column", "reviewed_at"),
        ("operating_costs", "dangling_symlink", None),
    }
    # in the build's own words
    [latin] = [e for f in report.files for e in f.errors if e.check == "not_utf8"]
    assert "ticket_events.csv' is not UTF-8" in latin.message


# ------------------------------------------------------------ no ticket accepted at all
def test_a_tickets_file_with_no_accepted_row_stops_with_its_reason(tmp_path: Path) -> None:
    """Every ticket rejected (created_at in a US format): the build stops naming the export, the
    reason and the column, instead of a not_null test on as_of that names neither."""
    folder = tmp_path / "exports"
    folder.mkdir()
    _write_rows(
        folder / "tickets.csv",
        [*TICKET, "ticket_id", "created_at"],
        [{**TICKET, "ticket_id": f"T{i}", "created_at": "03/01/2026 10:00"} for i in range(3)],
    )
    _write_rows(
        folder / "ticket_events.csv",
        ["event_id", "ticket_id", "event_at", "event_type"],
        [{**EVENT, "event_id": "E1", "ticket_id": "T1", "event_at": "2026-03-01"}],
    )
    db_path = tmp_path / "warehouse.duckdb"
    run = DbtRun(
        run_dbt(["run", "--select", "+int_export_as_of"], folder, db_path), db_path, folder
    )
    assert run.process.returncode != 0
    assert (
        "no row of the tickets export was accepted (3 distinct rows, all rejected: most "
        "often unparseable_timestamp in column 'created_at' (3 rows))"
    ) in run.output
    for text in DATABASE_ERRORS:
        assert text not in run.output, text


# ------------------------------------------------ line endings and links, at build level
def test_mixed_line_endings_and_a_symlink_loop_stop_the_build_by_name(tmp_path: Path) -> None:
    """A required export that is a symbolic link looping back on itself, and one whose rows end
    in CR LF and in LF: the build stops before any model with one message naming both files in
    their own words (DuckDB would say the file is missing, or read the mixed file wrongly), and
    validate gives the same verdict with the same reasons."""
    folder = tmp_path / "exports"
    generate(
        folder,
        GenerateConfig(
            tickets=50,
            days=5,
            seed=47,
            bad_row_share=0,
            file_format="csv",
            only=("tickets", "ticket_events"),
        ),
    )
    data = (folder / "ticket_events.csv").read_bytes().replace(b"\r\n", b"\n")
    lines = data.split(b"\n")
    assert len(lines) > 10
    # the first half of the rows end in CR LF, the rest in LF
    half = len(lines) // 2
    (folder / "ticket_events.csv").write_bytes(
        b"\r\n".join(lines[:half]) + b"\r\n" + b"\n".join(lines[half:])
    )
    (folder / "tickets.csv").unlink()
    (folder / "tickets.csv").symlink_to(folder / "tickets.csv")
    db_path = tmp_path / "warehouse.duckdb"
    run = DbtRun(run_dbt(["build"], folder, db_path), db_path, folder)
    assert run.process.returncode != 0
    for text in DATABASE_ERRORS:
        assert text not in run.output, f"{text!r} in dbt output:\n{run.output[-3000:]}"
    assert run.output.count("Compilation Error") == 1, run.output[-3000:]
    words = {
        "tickets.csv": "is a symbolic link that points back at itself (a loop)",
        "ticket_events.csv": "mixes line endings (some rows end in CR LF, others in LF",
    }
    for name, text in words.items():
        lines_about = [line for line in run.output.splitlines() if f"{name}'" in line]
        assert len(lines_about) == 1 and text in lines_about[0], (name, lines_about)
    assert "missing required file" not in run.output
    if db_path.exists():
        assert query(
            db_path, "select count(*) from information_schema.tables where table_schema = 'marts'"
        ) == [(0,)]
    report = validate(folder)
    assert not report.passed
    errors = {(f.entity, e.check) for f in report.files for e in f.errors}
    assert errors == {("tickets", "symlink_loop"), ("ticket_events", "mixed_line_endings")}


# ------------------------------------------------------------------ a disk that fills up
def test_a_disk_that_fills_during_the_build_is_a_plain_sentence(
    messy: Messy, tmp_path: Path
) -> None:
    """The warehouse on a 1 MB tmpfs (mounted here when the machine allows it, else skipped; the
    free-space check before dbt starts is a unit test): DuckDB fails with `TransactionContext
    Error ... No space left on device` half way; `support-kpis build` shows its sentence instead."""
    import json
    import os
    import subprocess

    from helpers import PROJECT_ROOT

    tiny = tmp_path / "tiny"
    tiny.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(tiny)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root and CAP_SYS_ADMIN)")
    try:
        env = {
            **os.environ,
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            "DBT_USE_COLORS": "false",
            "SUPPORT_KPIS_DUCKDB_PATH": str(tiny / "warehouse.duckdb"),
            "SUPPORT_KPIS_MIN_FREE_MB": "0",
            "TZ": "UTC",
        }
        run = subprocess.run(
            [
                str(Path(sys.executable).parent / "support-kpis"),
                "build",
                "--profiles-dir",
                "profiles",
                "--vars",
                json.dumps({"raw_path": str(messy.folder)}),
                "--target-path",
                str(tmp_path / "target"),
                "--log-path",
                str(tmp_path / "logs"),
            ],
            cwd=PROJECT_ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
    finally:
        subprocess.run(["umount", str(tiny)], check=False)
    output = run.stdout + run.stderr
    assert run.returncode != 0
    assert (
        f"support-kpis build: The disk holding the warehouse {tiny / 'warehouse.duckdb'} is full"
    ) in output, output[-3000:]
    # dbt may name the models that failed ("Runtime Error in model ..."), never DuckDB's words
    for text in ("TransactionContext", "IO Error", "No space left", "Traceback"):
        assert text not in output, text
