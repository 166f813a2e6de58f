"""A raw export folder that breaks the input contract stops the build in the on-run-start hook
with one clear message naming the file and the column, never a database error."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest

from conftest import DbtRun, query, run_dbt

pytestmark = pytest.mark.integration

# What a user must never see instead of the contract message.
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


def _copy_csv(source: Path, target: Path, drop: str | None = None, delimiter: str = ",") -> None:
    """Copy a CSV export, optionally without one column or with another delimiter."""
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    keep = [i for i, name in enumerate(rows[0]) if name != drop]
    assert drop is None or len(keep) == len(rows[0]) - 1, f"{drop} not in {source}"
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerows([row[i] for i in keep] for row in rows)


def _contract_problems(output: str) -> list[str]:
    """The bullet lines of the contract error message."""
    return [
        line.strip()[2:]
        for line in output.splitlines()
        if line.strip().startswith("- ") and ("missing" in line or "keep one" in line)
    ]


def _assert_stopped_cleanly(run: DbtRun) -> None:
    assert run.process.returncode != 0, run.output[-3000:]
    for text in DATABASE_ERRORS:
        assert text not in run.output, f"{text!r} in dbt output:\n{run.output[-3000:]}"
    # one compiler error from the hook, not one error per model
    assert run.output.count("Compilation Error") == 1, run.output[-3000:]
    assert "on-run-start" in run.output
    # the build stopped before any model: nothing was written to the marts
    if run.db_path.exists():
        marts = query(
            run.db_path,
            "select count(*) from information_schema.tables where table_schema = 'marts'",
        )
        assert marts == [(0,)]


def _run(folder: Path, tmp: Path) -> DbtRun:
    db_path = tmp / "warehouse.duckdb"
    return DbtRun(run_dbt(["build"], folder, db_path), db_path, folder)


def test_missing_required_file_is_named(full_export, tmp_path: Path) -> None:
    raw_path, _ = full_export
    folder = tmp_path / "exports"
    folder.mkdir()
    shutil.copy(raw_path / "tickets.csv", folder / "tickets.csv")

    run = _run(folder, tmp_path)

    _assert_stopped_cleanly(run)
    problems = _contract_problems(run.output)
    assert len(problems) == 1, problems
    assert "ticket_events" in problems[0] and "missing" in problems[0], problems
    assert str(folder) in problems[0], "the message says where it looked"


def test_every_missing_required_column_is_reported_in_one_run(full_export, tmp_path: Path) -> None:
    raw_path, _ = full_export
    folder = tmp_path / "exports"
    folder.mkdir()
    _copy_csv(raw_path / "tickets.csv", folder / "tickets.csv", drop="created_at")
    _copy_csv(raw_path / "ticket_events.csv", folder / "ticket_events.csv", drop="event_type")
    # an optional export with a missing required column is a contract break too
    _copy_csv(raw_path / "survey_responses.csv", folder / "survey_responses.csv", drop="score")

    run = _run(folder, tmp_path)

    _assert_stopped_cleanly(run)
    problems = _contract_problems(run.output)
    expected = {
        ("tickets.csv", "created_at"),
        ("ticket_events.csv", "event_type"),
        ("survey_responses.csv", "score"),
    }
    found = set()
    for problem in problems:
        files = re.findall(r"(\w+\.csv)", problem)
        columns = re.findall(r"column '(\w+)'", problem)
        assert len(files) == 1 and len(columns) == 1, problem
        found.add((files[0], columns[0]))
    assert found == expected, problems


def test_wrong_delimiter_is_reported_as_missing_columns(full_export, tmp_path: Path) -> None:
    raw_path, _ = full_export
    folder = tmp_path / "exports"
    folder.mkdir()
    _copy_csv(raw_path / "tickets.csv", folder / "tickets.csv", delimiter=";")
    _copy_csv(raw_path / "ticket_events.csv", folder / "ticket_events.csv")

    run = _run(folder, tmp_path)

    _assert_stopped_cleanly(run)
    problems = _contract_problems(run.output)
    assert problems, run.output[-3000:]
    assert all("tickets.csv" in p and "missing required column" in p for p in problems), problems
    missing = {re.search(r"column '(\w+)'", p).group(1) for p in problems}
    assert missing == {"ticket_id", "customer_id", "channel", "category", "created_at"}
