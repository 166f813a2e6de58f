"""Helpers shared by the unit and integration suites (importable: tests/python is on pythonpath)."""

from __future__ import annotations

import atexit
import datetime as dt
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow.parquet as pq

LAUNCH = dt.date(2026, 1, 8)
PROJECT_ROOT = Path(__file__).resolve().parents[2]
DBT = Path(sys.executable).parent / "dbt"
# Vars that only the SQL reads, when hooks and models run: no config, `enabled`, source or ref
# depends on them, so runs that differ only in these parse to the same manifest (support-kpis
# validate relies on the same for raw_path). Runs share one parse per set of their other vars.
RUN_TIME_VARS = frozenset(
    {
        "raw_path",
        "as_of",
        "incremental_lookback_days",
        "reporting_timezone",
        "source_timezone",
        "ai_agent_user_ids",
        "system_user_ids",
        "reopen_window_hours",
        # the connections of a connector: read by macros when hooks and models run (parsing
        # renders no relation of theirs)
        "zendesk_sources",
        "intercom_sources",
    }
)
# parse-time vars (as JSON) -> the partial-parse file of that parse, or None when it failed
_PARSED: dict[str, Path | None] = {}


def read_entity(folder: Path, entity: str) -> pd.DataFrame:
    """One generated file as a DataFrame of text columns (None for empty)."""
    return pq.read_table(folder / f"{entity}.parquet").to_pandas()


@dataclass(frozen=True)
class DbtRun:
    """One finished dbt invocation and the DuckDB file it wrote."""

    process: subprocess.CompletedProcess[str]
    db_path: Path
    raw_path: Path

    @property
    def output(self) -> str:
        return self.process.stdout + self.process.stderr


def _parsed_manifest(parse_vars: Mapping[str, Any]) -> Path | None:
    """The project parsed once per set of parse-time vars in this test process (dbt's
    partial-parse file of that parse); None when that parse failed (the run then shows dbt's own
    error)."""
    key = json.dumps(parse_vars, sort_keys=True)
    if key not in _PARSED:
        folder = Path(tempfile.mkdtemp(prefix="support_kpis_parse_"))
        atexit.register(shutil.rmtree, folder, True)
        parsed = subprocess.run(
            [
                str(DBT),
                "parse",
                "--profiles-dir",
                "profiles",
                "--vars",
                key,
                "--target-path",
                str(folder / "target"),
                "--log-path",
                str(folder / "logs"),
            ],
            cwd=PROJECT_ROOT,
            env={
                **os.environ,
                "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
                "SUPPORT_KPIS_DUCKDB_PATH": str(folder / "parse.duckdb"),
            },
            capture_output=True,
            text=True,
            check=False,
        )
        manifest = folder / "target" / "partial_parse.msgpack"
        _PARSED[key] = manifest if parsed.returncode == 0 and manifest.exists() else None
    return _PARSED[key]


def _manifest_for(dbt_vars: Mapping[str, Any]) -> Path | None:
    """The parse that runs with these vars share: the one of their parse-time part."""
    return _parsed_manifest({k: v for k, v in dbt_vars.items() if k not in RUN_TIME_VARS})


