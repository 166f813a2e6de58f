"""The dbt-duckdb plugin of profiles/profiles.yml: the DuckDB thread count it sets, or leaves."""

from __future__ import annotations

import duckdb
import pytest

from support_kpis.duckdb_plugin import Plugin


def _threads_after_configure(threads: str) -> tuple[int, int]:
    """DuckDB's thread count before and after the plugin configures a new connection."""
    plugin = Plugin("support_kpis", {"threads": threads})
    with duckdb.connect() as conn:
        before = conn.execute("select current_setting('threads')").fetchone()[0]
        plugin.configure_connection(conn)
        after = conn.execute("select current_setting('threads')").fetchone()[0]
    return before, after


def test_a_thread_count_is_set_on_the_connection() -> None:
    before, after = _threads_after_configure("1")
    if before == 1:
        pytest.skip("DuckDB runs on one thread here already: setting 1 would show nothing")
    assert after == 1


def test_blank_leaves_duckdbs_own_default() -> None:
    before, after = _threads_after_configure("")
    assert after == before


@pytest.mark.parametrize("bad", ["0", "two", "-1", "1.5"])
def test_a_bad_thread_count_is_refused_by_name(bad: str) -> None:
    with pytest.raises(ValueError, match="SUPPORT_KPIS_DUCKDB_THREADS"):
        Plugin("support_kpis", {"threads": bad})
