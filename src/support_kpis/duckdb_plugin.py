"""dbt-duckdb plugin (profiles/profiles.yml): SQL functions the on-run-start hook needs and DuckDB
lacks. DuckDB's glob() lists neither folders nor broken symbolic links, so a folder or a dangling
link named tickets.csv looked like a missing file; support_kpis_file_kind(path) says what it is.
support_kpis_parquet_footer_readable(path) checks a Parquet file before DuckDB reads it (a corrupt
footer would otherwise be a raw database error). With `threads` set (SUPPORT_KPIS_DUCKDB_THREADS),
DuckDB uses that many threads instead of one per core."""

from __future__ import annotations

from dbt.adapters.duckdb.plugins import BasePlugin

from support_kpis.file_kind import file_kind, parquet_footer_readable


class Plugin(BasePlugin):
    def initialize(self, plugin_config: dict) -> None:
        # The warehouse file is attached under a fixed name (profiles.yml), so relations, the
        # manifest and MetricFlow do not depend on what the file is called.
        self.database = plugin_config.get("database")
        self.temp_directory = plugin_config.get("temp_directory")
        # blank: DuckDB's own default, a thread per core
        threads = str(plugin_config.get("threads") or "").strip()
        if threads and (not threads.isdigit() or int(threads) < 1):
            raise ValueError(
                f"SUPPORT_KPIS_DUCKDB_THREADS must be a whole number of at least 1, not {threads!r}"
            )
        self.threads = int(threads) if threads else None

    def configure_cursor(self, cursor) -> None:  # noqa: ANN001 (a DuckDBPyConnection)
        if self.database:
            cursor.execute(f'use "{self.database}"')

    def configure_connection(self, conn) -> None:  # noqa: ANN001 (a DuckDBPyConnection)
        if self.temp_directory:
            escaped = self.temp_directory.replace("'", "''")
            conn.execute(f"set temp_directory = '{escaped}'")
        if self.threads:
            # each thread of a hash join holds partitions of its own: fct_tickets (eight joins)
            # needed 567 MB at 1M tickets with two threads, 195 MB with one
            conn.execute(f"set threads = {self.threads}")
        conn.create_function(
            "support_kpis_file_kind", file_kind, ["VARCHAR"], "VARCHAR", side_effects=True
        )
        conn.create_function(
            "support_kpis_parquet_footer_readable",
            parquet_footer_readable,
            ["VARCHAR"],
            "BOOLEAN",
            side_effects=True,
        )
