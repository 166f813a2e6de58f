"""Unit tests of the raw-export generator: contract, determinism, shapes and bad rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from helpers import LAUNCH, read_entity
from support_kpis.generate import (
    CATEGORIES,
    CHANNELS,
    CONTRACT,
    DEFLECTION_BANDS,
    ENTITIES,
    EVENT_TYPES,
    PRIORITIES,
    GenerateConfig,
    generate,
    parse_entities,
)

TIMESTAMP_COLUMNS = {
    "tickets": ["created_at"],
    "ticket_events": ["event_at"],
    "agents": ["hired_at", "left_at"],
    "agent_work_sessions": ["started_at", "ended_at"],
    "agent_shifts": ["shift_start", "shift_end"],
    "survey_responses": ["responded_at"],
    "escalation_reviews": ["reviewed_at"],
    "handoff_ratings": ["rated_at"],
    "ai_response_reviews": ["reviewed_at"],
    "qa_reviews": ["reviewed_at"],
    "intent_coverage": ["updated_at"],
    "operating_costs": ["month"],
}
REQUIRED = {
    "tickets": ["ticket_id", "customer_id", "channel", "category", "created_at"],
    "ticket_events": ["event_id", "ticket_id", "event_at", "event_type"],
    "agents": ["agent_id"],
    "agent_work_sessions": ["session_id", "ticket_id", "agent_id", "started_at", "ended_at"],
    "agent_shifts": ["agent_id", "shift_start", "shift_end"],
    "survey_responses": ["response_id", "survey_type", "score", "responded_at"],
    "escalation_reviews": ["review_id", "ticket_id", "reviewed_at", "needed_human"],
    "handoff_ratings": ["rating_id", "ticket_id", "rated_at", "score"],
    "ai_response_reviews": ["review_id", "ticket_id", "reviewed_at", "is_accurate"],
    "qa_reviews": ["review_id", "ticket_id", "agent_id", "reviewed_at", "score"],
    "intent_coverage": ["intent", "has_approved_answer"],
    "operating_costs": ["month", "total_cost"],
}
KEYS = {
    "tickets": "ticket_id",
    "ticket_events": "event_id",
    "agents": "agent_id",
    "agent_work_sessions": "session_id",
    "survey_responses": "response_id",
    "escalation_reviews": "review_id",
    "handoff_ratings": "rating_id",
    "ai_response_reviews": "review_id",
    "qa_reviews": "review_id",
    "intent_coverage": "intent",
}
TYPE_ORDER = {t: i for i, t in enumerate(EVENT_TYPES)}
HOURS_72 = pd.Timedelta(hours=72)


def _ts(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series, utc=True, format="ISO8601")


def _timeline(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Tickets and their events with parsed timestamps, events in timeline order."""
    tickets = read_entity(folder, "tickets")
    tickets["created"] = _ts(tickets["created_at"])
    events = read_entity(folder, "ticket_events")
    events["at"] = _ts(events["event_at"])
    events["order"] = events["event_type"].map(TYPE_ORDER)
    events = events.sort_values(["ticket_id", "at", "order", "event_id"]).reset_index(drop=True)
    return tickets, events


