"""`support-kpis validate`: the project's own staging run on a folder (the verdicts and reasons
are the build's), every problem of a folder listed in one run, and the exit code policy."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
import yaml

from helpers import PROJECT_ROOT
from support_kpis.cli import main
from support_kpis.contract import SOURCES_YML, load_contract
from support_kpis.generate import CONTRACT, GenerateConfig, generate
from support_kpis.validate import validate


def _write_csv(
    path: Path,
    rows: list[dict[str, str]],
    header: list[str] | None = None,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> None:
    header = header or list(rows[0])
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, delimiter=delimiter, restval="")
        writer.writeheader()
        writer.writerows(rows)


def _findings(report, entity: str, level: str | None = None) -> dict[tuple[str, str | None], int]:
    [file_report] = [f for f in report.files if f.entity == entity]
    return {
        (f.check, f.column): f.count
        for f in file_report.findings
        if level is None or f.level == level
    }


TICKET = {
    "ticket_id": "T1",
    "customer_id": "C1",
    "channel": "web_chat",
    "category": "billing",
    "created_at": "2026-03-01T10:00:00Z",
}
EVENT = {
    "event_id": "E1",
    "ticket_id": "T1",
    "event_at": "2026-03-01T10:01:00Z",
    "event_type": "ai_message",
}


@pytest.fixture(scope="module")
def small_clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("small_clean")
    generate(out, GenerateConfig(tickets=300, days=20, seed=3, bad_row_share=0, file_format="csv"))
    return out


def test_contract_is_the_sources_yaml() -> None:
    contract = load_contract(PROJECT_ROOT)
    assert {name: list(columns) for name, columns in CONTRACT.items()} == {
        name: [c.name for c in e.columns] for name, e in contract.items()
    }
    assert contract["tickets"].required_export and contract["ticket_events"].required_export
    assert contract["ticket_events"].ticket_column == "ticket_id"
    assert contract["tickets"].column("channel").fallback == "other"
    assert contract["escalation_reviews"].column("sample_weight").min_exclusive == 0


def test_clean_generated_folder_passes(small_clean: Path) -> None:
    report = validate(small_clean, PROJECT_ROOT)
    assert report.passed, report.to_text()
    assert report.warnings == 0, report.to_text()
    assert all(f.rejected_rows == 0 for f in report.files)
    assert {f.entity for f in report.files} == set(CONTRACT)


def test_generator_bad_rows_are_found(tmp_path: Path) -> None:
    """Each kind of bad row the generator plants is reported under its staging reason."""
    result = generate(
        tmp_path,
        GenerateConfig(tickets=400, days=20, seed=5, bad_row_share=0.02, file_format="csv"),
    )
    report = validate(tmp_path, PROJECT_ROOT, max_reject_share=1)
    assert report.passed, report.to_text()
    # the generator's name for each kind of bad row -> the check (= staging reason) that finds it
    expected_check = {
        "conflicting_duplicate_id": "conflicting_duplicate_id",
        "unknown_channel": "fallback",
        "exact_duplicate": "exact_duplicates",
        "unparseable_number": "unparseable_",
        "score_out_of_range": "out_of_range",
        "event_before_created": "before_ticket_created",
        "unparseable_timestamp": "unparseable_timestamp",
        "null_required": "missing_required_value",
        "unknown_event_type": "unknown_value",
        "unknown_ticket": "unknown_ticket",
    }
    checked = 0
    for entity, kinds in result.bad_rows.items():
        found = {check for check, _ in _findings(report, entity)}
        for kind, count in kinds.items():
            if count and kind in expected_check:
                assert any(check.startswith(expected_check[kind]) for check in found), (
                    entity,
                    kind,
                    report.to_text(),
                )
                checked += 1
        [file_report] = [f for f in report.files if f.entity == entity]
        assert file_report.duplicate_rows == kinds.get("exact_duplicate", 0), entity
    assert checked > 10


def test_every_problem_of_a_broken_folder_in_one_run(tmp_path: Path) -> None:
    bad_tickets = [
        TICKET,
        {**TICKET, "ticket_id": "T2", "created_at": "yesterday"},
        {**TICKET, "ticket_id": "T3", "customer_id": ""},
        {**TICKET, "ticket_id": "T4", "channel": "Fax", "ai_eligible": "maybe"},
        {**TICKET, "ticket_id": "T5", "ai_confidence": "1.5", "sentiment_score": "-2"},
        {**TICKET, "ticket_id": "T6", "category": "returns"},
        {**TICKET, "ticket_id": "T6", "category": "billing"},
        TICKET,  # an exact duplicate: collapsed, not an error
    ]
    _write_csv(
        tmp_path / "tickets.csv",
        bad_tickets,
        header=[*TICKET, "ai_eligible", "ai_confidence", "sentiment_score"],
    )
    _write_csv(
        tmp_path / "ticket_events.csv",
        [
            EVENT,
            {**EVENT, "event_id": "E2", "ticket_id": "T404"},
            {**EVENT, "event_id": "E3", "event_at": "2026-02-01T00:00:00Z"},
            {**EVENT, "event_id": "E4", "event_type": "Note Added"},
            {**EVENT, "event_id": "E5", "event_type": "Agent - Message"},
            {**EVENT, "event_id": "E6", "ticket_id": "T2"},  # its ticket is rejected
        ],
    )
    _write_csv(
        tmp_path / "agent_work_sessions.csv",
        [
            {
                "session_id": "S1",
                "ticket_id": "T1",
                "agent_id": "A1",
                "started_at": "2026-03-01T11:00:00Z",
                "ended_at": "2026-03-01T10:00:00Z",
            }
        ],
    )
    _write_csv(
        tmp_path / "survey_responses.csv",
        [
            {
                "response_id": "R1",
                "survey_type": "CSAT",
                "score": "6",
                "ticket_id": "T1",
                "responded_at": "2026-03-02",
            },
            {
                "response_id": "R2",
                "survey_type": "nps",
                "score": "10",
                "responded_at": "2026-03-02",
            },
            {"response_id": "R3", "survey_type": "ces", "score": "3", "responded_at": "2026-03-02"},
        ],
    )
    _write_csv(
        tmp_path / "escalation_reviews.csv",
        [
            {
                "review_id": "V1",
                "ticket_id": "T1",
                "reviewed_at": "2026-03-02",
                "needed_human": "Y",
                "sample_weight": "0",
            }
        ],
    )
    (tmp_path / "agents.csv").write_bytes(b"")
    (tmp_path / "qa_reviews.csv").write_bytes(
        "review_id,ticket_id,agent_id,reviewed_at,score\nQ1,T1,Jos\xe9,2026-03-02,50\n".encode(
            "latin-1"
        )
    )
    _write_csv(
        tmp_path / "handoff_ratings.csv",
        [{"rating_id": "H1", "ticket_id": "T1", "rated_at": "2026-03-02", "score": "4"}],
        delimiter=";",
    )
    _write_csv(
        tmp_path / "ai_response_reviews.csv",
        [{"review_id": "X1", "ticket_id": "T1", "reviewed_at": "2026-03-02"}],
    )
    report = validate(tmp_path, PROJECT_ROOT)
    assert not report.passed

    # one reason per rejected row, the build's: T5 breaks two ranges and is rejected for the
    # first rule it breaks (ai_confidence), as in staging.stg_helpdesk__rejects
    assert _findings(report, "tickets", "warning") == {
        ("unparseable_timestamp", "created_at"): 1,
        ("missing_required_value", "customer_id"): 1,
        ("unparseable_boolean", "ai_eligible"): 1,
        ("out_of_range", "ai_confidence"): 1,
        ("conflicting_duplicate_id", "ticket_id"): 2,
    }
    tickets = _findings(report, "tickets")
    # T4's channel Fax is not normalised: the row is rejected (ai_eligible), as in staging
    assert tickets[("exact_duplicates", None)] == 1 and ("fallback", "channel") not in tickets
    [ticket_report] = [f for f in report.files if f.entity == "tickets"]
    assert (ticket_report.rows, ticket_report.rejected_rows) == (8, 6)
    assert _findings(report, "ticket_events", "warning") == {
        ("unknown_ticket", "ticket_id"): 2,
        ("before_ticket_created", "event_at"): 1,
        ("unknown_value", "event_type"): 1,
    }
    assert _findings(report, "agent_work_sessions", "warning") == {
        ("ends_before_start", "ended_at"): 1
    }
    assert _findings(report, "survey_responses", "warning") == {
        ("out_of_range", "score"): 1,
        ("missing_required_value", "ticket_id"): 1,
    }
    assert _findings(report, "escalation_reviews", "warning") == {
        ("out_of_range", "sample_weight"): 1
    }
    # file-level errors: every one of them, in the same run
    assert ("empty_file", None) in _findings(report, "agents", "error")
    assert ("not_utf8", None) in _findings(report, "qa_reviews", "error")
    assert {c for _, c in _findings(report, "handoff_ratings", "error")} >= {
        "rating_id",
        "ticket_id",
        "rated_at",
        "score",
    }
    assert ("missing_required_column", "is_accurate") in _findings(
        report, "ai_response_reviews", "error"
    )
    # a share of rejects above --max-reject-share is an error too
    assert ("too_many_rejects", None) in _findings(report, "tickets", "error")
    # examples are the rejects' key and raw values (personal data left out, as staging does)
    [[example]] = [f.examples for f in ticket_report.findings if f.check == "unparseable_timestamp"]
    assert example["key"] == "T2" and "; created_at=yesterday;" in example["raw_values"]


def test_exit_codes_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tickets = [{**TICKET, "ticket_id": f"T{i}"} for i in range(40)]
    tickets.append({**TICKET, "ticket_id": "TX", "created_at": "soon"})
    _write_csv(tmp_path / "tickets.csv", tickets)
    _write_csv(tmp_path / "ticket_events.csv", [EVENT])
    assert main(["validate", str(tmp_path), "--json", "-"]) == 0  # 1 of 41 rows: a warning
    report = json.loads(capsys.readouterr().out)
    assert report["passed"] and report["errors"] == 0 and report["warnings"] == 1
    assert main(["validate", str(tmp_path), "--strict"]) == 1
    assert "too_many_rejects" in capsys.readouterr().out
    assert main(["validate", str(tmp_path), "--max-reject-share", "0.01"]) == 1
    (tmp_path / "ticket_events.csv").unlink()
    out = tmp_path / "report.json"
    assert main(["validate", str(tmp_path), "--json", str(out)]) == 1
    assert "missing_required_file" in capsys.readouterr().out
    assert json.loads(out.read_text())["errors"] == 1


def test_expectations_follow_the_contract_yaml(tmp_path: Path, small_clean: Path) -> None:
    """A column added to the sources YAML is validated without touching the validator (or
    staging: validate runs the copied project's own staging)."""
    project = tmp_path / "project"
    shutil.copytree(
        PROJECT_ROOT,
        project,
        ignore=shutil.ignore_patterns(
            ".venv", "target", "logs", "data", ".git", "python", "*.egg-info", "__pycache__"
        ),
    )
    document = yaml.safe_load((PROJECT_ROOT / SOURCES_YML).read_text())
    [helpdesk] = [s for s in document["sources"] if s["name"] == "helpdesk"]
    [tickets] = [t for t in helpdesk["tables"] if t["name"] == "tickets"]
    tickets["columns"].append(
        {"name": "refund_amount", "config": {"meta": {"type": "number", "min": 0}}}
    )
    tickets["columns"].append(
        {"name": "region", "config": {"meta": {"type": "label", "required": True}}}
    )
    (project / SOURCES_YML).write_text(yaml.safe_dump(document))
    folder = tmp_path / "exports"
    shutil.copytree(small_clean, folder)
    report = validate(folder, project)
    assert _findings(report, "tickets", "error") == {("missing_required_column", "region"): 0}

    with (folder / "tickets.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["refund_amount"], rows[1]["refund_amount"] = "-5", "ten"
    for row in rows:
        row["region"] = "EU"
    _write_csv(folder / "tickets.csv", rows)
    report = validate(folder, project)
    assert _findings(report, "tickets", "warning") == {
        ("out_of_range", "refund_amount"): 1,
        ("unparseable_number", "refund_amount"): 1,
    }


# ------------------------------------------------------------------------ check-marts
def _warehouse(path: Path, kpi_rows: str, fct_ids: list[str], accepted: int) -> Path:
    import duckdb

    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts; create schema staging")
        con.execute(f"""create table marts.kpi_daily as select * from (values {kpi_rows}) as t(
            date_day, channel, category, inbound_conversations, fcr_rate_numerator,
            fcr_rate_denominator, fcr_rate, new_kpi_numerator, new_kpi_denominator)""")
        ids = ", ".join(f"('{i}')" for i in fct_ids)
        con.execute(
            f"create table marts.fct_tickets as select * from (values {ids}) as t(ticket_id)"
        )
        con.execute(
            f"create table staging.stg_helpdesk__tickets as select range as ticket_id "
            f"from range({accepted})"
        )
    return path


def test_check_marts_passes_a_consistent_warehouse(tmp_path: Path) -> None:
    from support_kpis.check_marts import check_marts

    db = _warehouse(
        tmp_path / "ok.duckdb",
        "(date '2026-03-01', 'sms', 'billing', 2, 1, 2, 0.5, 0, 0), "
        "(date '2026-03-01', 'email', 'billing', 1, null, null, null, 1, 1)",
        ["T1", "T2", "T3"],
        3,
    )
    report = check_marts(db)
    assert report.passed, report.to_text()
    assert report.rates["kpi_daily"] == ["fcr_rate", "new_kpi"]  # found by suffix


def test_check_marts_finds_every_broken_rule(tmp_path: Path) -> None:
    from support_kpis.check_marts import check_marts

    db = _warehouse(
        tmp_path / "bad.duckdb",
        "(date '2026-03-01', 'sms', 'billing', 2, 3, 2, 1.5, 0, 0), "
        "(date '2026-03-01', 'sms', 'billing', 1, 0, 1, 0.0, 2, 1)",
        ["T1", "T1"],
        4,
    )
    report = check_marts(db)
    assert main(["check-marts", str(db)]) == 1
    failures = {(f.table, f.check, f.column) for f in report.failures}
    assert failures == {
        ("kpi_daily", "numerator_le_denominator", "fcr_rate"),
        ("kpi_daily", "numerator_le_denominator", "new_kpi"),
        ("kpi_daily", "rate_within_0_1", "fcr_rate"),
        ("kpi_daily", "unique_grain", None),
        ("kpi_daily", "inbound_equals_accepted_tickets", "inbound_conversations"),
        ("fct_tickets", "unique_grain", "ticket_id"),
        ("fct_tickets", "rows_equal_accepted_tickets", None),
    }


# ------------------------------------------------- the same verdict as the build on odd files
def test_excel_sep_line_short_rows_and_doubled_cr(tmp_path: Path) -> None:
    """Excel's `sep=,` first line is read as the build reads it (the header is the next line); a
    row with too few fields is a `malformed_row` reject with its line, as in staging; CR CR LF
    line endings stop the build, so they are an error here."""
    (tmp_path / "tickets.csv").write_text(
        "sep=,\n" + ",".join(TICKET) + "\n" + ",".join(TICKET.values()) + "\nT2,C2\n",
        encoding="utf-8",
    )
    (tmp_path / "ticket_events.csv").write_bytes(
        (",".join(EVENT) + "\r\r\n" + ",".join(EVENT.values()) + "\r\r\n").encode()
    )
    report = validate(tmp_path, PROJECT_ROOT, max_reject_share=1)
    [tickets] = [f for f in report.files if f.entity == "tickets"]
    assert (tickets.rows, tickets.rejected_rows) == (2, 1)
    [malformed] = [f for f in tickets.findings if f.check == "malformed_row"]
    assert malformed.examples == [{"line": 4, "problem": "missing columns"}]
    assert not tickets.errors, report.to_text()
    assert _findings(report, "ticket_events", "error") == {("doubled_cr", None): 0}


def test_no_accepted_ticket_and_parquet_list_columns(tmp_path: Path) -> None:
    """Every ticket rejected: the events are all unknown_ticket, no TypeError. A Parquet LIST
    column is text (DuckDB's cast, as in the build), not a crash."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    _write_csv(tmp_path / "tickets.csv", [{**TICKET, "created_at": "whenever"}])
    pq.write_table(
        pa.table({**{k: [v] for k, v in EVENT.items()}, "actor_id": pa.array([["A1", "A2"]])}),
        tmp_path / "ticket_events.parquet",
    )
    report = validate(tmp_path, PROJECT_ROOT, max_reject_share=1)
    assert _findings(report, "tickets", "warning") == {("unparseable_timestamp", "created_at"): 1}
    assert _findings(report, "ticket_events", "warning") == {("unknown_ticket", "ticket_id"): 1}


def test_file_kind_names_folders_and_broken_links(tmp_path: Path) -> None:
    from support_kpis.file_kind import file_kind

    (tmp_path / "a_file.csv").write_text("x\n")
    (tmp_path / "a_folder.csv").mkdir()
    (tmp_path / "dangling.csv").symlink_to(tmp_path / "nowhere.csv")
    (tmp_path / "loop_a.csv").symlink_to(tmp_path / "loop_b.csv")
    (tmp_path / "loop_b.csv").symlink_to(tmp_path / "loop_a.csv")
    assert {
        name: file_kind(str(tmp_path / name))
        for name in ("a_file.csv", "a_folder.csv", "dangling.csv", "loop_a.csv", "absent.csv")
    } == {
        "a_file.csv": "file",
        "a_folder.csv": "directory",
        "dangling.csv": "dangling_symlink",
        "loop_a.csv": "symlink_loop",
        "absent.csv": "missing",
    }


def test_mixed_line_endings_between_rows_but_not_inside_quotes(tmp_path: Path) -> None:
    """CR LF rows with an LF inside a quoted field are fine (Excel writes them); rows that end
    in CR LF and in LF in one file are an error, as in the build (DuckDB reads them wrongly)."""
    header, values = ",".join(TICKET), ",".join(TICKET.values())
    quoted = values.replace("billing", '"bill\ning"')
    (tmp_path / "tickets.csv").write_bytes(f"{header}\r\n{quoted}\r\n".encode())
    (tmp_path / "ticket_events.csv").write_bytes(
        f"{','.join(EVENT)}\r\n{','.join(EVENT.values())}\n".encode()
    )
    report = validate(tmp_path, PROJECT_ROOT, max_reject_share=1)
    assert _findings(report, "tickets", "error") == {}
    assert _findings(report, "ticket_events", "error") == {("mixed_line_endings", None): 0}


def test_corrupt_parquet_footer_is_an_error_not_a_crash(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    _write_csv(tmp_path / "tickets.csv", [TICKET])
    _write_csv(tmp_path / "ticket_events.csv", [EVENT])
    pq.write_table(pa.table({"agent_id": ["A1"] * 50}), tmp_path / "agents.parquet")
    data = bytearray((tmp_path / "agents.parquet").read_bytes())
    data[-8:-4] = b"\xff\xff\x00\x00"  # the footer length: starts and ends as Parquet does
    (tmp_path / "agents.parquet").write_bytes(bytes(data))
    report = validate(tmp_path, PROJECT_ROOT)
    [finding] = [f for f in report.files if f.entity == "agents"][0].errors
    assert finding.check == "unreadable_parquet" and "corrupt" in finding.message
