"""Build one raw folder on several engines and compare every mart cell for cell.

    python scripts/compare_engines.py RAW_DIR [--engines duckdb,postgres,spark]
        [--with-tests postgres]

Each engine gets the seeds and models (`dbt build --resource-type seed --resource-type model`);
an engine named in --with-tests gets the whole `dbt build`, its data and unit tests too (a failed
test fails the comparison).
DuckDB reads the files; Postgres and Spark first get them as text tables in schema `raw`
(`support-kpis load`). Postgres is the one in SUPPORT_KPIS_PG_* when SUPPORT_KPIS_PG_PORT is
set, else a throw-away local server; Spark is a local session in this process, its warehouse in
SUPPORT_KPIS_SPARK_WAREHOUSE or a temp folder. Every mart (tables and views of schema `marts`)
is then compared with the first engine's: the same columns, the same rows; text, integers,
booleans, dates and timestamps exactly, doubles to 1e-9 relative (or 1e-10 absolute, for sums
that cancel to about zero). Prints `agree` or `differ`
per mart and engine (with the first differing rows) and each engine's time; exit 0 only when
every mart agrees on every engine.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import decimal
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "src"))

from support_kpis import engines  # noqa: E402

RELATIVE_TOLERANCE = 1e-9
# not compared: each engine's build has its own id
UNCOMPARED = "build_id"
# a sum of signed values (sentiment scores) that cancels to about zero depends on the order of
# addition in its last bits: 2e-17 on one engine, 0.0 on another; relative error means nothing
# there, so differences below this are equal too
ABSOLUTE_TOLERANCE = 1e-10
BUILD = ["build", "--resource-type", "seed", "--resource-type", "model"]


def _dbt(args: list[str], env: dict[str, str], target_dir: Path) -> None:
    """dbt in a child process (DuckDB, Postgres)."""
    command = [
        str(Path(sys.executable).parent / "dbt"),
        *args,
        "--target-path",
        str(target_dir),
        "--log-path",
        str(target_dir / "logs"),
    ]
    result = subprocess.run(
        command, cwd=PROJECT, env={**os.environ, **env}, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"dbt {' '.join(args)} failed:\n{result.stdout[-4000:]}")


def _dbt_in_process(args: list[str], target_dir: Path) -> None:
    """dbt in this process (Spark: its session is the one this process already runs)."""
    from dbt.cli.main import dbtRunner

    result = dbtRunner().invoke(
        [
            *args,
            "--target-path",
            str(target_dir),
            "--log-path",
            str(target_dir / "logs"),
            "--project-dir",
            str(PROJECT),
            "--quiet",
        ]
    )
    if not result.success:
        raise RuntimeError(f"dbt {' '.join(args)} failed on spark: {result.exception}")


def _mart_names(target_dir: Path) -> list[str]:
    manifest = json.loads((target_dir / "manifest.json").read_text())
    return sorted(
        node["alias"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["schema"] == "marts"
    )


def _normalise(value: Any) -> Any:
    """One spelling per value across drivers: Decimal/numpy numbers to int or float, pandas
    and numpy times to datetime, NaN to None."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        value = value.item()  # numpy scalars
    if isinstance(value, decimal.Decimal):
        value = int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value
    if hasattr(value, "to_pydatetime"):
        return _normalise(value.to_pydatetime())
    return value


def _fetch_duckdb(path: Path, name: str) -> tuple[list[str], list[tuple]]:
    import duckdb

    with duckdb.connect(str(path), read_only=True) as connection:
        cursor = connection.execute(f'select * from marts."{name}"')
        return [d[0] for d in cursor.description], cursor.fetchall()


def _fetch_postgres(env: dict[str, str], name: str) -> tuple[list[str], list[tuple]]:
    with contextlib.closing(engines.pg_connect(env)) as connection, connection.cursor() as cur:
        cur.execute("set time zone 'UTC'")
        cur.execute(f'select * from marts."{name}"')
        return [d[0] for d in cur.description], cur.fetchall()


