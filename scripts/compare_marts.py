"""Snapshot every mart of a DuckDB warehouse, and compare two snapshots cell for cell.

    python scripts/compare_marts.py dump WAREHOUSE.duckdb SNAPSHOT_DIR
    python scripts/compare_marts.py compare OLD_DIR NEW_DIR [--scale nps_monthly.nps=100 ...]

`dump` writes every table and view of schema `marts` to SNAPSHOT_DIR/<mart>.parquet and their
column types to SNAPSHOT_DIR/types.json. `compare` matches the marts and columns by name and the
rows after sorting them on every column (text, integers, booleans, dates and timestamps first):
values exactly, doubles to 1e-9 relative (or 1e-10 absolute, for sums that cancel to about zero);
an integer and a double of the same value are equal, so a column type change (HUGEINT to BIGINT,
DECIMAL to DOUBLE) is reported as a type change, not as a value change. `--scale M.C=F` multiplies
the old column by F first (a deliberate change of unit); `--allow-added-columns` accepts columns
that only the new snapshot has (a KPI added), still comparing every shared column;
`--allow-added-marts` lists a mart only the new snapshot has (a new mart) without failing.
Prints one line per mart and exits 0 only when every mart of both snapshots agrees.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

import duckdb

RELATIVE_TOLERANCE = 1e-9
ABSOLUTE_TOLERANCE = 1e-10
FLOAT_TYPES = ("DOUBLE", "FLOAT", "REAL", "DECIMAL")
# which build made a mart: different in every build by design, so never compared
UNCOMPARED = {"build_id"}


def dump(warehouse: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    connection = duckdb.connect(str(warehouse), read_only=True)
    names = [
        row[0]
        for row in connection.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' "
            "order by table_name"
        ).fetchall()
    ]
    types: dict[str, dict[str, str]] = {}
    for name in names:
        columns = connection.execute(
            "select column_name, data_type from information_schema.columns "
            "where table_schema = 'marts' and table_name = ? order by ordinal_position",
            [name],
        ).fetchall()
        types[name] = dict(columns)
        path = out / f"{name}.parquet"
        connection.execute(f"copy (select * from marts.\"{name}\") to '{path}' (format parquet)")
    (out / "types.json").write_text(json.dumps(types, indent=1, sort_keys=True), encoding="utf-8")
    connection.close()
    print(f"{len(names)} marts written to {out}")


def _read(path: Path) -> tuple[list[str], list[tuple[Any, ...]]]:
    connection = duckdb.connect()
    relation = connection.execute(f"select * from read_parquet('{path}')")
    columns = [column[0] for column in relation.description]
    rows = relation.fetchall()
    connection.close()
    return columns, rows


def _is_float_type(data_type: str) -> bool:
    return data_type.upper().startswith(FLOAT_TYPES)


def _sort_key(row: dict[str, Any], exact: list[str], floats: list[str]) -> tuple[Any, ...]:
    def key(value: Any) -> tuple[int, str]:
        return (
            (0, "")
            if value is None
            else (1, repr(value) if not isinstance(value, float) else f"{value:.6e}")
        )

    return tuple(key(row[column]) for column in exact + floats)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def cells_agree(old: Any, new: Any) -> bool:
    if old is None or new is None:
        return old is None and new is None
    old_number, new_number = _number(old), _number(new)
    if old_number is not None and new_number is not None and not isinstance(old, str):
        if math.isnan(old_number) or math.isnan(new_number):
            return math.isnan(old_number) and math.isnan(new_number)
        return abs(old_number - new_number) <= ABSOLUTE_TOLERANCE or math.isclose(
            old_number, new_number, rel_tol=RELATIVE_TOLERANCE
        )
    return old == new


def compare_mart(
    name: str,
    old_dir: Path,
    new_dir: Path,
    old_types: dict[str, str],
    new_types: dict[str, str],
    scale: dict[str, float],
    allow_added_columns: bool = False,
) -> list[str]:
    problems: list[str] = []
    old_columns, old_rows = _read(old_dir / f"{name}.parquet")
    new_columns, new_rows = _read(new_dir / f"{name}.parquet")
    added = sorted(set(new_columns) - set(old_columns))
    if added and allow_added_columns and set(old_columns) <= set(new_columns):
        print(f"  {name}: added columns: {', '.join(added)}")
    elif set(old_columns) != set(new_columns):
        problems.append(
            f"columns only before: {sorted(set(old_columns) - set(new_columns))}, "
            f"only after: {sorted(set(new_columns) - set(old_columns))}"
        )
    shared = [
        column for column in old_columns if column in new_columns and column not in UNCOMPARED
    ]
    changed_types = {
        column: f"{old_types.get(column)} -> {new_types.get(column)}"
        for column in shared
        if old_types.get(column) != new_types.get(column)
    }
    floats = [
        column
        for column in shared
        if _is_float_type(old_types.get(column, "")) or _is_float_type(new_types.get(column, ""))
    ]
    exact = [column for column in shared if column not in floats]
    old_dicts = [dict(zip(old_columns, row, strict=True)) for row in old_rows]
    new_dicts = [dict(zip(new_columns, row, strict=True)) for row in new_rows]
    for column, factor in scale.items():
        for row in old_dicts:
            if row.get(column) is not None:
                row[column] = row[column] * factor
    if len(old_dicts) != len(new_dicts):
        problems.append(f"{len(old_dicts)} rows before, {len(new_dicts)} after")
    old_dicts.sort(key=lambda row: _sort_key(row, exact, floats))
    new_dicts.sort(key=lambda row: _sort_key(row, exact, floats))
    differing = 0
    for old_row, new_row in zip(old_dicts, new_dicts, strict=False):
        bad = [column for column in shared if not cells_agree(old_row[column], new_row[column])]
        if bad:
            differing += 1
            if differing <= 3:
                problems.append(
                    "row differs in "
                    + ", ".join(
                        f"{column}: {old_row[column]!r} -> {new_row[column]!r}"
                        for column in bad[:5]
                    )
                )
    if differing > 3:
        problems.append(f"... {differing} rows differ in all")
    if changed_types and not problems:
        print(
            f"  {name}: types changed: "
            + ", ".join(f"{column} {change}" for column, change in sorted(changed_types.items()))
        )
    return problems


def compare(
    old_dir: Path,
    new_dir: Path,
    scale_args: list[str],
    allow_added_columns: bool = False,
    allow_added_marts: bool = False,
) -> int:
    old_types = json.loads((old_dir / "types.json").read_text(encoding="utf-8"))
    new_types = json.loads((new_dir / "types.json").read_text(encoding="utf-8"))
    scales: dict[str, dict[str, float]] = {}
    for item in scale_args:
        target, factor = item.split("=", 1)
        mart, column = target.split(".", 1)
        scales.setdefault(mart, {})[column] = float(factor)
    failures = 0
    for name in sorted(set(old_types) | set(new_types)):
        if name in new_types and name not in old_types and allow_added_marts:
            print(f"added   {name}: only in the new snapshot")
            continue
        if name not in new_types or name not in old_types:
            print(f"differ  {name}: only in {'old' if name in old_types else 'new'} snapshot")
            failures += 1
            continue
        problems = compare_mart(
            name,
            old_dir,
            new_dir,
            old_types[name],
            new_types[name],
            scales.get(name, {}),
            allow_added_columns,
        )
        print(f"{'differ' if problems else 'agree '}  {name}")
        for problem in problems:
            print(f"    {problem}")
        failures += bool(problems)
    print(f"{failures} of {len(set(old_types) | set(new_types))} marts differ")
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    dump_parser = commands.add_parser("dump")
    dump_parser.add_argument("warehouse", type=Path)
    dump_parser.add_argument("out", type=Path)
    compare_parser = commands.add_parser("compare")
    compare_parser.add_argument("old", type=Path)
    compare_parser.add_argument("new", type=Path)
    compare_parser.add_argument(
        "--scale",
        action="append",
        default=[],
        help="MART.COLUMN=FACTOR applied to the old snapshot",
    )
    compare_parser.add_argument(
        "--allow-added-columns",
        action="store_true",
        help="columns only in the new snapshot are not a difference",
    )
    compare_parser.add_argument(
        "--allow-added-marts",
        action="store_true",
        help="marts only in the new snapshot are listed, not a difference",
    )
    args = parser.parse_args(argv)
    if args.command == "dump":
        dump(args.warehouse, args.out)
        return 0
    return compare(args.old, args.new, args.scale, args.allow_added_columns, args.allow_added_marts)


if __name__ == "__main__":
    sys.exit(main())
