"""Property-based: random event timelines (ties in the same second, reopens at and around the
72-hour edge, closed/reopened sequences, as_of edges, offsets) go through the warehouse
(`dbt run --select +fct_tickets`, one run per example with many tickets), and every ticket's flags
in marts.fct_tickets agree with the pure-Python oracle in timeline_oracle.py."""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from timeline_oracle import TYPE_ORDER, Event, Flags, ticket_flags

from helpers import DbtRun, assert_succeeded, query_df, run_dbt

H72 = dt.timedelta(hours=72)
SECOND = dt.timedelta(seconds=1)
BASE = dt.datetime(2026, 3, 1)
# gaps between consecutive events: ties, seconds, and the reopen window's edge
GAPS = st.sampled_from([0, 0, 1, 59, 3600, 72 * 3600 - 1, 72 * 3600, 72 * 3600 + 1, 4 * 86400])
EDGE_GAPS = st.sampled_from([0, 1, 72 * 3600 - 1, 72 * 3600, 72 * 3600 + 1])
FLAG_COLUMNS = list(Flags.__dataclass_fields__)
# Scripted timelines in every example, as (seconds after the previous event, type): the edges
# random draws reach only rarely.
EDGE_TIMELINES: list[list[tuple[int, str]]] = [
    [(60, "ai_message"), (60, "resolved"), (72 * 3600, "reopened")],  # reopen exactly at 72 h
    [(60, "ai_message"), (60, "resolved"), (72 * 3600 + 1, "reopened")],  # one second late
    [(60, "ai_message"), (60, "resolved"), (0, "reopened")],  # reopen in the same second
    [(0, "ai_message"), (0, "reopened"), (0, "closed")],  # reopen on an open ticket: ignored
    [(60, "agent_message"), (60, "closed"), (72 * 3600, "reopened"), (1, "resolved")],
    [(60, "ai_message"), (60, "resolved"), (10, "closed"), (72 * 3600 - 10, "reopened")],
    [(60, "ai_message"), (60, "resolved"), (60, "resolved"), (72 * 3600, "reopened")],
    [(0, "agent_message"), (0, "ai_message")],  # tie: the AI's message is first
    [(5, "escalated"), (5, "ai_message"), (5, "resolved")],
    [(5, "customer_message"), (5, "closed"), (5, "closed")],
    # an auto-acknowledgement in the customer's second is no reply; the agent's is
    [(5, "customer_message"), (0, "system_message"), (60, "agent_message")],
    [(0, "system_message"), (0, "ai_message"), (5, "resolved")],  # tie: system is first
]


# ------------------------------------------------------------------ the oracle on its own
def _events(*steps: tuple[int, str]) -> list[Event]:
    return [Event(f"E{i}", BASE + dt.timedelta(seconds=s), t) for i, (s, t) in enumerate(steps)]


def test_oracle_reopen_window_is_closed() -> None:
    late = BASE + dt.timedelta(days=30)
    at_edge = ticket_flags(
        _events((0, "ai_message"), (10, "resolved"), (10 + 72 * 3600, "reopened")), late
    )
    past_edge = ticket_flags(
        _events((0, "ai_message"), (10, "resolved"), (11 + 72 * 3600, "reopened")), late
    )
    same_second = ticket_flags(_events((0, "ai_message"), (10, "reopened"), (10, "resolved")), late)
    assert at_edge.is_reopened_within_window and not at_edge.is_ai_resolved
    assert not past_edge.is_reopened_within_window and past_edge.is_ai_resolved
    # in the same second a reopen comes after the resolution in timeline order: inside
    assert same_second.is_reopened_within_window


def test_oracle_closed_and_ignored_reopens() -> None:
    late = BASE + dt.timedelta(days=30)
    flags = ticket_flags(
        _events(
            (0, "agent_message"), (5, "reopened"), (10, "closed"), (20, "closed"), (30, "resolved")
        ),
        late,
    )
    assert (flags.first_resolved_at, flags.resolved_at) == (BASE + 10 * SECOND, BASE + 30 * SECOND)
    assert not flags.is_reopened and flags.resolution_path == "human_only"
    reopened = ticket_flags(_events((0, "ai_message"), (1, "resolved"), (2, "reopened")), late)
    assert not reopened.is_resolved and reopened.resolved_at is None
    assert reopened.resolution_path == "ai_only" and not reopened.is_ai_resolved


