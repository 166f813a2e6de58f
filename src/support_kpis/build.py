"""`support-kpis build [dbt build args]`: `dbt build` with a plain sentence instead of a raw
database error for the three faults that strike when dbt opens or writes the DuckDB file.

- another process holds the file (a second build, a notebook with it open): DuckDB's lock error;
- a full disk: `TransactionContext Error: ... No space left on device` half way through;
- a corrupt file (not a DuckDB database, or damaged): DuckDB's `IO Error` on opening.

Before dbt starts, the file is opened read-only (a lock or a corrupt file fails at once) and the
free space of its folder is compared with SUPPORT_KPIS_MIN_FREE_MB (default 200). When dbt fails
all the same (the disk filled during the build, another build took the lock after the check), its
output is searched for the same faults; the lines holding the database's own words are not shown
and one sentence saying what to do is printed instead.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

DEFAULT_DUCKDB_PATH = "target/support_kpis.duckdb"
DEFAULT_MIN_FREE_MB = 200
# exit code when the build could not start (dbt's own codes are 1 and 2)
CANNOT_START = 2


def _any_of(*phrases: str) -> re.Pattern[str]:
    """A pattern that finds any of the phrases (plain text, any case)."""
    return re.compile("|".join(map(re.escape, phrases)), re.IGNORECASE)


# each fault's phrases in DuckDB's messages, checked in this order
LOCK = _any_of("Could not set lock on file", "Conflicting lock is held")
FULL = _any_of("No space left on device", "disk is full", "database or disk is full")
CORRUPT = _any_of(
    "not a valid DuckDB database file",
    "Could not read enough bytes",
    "corrupt",
    "checksum",
    "built specifically for DuckDB version",
    "Serialization Error",
)
DENIED = _any_of("Permission denied")
PID = re.compile(r"\(PID (\d+)\)")
# lines of dbt's output that carry a database's own error text (held back once explained)
RAW_ERROR_LINE = re.compile(
    r"\b(?:IO|TransactionContext|Serialization|Internal|Fatal) Error\b|"
    r"No space left on device|Could not set lock|Conflicting lock|"
    r"Permission denied"
)


@dataclass(frozen=True)
class Fault:
    kind: str  # lock | disk_full | corrupt
    message: str


def warehouse_path(dbt_args: Sequence[str], env: Mapping[str, str]) -> Path | None:
    """The DuckDB file the build writes, or None when the target is not the DuckDB one."""
    args = list(dbt_args)
    for flag in ("--target", "-t"):
        if flag in args[:-1] and args[args.index(flag) + 1] != "duckdb":
            return None
    if env.get("DBT_TARGET", "duckdb") != "duckdb" and "--target" not in args:
        return None
    return Path(env.get("SUPPORT_KPIS_DUCKDB_PATH") or DEFAULT_DUCKDB_PATH)


def explain(text: str, path: Path) -> Fault | None:
    """The fault a database message (or dbt's output) shows, in one plain sentence."""
    if LOCK.search(text):
        pid = PID.search(text)
        holder = f"another process (PID {pid.group(1)})" if pid else "another process"
        return Fault(
            "lock",
            f"The warehouse {path} is in use by {holder}: another build, or a "
            "program that has it open. Wait for that build to finish or close the "
            "program, then build again.",
        )
    if FULL.search(text):
        return Fault(
            "disk_full",
            f"The disk holding the warehouse {path} is full: nothing was "
            "published from this build. Free some space (or set "
            "SUPPORT_KPIS_DUCKDB_PATH to a file on a disk with room), then build again.",
        )
    if CORRUPT.search(text):
        return _corrupt(path)
    if DENIED.search(text):
        return Fault(
            "denied",
            f"The warehouse {path} cannot be opened for writing: permission "
            "denied. Build as a user who may write it, or set SUPPORT_KPIS_DUCKDB_PATH "
            "to a file you may write, then build again.",
        )
    return None


def _corrupt(path: Path) -> Fault:
    return Fault(
        "corrupt",
        f"The warehouse {path} is not a readable DuckDB database (damaged, "
        "or another kind of file). Move it aside or delete it, then build again: the "
        "build writes a new warehouse from the exports.",
    )


def min_free_bytes(env: Mapping[str, str]) -> int:
    text = env.get("SUPPORT_KPIS_MIN_FREE_MB", str(DEFAULT_MIN_FREE_MB)).strip()
    try:
        megabytes = float(text)
    except ValueError:
        raise ValueError(
            f"SUPPORT_KPIS_MIN_FREE_MB = {text!r}: not a number of megabytes"
        ) from None
    if not megabytes >= 0:
        raise ValueError(f"SUPPORT_KPIS_MIN_FREE_MB = {text!r}: must be 0 or more")
    return int(megabytes * 1024 * 1024)


def precheck(path: Path, env: Mapping[str, str]) -> Fault | None:
    """A fault found before dbt starts: too little free space, a held lock, a corrupt file."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    free = shutil.disk_usage(folder).free
    needed = min_free_bytes(env)
    if free < needed:
        return Fault(
            "disk_full",
            f"Only {free / 2**20:.0f} MB are free on the disk holding the "
            f"warehouse {path}; a build needs at least {needed / 2**20:.0f} MB "
            "(SUPPORT_KPIS_MIN_FREE_MB). Free some space (or set "
            "SUPPORT_KPIS_DUCKDB_PATH to a file on a disk with room), then build again.",
        )
    if not path.exists():
        return None
    try:
        duckdb.connect(str(path), read_only=True).close()
    except duckdb.Error as error:
        # any other reason the file does not open is a damaged file, as far as a build can tell
        return explain(str(error), path) or _corrupt(path)
    return None


def dbt_executable() -> str:
    beside = Path(sys.executable).parent / "dbt"
    return str(beside) if beside.exists() else (shutil.which("dbt") or "dbt")


def build(dbt_args: Sequence[str], env: Mapping[str, str] | None = None, out=None) -> int:  # noqa: ANN001 (a text stream)
    """Run `dbt build <dbt_args>`, echoing its output; returns its exit code."""
    env = dict(os.environ if env is None else env)
    out = out or sys.stdout
    env.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    if (
        "DBT_PROFILES_DIR" not in env
        and "--profiles-dir" not in dbt_args
        and Path("profiles/profiles.yml").is_file()
    ):
        env["DBT_PROFILES_DIR"] = str(Path("profiles").resolve())
    path = warehouse_path(dbt_args, env)
    if path is not None:
        fault = precheck(path, env)
        if fault:
            print(f"support-kpis build: {fault.message}", file=out, flush=True)
            return CANNOT_START
    process = subprocess.Popen(
        [dbt_executable(), "build", *dbt_args],
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        bufsize=1,
    )
    assert process.stdout is not None
    held: list[str] = []
    for line in process.stdout:
        if path is not None and RAW_ERROR_LINE.search(line):
            held.append(line)  # shown only if it is none of the faults explained below
            continue
        out.write(line)
        out.flush()
    code = process.wait()
    fault = explain("".join(held), path) if path is not None and held else None
    if fault:
        print(f"support-kpis build: {fault.message}", file=out, flush=True)
    else:
        out.writelines(held)
    return code
