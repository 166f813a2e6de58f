"""Daily incremental builds give the marts a full refresh gives, cell for cell.

A small generated folder is exported as it stood at T0, then on each of the next two days (T1,
T2), with hand-written rows arriving on the way: a repeat contact (the customer's next ticket
makes an old ticket's repeat contact), a reopen of an old resolved ticket, a late CSAT, an
escalation review, and a `reopened` event that arrives a day late (dated before the previous
build's data: only the lookback finds it). Each snapshot replaces the same raw folder and is
built with `dbt build` (seeds and models) into one warehouse (incremental after the first); then
the last snapshot is built from scratch into another warehouse and every mart is compared. With
the lookback shortened below the late event's delay, day 2 misses that event (the test checks
that too, so the lookback is shown to matter).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from helpers import PROJECT_ROOT, run_dbt
from support_kpis.export_days import export_as_of
from support_kpis.generate import GenerateConfig, generate

pytestmark = pytest.mark.integration

_spec = importlib.util.spec_from_file_location(
    "compare_engines", PROJECT_ROOT / "scripts" / "compare_engines.py"
)
compare_engines = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(compare_engines)

T0 = dt.datetime(2026, 1, 27)
DAY = dt.timedelta(days=1)
HOUR = dt.timedelta(hours=1)


def _ts(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _ticket(ticket_id: str, customer_id: str, created: dt.datetime) -> dict[str, str]:
    return {
        "ticket_id": ticket_id,
        "customer_id": customer_id,
        "channel": "email",
        "category": "billing",
        "priority": "normal",
        "created_at": _ts(created),
    }


def _event(
    event_id: str, ticket_id: str, at: dt.datetime, event_type: str, **extra: str
) -> dict[str, str]:
    return {
        "event_id": event_id,
        "ticket_id": ticket_id,
        "event_at": _ts(at),
        "event_type": event_type,
        **extra,
    }


# rows that arrive with snapshot k (0 = the first build), by entity
X_CREATED = T0 - 6 * DAY  # the old ticket whose customer comes back on day 1
R_CREATED = T0 - 10 * DAY  # resolved long ago, reopened on day 2
L_CREATED = T0 - 9 * DAY  # its reopen (dated T0 + 1 h) arrives only with snapshot 2
E_CREATED = T0 - 8 * DAY  # AI-handled and escalated; reviewed on day 2
ARRIVALS: dict[int, dict[str, list[dict[str, str]]]] = {
    0: {
        "tickets": [
            _ticket("INC_X", "CINC_X", X_CREATED),
            _ticket("INC_R", "CINC_R", R_CREATED),
            _ticket("INC_L", "CINC_L", L_CREATED),
            _ticket("INC_E", "CINC_E", E_CREATED),
        ],
        "ticket_events": [
            _event("EINC_X1", "INC_X", X_CREATED, "customer_message"),
            _event("EINC_X2", "INC_X", X_CREATED + HOUR, "agent_message", actor_id="AINC"),
            _event("EINC_X3", "INC_X", X_CREATED + 2 * HOUR, "resolved"),
            _event("EINC_R1", "INC_R", R_CREATED, "customer_message"),
            _event("EINC_R2", "INC_R", R_CREATED + HOUR, "ai_message"),
            _event("EINC_R3", "INC_R", R_CREATED + 2 * HOUR, "resolved"),
            _event("EINC_L1", "INC_L", L_CREATED, "customer_message"),
            _event("EINC_L2", "INC_L", L_CREATED + HOUR, "ai_message"),
            _event("EINC_L3", "INC_L", L_CREATED + 2 * HOUR, "resolved"),
            _event("EINC_E1", "INC_E", E_CREATED, "customer_message"),
            _event("EINC_E2", "INC_E", E_CREATED + HOUR, "ai_message"),
            _event("EINC_E3", "INC_E", E_CREATED + 2 * HOUR, "escalated", to_tier="1"),
            _event("EINC_E4", "INC_E", E_CREATED + 3 * HOUR, "agent_message", actor_id="AINC"),
            _event("EINC_E5", "INC_E", E_CREATED + 4 * HOUR, "resolved"),
        ],
    },
    # day 1: the customer of INC_X opens a ticket in the same category 7 days less 2 hours later
    1: {
        "tickets": [_ticket("INC_Y", "CINC_X", T0 + DAY - 2 * HOUR)],
        "ticket_events": [_event("EINC_Y1", "INC_Y", T0 + DAY - 2 * HOUR, "customer_message")],
    },
    # day 2: INC_R reopened (new event, old ticket); INC_L's reopen dated T0 + 1 h arrives a
    # day late; a late CSAT for INC_X; the escalation of INC_E reviewed as not needed
    2: {
        "ticket_events": [
            _event("EINC_R4", "INC_R", T0 + 2 * DAY - 3 * HOUR, "reopened"),
            _event("EINC_L4", "INC_L", T0 + HOUR, "reopened"),
        ],
        "survey_responses": [
            {
                "response_id": "SINC_X",
                "survey_type": "csat",
                "score": "2",
                "responded_at": _ts(T0 + 2 * DAY - HOUR),
                "ticket_id": "INC_X",
                "customer_id": "CINC_X",
            }
        ],
        "escalation_reviews": [
            {
                "review_id": "RINC_E",
                "ticket_id": "INC_E",
                "reviewed_at": _ts(T0 + 2 * DAY - 2 * HOUR),
                "needed_human": "false",
                "reviewer_id": "QINC",
                "sample_weight": "1",
            }
        ],
    },
}
SNAPSHOTS = len(ARRIVALS)


def _write_snapshot(generated: Path, raw: Path, day: int) -> None:
    """raw := the generated folder as exported at T0 + day, plus every hand row arrived by then."""
    shutil.rmtree(raw, ignore_errors=True)
    export_as_of(generated, raw, T0 + day * DAY)
    for entity in sorted({e for k in range(day + 1) for e in ARRIVALS[k]}):
        path = raw / f"{entity}.parquet"
        table = pq.read_table(path)
        rows = [row for k in range(day + 1) for row in ARRIVALS[k].get(entity, [])]
        extra = pa.Table.from_pylist(
            [{name: row.get(name) for name in table.schema.names} for row in rows],
            schema=table.schema,
        )
        pq.write_table(pa.concat_tables([table, extra]), path)


def _marts(db: Path) -> dict[str, tuple[list[str], list[tuple]]]:
    with duckdb.connect(str(db), read_only=True) as con:
        con.execute("set TimeZone = 'UTC'")
        names = [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_schema = 'marts' "
                "order by 1"
            ).fetchall()
        ]
        result = {}
        for name in names:
            cursor = con.execute(f'select * from marts."{name}"')
            result[name] = ([d[0] for d in cursor.description], cursor.fetchall())
        return result


def _differences(reference: Path, other: Path) -> dict[str, list[str]]:
    left, right = _marts(reference), _marts(other)
    assert sorted(left) == sorted(right)
    return {
        name: problems
        for name in left
        if (problems := compare_engines.compare(left[name], right[name]))
    }


def _run(raw: Path, db: Path, *extra: str, lookback: int | None = None) -> None:
    vars_extra = {"incremental_lookback_days": lookback} if lookback is not None else None
    done = run_dbt(
        ["build", "--resource-type", "seed", "--resource-type", "model", *extra],
        raw,
        db,
        vars_extra=vars_extra,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


@pytest.fixture(scope="module")
def daily_chain(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("incremental")
    generated = work / "generated"
    generate(generated, GenerateConfig(tickets=500, days=30, seed=11))
    raw = work / "raw"
    incremental = work / "incremental.duckdb"
    short = work / "short_lookback.duckdb"
    for day in range(SNAPSHOTS):
        _write_snapshot(generated, raw, day)
        _run(raw, incremental)
        if day == 1:
            # the same warehouse, built on day 2 with a lookback shorter than the late event's delay
            shutil.copy(incremental, short)
        elif day == 2:
            _run(raw, short, lookback=0)
    full = work / "full.duckdb"
    _run(raw, full, "--full-refresh")
    return {"incremental": incremental, "short": short, "full": full}


def test_hand_rows_reach_the_marts(daily_chain: dict[str, Path]) -> None:
    """The late rows change what they should, worked out by hand (so equality is not vacuous)."""
    with duckdb.connect(str(daily_chain["full"]), read_only=True) as con:
        rows = dict(
            (r[0], r[1:])
            for r in con.execute(
                "select ticket_id, has_repeat_contact, reopen_count, is_resolved, csat_score, "
                "review_needed_human from marts.fct_tickets where ticket_id like 'INC_%'"
            ).fetchall()
        )
    # INC_Y came 7 days less 2 hours after INC_X, inside the 7-day window
    assert rows["INC_X"][0] is True
    assert rows["INC_X"][3] == 2  # the late CSAT
    # the reopens: one counted reopen each, so neither ticket is resolved any more
    assert rows["INC_R"][1:3] == (1, False)
    assert rows["INC_L"][1:3] == (1, False)
    assert rows["INC_E"][4] is False


def test_daily_incremental_runs_equal_a_full_refresh(daily_chain: dict[str, Path]) -> None:
    assert _differences(daily_chain["full"], daily_chain["incremental"]) == {}


def test_a_lookback_shorter_than_the_delay_misses_the_late_event(
    daily_chain: dict[str, Path],
) -> None:
    """Day 2 with lookback 0: INC_L's reopen, dated before day 1's data, is never read (the full
    refresh has it: test_hand_rows_reach_the_marts)."""
    with duckdb.connect(str(daily_chain["short"]), read_only=True) as con:
        stale = con.execute(
            "select reopen_count, is_resolved from marts.fct_tickets where ticket_id = 'INC_L'"
        ).fetchone()
    assert stale == (0, True)