def _fetch_spark(session: Any, name: str) -> tuple[list[str], list[tuple]]:
    frame = session.sql(f"select * from marts.`{name}`")
    return frame.columns, [tuple(row) for row in frame.collect()]


def _sort_key(row: tuple) -> tuple:
    """Order rows the same way on every engine: None first, numbers by value (doubles rounded
    to 6 digits, so a last-bit difference cannot reorder them), the rest by text."""
    key = []
    for value in row:
        if value is None:
            key.append((0, 0.0, ""))
        elif isinstance(value, int | float) and not isinstance(value, bool):
            key.append((1, float(f"{value:.6g}"), ""))
        else:
            key.append((2, 0.0, str(value)))
    return tuple(key)


def _equal(left: Any, right: Any) -> bool:
    if left is None or right is None:
        return left is None and right is None
    if isinstance(left, bool) or isinstance(right, bool):
        return left is right or (
            isinstance(left, bool) and isinstance(right, bool) and left == right
        )
    if isinstance(left, int | float) and isinstance(right, int | float):
        if isinstance(left, int) and isinstance(right, int):
            return left == right
        if math.isinf(left) or math.isinf(right):
            return left == right
        difference = abs(left - right)
        return (
            difference <= RELATIVE_TOLERANCE * max(abs(left), abs(right))
            or difference <= ABSOLUTE_TOLERANCE
        )
    if isinstance(left, dt.datetime) != isinstance(right, dt.datetime):
        return False
    return left == right


def compare(
    reference: tuple[list[str], list[tuple]], other: tuple[list[str], list[tuple]], limit: int = 3
) -> list[str]:
    """Differences between two results, as lines ([] when they agree)."""
    left_columns, left_rows = reference
    right_columns, right_rows = other
    left_columns = [c.lower() for c in left_columns]
    right_columns = [c.lower() for c in right_columns]
    # every build has its own id, so it differs between engines by construction
    if left_columns == right_columns and UNCOMPARED in left_columns:
        keep = [i for i, c in enumerate(left_columns) if c != UNCOMPARED]
        left_columns = right_columns = [left_columns[i] for i in keep]
        left_rows = [tuple(row[i] for i in keep) for row in left_rows]
        right_rows = [tuple(row[i] for i in keep) for row in right_rows]
    if left_columns != right_columns:
        missing = sorted(set(left_columns) - set(right_columns))
        extra = sorted(set(right_columns) - set(left_columns))
        return [
            f"columns differ: missing {missing}, extra {extra}, order "
            f"{'same' if not missing and not extra else 'n/a'}"
        ]
    if len(left_rows) != len(right_rows):
        return [f"row count {len(left_rows)} vs {len(right_rows)}"]
    left = sorted((tuple(_normalise(v) for v in row) for row in left_rows), key=_sort_key)
    right = sorted((tuple(_normalise(v) for v in row) for row in right_rows), key=_sort_key)
    problems = []
    for left_row, right_row in zip(left, right, strict=True):
        cells = [
            c for c, a, b in zip(left_columns, left_row, right_row, strict=True) if not _equal(a, b)
        ]
        if cells:
            # the row by its text and date columns (its key, in practice), then the cells
            key = {
                c: v
                for c, v in zip(left_columns, left_row, strict=True)
                if isinstance(v, str | dt.date) and c not in cells
            }
            values = {
                c: (a, b)
                for c, a, b in zip(left_columns, left_row, right_row, strict=True)
                if c in cells
            }
            problems.append(f"row {key}: (reference, other) {values}")
            if len(problems) >= limit:
                break
    return problems


@contextlib.contextmanager
def _postgres_env() -> Iterator[dict[str, str]]:
    if os.environ.get("SUPPORT_KPIS_PG_PORT"):
        yield {}
    else:
        with engines.local_postgres() as env:
            yield env


