"""`support-kpis build`: a warehouse held by another process, a corrupt warehouse file and a full
disk are one plain sentence, never DuckDB's error. These cases stop before dbt starts (the
checks run in this process), so no dbt run is needed; a disk that fills during the build is in
the adversarial suite (a small tmpfs)."""

from __future__ import annotations

import io
import random
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from support_kpis import build as build_module
from support_kpis.build import explain, precheck, warehouse_path
from support_kpis.cli import main

RAW_WORDS = (
    "IO Error",
    "TransactionContext",
    "Could not set lock",
    "Conflicting lock",
    "not a valid DuckDB",
    "Traceback",
)
# DuckDB 1.5's words when the disk filled during a build (a 3 MB tmpfs, reproduced by hand)
DUCKDB_DISK_FULL = (
    "TransactionContext Error: Failed to commit: Could not write file "
    '"/mnt/tiny/w.duckdb.wal": No space left on device'
)


@pytest.fixture
def no_dbt(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records any attempt to start dbt (none is expected: the checks stop first)."""
    started: list[str] = []

    def dbt_executable() -> str:
        started.append("dbt")
        raise AssertionError("dbt was started")

    monkeypatch.setattr(build_module, "dbt_executable", dbt_executable)
    return started


def _build(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    db: Path,
    min_free_mb: str = "0",
) -> tuple[int, str]:
    monkeypatch.setenv("SUPPORT_KPIS_DUCKDB_PATH", str(db))
    monkeypatch.setenv("SUPPORT_KPIS_MIN_FREE_MB", min_free_mb)
    code = main(["build", "--select", "fct_tickets"])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _assert_plain(text: str) -> None:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("support-kpis build: "), text
    for word in RAW_WORDS:
        assert word not in text, word


def test_a_warehouse_held_by_another_process_is_a_plain_sentence(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    no_dbt: list[str],
) -> None:
    db = tmp_path / "warehouse.duckdb"
    duckdb.connect(str(db)).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); "
            "print('open', flush=True); time.sleep(120)",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        code, text = _build(capsys, monkeypatch, db)
    finally:
        holder.kill()
        holder.wait()
    assert code == 2 and not no_dbt
    _assert_plain(text)
    assert f"is in use by another process (PID {holder.pid})" in text
    assert "Wait for that build to finish or close the program" in text
    # once the other process is gone, the check passes (dbt would start)
    assert precheck(db, {"SUPPORT_KPIS_MIN_FREE_MB": "0"}) is None


@pytest.mark.parametrize("damage", ["random_bytes", "truncated"])
def test_a_corrupt_warehouse_file_is_a_plain_sentence(
    damage: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    no_dbt: list[str],
) -> None:
    db = tmp_path / "warehouse.duckdb"
    if damage == "random_bytes":
        db.write_bytes(random.Random(16).randbytes(300_000))
    else:  # a real warehouse cut off half way (a copy interrupted)
        with duckdb.connect(str(db)) as con:
            con.execute("create table t as select range as x from range(200000)")
        db.write_bytes(db.read_bytes()[: db.stat().st_size // 2])
    with pytest.raises(duckdb.Error):  # DuckDB itself cannot open it
        duckdb.connect(str(db), read_only=True)
    code, text = _build(capsys, monkeypatch, db)
    assert code == 2 and not no_dbt
    _assert_plain(text)
    assert f"The warehouse {db} is not a readable DuckDB database" in text
    assert "Move it aside or delete it" in text


def test_too_little_free_space_is_a_plain_sentence_before_dbt_starts(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    no_dbt: list[str],
) -> None:
    """The threshold is SUPPORT_KPIS_MIN_FREE_MB: a threshold above any disk's free space stands
    in for a full disk; the folder need not exist yet (its nearest existing parent is measured)."""
    db = tmp_path / "not" / "yet" / "warehouse.duckdb"
    code, text = _build(capsys, monkeypatch, db, min_free_mb=str(10**12))
    assert code == 2 and not no_dbt
    _assert_plain(text)
    assert "MB are free on the disk holding the warehouse" in text
    assert "a build needs at least 1000000000000 MB (SUPPORT_KPIS_MIN_FREE_MB)" in text
    assert precheck(db, {"SUPPORT_KPIS_MIN_FREE_MB": "0"}) is None
    with pytest.raises(ValueError, match="SUPPORT_KPIS_MIN_FREE_MB = 'lots'"):
        precheck(db, {"SUPPORT_KPIS_MIN_FREE_MB": "lots"})


def test_faults_in_dbt_output_are_recognised(tmp_path: Path) -> None:
    """The words DuckDB prints when a fault strikes during the build, each mapped to its fault;
    anything else is left alone (shown as dbt printed it)."""
    db = tmp_path / "warehouse.duckdb"
    duckdb.connect(str(db)).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); "
            "print('open', flush=True); time.sleep(120)",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(duckdb.Error) as lock_error:
            duckdb.connect(str(db))
    finally:
        holder.kill()
        holder.wait()
    db.write_bytes(b"not a database" * 1000)
    with pytest.raises(duckdb.Error) as corrupt_error:
        duckdb.connect(str(db))
    assert explain(str(lock_error.value), db).kind == "lock"
    assert explain(str(corrupt_error.value), db).kind == "corrupt"
    assert explain(DUCKDB_DISK_FULL, db).kind == "disk_full"
    assert explain("Binder Error: column x not found", db) is None


def test_the_warehouse_path_follows_the_profile(tmp_path: Path) -> None:
    assert warehouse_path([], {}) == Path("target/support_kpis.duckdb")
    assert warehouse_path(["--select", "x"], {"SUPPORT_KPIS_DUCKDB_PATH": "/w.duckdb"}) == Path(
        "/w.duckdb"
    )
    assert warehouse_path(["--target", "duckdb"], {}) == Path("target/support_kpis.duckdb")
    # another engine: no DuckDB file to check
    assert warehouse_path(["--target", "postgres"], {}) is None
    assert warehouse_path(["-t", "spark"], {}) is None


def test_dbt_output_is_echoed_and_a_fault_replaced_by_its_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """dbt's lines are passed through as they come; the lines with DuckDB's words for a fault
    are held back and replaced by the sentence; the exit code is dbt's."""
    fake = tmp_path / "dbt"
    fake.write_text(
        "#!/bin/sh\necho 'Running with dbt'\necho 'Runtime Error'\n"
        f"echo '  {DUCKDB_DISK_FULL}'\nexit 2\n"
    )
    fake.chmod(0o755)
    monkeypatch.setattr(build_module, "dbt_executable", lambda: str(fake))
    out = io.StringIO()
    db = tmp_path / "warehouse.duckdb"
    code = build_module.build(
        [],
        {
            "SUPPORT_KPIS_DUCKDB_PATH": str(db),
            "SUPPORT_KPIS_MIN_FREE_MB": "0",
            "PATH": "/usr/bin:/bin",
        },
        out,
    )
    text = out.getvalue()
    assert code == 2
    assert text.startswith("Running with dbt\nRuntime Error\n")
    assert "No space left" not in text and "TransactionContext" not in text
    assert f"support-kpis build: The disk holding the warehouse {db} is full" in text