def test_oracle_pending_and_paths() -> None:
    flags = ticket_flags(_events((0, "ai_message"), (10, "resolved")), BASE + 10 * SECOND + H72)
    assert flags.is_ai_resolved and not flags.is_deflection_pending
    flags = ticket_flags(_events((0, "ai_message"), (10, "resolved")), BASE + 9 * SECOND + H72)
    assert flags.is_deflection_pending and flags.is_fcr_pending and not flags.is_ai_resolved
    tie = ticket_flags(_events((0, "agent_message"), (0, "ai_message")), BASE)
    assert tie.resolution_path == "escalated"  # the AI's message comes first in a tie
    assert (
        ticket_flags(_events((0, "escalated"), (5, "ai_message")), BASE).resolution_path
        == "escalated"
    )
    assert (
        ticket_flags([Event("E", BASE, "agent_message", ai_assisted=True)], BASE).resolution_path
        == "assisted"
    )
    assert ticket_flags(_events((0, "customer_message")), BASE).resolution_path == "unanswered"


def test_oracle_a_reopen_inside_an_open_window_stays_pending() -> None:
    steps = ((0, "ai_message"), (10, "resolved"), (3600, "reopened"))
    window_end = BASE + 10 * SECOND + H72
    # one second before the window ends: pending, and a failure already seen (never final yet)
    early = ticket_flags(_events(*steps), window_end - SECOND)
    assert early.is_fcr_pending and early.is_fcr_pending_failure
    assert early.is_deflection_pending and early.is_deflection_pending_failure
    # as_of exactly at the window end: final, a failure, no longer pending
    final = ticket_flags(_events(*steps), window_end)
    assert not (final.is_fcr_pending or final.is_fcr_pending_failure or final.is_deflection_pending)
    assert final.is_reopened_within_window and not final.is_ai_resolved


# ------------------------------------------------------------------ through the warehouse
@st.composite
def timelines(draw: st.DrawFn) -> tuple[list[dict], list[dict], dt.datetime | None]:
    """Tickets, events (as raw CSV rows) and an as_of (None: the default, latest event)."""
    tickets, events = [], []
    n_tickets = draw(st.integers(min_value=15, max_value=30))
    for number in range(n_tickets):
        ticket_id = f"P{number:03d}"
        created = BASE + dt.timedelta(hours=number) + draw(st.sampled_from([0, 1, 30])) * SECOND
        tickets.append(
            {
                "ticket_id": ticket_id,
                "customer_id": f"C{number:03d}",
                "channel": "web_chat",
                "category": "billing",
                "created_at": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
            }
        )
        at = created
        previous = None
        for index in range(draw(st.integers(min_value=0, max_value=8))):
            if previous in ("resolved", "closed"):
                # after a resolution, aim at the reopen window's edge
                at += draw(EDGE_GAPS) * SECOND
                kind = draw(
                    st.sampled_from(
                        [
                            "reopened",
                            "reopened",
                            "resolved",
                            "closed",
                            "ai_message",
                            "agent_message",
                        ]
                    )
                )
            else:
                at += draw(GAPS) * SECOND
                kind = draw(st.sampled_from(TYPE_ORDER))
            previous = kind
            row = {
                "event_id": f"E{ticket_id}_{draw(st.integers(0, 99)):02d}_{index}",
                "ticket_id": ticket_id,
                "event_type": kind,
                "event_at": _render(draw, at),
            }
            if kind == "agent_message":
                row["ai_assisted"] = draw(st.sampled_from(["true", "false", "", "Y", "0"]))
            events.append(row)
    for number, script in enumerate(EDGE_TIMELINES):
        ticket_id = f"X{number:03d}"
        at = BASE + dt.timedelta(days=2, hours=number)
        tickets.append(
            {
                "ticket_id": ticket_id,
                "customer_id": f"CX{number:03d}",
                "channel": "web_chat",
                "category": "billing",
                "created_at": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            }
        )
        for index, (gap, kind) in enumerate(script):
            at += gap * SECOND
            events.append(
                {
                    "event_id": f"E{ticket_id}_{index}",
                    "ticket_id": ticket_id,
                    "event_type": kind,
                    "event_at": _render(draw, at),
                }
            )
    as_of_choice = draw(st.sampled_from(["default", "edge", "edge_minus", "edge_plus"]))
    as_of = None
    resolutions = [e["event_at"] for e in events if e["event_type"] in ("resolved", "closed")]
    if as_of_choice != "default" and resolutions:
        shift = {"edge": 0, "edge_minus": -1, "edge_plus": 1}[as_of_choice]
        # exactly at (or a second around) the end of some resolution's reopen window
        as_of = _parse(draw(st.sampled_from(resolutions))) + H72 + shift * SECOND
    return tickets, events, as_of


