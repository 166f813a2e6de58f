"""`support-kpis validate RAW_DIR`: the build's own verdict on a folder of raw exports, before the
build.

Nothing here parses a value: validate runs the project's staging models (dbt, in this process)
on the folder, into a throwaway DuckDB file, with var `raw_export_problems: record`, so that the
on-run-start hook records what would stop a build (raw.export_problems) instead of stopping, and
reads every other file as the build would. The report is then read from the staging relations the
build itself writes: staging.stg_helpdesk__rejects (each rejected row with its reason),
stg_helpdesk__export_reconciliation (rows, duplicates), stg_helpdesk__normalisation_fallbacks and
raw.export_malformed_rows. The parse rules, the reject rules and the plausible timestamp range
(the project's vars) are therefore the build's, by construction.

Levels:
- error: the build would stop (a missing required file or column, two files for one entity, a
  file that cannot be read), or more than `max_reject_share` of a file's rows would be rejected
  (a systematic problem, e.g. a whole column in the wrong format);
- warning: rows that staging rejects (the same reason names as staging.stg_helpdesk__rejects);
- note: what staging handles by design (exact duplicates collapsed, channel/priority fallbacks,
  extra columns ignored, optional exports absent).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from support_kpis.contract import (
    SOURCES_YML,
    Column,
    Entity,
    find_project_dir,
    load_contract,
    load_reject_reasons,
)

EXAMPLES = 5
DEFAULT_MAX_REJECT_SHARE = 0.05
# the staging models whose relations hold the verdict (and what they read)
STAGING_SELECTION = (
    "path:models/staging/helpdesk/base",
    "stg_helpdesk__tickets",
    "stg_helpdesk__rejects",
    "stg_helpdesk__export_reconciliation",
    "stg_helpdesk__normalisation_fallbacks",
)
# the warehouse file's stem is the database name dbt writes into the parsed project
DATABASE_FILE = "validate.duckdb"
TICKET_CHECKS = ("unknown_ticket", "before_ticket_created")


@dataclass
class Finding:
    """One failing check on one file (or one note about it)."""

    level: str  # error | warning | note
    check: str  # the staging reject reason where there is one
    message: str
    column: str | None = None
    count: int = 0
    examples: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class FileReport:
    entity: str
    file: str | None
    required: bool
    rows: int = 0
    duplicate_rows: int = 0
    rejected_rows: int = 0  # distinct rows that staging rejects
    malformed_rows: int = 0  # CSV lines that are not a row (in rows and rejected_rows)
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "warning"]


@dataclass
class Report:
    raw_dir: str
    contract: str
    max_reject_share: float
    files: list[FileReport] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(len(f.errors) for f in self.files)

    @property
    def warnings(self) -> int:
        return sum(len(f.warnings) for f in self.files)

    @property
    def passed(self) -> bool:
        return self.errors == 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "raw_dir": self.raw_dir,
            "contract": self.contract,
            "max_reject_share": self.max_reject_share,
            "passed": self.passed,
            "errors": self.errors,
            "warnings": self.warnings,
            "files": [
                {**asdict(f), "errors": len(f.errors), "warnings": len(f.warnings)}
                for f in self.files
            ],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, default=str)

    def to_text(self) -> str:
        lines = [f"support-kpis validate {self.raw_dir}", f"contract: {self.contract}", ""]
        for report in self.files:
            if report.file is None:
                head = f"{report.entity}: no file"
            elif report.errors and not report.rows:
                head = f"{Path(report.file).name}: not read (the build stops on it)"
            else:
                share = report.rejected_rows / report.rows if report.rows else 0.0
                head = (
                    f"{Path(report.file).name}: {report.rows} rows, "
                    f"{report.duplicate_rows} exact duplicates, "
                    f"{report.rejected_rows} rows will be rejected ({share:.1%})"
                )
            lines.append(head)
            for finding in report.findings:
                where = f" [{finding.column}]" if finding.column else ""
                count = f" {finding.count} rows:" if finding.count else ""
                lines.append(
                    f"  {finding.level.upper():7} {finding.check}{where}{count} {finding.message}"
                )
                for example in finding.examples:
                    lines.append(
                        "          e.g. " + ", ".join(f"{k}={v!r}" for k, v in example.items())
                    )
        lines.append("")
        verdict = "PASSED" if self.passed else "FAILED"
        lines.append(
            f"{verdict}: {self.errors} errors, {self.warnings} warnings "
            f"(rows with warnings are rejected by staging and listed in "
            f"staging.stg_helpdesk__rejects; errors stop the build or exceed "
            f"--max-reject-share {self.max_reject_share:g})"
        )
        return "\n".join(lines)


# ------------------------------------------------------------------------------ running staging
_MANIFESTS: dict[Path, Any] = {}


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _dbt_failure(result: Any) -> str | None:
    """The words of a failed dbt invocation (None when it succeeded)."""
    if result.success:
        return None
    if result.exception is not None:
        return str(result.exception).strip()
    messages = [
        str(getattr(node, "message", "") or "")
        for node in getattr(result.result, "results", None) or []
        if str(getattr(node, "status", "")) in ("error", "fail", "skipped")
    ]
    return "; ".join(m for m in messages if m) or "dbt failed"


def _release_warehouse() -> None:
    """dbt-duckdb keeps its last database open between invocations in one process; close it so
    the file can be read (and the next run opens its own)."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    with DuckDBConnectionManager._LOCK:
        if DuckDBConnectionManager._ENV is not None:
            DuckDBConnectionManager._ENV.close()
            DuckDBConnectionManager._ENV = None


