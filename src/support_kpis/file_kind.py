"""What sits at a raw export path, in one word, for the dbt hook (through the dbt-duckdb plugin
support_kpis.duckdb_plugin), which says in words what each kind means."""

from __future__ import annotations

import errno
import os


def file_kind(path: str) -> str:
    """file | missing | directory | dangling_symlink | symlink_loop | unreadable | not_a_file"""
    if not os.path.lexists(path):
        return "missing"
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symlink_loop"
        if os.path.islink(path) and exc.errno == errno.ENOENT:
            return "dangling_symlink"
        return "unreadable"
    if os.path.isdir(path):
        return "directory"
    if not os.path.isfile(path):
        return "not_a_file"
    if not os.access(path, os.R_OK):
        return "unreadable"
    return "file"


def parquet_footer_readable(path: str) -> bool:
    """True when the Parquet footer (schema and row groups) can be read."""
    import pyarrow.parquet as pq

    try:
        pq.read_metadata(path)
    except Exception:  # noqa: BLE001 (any failure means: not readable, said in words by the caller)
        return False
    return True
