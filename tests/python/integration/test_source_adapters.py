"""The Zendesk and Intercom adapters (source_system) on hand-written connector tables
(tests/python/fixtures/connector_tables.py): the fct_tickets row of every case, worked out by
hand from those rows; the reason of every dropped source row; source rows = contract rows +
dropped rows; and, when ../shared/anchors/dbt_zendesk_seeds is there, a full build on
Fivetran's own Zendesk fixture tables."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from conftest import PROJECT_ROOT, DbtRun, assert_succeeded, query, query_df, run_dbt
from fixtures.connector_tables import write_intercom, write_zendesk

pytestmark = pytest.mark.integration

# ../shared beside the repository (or SUPPORT_KPIS_SHARED_DIR, e.g. for a git worktree)
SHARED = Path(os.environ.get("SUPPORT_KPIS_SHARED_DIR", PROJECT_ROOT.parent / "shared"))
ANCHORS = SHARED / "anchors" / "dbt_zendesk_seeds"
# fct_tickets and what reconciles the adapter; no unit tests (they do not depend on the source)
SELECT = [
    "--select",
    "+fct_tickets",
    "+adapter_reconciliation",
    "+adapter_dropped_rows",
    "+stg_helpdesk__export_reconciliation",
    "stg_helpdesk__agents",
    "--exclude-resource-type",
    "unit_test",
    "--indirect-selection",
    "cautious",
]
T = dt.datetime


def _build(
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    raw_path: Path,
    dbt_vars: dict,
    args: list[str] = SELECT,
) -> DbtRun:
    db_path = tmp_path_factory.mktemp(name) / "warehouse.duckdb"
    process = run_dbt(["build", *args], raw_path, db_path, vars_extra=dbt_vars)
    return DbtRun(process, db_path, raw_path)


@pytest.fixture(scope="module")
def zendesk(tmp_path_factory: pytest.TempPathFactory) -> DbtRun:
    folder = write_zendesk(tmp_path_factory.mktemp("zendesk_tables"))
    return _build(
        tmp_path_factory,
        "zendesk",
        folder,
        {"source_system": "zendesk", "ai_agent_user_ids": ["800"], "system_user_ids": ["900"]},
    )


@pytest.fixture(scope="module")
def zendesk_union(tmp_path_factory: pytest.TempPathFactory) -> DbtRun:
    """Two connections with the same ids; the AI agent's user is listed for `us` only."""
    eu = write_zendesk(tmp_path_factory.mktemp("zendesk_eu"))
    us = write_zendesk(tmp_path_factory.mktemp("zendesk_us"))
    return _build(
        tmp_path_factory,
        "zendesk_union",
        eu,
        {
            "source_system": "zendesk",
            "zendesk_sources": [
                {"name": "eu", "raw_path": str(eu)},
                {"name": "us", "raw_path": str(us)},
            ],
            "ai_agent_user_ids": ["us:800"],
            "system_user_ids": ["900"],
        },
    )


@pytest.fixture(scope="module")
def intercom(tmp_path_factory: pytest.TempPathFactory) -> DbtRun:
    """Every mart, with its data tests (no unit tests: they do not read the source)."""
    folder = write_intercom(tmp_path_factory.mktemp("intercom_tables"))
    return _build(
        tmp_path_factory,
        "intercom",
        folder,
        {"source_system": "intercom"},
        ["--exclude-resource-type", "unit_test"],
    )


def _tickets(run: DbtRun) -> dict[str, dict]:
    frame = query_df(run.db_path, "select * from marts.fct_tickets")
    return {row["ticket_id"]: row for row in frame.to_dict("records")}


def _assert_ticket(actual: dict, expected: dict) -> None:
    for column, value in expected.items():
        got = actual[column]
        if hasattr(got, "to_pydatetime"):
            got = got.to_pydatetime()
        if value is None:
            assert got is None or got != got, f"{actual['ticket_id']}.{column}: {got!r}"
        else:
            assert got == value, f"{actual['ticket_id']}.{column}: {got!r} != {value!r}"


def _dropped(run: DbtRun) -> dict[tuple[str, str], str]:
    rows = query(
        run.db_path,
        "select source_table, source_key, drop_reason from adapters.adapter_dropped_rows",
    )
    return {(table, key): reason for table, key, reason in rows}


