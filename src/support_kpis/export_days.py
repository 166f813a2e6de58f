"""An export folder as it stood at an earlier time: for benchmarks and tests of daily builds.

`export_as_of(src, dst, until)` copies every `<entity>.parquet|csv` of `src` into `dst`, keeping
the rows an export taken at `until` would already hold: those whose time column (below) is
before `until`. A row whose time does not parse (a deliberately bad row) is kept from the first
day on, so every snapshot holds the same bad rows. Snapshots of later times are supersets of
earlier ones: the exports grow append-only, as incremental builds require.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

# when a row of each export becomes known (a session when it ends, a shift when it ends)
TIME_COLUMNS: dict[str, str] = {
    "tickets": "created_at",
    "ticket_events": "event_at",
    "agents": "hired_at",
    "agent_work_sessions": "ended_at",
    "agent_shifts": "shift_end",
    "survey_responses": "responded_at",
    "escalation_reviews": "reviewed_at",
    "handoff_ratings": "rated_at",
    "ai_response_reviews": "reviewed_at",
    "qa_reviews": "reviewed_at",
    "intent_coverage": "updated_at",
    "operating_costs": "month",
}


def export_as_of(src: Path, dst: Path, until: dt.datetime) -> dict[str, int]:
    """Write the snapshot of `src` at `until` (UTC) into `dst`; rows kept per entity."""
    dst.mkdir(parents=True, exist_ok=True)
    kept: dict[str, int] = {}
    until_text = until.strftime("%Y-%m-%d %H:%M:%S")
    with duckdb.connect() as con:
        con.execute("set TimeZone = 'UTC'")
        for path in sorted(src.iterdir()):
            entity, _, suffix = path.name.partition(".")
            if suffix not in ("parquet", "csv"):
                continue
            reader = (
                f"read_parquet('{path}')"
                if suffix == "parquet"
                else f"read_csv('{path}', header = true, all_varchar = true)"
            )
            column = TIME_COLUMNS.get(entity)
            where = (
                (
                    f"where coalesce(try_cast({column} as timestamptz) "
                    f"< timestamptz '{until_text}+00', true)"
                )
                if column
                else ""
            )
            out = dst / path.name
            options = "format parquet" if suffix == "parquet" else "format csv, header true"
            con.execute(f"copy (select * from {reader} {where}) to '{out}' ({options})")
            kept[entity] = con.execute(f"select count(*) from {reader} {where}").fetchone()[0]
    return kept
