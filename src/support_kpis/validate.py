"""`support-kpis validate RAW_DIR`: check a folder of raw exports against the contract before any
build, with Great Expectations generated from the contract meta (support_kpis.contract).

Levels:
- error: the build would stop (a missing required file or column, two files for one entity, a
  file that cannot be read: empty, not UTF-8, not parseable CSV), or more than
  `max_reject_share` of a file's rows would be rejected (a systematic problem, e.g. a whole column
  in the wrong format);
- warning: rows that staging will reject (they land in staging.stg_helpdesk__rejects with the
  same reason name as the check here): the build goes on;
- note: what staging handles by design (exact duplicates collapsed, channel/priority fallbacks,
  extra columns ignored, optional exports absent).

Typed values are parsed with DuckDB's own casts and the timestamp rule of
macros/parse_timestamp.sql, so "unparseable" means the same here as in staging.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from support_kpis import _gx
from support_kpis.contract import FALSE_TEXTS, TRUE_TEXTS, Column, Entity, load_contract
from support_kpis.file_kind import KIND_MESSAGES, file_kind, parquet_footer_readable

INDEX = _gx.INDEX_COLUMN
EXAMPLES = 5
DEFAULT_MAX_REJECT_SHARE = 0.05
# macros/parse_timestamp.sql: a value ending in an offset is converted to UTC, else it is UTC
# (mirrors macros/parse_timestamp.sql: change both together)
OFFSET_PATTERN = (r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*"
                  r"([zZ]|[+-]\d{2}(:?\d{2}){0,2})$")
NAIVE_PATTERN = r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$"
# macros/parse_number.sql
NUMBER_PATTERN = r"^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?$"
# macros/has_control_character.sql
CONTROL_PATTERN = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
# dbt_project.yml vars plausible_timestamp_from / _until (default: a day after now)
PLAUSIBLE_FROM = "2000-01-01"
OFFSET_SUFFIX = r"\s+([zZ]|[+-]\d{2}(:?\d{2}){0,2})$"
MINUTES_BEFORE_OFFSET = r"^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2})([zZ+-])"


@dataclass
class Finding:
    """One failing check on one file (or one note about it)."""

    level: str  # error | warning | note
    check: str  # the staging reject reason where there is one
    message: str
    column: str | None = None
    count: int = 0
    examples: list[dict[str, Any]] = field(default_factory=list)
    expectation: str | None = None  # the GX expectation type


@dataclass
class FileReport:
    entity: str
    file: str | None
    required: bool
    rows: int = 0
    duplicate_rows: int = 0
    rejected_rows: int = 0  # distinct rows that staging will reject
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
            "raw_dir": self.raw_dir, "contract": self.contract,
            "max_reject_share": self.max_reject_share, "passed": self.passed,
            "errors": self.errors, "warnings": self.warnings,
            "files": [{**asdict(f), "errors": len(f.errors), "warnings": len(f.warnings)}
                      for f in self.files],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, default=str)

    def to_text(self) -> str:
        lines = [f"support-kpis validate {self.raw_dir}", f"contract: {self.contract}", ""]
        for report in self.files:
            if report.file is None:
                head = f"{report.entity}: no file"
            else:
                share = report.rejected_rows / report.rows if report.rows else 0.0
                head = (f"{Path(report.file).name}: {report.rows} rows, "
                        f"{report.duplicate_rows} exact duplicates, "
                        f"{report.rejected_rows} rows will be rejected ({share:.1%})")
            lines.append(head)
            for finding in report.findings:
                where = f" [{finding.column}]" if finding.column else ""
                count = f" {finding.count} rows:" if finding.count else ""
                lines.append(f"  {finding.level.upper():7} {finding.check}{where}{count} "
                             f"{finding.message}")
                for example in finding.examples:
                    lines.append("          e.g. " + ", ".join(f"{k}={v!r}"
                                                             for k, v in example.items()))
        lines.append("")
        verdict = "PASSED" if self.passed else "FAILED"
        lines.append(f"{verdict}: {self.errors} errors, {self.warnings} warnings "
                     f"(rows with warnings are rejected by staging and listed in "
                     f"staging.stg_helpdesk__rejects; errors stop the build or exceed "
                     f"--max-reject-share {self.max_reject_share:g})")
        return "\n".join(lines)


# ------------------------------------------------------------------------------ reading
MAGIC = {b"\x1f\x8b": "gzip", b"PK\x03\x04": "zip", b"PAR1": "parquet"}
MAX_LINE_BYTES = 33554432  # as macros/register_raw_exports.sql


def _compressed_or_misnamed(data: bytes, suffix: str) -> Finding | None:
    """The same words as macros/raw_export_file_checks.sql for a file of another format."""
    for magic, kind in MAGIC.items():
        if data.startswith(magic) and not (kind == "parquet" and suffix == ".parquet"):
            text = {"gzip": "the file is gzip-compressed: unpack it (gunzip) first",
                    "zip": "the file is a zip archive: unpack it and put the file itself here",
                    "parquet": "the file is a Parquet file named .csv: rename it to .parquet"}[kind]
            return Finding("error", f"{kind}_file", text)
    return None


def _read_csv(path: Path, report: FileReport) -> pd.DataFrame | None:
    """Read as the build does (macros/register_raw_exports.sql): no sniffing, the first line is
    the header (after Excel's `sep=,`), every field text, strict quoting; a line that is not a
    row (too few or too many fields, broken quoting) is a `malformed_row` reject with its line."""
    data = path.read_bytes()
    other = _compressed_or_misnamed(data, ".csv")
    if other:
        report.findings.append(other)
        return None
    if not data.strip(b" \t\r\n") or not data.decode("utf-8", "replace").strip(" \t\r\n\ufeff"):
        report.findings.append(Finding("error", "empty_file", "the file is empty: expected a "
                                       "header row with the contract columns"))
        return None
    try:
        text = data.decode("utf-8-sig")  # a UTF-8 byte order mark is accepted (DuckDB skips it)
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        report.findings.append(Finding(
            "error", "not_utf8", f"the file is not UTF-8: byte 0x{data[exc.start]:02x} on line "
            f"{line} (Latin-1?); re-export as UTF-8, e.g. iconv -f latin1 -t utf-8"))
        return None
    if len(data) > MAX_LINE_BYTES and max(map(len, text.split("\n"))) > MAX_LINE_BYTES:
        report.findings.append(Finding("error", "line_too_long", "a line is longer than 32 MB: "
                                       "shorten the free-text column or export it as Parquet"))
        return None
    # line endings are judged between rows only: a quoted field may hold any of them
    unquoted = re.sub(r'"(?:[^"]|"")*"', '""', text)
    if "\r\r\n" in unquoted:
        report.findings.append(Finding(
            "error", "doubled_cr", "lines end with two carriage returns (CR CR LF, converted to "
            "Windows line endings twice): convert it once back"))
        return None
    if "\r\n" in unquoted and re.search(r"(^|[^\r])\n", unquoted):
        report.findings.append(Finding(
            "error", "mixed_line_endings", "mixes line endings (some rows end in CR LF, others in "
            "LF): convert it to one, e.g. dos2unix"))
        return None
    if re.search(r"\r[^\n]", unquoted):
        report.findings.append(Finding(
            "error", "stray_cr", "a carriage return (CR) that does not end a line (old Mac line "
            "endings or a stray CR): re-export with LF or CR LF line endings"))
        return None
    lines = text.split("\n", 2)
    skip = 0
    header = lines[0].replace("\r", "")
    if re.fullmatch(r"\s*sep=.\s*", header):
        if header.strip() != "sep=,":
            report.findings.append(Finding(
                "error", "wrong_delimiter", f"the file declares the delimiter '{header.strip()}': "
                "the contract is comma-separated; re-export with commas"))
            return None
        skip = 1
        header = lines[1].replace("\r", "") if len(lines) > 1 else ""
    names = next(csv.reader([header]), [])
    fields = ", ".join(f"'field_{i}': 'VARCHAR'" for i in range(1, len(names) + 1))
    literal = str(path).replace("'", "''")
    with duckdb.connect() as con:
        frame = con.execute(
            f"select * from read_csv('{literal}', header = true, auto_detect = false, "
            "delim = ',', quote = '\"', escape = '\"', strict_mode = true, store_rejects = true, "
            f"max_line_size = {MAX_LINE_BYTES}, buffer_size = {2 * MAX_LINE_BYTES}, "
            f"skip = {skip}, columns = {{{fields}}})").df()
        malformed = con.execute(
            "select min(byte_position), string_agg(distinct lower(error_type), ', ' "
            "order by lower(error_type)) from reject_errors group by line order by line"
        ).fetchall()
    # DuckDB counts rows; an editor counts lines (a quoted newline starts one): as the build
    malformed = [(data[:max(position - 1, 0)].count(b"\n") + 1, problem)
                 for position, problem in malformed]
    frame.columns = names
    if malformed:
        report.malformed_rows = len(malformed)
        report.findings.append(Finding(
            "warning", "malformed_row", "a line that is not a row (too few or too many fields, or "
            "broken quoting): rejected with its line number", count=len(malformed),
            examples=[{"line": int(line), "problem": problem}
                      for line, problem in malformed[:EXAMPLES]]))
    return frame.astype(object).where(frame.notna(), None)


def _read_parquet(path: Path, report: FileReport) -> pd.DataFrame | None:
    """Every column cast to text by DuckDB, as the build does (typed columns, lists and all)."""
    data = path.read_bytes()
    other = _compressed_or_misnamed(data, ".parquet")
    problem = (other.message if other else
               "the file is empty: expected a Parquet file" if not data else
               "not a Parquet file (a CSV named .parquet?): rename it to .csv or re-export"
               if not data.startswith(b"PAR1") else
               "a truncated Parquet file (it does not end as Parquet does): copy or export it "
               "again" if len(data) < 12 or not data.endswith(b"PAR1") else
               "a corrupt Parquet file (its footer cannot be read): copy or export it again"
               if not parquet_footer_readable(str(path)) else None)
    if problem:
        report.findings.append(Finding("error", "unreadable_parquet", problem))
        return None
    literal = str(path).replace("'", "''")
    try:
        with duckdb.connect() as con:
            con.execute("set TimeZone = 'UTC'")
            names = [row[0] for row in con.execute(
                f"describe select * from read_parquet('{literal}')").fetchall()]
            casts = ", ".join(f"cast({_q(n)} as varchar) as {_q(n)}" for n in names)
            frame = con.execute(f"select {casts} from read_parquet('{literal}')").df()
    except duckdb.Error:
        report.findings.append(Finding("error", "unreadable_parquet",
                                       "cannot read the Parquet file: export it again"))
        return None
    return frame.astype(object).where(frame.notna(), None)


def _select_contract_columns(entity: Entity, frame: pd.DataFrame,
                             report: FileReport) -> pd.DataFrame:
    """Contract columns by name (headers trimmed and lower-cased, as the dbt hook does); an
    absent optional column is all NULL."""
    by_name: dict[str, int] = {}
    contract_names = {c.name for c in entity.columns}
    for position, name in enumerate(frame.columns):
        key = str(name).strip().lower()
        if key in by_name and key in contract_names:
            report.findings.append(Finding(
                "error", "duplicate_column",
                f"two columns both mean '{key}' ('{frame.columns[by_name[key]]}' and '{name}', "
                "which differ only in case or spaces): keep one", column=key))
        by_name.setdefault(key, position)
    missing = [c.name for c in entity.columns if c.required and c.name not in by_name]
    header = ", ".join(map(str, frame.columns[:12])) + (", ..." if len(frame.columns) > 12 else "")
    for name in missing:
        report.findings.append(Finding(
            "error", "missing_required_column",
            f"required column '{name}' is missing (header: {header})", column=name))
    extra = [str(n) for n in frame.columns if str(n).strip().lower() not in contract_names]
    if extra:
        report.findings.append(Finding("note", "extra_columns",
                                       f"ignored: {', '.join(extra[:10])}"
                                       f"{', ...' if len(extra) > 10 else ''}"))
    return pd.DataFrame({
        c.name: (frame.iloc[:, by_name[c.name]].astype(object) if c.name in by_name
                 else pd.Series([None] * len(frame), dtype=object))
        for c in entity.columns
    })


# ------------------------------------------------------------------------------ typing
def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _clean_sql(column: Column) -> str:
    text = f"nullif(regexp_replace({_q(column.name)}, '^\\s+|\\s+$', '', 'g'), '')"
    if column.default is not None:
        default = column.default.replace("'", "''")
        text = f"coalesce({text}, '{default}')"
    return text


def _typed_sql(column: Column, clean: str) -> str | None:
    """The staging cast of a column (macros/raw_export_typed_value.sql), on DuckDB."""
    if column.type == "timestamp":
        with_offset = (f"regexp_replace(regexp_replace({clean}, '{OFFSET_SUFFIX}', '\\1'), "
                       f"'{MINUTES_BEFORE_OFFSET}', '\\1:00\\2')")
        return (f"case when regexp_matches({clean}, '{OFFSET_PATTERN}') "
                f"then try_cast({with_offset} as timestamptz) at time zone 'UTC' "
                f"when regexp_matches({clean}, '{NAIVE_PATTERN}') "
                f"then try_cast({clean} as timestamp) end")
    if column.type == "integer":
        return (f"case when regexp_full_match({clean}, '^[+-]?[0-9]+$') "
                f"then try_cast({clean} as integer) end")
    if column.type == "number":
        number = f"try_cast({clean} as double)"
        return (f"case when regexp_full_match({clean}, '{NUMBER_PATTERN}') "
                f"and isfinite({number}) and ({number} = 0 or abs({number}) >= "
                f"2.2250738585072014e-308) then {number} end")
    if column.type == "boolean":
        true = "', '".join(TRUE_TEXTS)
        false = "', '".join(FALSE_TEXTS)
        return (f"case when lower({clean}) in ('{true}') then true "
                f"when lower({clean}) in ('{false}') then false end")
    if column.type == "label":
        return f"regexp_replace(lower(trim({clean})), '[\\s-]+', '_', 'g')"
    return None


def _prepare(entity: Entity, distinct: pd.DataFrame) -> pd.DataFrame:
    """Per distinct raw row: `<c>` cleaned text, `<c>__value` typed (NULL when unparseable),
    `<c>__given` (a non-blank value was given), and the typed key `__key`."""
    selects = [INDEX]
    for column in entity.columns:
        clean = _clean_sql(column)
        if column.type in ("text", "label") and not column.pii:
            # the raw text too: the control-character check looks at it untrimmed
            selects.append(f"{_q(column.name)} as {_q(column.name + '__raw')}")
        selects.append(f"{clean} as {_q(column.name)}")
        typed = _typed_sql(column, clean)
        if typed is not None:
            selects.append(f"{typed} as {_q(column.name + '__value')}")
            selects.append(f"{clean} is not null as {_q(column.name + '__given')}")
        if column.type in ("text", "label") and not column.pii:
            selects.append(f"coalesce(regexp_matches({_q(column.name + '__raw')}, "
                           f"'{CONTROL_PATTERN}'), "
                           f"false) as {_q(column.name + '__control')}")
    key_parts = []
    for name in entity.key:
        column = entity.column(name)
        typed = _typed_sql(column, _clean_sql(column))
        key_parts.append(f"coalesce(cast({typed or _clean_sql(column)} as varchar), '<null>')")
    selects.append(f"{' || chr(31) || '.join(key_parts) or 'null'} as __key")
    with duckdb.connect() as con:
        con.execute("set TimeZone = 'UTC'")
        con.register("distinct_rows", distinct)
        return con.execute(f"select {', '.join(selects)} from distinct_rows").df()


# ------------------------------------------------------------------------------ expectations
def _expectations(entity: Entity, present: set[str],
                  accepted_tickets: pd.DataFrame | None) -> list[Any]:
    """The GX suite of one entity, generated from its contract meta. Each expectation's meta
    carries the staging reject reason, the column and the level."""
    import great_expectations.expectations as gxe
    from great_expectations.expectations.row_conditions import Column as Where

    def meta(check: str, column: str | None, level: str = "warning", **extra: Any) -> dict:
        return {"check": check, "column": column, "level": level, **extra}


    def given(name: str) -> Any:
        return Where(f"{name}__given") == True  # noqa: E712  (a GX condition, not a test)

    tomorrow = pd.Timestamp.now(tz="UTC").tz_localize(None) + pd.Timedelta(days=1)
    future_limit = tomorrow.to_pydatetime()
    plausible_from = pd.Timestamp(PLAUSIBLE_FROM).to_pydatetime()
    suite: list[Any] = []
    for column in entity.columns:
        name = column.name
        if column.required and name in present:
            suite.append(gxe.ExpectColumnValuesToNotBeNull(
                column=name, meta=meta("missing_required_value", name)))
        if column.type in ("text", "label") and not column.pii:
            suite.append(gxe.ExpectColumnValuesToBeInSet(
                column=f"{name}__control", value_set=[False],
                meta=meta("control_character", name)))
        if column.type == "timestamp":
            # a reject, as in staging: one row dated 1970 or 2099 would move the reporting
            # calendar or the default as_of
            suite.append(gxe.ExpectColumnValuesToBeBetween(
                column=f"{name}__value", min_value=plausible_from, max_value=future_limit,
                meta=meta("implausible_timestamp", name)))
        if column.type in ("timestamp", "integer", "number", "boolean"):
            suite.append(gxe.ExpectColumnValuesToNotBeNull(
                column=f"{name}__value", row_condition=given(name),
                meta=meta(f"unparseable_{column.type}", name)))
        if column.type == "label" and column.allowed:
            level, check = ("note", "fallback") if column.fallback else ("warning", "unknown_value")
            suite.append(gxe.ExpectColumnValuesToBeInSet(
                column=f"{name}__value", value_set=list(column.allowed),
                meta=meta(check, name, level, fallback=column.fallback)))
        bounds = {}
        if column.min is not None:
            bounds["min_value"] = column.min
        if column.max is not None:
            bounds["max_value"] = column.max
        if column.min_exclusive is not None:
            bounds.update(min_value=column.min_exclusive, strict_min=True)
        if bounds:
            suite.append(gxe.ExpectColumnValuesToBeBetween(
                column=f"{name}__value", meta=meta("out_of_range", name), **bounds))
    rule = entity.score_range_by
    if rule:
        for kind, (low, high) in rule["ranges"].items():
            suite.append(gxe.ExpectColumnValuesToBeBetween(
                column=f"{rule['score_column']}__value", min_value=low, max_value=high,
                row_condition=Where(f"{rule['column']}__value").is_in([kind]),
                meta=meta("out_of_range", rule["score_column"], when=f"{rule['column']}={kind}")))
    rule = entity.ticket_required_when
    if rule:
        suite.append(gxe.ExpectColumnValuesToNotBeNull(
            column=entity.ticket_column,
            row_condition=Where(f"{rule['column']}__value").is_in(list(rule["values"])),
            meta=meta("missing_required_value", entity.ticket_column)))
    if entity.ends_not_before_start:
        start, end = entity.ends_not_before_start
        suite.append(gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A=f"{end}__value", column_B=f"{start}__value", or_equal=True,
            ignore_row_if="either_value_is_missing", meta=meta("ends_before_start", end)))
    if entity.key:
        suite.append(gxe.ExpectColumnValuesToBeUnique(
            column="__key", meta=meta("conflicting_duplicate_id", ", ".join(entity.key))))
    if entity.ticket_column and accepted_tickets is not None:
        # as staging: a given ticket id whose accepted ticket (and so its created_at) is not found
        suite.append(gxe.ExpectColumnValuesToNotBeNull(
            column="__ticket_created_at", row_condition=given("__ticket"),
            meta=meta("unknown_ticket", entity.ticket_column)))
    if entity.not_before_ticket_created and accepted_tickets is not None:
        suite.append(gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A=f"{entity.not_before_ticket_created}__value", column_B="__ticket_created_at",
            or_equal=True, ignore_row_if="either_value_is_missing",
            meta=meta("before_ticket_created", entity.not_before_ticket_created)))
    return suite


MESSAGES = {
    "missing_required_value": "required value is blank",
    "unparseable_timestamp": "not an ISO-8601 timestamp (YYYY-MM-DD[ HH:MM[:SS]][Z|+HH:MM])",
    "unparseable_number": "not a number",
    "unparseable_integer": "not an integer",
    "unparseable_boolean": "not a boolean (true/false, t/f, yes/no, y/n, 1/0)",
    "unknown_value": "not one of the allowed values (after lower-casing, trimming and _)",
    "fallback": "outside the list: becomes '{fallback}' (listed in "
                "staging.stg_helpdesk__normalisation_fallbacks)",
    "out_of_range": "out of range",
    "ends_before_start": "ends before it starts",
    "conflicting_duplicate_id": "the same id with different values: every such row is rejected",
    "unknown_ticket": "points at a ticket that is not in tickets or is rejected there",
    "before_ticket_created": "happens before its ticket was created",
    "implausible_timestamp": f"before {PLAUSIBLE_FROM} or more than a day in the future: "
                             "one such row would move the calendar or the default as_of",
    "control_character": "holds a control character (NUL, ESC ...): it would make a new id or "
                         "category",
    "malformed_row": "a line that is not a row",
}


def _range_text(expectation: Any) -> str:
    low, high = expectation.min_value, expectation.max_value
    low_text = "" if low is None else f"{'>' if expectation.strict_min else '≥'} {low:g}"
    high_text = "" if high is None else f"≤ {high:g}"
    return " and ".join(t for t in (low_text, high_text) if t)


def _validate_entity(runner: _gx.Runner, entity: Entity, path: Path, report: FileReport,
                     accepted_tickets: pd.DataFrame | None) -> pd.DataFrame | None:
    """Check one file; returns the prepared frame with a `__rejected` flag."""
    raw = (_read_csv if path.suffix == ".csv" else _read_parquet)(path, report)
    if raw is None:
        return None
    contract_frame = _select_contract_columns(entity, raw, report)
    present = {c.name for c in entity.columns
               if c.name in {str(n).strip().lower() for n in raw.columns}}
    report.rows = len(contract_frame) + report.malformed_rows
    if any(f.check == "duplicate_column" for f in report.findings):
        # the build stops on it: which of the two columns holds the data is the question
        return None
    if not present:
        # no contract column at all (e.g. a wrong delimiter): row checks would say nothing more
        return None
    contract_frame[INDEX] = range(1, len(contract_frame) + 1)
    # exact duplicates (identical raw text in every column) collapse before any check
    value_columns = [c.name for c in entity.columns]
    distinct = contract_frame.drop_duplicates(subset=value_columns, keep="first")
    report.duplicate_rows = len(contract_frame) - len(distinct)
    if report.duplicate_rows:
        report.findings.append(Finding("note", "exact_duplicates",
                                       "identical rows are collapsed into one",
                                       count=report.duplicate_rows))
    frame = _prepare(entity, distinct)
    if entity.ticket_column and accepted_tickets is not None:
        frame["__ticket__given"] = frame[entity.ticket_column].notna()
        # explicitly datetime: with no accepted ticket the mapped column would be all-NULL
        # objects, which the comparison with event_at cannot take
        created = accepted_tickets["created_at__value"].to_dict()
        frame["__ticket_created_at"] = pd.to_datetime(
            frame[entity.ticket_column].map(lambda ticket: created.get(ticket)))
    frame["__rejected"] = False
    expectations = _expectations(entity, present, accepted_tickets)
    checked = frame.drop(columns=["__rejected"])
    for outcome in runner.run(entity.name, checked, expectations):
        if outcome.success:
            continue
        info = outcome.expectation.meta
        column, check = info["column"], info["check"]
        message = MESSAGES[check].format(**info)
        if check == "out_of_range":
            message = f"must be {_range_text(outcome.expectation)}"
            if info.get("when"):
                message += f" when {info['when']}"
        rows = [r for r in outcome.rows if r is not None]
        examples = []
        shown = frame.set_index(INDEX).loc[rows[:EXAMPLES]] if rows else None
        if shown is not None:
            for row_number, row in shown.iterrows():
                example = {"row": int(row_number)}
                for key in entity.key:
                    example[key] = row[key]
                for name in (column or "").split(", "):
                    if name and name not in example and name in row.index:
                        example[name] = row[name]
                examples.append({k: (None if v is None or v is pd.NA or
                                     (isinstance(v, float) and v != v) else v)
                                 for k, v in example.items()})
        report.findings.append(Finding(
            info["level"], check, message, column=column,
            count=outcome.unexpected_count, examples=examples,
            expectation=type(outcome.expectation).__name__))
        if info["level"] == "warning" and info.get("rejects", True):
            frame.loc[frame[INDEX].isin(rows), "__rejected"] = True
    report.rejected_rows = int(frame["__rejected"].sum()) + report.malformed_rows
    return frame


def _find_file(raw_dir: Path, entity: Entity, report: FileReport) -> Path | None:
    kinds = {raw_dir / f"{entity.name}.{ext}": file_kind(str(raw_dir / f"{entity.name}.{ext}"))
             for ext in ("csv", "parquet")}
    found = [path for path, kind in kinds.items() if kind != "missing"]
    if len(found) == 1 and kinds[found[0]] != "file":
        # as the build: a folder or a broken link is not a missing file, even for an optional one
        report.file = str(found[0])
        report.findings.append(Finding("error", kinds[found[0]],
                                       f"{found[0].name} {KIND_MESSAGES[kinds[found[0]]]}"))
        return None
    if len(found) > 1:
        report.findings.append(Finding("error", "two_files",
                                       f"both {entity.name}.csv and {entity.name}.parquet are "
                                       "present: keep one"))
        return None
    if not found:
        if entity.required_export:
            report.findings.append(Finding("error", "missing_required_file",
                                           f"required file {entity.name}.csv (or .parquet) is "
                                           f"missing from {raw_dir}"))
        else:
            report.findings.append(Finding("note", "optional_file_absent",
                                           "optional export absent: the KPIs that need it are "
                                           "NULL"))
        return None
    report.file = str(found[0])
    return found[0]


def validate(raw_dir: Path | str, project_dir: Path | None = None,
             max_reject_share: float = DEFAULT_MAX_REJECT_SHARE) -> Report:
    """Check every contract entity in `raw_dir`; every problem is collected, none stops the run."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise ValueError(f"not a folder: {raw_dir}")
    from support_kpis.contract import SOURCES_YML, find_project_dir

    contract = load_contract(project_dir)
    report = Report(raw_dir=str(raw_dir), contract=str(find_project_dir(project_dir) /
                                                         SOURCES_YML),
                    max_reject_share=max_reject_share)
    runner = _gx.Runner()
    accepted_tickets: pd.DataFrame | None = None
    # tickets first: the other entities are checked against its accepted rows
    order = sorted(contract.values(), key=lambda e: (e.name != "tickets", e.name))
    for entity in order:
        file_report = FileReport(entity=entity.name, file=None, required=entity.required_export)
        report.files.append(file_report)
        path = _find_file(raw_dir, entity, file_report)
        if path is None:
            continue
        frame = _validate_entity(runner, entity, path, file_report,
                                 accepted_tickets if entity.name != "tickets" else None)
        if entity.name == "tickets" and frame is not None:
            accepted = frame[~frame["__rejected"]]
            accepted_tickets = accepted.set_index("ticket_id")[["created_at__value"]]
        if file_report.rows and file_report.rejected_rows > max_reject_share * file_report.rows:
            file_report.findings.append(Finding(
                "error", "too_many_rejects",
                f"{file_report.rejected_rows} of {file_report.rows} rows would be rejected, more "
                f"than --max-reject-share {max_reject_share:g}: a systematic problem?",
                count=file_report.rejected_rows))
    if accepted_tickets is None:
        # without readable tickets, dependent rows cannot be checked; say so once
        for file_report in report.files:
            entity = contract[file_report.entity]
            if entity.ticket_column and file_report.file:
                file_report.findings.append(Finding(
                    "note", "unknown_ticket", "not checked: tickets could not be read",
                    column=entity.ticket_column))
    report.files.sort(key=lambda f: f.entity)
    return report
