"""Command line entry point: `support-kpis <command> ...`.

Each command registers its own sub-parser and handler (`_add_generate`, `_add_validate`,
`_add_check_marts`, `_add_metrics`, `_add_generate_yaml`, `_add_report`, `_add_load`, `_add_build`,
`_add_contract_docs`); Great Expectations is imported only by the commands that use it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any

from support_kpis import __version__
from support_kpis.generate import ENTITIES, GenerateConfig, generate, parse_entities

Handler = Callable[[argparse.Namespace], int]


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {text!r}") from exc


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1: {text}")
    return value


def _share(text: str) -> float:
    value = float(text)
    if not 0 <= value < 0.5:
        raise argparse.ArgumentTypeError(f"must be in [0, 0.5): {text}")
    return value


def _entities(text: str) -> tuple[str, ...]:
    try:
        return parse_entities(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


# Every generate option is a GenerateConfig field of the same name (or `dest`), its default too.
_GENERATE_OPTIONS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("--tickets", {"type": _positive_int, "help": "number of tickets"}),
    ("--days", {"type": _positive_int, "help": "length of the period in days"}),
    ("--seed", {"type": int, "help": "random seed"}),
    ("--format", {"dest": "file_format", "choices": ("csv", "parquet"), "help": "file format"}),
    ("--start-date", {"type": _date, "help": "first day of the period"}),
    (
        "--ai-launch-date",
        {"type": _date, "help": "AI deployment start; earlier tickets are the pre-AI baseline"},
    ),
    (
        "--bad-row-share",
        {"type": _share, "help": "share of contract-breaking rows per entity; 0 disables"},
    ),
)


def _add_generate(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "generate",
        help="write synthetic raw exports (one file per entity of the input contract)",
        description="Write synthetic raw helpdesk exports that follow the input contract: one "
        "file per entity, every column as text. Deterministic for a seed.",
    )
    defaults = GenerateConfig()
    parser.add_argument("out", help="output folder (created if missing)")
    for flag, options in _GENERATE_OPTIONS:
        field = options.get("dest", flag.removeprefix("--").replace("-", "_"))
        parser.add_argument(
            flag,
            **{**options, "help": options["help"] + " (default: %(default)s)"},
            default=getattr(defaults, field),
        )
    parser.add_argument(
        "--only",
        type=_entities,
        default=ENTITIES,
        help="comma-separated subset of entities to write (default: all)",
    )
    parser.add_argument("--quiet", action="store_true", help="print nothing on success")
    parser.set_defaults(handler=_run_generate)


def _run_generate(args: argparse.Namespace) -> int:
    cfg = GenerateConfig(
        **{field.name: getattr(args, field.name) for field in fields(GenerateConfig)}
    )
    began = time.perf_counter()
    result = generate(args.out, cfg)
    if not args.quiet:
        for name, path in result.files.items():
            bad = sum(result.bad_rows.get(name, {}).values())
            print(f"{path}  rows={result.rows[name]}  bad_rows_injected={bad}")
        print(f"generated {len(result.files)} files in {time.perf_counter() - began:.1f} s")
    return 0


def _add_project_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--project-dir",
        type=Path,
        default=None,
        help="dbt project root holding the contract "
        "models/staging/helpdesk/_helpdesk__sources.yml (default: the working "
        "directory or a parent of it, else this checkout)",
    )


def _add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--json",
        dest="json_path",
        metavar="PATH|-",
        default=None,
        help="also write the report as JSON to PATH ('-': JSON on stdout "
        "instead of the text report)",
    )


def _emit(text: str, json_text: str, json_path: str | None) -> None:
    if json_path == "-":
        print(json_text)
        return
    print(text)
    if json_path:
        Path(json_path).write_text(json_text + "\n", encoding="utf-8")


def _share_or_zero(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"must be in [0, 1]: {text}")
    return value


def _add_validate(subparsers: argparse._SubParsersAction) -> None:
    from support_kpis.validate import DEFAULT_MAX_REJECT_SHARE

    parser = subparsers.add_parser(
        "validate",
        help="check a folder of raw exports against the contract before building",
        description="Check RAW_DIR against the raw export contract by running the project's own "
        "staging models on it (into a throwaway DuckDB file), so every verdict and reason is the "
        "build's. Lists every problem in one run. Exit 0: the build will run (rows with "
        "warnings are rejected by staging, with their reason); exit 1: the build would stop "
        "(missing file or column, unreadable file) or a file's rejected share exceeds "
        "--max-reject-share (or any row is rejected, with --strict).",
    )
    parser.add_argument("raw_dir", type=Path, help="folder of <entity>.csv / <entity>.parquet")
    _add_json(parser)
    parser.add_argument(
        "--max-reject-share",
        type=_share_or_zero,
        default=DEFAULT_MAX_REJECT_SHARE,
        help="fail when more than this share of a file's rows would be rejected "
        "(default: %(default)s)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="fail on any row that would be rejected (--max-reject-share 0)",
    )
    parser.add_argument(
        "--quiet", action="store_true", help="print only the errors and the verdict"
    )
    _add_project_dir(parser)
    parser.set_defaults(handler=_run_validate)


def _run_validate(args: argparse.Namespace) -> int:
    from support_kpis.validate import validate

    share = 0.0 if args.strict else args.max_reject_share
    report = validate(args.raw_dir, project_dir=args.project_dir, max_reject_share=share)
    text = report.to_text()
    if args.quiet:
        text = "\n".join(
            line
            for line in text.splitlines()
            if line.lstrip().startswith("ERROR") or line.startswith(("PASSED", "FAILED"))
        )
    _emit(text, report.to_json(), args.json_path)
    return 0 if report.passed else 1


def _add_check_marts(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check-marts",
        help="check the built marts (rates, grain keys, ticket counts) with Great Expectations",
        description="Check the marts of a built DuckDB warehouse: every rate (found by its "
        "_numerator/_denominator columns) within [0, 1] with numerator <= denominator, no "
        "duplicate grain keys, inbound and fct_tickets rows equal to the accepted tickets. "
        "Exit 1 when a check fails.",
    )
    parser.add_argument(
        "db_path",
        nargs="?",
        type=Path,
        default=Path("target/support_kpis.duckdb"),
        help="the DuckDB file (default: %(default)s)",
    )
    _add_json(parser)
    parser.set_defaults(handler=_run_check_marts)


def _run_check_marts(args: argparse.Namespace) -> int:
    from support_kpis.check_marts import check_marts

    report = check_marts(args.db_path)
    _emit(report.to_text(), report.to_json(), args.json_path)
    return 0 if report.passed else 1


def _add_metrics(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "metrics",
        help="print the metrics reference (name, formula, grain, mart) from the dbt manifest",
        description="Print every canonical KPI of the semantic layer from a dbt manifest "
        "(written by `dbt parse` or `dbt build`): its formula (the doc block's formula line), "
        "how the metric computes it, its grain and its mart. Exit 1 when the manifest is missing.",
    )
    parser.add_argument(
        "--manifest",
        type=Path,
        default=Path("target/manifest.json"),
        help="dbt manifest (default: %(default)s)",
    )
    parser.add_argument(
        "--section", type=int, default=None, help="only this section of the KPI catalogue (1-10)"
    )
    _add_json(parser)
    parser.set_defaults(handler=_run_metrics)


def _run_metrics(args: argparse.Namespace) -> int:
    import json

    from support_kpis.metrics import metrics_reference, reference_to_text

    if not args.manifest.exists():
        print(
            f"support-kpis metrics: no manifest at {args.manifest}; run `dbt parse` first",
            file=sys.stderr,
        )
        return 1
    entries = metrics_reference(args.manifest)
    if args.section is not None:
        entries = [entry for entry in entries if entry["section"] == args.section]
    _emit(reference_to_text(entries), json.dumps(entries, indent=2), args.json_path)
    return 0


def _add_generate_yaml(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "generate-yaml",
        help="write the dbt files generated from the KPI registry (registry/kpis.yml)",
        description="Write the files generated from the KPI registry: macro kpi_registry, the "
        "properties of kpi_daily and kpi_rolling_28d, seed canonical_metrics. --check writes "
        "nothing and exits 1 when a generated file differs from the registry.",
    )
    _add_check(parser, "only report drift (exit 1 when a generated file is stale)")
    parser.set_defaults(handler=_run_generate_yaml)


def _add_check(parser: argparse.ArgumentParser, text: str) -> None:
    parser.add_argument("--check", action="store_true", help=text)


def _write_or_check(
    check: bool,
    drifted: Callable[[], list[Path]],
    write: Callable[[], list[Path]],
    stale: str,
) -> int:
    """Generated files: write the ones that drifted, or with --check name them (`stale`, a
    template of `path`) and exit 1 when there are any."""
    if check:
        paths = drifted()
        for path in paths:
            print(stale.format(path=path), file=sys.stderr)
        return 1 if paths else 0
    for path in write():
        print(f"wrote {path}")
    return 0


def _run_generate_yaml(args: argparse.Namespace) -> int:
    from support_kpis import registry

    return _write_or_check(
        args.check,
        registry.drifted,
        registry.write,
        "stale: {path} (run `support-kpis generate-yaml`)",
    )


def _add_report(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report",
        help="write the weekly report: one self-contained static HTML page with charts",
        description="Write one static HTML page (plotly.js and styles inlined: it opens from "
        "disk with no network) with the weekly scorecard, the deflection ladder by channel and "
        "its 12-week trend, strict and adjusted deflection against the channel benchmarks, "
        "escalation quality by month, the monthly review's quick wins and missed-escalation "
        "signals, and the alerts, every number read from the marts. Beside it, a JSON of every "
        "number shown. Exit 1 when the warehouse or the week cannot be read.",
    )
    parser.add_argument(
        "--warehouse",
        type=Path,
        default=Path("target/support_kpis.duckdb"),
        help="the DuckDB file built by dbt (default: %(default)s)",
    )
    parser.add_argument(
        "--week",
        default=None,
        metavar="YYYY-Www",
        help="ISO week to show (default: the latest week complete at as_of)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("target/report.html"),
        help="the HTML file to write (default: %(default)s)",
    )
    parser.add_argument(
        "--json-out",
        type=Path,
        default=None,
        help="the JSON of every number shown (default: --out with .json)",
    )
    parser.set_defaults(handler=_run_report)


def _run_report(args: argparse.Namespace) -> int:
    from support_kpis.report import ReportError, write_report

    try:
        report = write_report(args.warehouse, args.out, args.week, args.json_out)
    except ReportError as error:
        print(f"support-kpis report: {error}", file=sys.stderr)
        return 1
    print(
        f"Report: {report.html_path} (week {report.data['week']}, as_of "
        f"{report.data['as_of']}); numbers: {report.json_path}"
    )
    return 0


def _add_load(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "load",
        help="load a folder of raw exports into Postgres or Spark (schema raw, all text)",
        description="Replace the contract tables in the raw schema with a folder's exports "
        "(CSV or Parquet), every column text, as an EL tool would load them: Postgres by COPY, "
        "Spark as Parquet tables. An absent export drops its table; dbt then names any missing "
        "required table or column. Connection: SUPPORT_KPIS_PG_HOST, _PORT, _USER, _PASSWORD, "
        "_DATABASE; SUPPORT_KPIS_SPARK_WAREHOUSE (as in profiles/profiles.yml).",
    )
    parser.add_argument("raw_dir", type=Path, help="folder of raw exports")
    parser.add_argument(
        "--target", required=True, choices=("postgres", "spark"), help="the dbt target to load for"
    )
    parser.add_argument(
        "--schema", default="raw", help="raw schema, as dbt var raw_schema (default: %(default)s)"
    )
    _add_project_dir(parser)
    parser.add_argument("--quiet", action="store_true", help="print nothing on success")
    parser.set_defaults(handler=_run_load)


def _run_load(args: argparse.Namespace) -> int:
    from support_kpis.contract import find_project_dir
    from support_kpis.engines import load

    project = find_project_dir(args.project_dir)
    counts = load(args.raw_dir, args.target, args.schema, project_dir=project)
    seconds = counts.pop("_seconds")
    if not args.quiet:
        for entity, rows in counts.items():
            print(
                f"{args.schema}.{entity}: "
                + ("absent (table dropped)" if rows is None else f"{rows} rows")
            )
        print(f"loaded into {args.target} in {seconds} s")
    return 0


def _add_build(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "build",
        allow_abbrev=False,
        help="run dbt build, with a plain sentence for a locked, full or corrupt warehouse",
        description="Run `dbt build` with every further argument passed on (e.g. --select, "
        "--vars). Before it starts, the DuckDB file (SUPPORT_KPIS_DUCKDB_PATH, default "
        "target/support_kpis.duckdb) is opened read-only and the free space of its folder is "
        "checked (at least SUPPORT_KPIS_MIN_FREE_MB, default 200): a file another process holds, "
        "a corrupt file or a full disk is one sentence saying what to do, never the database's "
        "error, also when it happens during the build. Exit code: dbt's, or 2 when the build "
        "could not start.",
        usage="support-kpis build [dbt build arguments]",
    )
    parser.set_defaults(handler=_run_build)


def _run_build(args: argparse.Namespace) -> int:
    from support_kpis.build import build

    return build(args.dbt_args)


def _add_contract_docs(subparsers: argparse._SubParsersAction) -> None:
    from support_kpis import contract_docs

    parser = subparsers.add_parser(
        "contract-docs",
        description=contract_docs.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        help="write the files generated from the raw contract",
    )
    _add_project_dir(parser)
    _add_check(parser, "write nothing; exit 1 when a generated file is out of date")
    parser.set_defaults(handler=_run_contract_docs)


def _run_contract_docs(args: argparse.Namespace) -> int:
    from support_kpis import contract_docs

    return _write_or_check(
        args.check,
        lambda: contract_docs.drifted(args.project_dir),
        lambda: contract_docs.write(args.project_dir),
        "{path}: out of date; run `support-kpis contract-docs`",
    )


COMMANDS: tuple[Callable[[argparse._SubParsersAction], None], ...] = (
    _add_generate,
    _add_validate,
    _add_check_marts,
    _add_metrics,
    _add_generate_yaml,
    _add_report,
    _add_load,
    _add_build,
    _add_contract_docs,
)


def build_parser() -> argparse.ArgumentParser:
    """The `support-kpis` parser with one sub-parser per command."""
    parser = argparse.ArgumentParser(
        prog="support-kpis", description="Support KPI warehouse tooling."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for add_command in COMMANDS:
        add_command(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the process exit code."""
    try:
        try:
            return _run(argv)
        finally:
            # buffered output meets a closed pipe here (after --help too), not at exit
            sys.stdout.flush()
    except BrokenPipeError:
        # the reader went away (`... | head`): stop quietly, as other Unix tools do. stdout is
        # pointed at /dev/null so the flush at exit cannot raise the same error again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    # `build` passes every argument it does not know on to dbt
    args, rest = parser.parse_known_args(argv)
    if args.command != "build" and rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    args.dbt_args = rest
    handler: Handler = args.handler
    try:
        return handler(args)
    except ValueError as exc:
        print(f"support-kpis {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