def _assert_reconciles(run: DbtRun) -> None:
    adapter = query(
        run.db_path,
        "select source_table, entity, source_rows, contract_rows, "
        "dropped_rows from adapters.adapter_reconciliation",
    )
    assert adapter
    for table, entity, source_rows, contract_rows, dropped_rows in adapter:
        assert source_rows == contract_rows + dropped_rows, (table, entity)
    assert query(
        run.db_path, "select count(*) from adapters.adapter_dropped_rows where drop_reason is null"
    ) == [(0,)]
    staged = query(
        run.db_path,
        "select entity, raw_rows, accepted_rows, rejected_rows, "
        "duplicate_rows from staging.stg_helpdesk__export_reconciliation",
    )
    for entity, raw, accepted, rejected, duplicates in staged:
        assert raw == accepted + rejected + duplicates, entity


# ------------------------------------------------------------------------------ Zendesk
ZENDESK_EXPECTED = {
    # internal note at 09:10 is no reply: the first reply is the public one at 09:30
    "1": dict(
        customer_id="101",
        channel="email",
        category="billing",
        priority="urgent",
        resolution_path="human_only",
        first_response_at=T(2026, 3, 2, 9, 30),
        first_response_seconds=1800.0,
        first_resolved_at=T(2026, 3, 2, 10),
        resolved_at=T(2026, 3, 2, 10),
        is_reopened=False,
        csat_score=5.0,
        is_csat_positive=True,
    ),
    # solved 11:00, open 12:00 (reopened), solved 13:00; web -> email; category = type
    "2": dict(
        channel="email",
        category="question",
        priority="normal",
        resolution_path="human_only",
        first_response_seconds=1200.0,
        first_resolved_at=T(2026, 3, 2, 11),
        resolved_at=T(2026, 3, 2, 13),
        is_reopened=True,
        is_reopened_within_window=True,
        reopen_count=1,
        csat_score=1.0,
        is_csat_positive=False,
    ),
    # solved 11:30, closed three days later: closing a solved ticket changes nothing
    "3": dict(
        channel="web_chat",
        category="uncategorised",
        first_response_seconds=300.0,
        first_resolved_at=T(2026, 3, 2, 11, 30),
        resolved_at=T(2026, 3, 2, 11, 30),
        is_reopened=False,
        csat_score=None,
        is_csat_positive=None,
        has_survey_responses=True,
    ),
    # the auto-acknowledgement in the customer's second is no reply: the agent at 12:45 is
    "4": dict(
        category="incident",
        resolution_path="human_only",
        first_response_at=T(2026, 3, 2, 12, 45),
        first_response_seconds=2700.0,
        first_resolved_at=None,
        is_resolved=False,
        csat_score=None,
    ),
    # AI at 13:00:05, group -> Tier 2 (escalated, tier 2), assignee 202 -> 203 (transferred)
    "5": dict(
        channel="web_chat",
        category="returns",
        priority="high",
        resolution_path="escalated",
        is_ai_handled=True,
        is_escalated=True,
        escalation_count=1,
        is_transferred=True,
        transfer_count=1,
        first_response_seconds=5.0,
        first_human_response_at=T(2026, 3, 2, 13, 30),
        first_resolved_at=T(2026, 3, 2, 14),
        max_to_tier=2,
        is_tier2=True,
        is_ai_resolved=False,
    ),
}


def test_zendesk_tickets_follow_every_mapping_rule(zendesk: DbtRun) -> None:
    assert_succeeded(zendesk)
    tickets = _tickets(zendesk)
    assert sorted(tickets) == sorted(ZENDESK_EXPECTED)  # ticket 6 was deleted
    for ticket_id, expected in ZENDESK_EXPECTED.items():
        _assert_ticket(tickets[ticket_id], expected)
    as_of = query(
        zendesk.db_path,
        "select as_of, declared_by from intermediate.int_export_as_of "
        "cross join staging.stg_helpdesk__export_metadata",
    )
    assert as_of == [(T(2026, 3, 6, 8), "zendesk connector sync")]


