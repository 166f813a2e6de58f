"""Benchmark: `dbt build` on generated exports against one plain DuckDB query on the same files.

    python scripts/benchmark.py [--tickets 1000000] [--days 365] [--keep DIR]

Generates N tickets (Parquet) into a temporary folder (or DIR with --keep, which is kept),
runs `dbt build --vars '{raw_path: DIR}'` from the project root into a temporary DuckDB file,
then times one plain query that joins events to tickets and counts tickets and events per
creation day x channel x category. Prints both times and their ratio (goal: build/plain <= 10).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from support_kpis.generate import GenerateConfig, generate

PROJECT_ROOT = Path(__file__).resolve().parent.parent
GOAL_RATIO = 10.0

PLAIN_QUERY = """
select
    cast(try_cast(tickets.created_at as timestamptz) as date) as created_date,
    tickets.channel,
    tickets.category,
    count(distinct tickets.ticket_id) as tickets,
    count(events.event_id) as events
from read_parquet('{raw}/tickets.parquet') as tickets
left join read_parquet('{raw}/ticket_events.parquet') as events
    on events.ticket_id = tickets.ticket_id
group by all
"""


def _dbt_executable() -> str:
    candidate = Path(sys.executable).parent / "dbt"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("dbt")
    if not found:
        sys.exit("dbt not found next to this Python or on PATH")
    return found


def run_dbt_build(raw: Path, work: Path) -> tuple[float, subprocess.CompletedProcess]:
    env = dict(os.environ)
    env["SUPPORT_KPIS_DUCKDB_PATH"] = str(work / "benchmark.duckdb")
    env["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
    command = [_dbt_executable(), "build", "--vars", f"{{raw_path: '{raw}'}}",
               "--profiles-dir", "profiles", "--target-path", str(work / "target"),
               "--log-path", str(work / "logs")]
    began = time.perf_counter()
    done = subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
                          check=False)
    return time.perf_counter() - began, done


def run_plain_query(raw: Path) -> tuple[float, int]:
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")
    began = time.perf_counter()
    rows = con.execute(PLAIN_QUERY.format(raw=raw)).fetchall()
    seconds = time.perf_counter() - began
    con.close()
    return seconds, len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--keep", type=Path, help="generate into DIR and keep it")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="support_kpis_bench_"))
    raw = args.keep.resolve() if args.keep else work / "raw"
    try:
        began = time.perf_counter()
        result = generate(raw, GenerateConfig(tickets=args.tickets, days=args.days,
                                              seed=args.seed))
        generate_s = time.perf_counter() - began
        print(f"generate: {args.tickets} tickets, {result.rows['ticket_events']} events "
              f"-> {raw} in {generate_s:.1f} s")

        build_s, done = run_dbt_build(raw, work)
        print(f"dbt build: {build_s:.1f} s (exit code {done.returncode})")
        if done.returncode != 0:
            print(done.stdout[-4000:], done.stderr[-4000:], sep="\n", file=sys.stderr)
            return done.returncode

        plain_s, groups = run_plain_query(raw)
        ratio = build_s / plain_s if plain_s > 0 else float("inf")
        print(f"plain duckdb query: {plain_s:.2f} s ({groups} day x channel x category groups)")
        verdict = "ok" if ratio <= GOAL_RATIO else "over goal"
        print(f"ratio build/plain: {ratio:.1f} (goal <= {GOAL_RATIO:g}: {verdict})")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
