"""Unit tests of the `support-kpis` command line."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from support_kpis.cli import build_parser, main
from support_kpis.generate import ENTITIES


def test_generate_writes_every_entity(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    code = main(
        [
            "generate",
            str(tmp_path),
            "--tickets",
            "500",
            "--days",
            "14",
            "--seed",
            "3",
            "--ai-launch-date",
            "2026-01-05",
        ]
    )
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{e}.parquet" for e in ENTITIES)
    assert pq.read_metadata(tmp_path / "tickets.parquet").num_rows >= 500
    assert "generated 12 files" in capsys.readouterr().out


def test_generate_csv_subset_without_bad_rows(tmp_path: Path) -> None:
    code = main(
        [
            "generate",
            str(tmp_path),
            "--tickets",
            "500",
            "--format",
            "csv",
            "--only",
            "tickets,ticket_events",
            "--bad-row-share",
            "0",
            "--quiet",
        ]
    )
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ticket_events.csv", "tickets.csv"]
    lines = (tmp_path / "tickets.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 + 500


@pytest.mark.parametrize(
    "bad_args",
    [
        ["--only", "tickets,nope"],
        ["--format", "xlsx"],
        ["--tickets", "0"],
        ["--start-date", "01/01/2026"],
        ["--bad-row-share", "0.9"],
    ],
)
def test_invalid_arguments_exit_with_usage_error(tmp_path: Path, bad_args: list[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["generate", str(tmp_path), *bad_args])
    assert exc.value.code == 2
    assert not any(tmp_path.iterdir())


def test_a_command_is_required() -> None:
    with pytest.raises(SystemExit) as exc:
        build_parser().parse_args([])
    assert exc.value.code == 2


def test_console_script(tmp_path: Path) -> None:
    script = shutil.which("support-kpis", path=str(Path(sys.executable).parent))
    assert script, "console script not installed: pip install -e ."
    done = subprocess.run(
        [
            script,
            "generate",
            str(tmp_path / "out"),
            "--tickets",
            "300",
            "--days",
            "7",
            "--only",
            "tickets",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["tickets.parquet"]
    help_text = subprocess.run(
        [script, "--help"], capture_output=True, text=True, check=True
    ).stdout
    assert "generate" in help_text


@pytest.mark.parametrize(
    "args", [["--help"], ["generate", "OUT", "--tickets", "50", "--days", "2", "--only", "tickets"]]
)
def test_output_into_a_closed_pipe_ends_quietly(tmp_path: Path, args: list[str]) -> None:
    """`support-kpis ... | head` where head has already gone: no BrokenPipeError traceback."""
    import os

    script = shutil.which("support-kpis", path=str(Path(sys.executable).parent))
    assert script, "console script not installed: pip install -e ."
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before anything is written
    try:
        done = subprocess.run(
            [script, *[str(tmp_path / a) if a == "OUT" else a for a in args]],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        os.close(write_end)
    assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr, done.stderr
    # argparse's own printing ignores the closed pipe (exit 0); a command's output exits 1
    assert done.returncode == (0 if args == ["--help"] else 1)


def test_a_long_listing_into_head_ends_quietly(tmp_path: Path) -> None:
    # a manifest with many canonical metrics: far more output than `head -n 1` reads
    manifest = tmp_path / "manifest.json"
    metrics = {
        f"metric.p.m{i}": {
            "name": f"m{i}",
            "type": "ratio",
            "description": "x",
            "config": {"meta": {"catalogue_section": 1}},
        }
        for i in range(5000)
    }
    manifest.write_text(json.dumps({"metrics": metrics}), encoding="utf-8")
    command = f"{sys.executable} -m support_kpis.cli metrics --manifest {manifest} | head -n 1"
    process = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, check=False
    )
    assert process.stdout.startswith("m0  (section 1")
    assert "Traceback" not in process.stderr, process.stderr
    assert "BrokenPipeError" not in process.stderr, process.stderr
