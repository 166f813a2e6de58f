"""Benchmark: dbt on generated exports against one plain DuckDB pass over the same files.

    python scripts/benchmark.py [--tickets 1000000] [--days 365] [--seed 42] [--keep DIR]
                                [--no-incremental]

Generates N tickets (Parquet) into a temporary folder (or DIR with --keep, which is kept) and,
each in a fresh DuckDB file beside it, times:

- `dbt run` (models and seeds' dependants; seeds first, untimed), then `dbt test` on its result;
- a full `dbt build` (models, seeds, data and unit tests) in another fresh file;
- a daily incremental `dbt build`: the folder as exported one day earlier is built from
  scratch, then the whole folder (one more day of tickets and of events for older tickets) is
  built incrementally into the same file; its time is given as a share of the full build.

Each dbt step is measured beside the same plain one-pass query (events joined to tickets,
grouped by creation day x channel x category), run just before it so both see the same load,
with the ratio, the peak resident memory of the dbt process (its max RSS) and the peak size of
DuckDB's spill folder (the database's `.tmp` folder). Ends with the slowest models and tests of
the full build (run_results.json). Goals: models <= 10 x plain, full build <= 15 x plain,
incremental daily build <= 10% of a full build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from support_kpis.export_days import export_as_of
from support_kpis.generate import GenerateConfig, generate

PROJECT_ROOT = Path(__file__).resolve().parent.parent
GOAL_MODELS_RATIO = 10.0
GOAL_BUILD_RATIO = 15.0
GOAL_INCREMENTAL_SHARE = 0.10

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


@dataclass
class Step:
    """One timed dbt invocation."""

    name: str
    seconds: float
    returncode: int
    max_rss_bytes: int
    spill_peak_bytes: int
    target: Path
    log: Path
    plain_seconds: float = 0.0

    @property
    def ratio(self) -> float:
        return self.seconds / self.plain_seconds if self.plain_seconds > 0 else float("inf")


def _dbt_executable() -> str:
    candidate = Path(sys.executable).parent / "dbt"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("dbt")
    if not found:
        sys.exit("dbt not found next to this Python or on PATH")
    return found


def _folder_bytes(folder: Path) -> int:
    total = 0
    for root, _, files in os.walk(folder):
        for name in files:
            try:
                total += os.path.getsize(os.path.join(root, name))
            except OSError:
                pass  # a spill file removed while we looked
    return total


def _peak_rss_bytes(pid: int) -> int:
    """The process's peak resident memory since it started its program (VmHWM; 0 once it is
    gone). Not wait4's ru_maxrss: that keeps the high-water mark of the memory the child was
    forked from, which here is this script's, generator included (17 GB at 10M tickets)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def run_dbt(name: str, args: list[str], raw: Path, db: Path, work: Path) -> Step:
    """`dbt <args>` against `raw` into `db`: wall time, peak RSS (VmHWM, read every half
    second) and peak spill."""
    env = dict(os.environ)
    env["SUPPORT_KPIS_DUCKDB_PATH"] = str(db)
    env["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
    target = work / f"target-{db.stem}"
    log = work / f"{db.stem}-{name.replace(' ', '_')}.log"
    command = [
        _dbt_executable(),
        *args,
        "--vars",
        json.dumps({"raw_path": str(raw)}),
        "--profiles-dir",
        "profiles",
        "--target-path",
        str(target),
        "--log-path",
        str(work / "logs"),
    ]
    spill_dir = Path(f"{db}.tmp")  # DuckDB's default temp_directory
    peak = [0]
    rss = [0]
    done = threading.Event()

    def watch(pid: int) -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _folder_bytes(spill_dir))
            rss[0] = max(rss[0], _peak_rss_bytes(pid))
            done.wait(0.5)

    with open(log, "w") as out:
        began = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
        watcher = threading.Thread(target=watch, args=(process.pid,), daemon=True)
        watcher.start()
        _, status, _ = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - began
    process.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    watcher.join()
    return Step(name, seconds, process.returncode, rss[0], peak[0], target, log)


def run_plain_query(raw: Path) -> float:
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")
    began = time.perf_counter()
    con.execute(PLAIN_QUERY.format(raw=raw)).fetchall()
    seconds = time.perf_counter() - began
    con.close()
    return seconds


def _checked(step: Step) -> Step:
    if step.returncode != 0:
        print(
            f"{step.name} failed (exit code {step.returncode}); its log: {step.log}",
            file=sys.stderr,
        )
        print(step.log.read_text()[-4000:], file=sys.stderr)
        sys.exit(step.returncode)
    return step