class _ForkServer:
    """The client of dbt_fork_server.py: one server per test process, started on first use."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._pending = b""

    def _start(self) -> subprocess.Popen[bytes]:
        if self._process is None or self._process.poll() is not None:
            self._process = subprocess.Popen(
                [sys.executable, str(Path(__file__).with_name("dbt_fork_server.py"))],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                bufsize=0,
                cwd=PROJECT_ROOT,
            )
            self._pending = b""
            atexit.register(self._stop, self._process)
        return self._process

    @staticmethod
    def _stop(process: subprocess.Popen[bytes]) -> None:
        # end of input stops the server; waiting for it adds its CPU time to this process's children
        process.stdin.close()
        process.wait()

    def _answer(self, process: subprocess.Popen[bytes], timeout: float | None) -> dict[str, int]:
        deadline = None if timeout is None else time.monotonic() + timeout
        while b"\n" not in self._pending:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not select.select([process.stdout], [], [], left)[0]:
                raise TimeoutError
            chunk = os.read(process.stdout.fileno(), 4096)
            if not chunk:
                raise RuntimeError(f"dbt_fork_server.py stopped (exit {process.wait()})")
            self._pending += chunk
        line, self._pending = self._pending.split(b"\n", 1)
        return json.loads(line)

    def run(
        self, manifest: Path, args: list[str], env: Mapping[str, str], timeout: float
    ) -> subprocess.CompletedProcess[str]:
        process = self._start()
        with tempfile.TemporaryDirectory(prefix="support_kpis_dbt_") as folder:
            out, err = Path(folder) / "stdout", Path(folder) / "stderr"
            request = {
                "manifest": str(manifest),
                "args": args,
                "cwd": str(PROJECT_ROOT),
                "env": dict(env),
                "stdout": str(out),
                "stderr": str(err),
            }
            process.stdin.write(json.dumps(request).encode() + b"\n")
            pid = self._answer(process, None)["pid"]
            try:
                returncode = self._answer(process, timeout)["returncode"]
            except TimeoutError:
                os.kill(pid, signal.SIGKILL)
                self._answer(process, None)
                raise subprocess.TimeoutExpired(["dbt", *args], timeout) from None
            return subprocess.CompletedProcess(
                ["dbt", *args], returncode, out.read_text(), err.read_text()
            )


_FORK_SERVER = _ForkServer()


def dbt_program(dbt_vars: Mapping[str, Any]) -> list[str]:
    """The command that runs dbt with these vars: the launcher with the manifest parsed for their
    parse-time part, or plain dbt when that parse failed (its error is then dbt's own)."""
    manifest = _manifest_for(dbt_vars)
    if manifest is None:
        return [str(DBT)]
    launcher = Path(__file__).with_name("dbt_with_parsed_manifest.py")
    return [sys.executable, str(launcher), str(manifest)]


def run_dbt(
    args: Sequence[str],
    raw_path: Path,
    db_path: Path,
    env_extra: Mapping[str, str] | None = None,
    vars_extra: Mapping[str, Any] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run `dbt <args>` in the project root against `raw_path`, writing `db_path`.

    Target and log paths sit beside `db_path`, so concurrent runs never share state. The
    machine time zone is UTC unless `env_extra` sets TZ. Runs whose vars differ only in
    RUN_TIME_VARS share one parse of the project, and each runs in a child of one process that
    imported dbt and decoded that parse once (dbt_fork_server.py).

    A `dbt build` here leaves out dbt's unit tests unless `args` names resource types: their
    inputs are fixed rows, not the folder, so they give the same verdict on every folder, and
    `make test` runs them once in its own build before pytest."""
    assert DBT.exists(), f"dbt not installed beside {sys.executable}"
    args = list(args)
    if args[:1] == ["build"] and "--resource-type" not in args and "unit_test" not in args:
        args = [*args, "--exclude-resource-type", "unit_test"]
    db_path.parent.mkdir(parents=True, exist_ok=True)
    dbt_vars = {"raw_path": str(raw_path), **(vars_extra or {})}
    env = {
        **os.environ,
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_USE_COLORS": "false",
        "SUPPORT_KPIS_DUCKDB_PATH": str(db_path),
        "TZ": "UTC",
        **(env_extra or {}),
    }
    options = [
        *args,
        "--profiles-dir",
        "profiles",
        "--vars",
        json.dumps(dbt_vars),
        "--target-path",
        str(db_path.parent / f"{db_path.stem}-target"),
        "--log-path",
        str(db_path.parent / f"{db_path.stem}-logs"),
    ]
    manifest = _manifest_for(dbt_vars)
    if manifest is not None:
        return _FORK_SERVER.run(manifest, options, env, timeout=600)
    return subprocess.run(
        [str(DBT), *options],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def query(db: Path, sql: str) -> list[tuple]:
    """Rows of `sql` against a built DuckDB file (read-only, session time zone UTC)."""
    with duckdb.connect(str(db), read_only=True) as con:
        con.execute("set TimeZone = 'UTC'")
        return con.execute(sql).fetchall()


def query_df(db: Path, sql: str) -> pd.DataFrame:
    """`query`, as a DataFrame."""
    with duckdb.connect(str(db), read_only=True) as con:
        con.execute("set TimeZone = 'UTC'")
        return con.execute(sql).df()


def assert_succeeded(run: DbtRun) -> None:
    assert run.process.returncode == 0, f"dbt failed:\n{run.output[-6000:]}"