def test_zendesk_dropped_rows_have_their_reason(zendesk: DbtRun) -> None:
    assert_succeeded(zendesk)
    dropped = _dropped(zendesk)
    assert dropped == {
        ("ticket", "6"): "deleted_ticket",
        ("ticket_comment", "1002"): "internal_note",
        ("ticket_comment", "6001"): "deleted_ticket",
        ("ticket_field_history", "1|status|2026-03-02 09:00:00|new"): "status_change_not_an_event",
        ("ticket_field_history", "1|priority|2026-03-02 09:00:00|urgent"): "field_not_mapped",
        ("ticket_field_history", "2|status|2026-03-02 10:00:00|new"): "status_change_not_an_event",
        ("ticket_field_history", "2|status|2026-03-02 10:20:00|open"): "status_change_not_an_event",
        ("ticket_field_history", "4|status|2026-03-02 12:00:00|new"): "status_change_not_an_event",
        (
            "ticket_field_history",
            "4|status|2026-03-02 12:45:00|pending",
        ): "status_change_not_an_event",
        ("ticket_field_history", "5|assignee_id|2026-03-02 13:00:05|202"): "first_assignment",
        (
            "ticket_field_history",
            "5|group_id|2026-03-02 13:25:00|40",
        ): "group_not_an_escalation_group",
        ("satisfaction_rating", "7003"): "not_a_response",
        ("satisfaction_rating", "7004"): "not_a_response",
        **{("user", user): "not_an_agent" for user in ("101", "102", "103", "104", "105")},
        ("user", "800"): "ai_agent",
        ("user", "900"): "system_user",
    }
    _assert_reconciles(zendesk)
    events = dict(
        query(
            zendesk.db_path,
            "select event_id, event_type "
            "from staging.stg_helpdesk__ticket_events "
            "where ticket_id in ('4', '5')",
        )
    )
    assert events["comment-4002"] == "system_message"
    assert events["comment-5002"] == "ai_message"
    assert query(
        zendesk.db_path, "select agent_id from staging.stg_helpdesk__agents order by agent_id"
    ) == [("201",), ("202",), ("203",)]


def test_two_zendesk_connections_keep_their_ids_apart(zendesk_union: DbtRun) -> None:
    assert_succeeded(zendesk_union)
    tickets = _tickets(zendesk_union)
    assert sorted(tickets) == sorted(
        f"{name}:{i}" for name in ("eu", "us") for i in ZENDESK_EXPECTED
    )
    assert tickets["eu:1"]["customer_id"] == "eu:101"
    assert tickets["us:1"]["customer_id"] == "us:101"
    # the same customer id in two instances is two customers: no repeat contact across them
    assert not tickets["eu:1"]["has_repeat_contact"] and not tickets["us:1"]["has_repeat_contact"]
    # user 800 is the AI agent in `us` only; in `eu` it is an agent like any other
    _assert_ticket(tickets["us:5"], ZENDESK_EXPECTED["5"])
    _assert_ticket(
        tickets["eu:5"],
        dict(
            resolution_path="human_only",
            is_ai_handled=False,
            is_escalated=True,
            first_response_seconds=5.0,
        ),
    )
    for name in ("eu", "us"):
        for ticket_id in ("1", "2", "3", "4"):
            expected = {k: v for k, v in ZENDESK_EXPECTED[ticket_id].items() if k != "customer_id"}
            _assert_ticket(tickets[f"{name}:{ticket_id}"], expected)
    agents = query(
        zendesk_union.db_path, "select agent_id from staging.stg_helpdesk__agents order by agent_id"
    )
    assert agents == [
        ("eu:201",),
        ("eu:202",),
        ("eu:203",),
        ("eu:800",),
        ("us:201",),
        ("us:202",),
        ("us:203",),
    ]
    _assert_reconciles(zendesk_union)