def _row(step: Step) -> str:
    return (
        f"{step.name:<42} {step.seconds:8.1f} {step.plain_seconds:8.2f} "
        f"{step.ratio:7.1f} {_mib(step.max_rss_bytes):>11} "
        f"{_mib(step.spill_peak_bytes):>10}"
    )


def timed(name: str, args: list[str], raw: Path, db: Path, work: Path) -> Step:
    plain = run_plain_query(raw)
    step = _checked(run_dbt(name, args, raw, db, work))
    step.plain_seconds = plain
    # at once, so a long run that is stopped still leaves its finished steps
    print(f"done: {_row(step)}", flush=True)
    return step


def _last_day_start(raw: Path) -> dt.datetime:
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")
    tickets = f"read_parquet('{raw}/tickets.parquet')"
    latest = con.execute(
        f"select max(try_cast(created_at as timestamptz)) from {tickets}"
    ).fetchone()[0]
    con.close()
    return dt.datetime(latest.year, latest.month, latest.day)


def slowest(target: Path, kind: str, count: int) -> list[tuple[float, str]]:
    results = json.loads((target / "run_results.json").read_text())["results"]
    rows = [
        (
            r["execution_time"],
            r["unique_id"].split(".")[-1] if kind == "model" else r["unique_id"].split(".")[2],
        )
        for r in results
        if r["unique_id"].startswith(f"{kind}.")
    ]
    return sorted(rows, reverse=True)[:count]


def _mib(value: int) -> str:
    return f"{value / 2**20:,.0f} MiB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--keep", type=Path, help="generate into DIR and keep it")
    parser.add_argument(
        "--no-incremental",
        action="store_true",
        help="skip the daily incremental build (two more builds)",
    )
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="support_kpis_bench_"))
    raw = args.keep.resolve() if args.keep else work / "raw"
    try:
        began = time.perf_counter()
        result = generate(raw, GenerateConfig(tickets=args.tickets, days=args.days, seed=args.seed))
        print(
            f"generate: {args.tickets:,} tickets, {result.rows['ticket_events']:,} events "
            f"-> {raw} in {time.perf_counter() - began:.1f} s",
            flush=True,
        )

        steps: list[Step] = []
        models_db = work / "models.duckdb"
        _checked(run_dbt("dbt seed", ["seed"], raw, models_db, work))
        steps.append(timed("dbt run (models)", ["run"], raw, models_db, work))
        steps.append(timed("dbt test (data + unit)", ["test"], raw, models_db, work))
        build = timed("dbt build (full)", ["build"], raw, work / "build.duckdb", work)
        steps.append(build)

        incremental = None
        if not args.no_incremental:
            # one folder path for both builds: the export grows in place, as a daily load does
            daily = work / "daily"
            cutoff = _last_day_start(raw)
            export_as_of(raw, daily, cutoff)
            daily_db = work / "daily.duckdb"
            _checked(run_dbt("dbt build (day before)", ["build"], daily, daily_db, work))
            shutil.rmtree(daily)
            shutil.copytree(raw, daily)
            incremental = timed(
                f"dbt build (incremental, +{cutoff:%Y-%m-%d})", ["build"], daily, daily_db, work
            )
            steps.append(incremental)

        print()
        print(
            f"{'step':<42} {'dbt s':>8} {'plain s':>8} {'ratio':>7} {'peak RSS':>11} {'spill':>10}"
        )
        for step in steps:
            print(_row(step))
        models = steps[0]
        print()
        print(
            f"models / plain: {models.ratio:.1f} (goal <= {GOAL_MODELS_RATIO:g}: "
            f"{'met' if models.ratio <= GOAL_MODELS_RATIO else 'not met'})"
        )
        print(
            f"full build / plain: {build.ratio:.1f} (goal <= {GOAL_BUILD_RATIO:g}: "
            f"{'met' if build.ratio <= GOAL_BUILD_RATIO else 'not met'})"
        )
        if incremental is not None:
            share = incremental.seconds / build.seconds
            print(
                f"incremental daily build / full build: {share:.0%} (goal <= "
                f"{GOAL_INCREMENTAL_SHARE:.0%}: "
                f"{'met' if share <= GOAL_INCREMENTAL_SHARE else 'not met'})"
            )
        print()
        print("slowest models of the full build (run_results.json):")
        for seconds, name in slowest(build.target, "model", 10):
            print(f"  {seconds:7.2f} s  {name}")
        print("slowest data tests of the full build:")
        for seconds, name in slowest(build.target, "test", 5):
            print(f"  {seconds:7.2f} s  {name}")
        if incremental is not None:
            print("slowest models of the incremental build:")
            for seconds, name in slowest(incremental.target, "model", 5):
                print(f"  {seconds:7.2f} s  {name}")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
