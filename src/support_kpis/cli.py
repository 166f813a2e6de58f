"""Command line entry point: `support-kpis <command> ...`.

Each command registers its own sub-parser and handler (`_add_generate`), so `validate` and
`metrics` can be added beside `generate` without touching the others.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable, Sequence

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


def _add_generate(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "generate",
        help="write synthetic raw exports (one file per entity of the input contract)",
        description="Write synthetic raw helpdesk exports that follow the input contract: one "
        "file per entity, every column as text. Deterministic for a seed.",
    )
    defaults = GenerateConfig()
    parser.add_argument("out", help="output folder (created if missing)")
    parser.add_argument("--tickets", type=_positive_int, default=defaults.tickets,
                        help="number of tickets (default: %(default)s)")
    parser.add_argument("--days", type=_positive_int, default=defaults.days,
                        help="length of the period in days (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=defaults.seed,
                        help="random seed (default: %(default)s)")
    parser.add_argument("--format", dest="file_format", choices=("csv", "parquet"),
                        default=defaults.file_format, help="file format (default: %(default)s)")
    parser.add_argument("--start-date", type=_date, default=defaults.start_date,
                        help="first day of the period (default: %(default)s)")
    parser.add_argument("--ai-launch-date", type=_date, default=defaults.ai_launch_date,
                        help="AI deployment start; earlier tickets are the pre-AI baseline "
                        "(default: %(default)s)")
    parser.add_argument("--bad-row-share", type=_share, default=defaults.bad_row_share,
                        help="share of contract-breaking rows per entity; 0 disables "
                        "(default: %(default)s)")
    parser.add_argument("--only", type=_entities, default=ENTITIES,
                        help="comma-separated subset of entities to write (default: all)")
    parser.add_argument("--quiet", action="store_true", help="print nothing on success")
    parser.set_defaults(handler=_run_generate)


def _run_generate(args: argparse.Namespace) -> int:
    cfg = GenerateConfig(
        tickets=args.tickets, days=args.days, seed=args.seed, start_date=args.start_date,
        ai_launch_date=args.ai_launch_date, bad_row_share=args.bad_row_share,
        file_format=args.file_format, only=args.only,
    )
    began = time.perf_counter()
    result = generate(args.out, cfg)
    if not args.quiet:
        for name, path in result.files.items():
            bad = sum(result.bad_rows.get(name, {}).values())
            print(f"{path}  rows={result.rows[name]}  bad_rows_injected={bad}")
        print(f"generated {len(result.files)} files in {time.perf_counter() - began:.1f} s")
    return 0


COMMANDS: tuple[Callable[[argparse._SubParsersAction], None], ...] = (_add_generate,)


def build_parser() -> argparse.ArgumentParser:
    """The `support-kpis` parser with one sub-parser per command."""
    parser = argparse.ArgumentParser(prog="support-kpis",
                                     description="Support KPI warehouse tooling.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for add_command in COMMANDS:
        add_command(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the process exit code."""
    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except ValueError as exc:
        print(f"support-kpis {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