def build_engine(
    engine: str, raw_dir: Path, work: Path, stack: contextlib.ExitStack, with_tests: bool = False
) -> tuple[list[str], Any]:
    """Build the marts on one engine (with_tests: and run its data and unit tests); return the
    mart names and a fetch(name) function."""
    target_dir = work / engine
    build = ["build"] if with_tests else BUILD
    if engine == "duckdb":
        path = work / "duckdb" / "support_kpis.duckdb"
        path.parent.mkdir(parents=True, exist_ok=True)
        env = {"SUPPORT_KPIS_DUCKDB_PATH": str(path)}
        _dbt(
            [
                *build,
                "--target",
                "duckdb",
                "--vars",
                json.dumps({"raw_path": str(raw_dir.resolve())}),
            ],
            env,
            target_dir,
        )
        return _mart_names(target_dir), lambda name: _fetch_duckdb(path, name)
    if engine == "postgres":
        env = stack.enter_context(_postgres_env())
        engines.load_postgres(raw_dir, "raw", env)
        _dbt([*build, "--target", "postgres"], env, target_dir)
        return _mart_names(target_dir), lambda name: _fetch_postgres(env, name)
    if engine == "spark":
        if not os.environ.get("SUPPORT_KPIS_SPARK_WAREHOUSE"):
            os.environ["SUPPORT_KPIS_SPARK_WAREHOUSE"] = str(work / "spark-warehouse")
        session = engines.spark_session()
        engines.load_spark(raw_dir, "raw", session=session)
        _dbt_in_process([*build, "--target", "spark"], target_dir)
        return _mart_names(target_dir), lambda name: _fetch_spark(session, name)
    raise ValueError(f"unknown engine {engine!r}: choose from {', '.join(engines.ENGINES)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("raw_dir", type=Path, help="folder of raw exports (the contract)")
    parser.add_argument(
        "--engines",
        default=",".join(engines.ENGINES),
        help="comma-separated, the first is the reference (default: %(default)s)",
    )
    parser.add_argument(
        "--with-tests",
        default="",
        help="comma-separated engines whose build also runs the data and unit tests",
    )
    args = parser.parse_args(argv)
    names = [e.strip() for e in args.engines.split(",") if e.strip()]
    if len(names) < 2 or len(set(names)) != len(names):
        parser.error("--engines needs at least two different engines")
    tested = {e.strip() for e in args.with_tests.split(",") if e.strip()}
    if tested - set(names):
        parser.error(f"--with-tests names engines not in --engines: {sorted(tested - set(names))}")
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    os.environ.setdefault("DBT_PROFILES_DIR", str(PROJECT / "profiles"))
    failures = 0
    with (
        tempfile.TemporaryDirectory(prefix="compare_engines_") as folder,
        contextlib.ExitStack() as stack,
    ):
        work = Path(folder)
        built = {}
        for engine in names:
            started = time.monotonic()
            built[engine] = build_engine(engine, args.raw_dir, work, stack, engine in tested)
            what = "built and tested" if engine in tested else "built"
            print(f"{engine}: {what} in {time.monotonic() - started:.0f} s", flush=True)
        reference_name = names[0]
        reference_marts, reference_fetch = built[reference_name]
        for engine in names[1:]:
            marts, fetch = built[engine]
            if marts != reference_marts:
                print(
                    f"{engine}: marts differ from {reference_name}: "
                    f"{sorted(set(reference_marts) ^ set(marts))}"
                )
                failures += 1
            for mart in reference_marts:
                if mart not in marts:
                    continue
                problems = compare(reference_fetch(mart), fetch(mart))
                verdict = "agree" if not problems else "differ"
                print(f"{mart:45} {reference_name} vs {engine}: {verdict}")
                for problem in problems:
                    print(f"    {problem}")
                failures += bool(problems)
    print("all marts agree" if failures == 0 else f"{failures} mart(s) differ")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
