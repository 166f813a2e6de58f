"""dbt-duckdb plugin (profiles/profiles.yml): SQL functions the on-run-start hook needs and DuckDB
lacks. DuckDB's glob() lists neither folders nor broken symbolic links, so a folder or a dangling
link named tickets.csv looked like a missing file; support_kpis_file_kind(path) says what it is."""

from __future__ import annotations

import errno
import os

from dbt.adapters.duckdb.plugins import BasePlugin


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


class Plugin(BasePlugin):
    def configure_connection(self, conn) -> None:  # noqa: ANN001 (a DuckDBPyConnection)
        conn.create_function("support_kpis_file_kind", file_kind, ["VARCHAR"], "VARCHAR",
                             side_effects=True)
