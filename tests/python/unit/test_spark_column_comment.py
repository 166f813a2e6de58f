"""macros/spark_column_comment.sql: on Spark a column comment fits the Hive metastore's 256
characters (a longer one cost each table about 20 s of retries), and a short one is kept as it is.
The macro is rendered with plain Jinja and a stand-in for dbt's `adapter`."""

from __future__ import annotations

import jinja2

from helpers import PROJECT_ROOT

MACRO = PROJECT_ROOT / "macros" / "spark_column_comment.sql"
HIVE_COMMENT_LIMIT = 256


class _Adapter:
    @staticmethod
    def quote(name: str) -> str:
        return f"`{name}`"


def _clause(name: str, columns: dict) -> str:
    environment = jinja2.Environment()
    environment.globals["adapter"] = _Adapter()
    template = environment.from_string(MACRO.read_text())
    return template.module.get_column_comment_sql(name, columns).strip()


def _comment(clause: str) -> str:
    """The comment as the metastore stores it (the SQL literal without its quotes and escapes)."""
    literal = clause.split(" comment ", 1)[1]
    assert literal.startswith("'") and literal.endswith("'")
    return literal[1:-1].replace("\\'", "'")


def test_a_long_description_is_cut_to_the_metastores_limit() -> None:
    description = "Customer's channel, normalised. " * 20
    clause = _clause("channel", {"channel": {"description": description}})
    comment = _comment(clause)
    assert clause.startswith("`channel` comment '")
    assert len(comment) == HIVE_COMMENT_LIMIT
    assert comment == description[:255] + "…"


def test_a_short_description_and_none_are_kept() -> None:
    short = "Ticket id (text); the customer's own key."
    assert _comment(_clause("ticket_id", {"ticket_id": {"description": short}})) == short
    assert _clause("ticket_id", {}) == "`ticket_id`"
    assert _clause("ticket_id", {"ticket_id": {"description": ""}}) == "`ticket_id`"
