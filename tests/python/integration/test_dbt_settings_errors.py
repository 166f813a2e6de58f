"""Bad settings (dbt vars) stop the build before any query runs, with one message that names every
bad setting and what it takes; never a database error, never a silent fallback."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import PROJECT_ROOT, DbtRun, query, run_dbt

pytestmark = pytest.mark.integration

DEMO = PROJECT_ROOT / "data" / "demo"
DATABASE_ERRORS = (
    "Traceback",
    "Binder Error",
    "Catalog Error",
    "Database Error",
    "Invalid Input Error",
    "Conversion Error",
    "Parser Error",
    "Not implemented Error",
    "Runtime Error",
)

# (var, bad value, words the message must say about it)
BAD_SETTINGS = [
    ("reporting_timezone", "Mars/Olympus", "not a known time zone"),
    ("source_timezone", "UTC'; select 1; --", "not a known time zone"),
    ("reopen_window_hours", "seventy-two", "not a number"),
    ("repeat_contact_window_days", -7, "must be greater than 0"),
    ("ai_followup_window_hours", 0, "must be greater than 0"),
    ("rolling_window_days", 2.5, "must be a whole number"),
    ("confidence_threshold_step", 1.5, "at most 1"),
    ("provisional_pending_share", 1.5, "must be a share from 0 to 1"),
    ("ai_launch_date", "2026-02-30", "not a calendar date"),
    ("as_of", "yesterday", "not a timestamp"),
    ("as_of", "2026-02-30 10:00:00", "not a timestamp"),
    ("as_of", "10000-01-01", "not a timestamp"),
    ("raw_path", "data/*", "wildcard"),
]


def _settings_problems(output: str) -> list[str]:
    return [
        line.strip()[2:]
        for line in output.splitlines()
        if line.strip().startswith("- ") and " = " in line
    ]


def _build(tmp_path: Path, settings: dict) -> DbtRun:
    db_path = tmp_path / "warehouse.duckdb"
    raw_path = Path(settings.pop("raw_path", DEMO))
    return DbtRun(run_dbt(["build"], raw_path, db_path, vars_extra=settings), db_path, raw_path)


def _assert_stopped_before_any_model(run: DbtRun) -> None:
    assert run.process.returncode != 0, run.output[-3000:]
    for text in DATABASE_ERRORS:
        assert text not in run.output, f"{text!r} in dbt output:\n{run.output[-3000:]}"
    assert run.output.count("Compilation Error") == 1, run.output[-3000:]
    assert "Bad settings" in run.output
    if run.db_path.exists():
        assert query(
            run.db_path,
            "select count(*) from information_schema.tables where table_schema in ('raw', 'marts')",
        ) == [(0,)]


def test_every_bad_setting_is_listed_in_one_message(tmp_path: Path) -> None:
    # one bad value per var (as_of takes the first of its three)
    settings: dict = {}
    for name, value, _ in BAD_SETTINGS:
        settings.setdefault(name, value)

    run = _build(tmp_path, dict(settings))

    _assert_stopped_before_any_model(run)
    problems = _settings_problems(run.output)
    assert len(problems) == len(settings), problems
    for name, value, words in BAD_SETTINGS:
        if settings[name] != value:
            continue
        line = next((p for p in problems if p.startswith(f"{name} = ")), None)
        assert line is not None, (name, problems)
        assert words in line, (name, line)


@pytest.mark.parametrize("value", ["2026-02-30", "10000-01-01"])
def test_an_impossible_as_of_is_refused_not_replaced_by_the_latest_event(
    tmp_path: Path, value: str
) -> None:
    run = _build(tmp_path, {"as_of": value})

    _assert_stopped_before_any_model(run)
    assert _settings_problems(run.output) == [
        f"as_of = '{value}': not a timestamp; use YYYY-MM-DD hh:mm:ss with an optional offset "
        "(2026-04-30 23:59:59+02:00), or leave it unset for the latest event"
    ]


def test_numbers_given_as_text_and_offsets_in_as_of_are_accepted(tmp_path: Path) -> None:
    # what --vars and environment variables often give: numbers as text, as_of with an offset
    run = DbtRun(
        run_dbt(
            ["run", "--select", "+int_export_as_of"],
            DEMO,
            tmp_path / "w.duckdb",
            vars_extra={
                "reopen_window_hours": "48",
                "as_of": "2026-04-30 10:00+05:30",
                "reporting_timezone": "Europe/Berlin",
            },
        ),
        tmp_path / "w.duckdb",
        DEMO,
    )

    assert run.process.returncode == 0, run.output[-3000:]
    assert query(
        run.db_path, "select cast(as_of as varchar) from intermediate.int_export_as_of"
    ) == [("2026-04-30 04:30:00",)]