def _paths(tickets: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Per ticket: resolution path, first resolution, reopen within 72 h (catalogue rules)."""
    replies = events[events["event_type"].isin(["ai_message", "agent_message"])]
    first_reply = replies.groupby("ticket_id")["event_type"].first()
    human = events[events["event_type"].isin(["agent_message", "escalated"])]["ticket_id"].unique()
    first_res = (
        events[events["event_type"].isin(["resolved", "closed"])].groupby("ticket_id")["at"].first()
    )
    out = tickets.set_index("ticket_id")[["channel", "created"]].copy()
    out["first_reply"] = first_reply
    out["human"] = out.index.isin(human)
    out["first_res"] = first_res
    reopen = events[events["event_type"] == "reopened"].join(first_res.rename("fr"), "ticket_id")
    in_window = reopen[(reopen["at"] >= reopen["fr"]) & (reopen["at"] <= reopen["fr"] + HOURS_72)]
    out["reopened_in_window"] = out.index.isin(in_window["ticket_id"])
    out["path"] = np.select(
        [
            out["first_reply"].isna(),
            (out["first_reply"] == "ai_message") & ~out["human"],
            out["first_reply"] == "ai_message",
        ],
        ["unanswered", "ai_only", "escalated"],
        "human",
    )
    return out


# -------------------------------------------------------------------------------- contract
def test_every_entity_file_has_exactly_the_contract_columns_as_text(clean_dir: Path) -> None:
    assert sorted(p.name for p in clean_dir.iterdir()) == sorted(f"{e}.parquet" for e in ENTITIES)
    for entity, columns in CONTRACT.items():
        schema = pq.read_schema(clean_dir / f"{entity}.parquet")
        # every contract column, no other; the order of columns in a file is free
        assert sorted(schema.names) == sorted(columns), entity
        assert all(t == pa.string() for t in schema.types), entity


def test_row_counts_and_keys(clean_dir: Path) -> None:
    tickets = read_entity(clean_dir, "tickets")
    assert len(tickets) == 8000
    for entity in ENTITIES:
        assert len(read_entity(clean_dir, entity)) > 0, entity
    events = read_entity(clean_dir, "ticket_events")
    assert 3 * len(tickets) < len(events) < 10 * len(tickets)
    assert set(events["ticket_id"]) <= set(tickets["ticket_id"])
    agents = read_entity(clean_dir, "agents")
    assert 40 <= len(agents) <= 400
    assert agents["tier"].isin(["1", "2"]).all() and (agents["tier"] == "2").any()
    intents = read_entity(clean_dir, "intent_coverage")
    assert 60 <= len(intents) <= 80


def test_enums_and_ranges_within_contract(clean_dir: Path) -> None:
    tickets = read_entity(clean_dir, "tickets")
    assert set(tickets["channel"]) == set(CHANNELS)
    assert set(tickets["category"]) == set(CATEGORIES)
    assert set(tickets["priority"].dropna()) == set(PRIORITIES)
    assert tickets["priority"].value_counts(normalize=True)["normal"] > 0.5
    intent = tickets["intent"].dropna()
    assert (intent.str.split(".").str[0] == tickets.loc[intent.index, "category"]).all()
    assert 60 <= intent.nunique() <= 80
    assert set(tickets["ai_eligible"].dropna()) == {"true", "false"}
    for column, lo, hi in (
        ("ai_confidence", 0, 1),
        ("sentiment_score", -1, 1),
        ("order_value", 0, np.inf),
    ):
        values = pd.to_numeric(tickets[column].dropna())
        assert values.between(lo, hi).all(), column
    assert tickets["customer_email"].dropna().str.fullmatch(r"cust\d+@example\.com").all()

    events = read_entity(clean_dir, "ticket_events")
    assert set(events["event_type"]) == set(EVENT_TYPES)
    assert set(events["to_tier"].dropna()) == {"1", "2"}
    routed = events["event_type"].isin(["escalated", "transferred"])
    assert events.loc[routed, "to_tier"].notna().all()
    assert events.loc[~routed, "to_tier"].isna().all()
    with_actor = events["event_type"].isin(["agent_message", "escalated", "transferred"])
    assert events.loc[with_actor, "actor_id"].notna().all()
    assert events.loc[~with_actor, "actor_id"].isna().all()
    assisted = events.loc[events["event_type"] == "agent_message", "ai_assisted"]
    assert set(assisted) == {"true", "false"}

    surveys = read_entity(clean_dir, "survey_responses")
    ranges = {"csat": (1, 5), "ces": (1, 7), "nps": (0, 10)}
    for survey_type, (lo, hi) in ranges.items():
        rows = surveys[surveys["survey_type"] == survey_type]
        assert len(rows) > 0
        assert pd.to_numeric(rows["score"]).between(lo, hi).all(), survey_type
        assert rows["ticket_id"].notna().all() == (survey_type != "nps")
    assert surveys.loc[surveys["survey_type"] == "nps", "ticket_id"].isna().all()
    for entity, lo, hi in (("handoff_ratings", 1, 5), ("qa_reviews", 0, 100)):
        assert pd.to_numeric(read_entity(clean_dir, entity)["score"]).between(lo, hi).all()
    reviews = read_entity(clean_dir, "escalation_reviews")
    assert (pd.to_numeric(reviews["sample_weight"]) > 0).all()
    assert set(reviews["sample_weight"]) >= {"1", "4"}
    assert set(reviews["needed_human"]) == {"true", "false"}
    costs = read_entity(clean_dir, "operating_costs")
    assert costs["channel"].isna().any() and set(costs["channel"].dropna()) == set(CHANNELS)
    assert costs["month"].str.endswith("-01").all()


# -------------------------------------------------------------------------------- determinism
def test_same_seed_gives_identical_files_and_another_seed_differs(tmp_path: Path) -> None:
    def run(name: str, seed: int) -> dict[str, bytes]:
        generate(
            tmp_path / name, GenerateConfig(tickets=1500, days=20, seed=seed, ai_launch_date=LAUNCH)
        )
        return {p.name: p.read_bytes() for p in sorted((tmp_path / name).iterdir())}

    first, again, other = run("a", 5), run("b", 5), run("c", 6)
    assert first == again
    assert first["tickets.parquet"] != other["tickets.parquet"]
    assert first["ticket_events.parquet"] != other["ticket_events.parquet"]


def test_csv_and_parquet_hold_the_same_content(tmp_path: Path) -> None:
    cfg = dict(tickets=1200, days=20, seed=3, ai_launch_date=LAUNCH, bad_row_share=0.02)
    generate(tmp_path / "pq", GenerateConfig(**cfg, file_format="parquet"))
    generate(tmp_path / "csv", GenerateConfig(**cfg, file_format="csv"))
    for entity, columns in CONTRACT.items():
        from_parquet = pq.read_table(tmp_path / "pq" / f"{entity}.parquet")
        raw = (tmp_path / "csv" / f"{entity}.csv").read_bytes()
        header = raw.decode("utf-8").splitlines()[0].replace('"', "")
        assert header == ",".join(from_parquet.column_names)
        assert sorted(header.split(",")) == sorted(columns)
        from_csv = pacsv.read_csv(
            tmp_path / "csv" / f"{entity}.csv",
            convert_options=pacsv.ConvertOptions(
                column_types={c: pa.string() for c in columns},
                null_values=[""],
                strings_can_be_null=True,
            ),
        )
        assert from_csv.equals(from_parquet), entity


def test_only_writes_just_the_selected_entities(tmp_path: Path) -> None:
    result = generate(
        tmp_path,
        GenerateConfig(tickets=300, days=10, file_format="csv", only=("tickets", "ticket_events")),
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ticket_events.csv", "tickets.csv"]
    assert set(result.files) == {"tickets", "ticket_events"}


def test_only_rejects_unknown_entities() -> None:
    assert parse_entities(" tickets, ticket_events ,") == ("tickets", "ticket_events")
    with pytest.raises(ValueError, match="unknown entities: ticket"):
        parse_entities("tickets,ticket")


# -------------------------------------------------------------------------------- clean data
def test_clean_data_breaks_no_contract_rule(clean_dir: Path) -> None:
    for entity in ENTITIES:
        frame = read_entity(clean_dir, entity)
        for column in REQUIRED[entity]:
            assert frame[column].notna().all(), (entity, column)
        for column in TIMESTAMP_COLUMNS[entity]:
            _ts(frame[column].dropna())  # raises on anything unparseable
        if entity in KEYS:
            assert frame[KEYS[entity]].is_unique, entity
        assert not frame.duplicated().any(), entity
    for entity in (
        "survey_responses",
        "handoff_ratings",
        "qa_reviews",
        "escalation_reviews",
        "agent_work_sessions",
    ):
        column = {"escalation_reviews": "sample_weight"}.get(entity, "score")
        if column in CONTRACT[entity]:
            pd.to_numeric(read_entity(clean_dir, entity)[column])  # raises if unparseable
    ticket_ids = set(read_entity(clean_dir, "tickets")["ticket_id"])
    for entity in (
        "ticket_events",
        "agent_work_sessions",
        "escalation_reviews",
        "handoff_ratings",
        "ai_response_reviews",
        "qa_reviews",
    ):
        assert set(read_entity(clean_dir, entity)["ticket_id"]) <= ticket_ids, entity


def test_timeline_follows_creation_and_offsets_are_the_same_instant(clean_dir: Path) -> None:
    tickets, events = _timeline(clean_dir)
    created = events["ticket_id"].map(tickets.set_index("ticket_id")["created"])
    assert (events["at"] >= created).all()
    first = events.groupby("ticket_id").first()
    assert (first["event_type"] == "customer_message").all()
    # ids follow the timeline, so a mis-converted offset would show up as time going backwards
    by_id = events.sort_values("event_id")
    assert (by_id.groupby("ticket_id")["at"].diff().dropna() >= pd.Timedelta(0)).all()
    with_offset = events["event_at"].str.contains(r"(?:Z|[+-]\d\d:\d\d)$")
    assert 0.03 < with_offset.mean() < 0.08
    assert (
        events["event_at"]
        .str.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:Z|[+-]\d\d:\d\d)?")
        .all()
    )


def test_no_ai_before_launch(clean_dir: Path) -> None:
    tickets, events = _timeline(clean_dir)
    launch = pd.Timestamp(LAUNCH, tz="UTC")
    pre = set(tickets.loc[tickets["created"] < launch, "ticket_id"])
    assert len(pre) > 500
    pre_events = events[events["ticket_id"].isin(pre)]
    assert not (pre_events["event_type"] == "ai_message").any()
    assert not (pre_events["ai_assisted"] == "true").any()
    assert (events.loc[events["event_type"] == "ai_message", "at"] >= launch).all()
    assert (events["event_type"] == "ai_message").sum() > 1000


def test_ai_only_resolution_per_channel_within_benchmark_bands(clean_dir: Path) -> None:
    tickets, events = _timeline(clean_dir)
    paths = _paths(tickets, events)
    as_of = events["at"].max()
    post = paths[paths["created"] >= pd.Timestamp(LAUNCH, tz="UTC")]
    ai_resolved_candidate = (post["path"] == "ai_only") & post["first_res"].notna()
    # pending while the reopen window is open, whether or not the reopen already came
    pending = ai_resolved_candidate & (post["first_res"] + HOURS_72 > as_of)
    ai_resolved = ai_resolved_candidate & ~post["reopened_in_window"] & ~pending
    rate = ai_resolved.groupby(post["channel"]).sum() / (~pending).groupby(post["channel"]).sum()
    for channel, (lo, hi) in DEFLECTION_BANDS.items():
        assert lo <= rate[channel] <= hi, (channel, round(rate[channel], 3))
    ai_handled = post["first_reply"] == "ai_message"
    escalation = (post["path"] == "escalated").sum() / ai_handled.sum()
    assert 0.20 <= escalation <= 0.40
    assert 0.005 <= (paths["path"] == "unanswered").mean() <= 0.05


def test_escalations_spike_on_tuesday_and_tier2_falls_after_launch(clean_dir: Path) -> None:
    tickets, events = _timeline(clean_dir)
    paths = _paths(tickets, events)
    ai = paths[paths["first_reply"] == "ai_message"]
    is_tuesday = ai["created"].dt.day_of_week == 1
    escalated = ai["path"] == "escalated"
    assert escalated[is_tuesday].mean() > 1.3 * escalated[~is_tuesday].mean()

    tier2 = events[(events["event_type"] == "escalated") & (events["to_tier"] == "2")]
    paths["tier2"] = paths.index.isin(tier2["ticket_id"])
    pre = paths["created"] < pd.Timestamp(LAUNCH, tz="UTC")
    assert paths.loc[pre, "tier2"].mean() > 1.3 * paths.loc[~pre, "tier2"].mean()


def test_reopens_at_exactly_72_hours_and_one_second_later(clean_dir: Path) -> None:
    tickets, events = _timeline(clean_dir)
    paths = _paths(tickets, events)
    reopen = events[events["event_type"] == "reopened"].join(paths["first_res"], on="ticket_id")
    delay = reopen["at"] - reopen["first_res"]
    assert (delay == HOURS_72).sum() >= 5
    assert (delay == HOURS_72 + pd.Timedelta(seconds=1)).sum() >= 3
    assert (delay < HOURS_72).sum() > (delay == HOURS_72).sum()
    resolved = paths["first_res"].notna().sum()
    assert 0.04 < reopen["ticket_id"].nunique() / resolved < 0.12


def test_repeat_contacts_at_exactly_seven_days(clean_dir: Path) -> None:
    tickets = read_entity(clean_dir, "tickets")
    tickets["created"] = _ts(tickets["created_at"])
    pairs = tickets.merge(tickets, on=["customer_id", "category"], suffixes=("", "_next"))
    gap = pairs["created_next"] - pairs["created"]
    later = pairs["ticket_id_next"] > pairs["ticket_id"]
    week = pd.Timedelta(days=7)
    assert ((gap == week) & later).sum() >= 5
    assert ((gap == week + pd.Timedelta(seconds=1)) & later).sum() >= 5
    repeat_share = pairs.loc[
        later & (gap >= pd.Timedelta(0)) & (gap <= week), "ticket_id"
    ].nunique() / len(tickets)
    assert 0.01 < repeat_share < 0.08
    per_customer = tickets["customer_id"].value_counts()
    assert 0.15 < (per_customer > 1).mean() < 0.35


def test_csat_lower_after_bad_handoffs(clean_dir: Path) -> None:
    surveys = read_entity(clean_dir, "survey_responses")
    csat = surveys[surveys["survey_type"] == "csat"].copy()
    csat["positive"] = pd.to_numeric(csat["score"]) >= 4
    ratings = read_entity(clean_dir, "handoff_ratings")
    bad = set(ratings.loc[pd.to_numeric(ratings["score"]) <= 2, "ticket_id"])
    good = set(ratings.loc[pd.to_numeric(ratings["score"]) >= 4, "ticket_id"])
    assert (
        csat.loc[csat["ticket_id"].isin(bad), "positive"].mean()
        < csat.loc[csat["ticket_id"].isin(good), "positive"].mean() - 0.2
    )
    assert csat["ticket_id"].duplicated().any()  # some tickets answer twice


# -------------------------------------------------------------------------------- bad rows
def test_bad_rows_of_every_kind_are_present_when_share_is_positive(dirty) -> None:
    folder, result = dirty
    tickets = read_entity(folder, "tickets")
    events = read_entity(folder, "ticket_events")
    assert len(tickets) > 3000
    assert (tickets["created_at"] == "not a date").any()
    assert tickets["customer_id"].isna().any() and tickets["created_at"].isna().any()
    assert (tickets["order_value"] == "n/a").any()
    assert tickets.duplicated(keep=False).any()  # exact duplicates
    dup_ids = tickets[tickets["ticket_id"].duplicated(keep=False)].drop_duplicates()
    assert dup_ids["ticket_id"].duplicated().any()  # same id, different values
    assert {"Web - Chat", " WhatsApp ", "EMAIL", "fax"} <= set(tickets["channel"])

    assert (events["event_type"] == "note_added").any()
    assert events["event_type"].isna().any() and events["ticket_id"].isna().any()
    assert (events["event_at"] == "not a date").any() and (events["to_tier"] == "two").any()
    assert (~events["ticket_id"].dropna().isin(tickets["ticket_id"])).any()
    parsed = events[events["event_at"] != "not a date"].dropna(subset=["event_at", "ticket_id"])
    created = parsed["ticket_id"].map(
        _ts(
            tickets.dropna(subset=["created_at"])
            .query("created_at != 'not a date'")
            .drop_duplicates("ticket_id")
            .set_index("ticket_id")["created_at"]
        )
    )
    assert (_ts(parsed["event_at"]) < created).any()  # event before its ticket

    reviews = read_entity(folder, "escalation_reviews")
    assert (reviews["sample_weight"] == "0").any() and (reviews["needed_human"] == "maybe").any()
    surveys = read_entity(folder, "survey_responses")
    csat = surveys[surveys["survey_type"] == "csat"]
    assert (pd.to_numeric(csat["score"], errors="coerce") > 5).any()
    for entity, kinds in result.bad_rows.items():
        assert all(count >= 1 for count in kinds.values()), entity
    assert set(result.bad_rows) >= {"tickets", "ticket_events", "survey_responses"}


def test_bad_rows_stay_a_small_share(dirty) -> None:
    folder, result = dirty
    for entity, kinds in result.bad_rows.items():
        rows = result.rows[entity]
        if rows >= 1000:
            assert sum(kinds.values()) / rows < 0.02, entity


def test_zero_share_disables_every_bad_row_kind(tmp_path: Path) -> None:
    result = generate(tmp_path, GenerateConfig(tickets=800, days=15, bad_row_share=0))
    assert result.bad_rows == {}
    tickets = read_entity(tmp_path, "tickets")
    assert len(tickets) == 800 and tickets["ticket_id"].is_unique
    assert set(tickets["channel"]) <= set(CHANNELS)


def test_start_date_and_days_bound_the_period(tmp_path: Path) -> None:
    generate(
        tmp_path,
        GenerateConfig(
            tickets=500,
            days=10,
            start_date=dt.date(2025, 6, 1),
            ai_launch_date=dt.date(2025, 6, 5),
            bad_row_share=0,
        ),
    )
    tickets, events = _timeline(tmp_path)
    start, end = pd.Timestamp("2025-06-01", tz="UTC"), pd.Timestamp("2025-06-11", tz="UTC")
    assert tickets["created"].between(start, end, inclusive="left").all()
    assert (events["at"] < end).all()