def _render(draw: st.DrawFn, at: dt.datetime) -> str:
    """The same instant as UTC with Z, without offset, or at +05:30."""
    style = draw(st.sampled_from(["z", "naive", "kolkata"]))
    if style == "kolkata":
        return (at + dt.timedelta(hours=5, minutes=30)).strftime("%Y-%m-%dT%H:%M:%S+05:30")
    return at.strftime("%Y-%m-%dT%H:%M:%S") + ("Z" if style == "z" else "")


def _parse(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def _write(path: Path, rows: list[dict], header: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, restval="")
        writer.writeheader()
        writer.writerows(rows)


def _expected(
    tickets: list[dict], events: list[dict], as_of: dt.datetime | None
) -> dict[str, Flags]:
    parsed = [
        Event(
            e["event_id"],
            _parse(e["event_at"]),
            e["event_type"],
            e.get("ai_assisted", "").lower() in ("true", "y"),
        )
        for e in events
    ]
    by_ticket: dict[str, list[Event]] = {t["ticket_id"]: [] for t in tickets}
    for row, event in zip(events, parsed, strict=True):
        by_ticket[row["ticket_id"]].append(event)
    # as_of defaults to the latest accepted event_at (the latest ticket if there is none)
    effective = as_of or max(
        (e.at for e in parsed), default=max(_parse(t["created_at"]) for t in tickets)
    )
    return {ticket_id: ticket_flags(evs, effective) for ticket_id, evs in by_ticket.items()}


@pytest.mark.integration
@pytest.mark.property
@settings(
    max_examples=5,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(case=timelines())
def test_fct_tickets_flags_agree_with_the_oracle(case, tmp_path: Path) -> None:
    tickets, events, as_of = case
    folder = Path(tempfile.mkdtemp(prefix="raw_", dir=tmp_path))  # hypothesis may replay
    _write(
        folder / "tickets.csv",
        tickets,
        ["ticket_id", "customer_id", "channel", "category", "created_at"],
    )
    _write(
        folder / "ticket_events.csv",
        events,
        ["event_id", "ticket_id", "event_at", "event_type", "ai_assisted"],
    )
    dbt_vars = {"as_of": as_of.strftime("%Y-%m-%dT%H:%M:%S")} if as_of else {}
    db_path = folder / "warehouse.duckdb"
    # seeds too: fct_tickets reads the SLA policies; no tests, the oracle is the check here
    process = run_dbt(
        [
            "build",
            "--select",
            "+fct_tickets",
            "--exclude-resource-type",
            "test",
            "--exclude-resource-type",
            "unit_test",
        ],
        folder,
        db_path,
        vars_extra=dbt_vars,
    )
    assert_succeeded(DbtRun(process, db_path, folder))

    actual = query_df(
        db_path, f"select ticket_id, {', '.join(FLAG_COLUMNS)} from marts.fct_tickets"
    ).set_index("ticket_id")
    expected = _expected(tickets, events, as_of)
    assert sorted(actual.index) == sorted(expected)
    mismatches = []
    for ticket_id, flags in expected.items():
        row = actual.loc[ticket_id]
        for column in FLAG_COLUMNS:
            want, got = getattr(flags, column), row[column]
            got = None if got is None or (not isinstance(got, str) and got != got) else got
            if hasattr(got, "to_pydatetime"):
                got = got.to_pydatetime()
            if want != got:
                mismatches.append((ticket_id, column, want, got))
    if mismatches:
        ticket_ids = {m[0] for m in mismatches}
        timeline = [e for e in events if e["ticket_id"] in ticket_ids]
        pytest.fail(f"as_of={as_of}; mismatches={mismatches[:10]}; events={timeline[:30]}")