def run_staging(raw_dir: Path, project_dir: Path, work_dir: Path) -> Path:
    """Build the staging relations of `raw_dir` with the project's own models into
    `work_dir`/validate.duckdb (the project parsed once per process); returns the file."""
    from dbt.cli.main import dbtRunner

    database = work_dir / DATABASE_FILE
    common = [
        "--project-dir",
        str(project_dir),
        "--profiles-dir",
        str(project_dir / "profiles"),
        "--target",
        "duckdb",
        "--target-path",
        str(work_dir / "target"),
        "--log-path",
        str(work_dir / "logs"),
        "--log-level",
        "none",
    ]
    dbt_vars = json.dumps({"raw_path": str(raw_dir.resolve()), "raw_export_problems": "record"})
    with _environment(
        {"SUPPORT_KPIS_DUCKDB_PATH": str(database), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    ):
        try:
            if project_dir not in _MANIFESTS:
                parsed = dbtRunner().invoke(["parse", *common, "--vars", dbt_vars])
                failure = _dbt_failure(parsed)
                if failure:
                    raise ValueError(f"dbt cannot parse the project {project_dir}: {failure}")
                _MANIFESTS[project_dir] = parsed.result
            result = dbtRunner(manifest=_MANIFESTS[project_dir]).invoke(
                ["run", "--select", *STAGING_SELECTION, *common, "--vars", dbt_vars]
            )
        finally:
            _release_warehouse()
    failure = _dbt_failure(result)
    if failure:
        raise ValueError(f"staging did not run on {raw_dir}: {failure}")
    return database


# ------------------------------------------------------------------------------ the report
def _range_text(entity: Entity, column: str | None) -> str:
    """The contract's range of a column, in words (out_of_range)."""
    rule = entity.score_range_by
    if rule and column == rule["score_column"]:
        ranges = ", ".join(f"{kind} {low}-{high}" for kind, (low, high) in rule["ranges"].items())
        return f"out of its {rule['column']}'s range ({ranges})"
    spec: Column | None = next((c for c in entity.columns if c.name == column), None)
    if spec is None or not spec.bounds():
        return "out of range"
    return "must be " + " and ".join(spec.bounds())


def _query(database: Path, sql: str) -> list[tuple]:
    import duckdb

    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute(sql).fetchall()


def _build_report(
    database: Path, contract: dict[str, Entity], reasons: dict[str, str], report: Report
) -> None:
    by_entity: dict[str, FileReport] = {}
    for entity in sorted(contract.values(), key=lambda e: e.name):
        by_entity[entity.name] = FileReport(
            entity=entity.name, file=None, required=entity.required_export
        )
        report.files.append(by_entity[entity.name])
    for entity, file_path, level, check, column, message in _query(
        database,
        "select entity, file_path, level, check_name, column_name, message "
        "from raw.export_problems order by level, entity, check_name, column_name",
    ):
        file_report = by_entity[entity]
        file_report.file = file_report.file or file_path
        file_report.findings.append(Finding(level, check, message, column=column))
    for entity, file_path, is_present in _query(
        database, "select entity, file_path, is_present from raw.export_inventory"
    ):
        file_report = by_entity[entity]
        file_report.file = file_report.file or file_path
        if not is_present and not file_report.findings and not file_report.required:
            file_report.findings.append(
                Finding(
                    "note",
                    "optional_file_absent",
                    "optional export absent: the KPIs that need it are NULL",
                )
            )
    for entity, raw_rows, rejected, duplicates in _query(
        database,
        "select entity, raw_rows, rejected_rows, duplicate_rows "
        "from staging.stg_helpdesk__export_reconciliation",
    ):
        file_report = by_entity[entity]
        file_report.rows, file_report.rejected_rows = int(raw_rows), int(rejected)
        file_report.duplicate_rows = int(duplicates)
    malformed: dict[str, list[tuple[int, str]]] = {}
    for entity, line, problem in _query(
        database,
        "select entity, line, problem from raw.export_malformed_rows order by entity, line",
    ):
        malformed.setdefault(entity, []).append((int(line), problem))
    ((plausible_from, plausible_until),) = _query(
        database, "select plausible_from, plausible_until from raw.export_plausible_range"
    )
    rejects: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
    for entity, reason, column, key, values in _query(
        database,
        "select entity, reject_reason, reject_column, record_key, raw_values "
        "from staging.stg_helpdesk__rejects where reject_reason <> 'malformed_row' "
        "order by entity, reject_reason, reject_column, record_key",
    ):
        rejects.setdefault((entity, reason, column), []).append((key, values))
    for entity, lines in malformed.items():
        file_report = by_entity[entity]
        file_report.malformed_rows = len(lines)
        file_report.findings.append(
            Finding(
                "warning",
                "malformed_row",
                reasons["malformed_row"],
                count=len(lines),
                examples=[{"line": line, "problem": problem} for line, problem in lines[:EXAMPLES]],
            )
        )
    for (entity, reason, column), rows in rejects.items():
        message = reasons[reason]
        if reason == "out_of_range":
            message = _range_text(contract[entity], column)
        elif reason == "implausible_timestamp":
            message += (
                f" (the plausible range of this project's vars: {plausible_from} to "
                f"{plausible_until})"
            )
        by_entity[entity].findings.append(
            Finding(
                "warning",
                reason,
                message,
                column=column,
                count=len(rows),
                examples=[{"key": key, "raw_values": values} for key, values in rows[:EXAMPLES]],
            )
        )
    for entity, column, fallback, count, examples in _query(
        database,
        "select entity, column_name, normalised_value, count(*), "
        "list(distinct raw_value order by raw_value)[1:5] "
        "from staging.stg_helpdesk__normalisation_fallbacks group by all "
        "order by all",
    ):
        by_entity[entity].findings.append(
            Finding(
                "note",
                "fallback",
                f"outside the list: becomes '{fallback}' (listed in "
                "staging.stg_helpdesk__normalisation_fallbacks)",
                column=column,
                count=int(count),
                examples=[{column: value} for value in examples],
            )
        )
    for file_report in report.files:
        if file_report.duplicate_rows:
            file_report.findings.append(
                Finding(
                    "note",
                    "exact_duplicates",
                    "identical rows are collapsed into one",
                    count=file_report.duplicate_rows,
                )
            )
    tickets = by_entity.get("tickets")
    if tickets is not None and (tickets.errors or tickets.file is None):
        # without readable tickets every dependent row would be an unknown ticket: not a verdict
        # on those rows, so it is said once instead
        for entity in contract.values():
            file_report = by_entity[entity.name]
            if not entity.ticket_column or file_report.file is None or entity.name == "tickets":
                continue
            dropped = [f for f in file_report.findings if f.check in TICKET_CHECKS]
            file_report.findings = [f for f in file_report.findings if f not in dropped]
            file_report.rejected_rows -= sum(f.count for f in dropped)
            if file_report.rows:
                file_report.findings.append(
                    Finding(
                        "note",
                        "unknown_ticket",
                        "not checked: tickets could not be read",
                        column=entity.ticket_column,
                    )
                )


def validate(
    raw_dir: Path | str,
    project_dir: Path | None = None,
    max_reject_share: float = DEFAULT_MAX_REJECT_SHARE,
) -> Report:
    """Check every contract entity in `raw_dir`; every problem is collected, none stops the run."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise ValueError(f"not a folder: {raw_dir}")
    project = find_project_dir(project_dir).resolve()
    contract = load_contract(project)
    report = Report(
        raw_dir=str(raw_dir), contract=str(project / SOURCES_YML), max_reject_share=max_reject_share
    )
    with tempfile.TemporaryDirectory(prefix="support-kpis-validate-") as work:
        database = run_staging(raw_dir, project, Path(work))
        _build_report(database, contract, load_reject_reasons(project), report)
    for file_report in report.files:
        if file_report.rows and file_report.rejected_rows > max_reject_share * file_report.rows:
            file_report.findings.append(
                Finding(
                    "error",
                    "too_many_rejects",
                    f"{file_report.rejected_rows} of {file_report.rows} rows would be rejected, "
                    f"more than --max-reject-share {max_reject_share:g}: a systematic problem?",
                    count=file_report.rejected_rows,
                )
            )
    return report