def test_zendesk_tables_already_in_a_schema_are_read_where_they_are(
    zendesk: DbtRun, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The first build left the tables as views in schema raw_zendesk; a build whose raw_path
    holds no connector tables reads that schema as it is (as with tables an EL tool loaded)."""
    assert_succeeded(zendesk)
    empty = tmp_path_factory.mktemp("no_tables")
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
        empty,
        zendesk.db_path,
        vars_extra={
            "source_system": "zendesk",
            "zendesk_schema": "raw_zendesk",
            "ai_agent_user_ids": ["800"],
            "system_user_ids": ["900"],
        },
    )
    rerun = DbtRun(process, zendesk.db_path, empty)
    assert_succeeded(rerun)
    tickets = _tickets(rerun)
    assert sorted(tickets) == sorted(ZENDESK_EXPECTED)
    for ticket_id, expected in ZENDESK_EXPECTED.items():
        _assert_ticket(tickets[ticket_id], expected)


# ------------------------------------------------------------------------------ Intercom
INTERCOM_EXPECTED = {
    # Fin answers at 09:00:10, the bot assigns to team Tier 2, an admin replies at 09:20
    "31": dict(
        customer_id="u1",
        channel="web_chat",
        category="returns",
        priority="normal",
        resolution_path="escalated",
        is_ai_handled=True,
        is_escalated=True,
        first_response_at=T(2026, 3, 2, 9, 0, 10),
        first_response_seconds=10.0,
        first_human_response_at=T(2026, 3, 2, 9, 20),
        first_resolved_at=T(2026, 3, 2, 10),
        resolved_at=T(2026, 3, 2, 10),
        max_to_tier=2,
        is_tier2=True,
        csat_score=5.0,
        is_csat_positive=True,
    ),
    # Operator's auto-reply is no reply; close 11:00, open 12:00 (reopened), close 13:00
    "32": dict(
        customer_id="u2",
        channel="email",
        category="uncategorised",
        resolution_path="human_only",
        is_ai_handled=False,
        first_response_at=T(2026, 3, 2, 10, 30),
        first_response_seconds=1800.0,
        first_resolved_at=T(2026, 3, 2, 11),
        resolved_at=T(2026, 3, 2, 13),
        is_reopened=True,
        is_reopened_within_window=True,
        csat_score=2.0,
        is_csat_positive=False,
    ),
    # a lead on WhatsApp, priority -> high; assignment 11 -> 12 is a transfer
    "33": dict(
        customer_id="u3",
        channel="whatsapp",
        priority="high",
        resolution_path="human_only",
        first_response_seconds=300.0,
        is_transferred=True,
        transfer_count=1,
        is_resolved=False,
        csat_score=None,
        has_survey_responses=True,
    ),
}


def test_intercom_tickets_follow_every_mapping_rule(intercom: DbtRun) -> None:
    assert_succeeded(intercom)
    tickets = _tickets(intercom)
    assert sorted(tickets) == sorted(INTERCOM_EXPECTED)
    for ticket_id, expected in INTERCOM_EXPECTED.items():
        _assert_ticket(tickets[ticket_id], expected)
    events = dict(
        query(
            intercom.db_path, "select event_id, event_type from staging.stg_helpdesk__ticket_events"
        )
    )
    assert events["part-p312"] == "ai_message"
    assert events["part-p322"] == "system_message"
    assert events["part-p313"] == "escalated"


def test_intercom_dropped_rows_have_their_reason(intercom: DbtRun) -> None:
    assert_succeeded(intercom)
    assert _dropped(intercom) == {
        ("conversation_history", "32|2026-03-02 10:30:00 UTC"): "superseded_history_row",
        ("conversation_history", "33|2026-03-02 12:00:00 UTC"): "no_rating",
        ("conversation_part_history", "p314|2026-03-02 09:15:00 UTC"): "internal_note",
        ("conversation_part_history", "p323|2026-03-02 10:30:00 UTC"): "superseded_history_row",
        ("conversation_part_history", "p331|2026-03-02 11:00:00 UTC"): "open_without_close",
        (
            "conversation_part_history",
            "p333|2026-03-02 11:02:00 UTC",
        ): "assignment_not_an_escalation_or_transfer",
        ("conversation_part_history", "p336|2026-03-02 11:20:00 UTC"): "part_type_not_mapped",
        ("admin", "77"): "ai_agent",
    }
    _assert_reconciles(intercom)


# ---------------------------------------------------------- Fivetran's own Zendesk fixtures
@pytest.fixture(scope="module")
def anchors(tmp_path_factory: pytest.TempPathFactory) -> DbtRun:
    if not ANCHORS.is_dir():
        pytest.skip(f"{ANCHORS} is not there (Fivetran's dbt_zendesk seeds)")
    folder = tmp_path_factory.mktemp("zendesk_anchors")
    for table in (
        "ticket",
        "ticket_comment",
        "ticket_field_history",
        "user",
        "group",
        "ticket_tag",
    ):
        shutil.copy(ANCHORS / f"{table}_data.csv", folder / f"{table}.csv")
    # every mart, with its data tests (no unit tests: they do not read the source)
    return _build(
        tmp_path_factory,
        "anchors",
        folder,
        {"source_system": "zendesk"},
        ["--exclude-resource-type", "unit_test"],
    )


def test_fivetran_zendesk_fixtures_build_every_mart_and_reconcile(anchors: DbtRun) -> None:
    assert_succeeded(anchors)
    _assert_reconciles(anchors)
    source_rows = dict(
        query(
            anchors.db_path,
            "select source_table, sum(source_rows) from adapters.adapter_reconciliation group by 1",
        )
    )
    # every row of the copied files is accounted for
    for table in ("ticket", "ticket_comment", "ticket_field_history", "user"):
        with (ANCHORS / f"{table}_data.csv").open(encoding="utf-8") as handle:
            rows = sum(1 for _ in handle) - 1
        assert source_rows[table] == rows, table
    tickets = _tickets(anchors)
    # 1595 and 11013 have status deleted
    assert "1595" not in tickets and "11013" not in tickets and len(tickets) == 8
    _assert_ticket(
        tickets["11071"],
        dict(
            customer_id="2222",
            channel="email",
            first_resolved_at=T(2020, 11, 14, 11, 1, 27),
            resolved_at=T(2020, 11, 14, 11, 1, 27),
        ),
    )
    marts = query(
        anchors.db_path,
        "select count(*) from information_schema.tables where table_schema = 'marts'",
    )
    assert marts[0][0] >= 20


# ------------------------------------------------- source_timezone and the export time
@pytest.fixture(scope="module")
def berlin_export(tmp_path_factory: pytest.TempPathFactory) -> DbtRun:
    """A contract folder whose offset-less times are Berlin wall-clock times, and an
    export_metadata file that says when it was exported."""
    folder = tmp_path_factory.mktemp("berlin_export")
    (folder / "tickets.csv").write_text(
        "ticket_id,customer_id,channel,category,created_at\n"
        "W1,C1,email,billing,2026-03-02 10:00:00\n"  # winter: UTC+1
        "S1,C2,email,billing,2026-07-01 10:00:00\n",  # summer: UTC+2
        encoding="utf-8",
    )
    (folder / "ticket_events.csv").write_text(
        "event_id,ticket_id,event_at,event_type\n"
        "E1,W1,2026-03-02 10:00:00,customer_message\n"
        "E2,W1,2026-03-02T10:30:00Z,system_message\n"  # an offset wins over the zone
        "E3,W1,2026-03-02 12:00:00,agent_message\n"
        "E4,S1,2026-07-01 10:00:00,customer_message\n",
        encoding="utf-8",
    )
    (folder / "export_metadata.csv").write_text(
        "exported_at\n2026-07-02 12:00:00\n", encoding="utf-8"
    )
    return _build(tmp_path_factory, "berlin", folder, {"source_timezone": "Europe/Berlin"})


def test_offsetless_times_are_in_source_timezone_and_as_of_is_the_export_time(
    berlin_export: DbtRun,
) -> None:
    assert_succeeded(berlin_export)
    tickets = _tickets(berlin_export)
    _assert_ticket(
        tickets["W1"],
        dict(
            created_at=T(2026, 3, 2, 9),
            first_response_at=T(2026, 3, 2, 11),
            first_response_seconds=7200.0,
            resolution_path="human_only",
        ),
    )
    _assert_ticket(tickets["S1"], dict(created_at=T(2026, 7, 1, 8), resolution_path="unanswered"))
    events = dict(
        query(
            berlin_export.db_path,
            "select event_id, event_at from staging.stg_helpdesk__ticket_events",
        )
    )
    assert events["E2"] == T(2026, 3, 2, 10, 30)
    # the file says 12:00 Berlin (10:00 UTC); the latest event is a day earlier
    assert query(berlin_export.db_path, "select as_of from intermediate.int_export_as_of") == [
        (T(2026, 7, 2, 10),)
    ]
