"""What BI tools read: one type per kind of mart column. No HUGEINT (Arrow decimal128(38,0)) or
DECIMAL anywhere in schema marts; counts, parts of unweighted rates and pending counts are
BIGINT, ratios and their bounds DOUBLE. Checked on a build with every export and on one with
only the required exports (NULL parts must keep their type)."""

from __future__ import annotations

import pytest

from conftest import DbtRun, assert_succeeded, query

pytestmark = pytest.mark.integration


def mart_columns(run: DbtRun) -> list[tuple[str, str, str]]:
    return query(
        run.db_path,
        """
        select table_name, column_name, data_type
        from information_schema.columns
        where table_schema = 'marts'
        order by table_name, ordinal_position
    """,
    )


def type_problems(columns: list[tuple[str, str, str]]) -> list[str]:
    """Every column whose type breaks the rule, as `mart.column TYPE (reason)`."""
    problems = []
    for mart, column, data_type in columns:
        if data_type == "HUGEINT" or data_type.startswith("DECIMAL"):
            problems.append(f"{mart}.{column} {data_type} (no HUGEINT or DECIMAL)")
        elif (
            column.endswith(("_count", "_pending", "_pending_failures"))
            and not column.startswith(("is_", "has_"))
            and data_type != "BIGINT"
        ):
            problems.append(f"{mart}.{column} {data_type} (a count is BIGINT)")
        elif column.endswith(("_ci_low", "_ci_high")) and data_type != "DOUBLE":
            problems.append(f"{mart}.{column} {data_type} (a bound is DOUBLE)")
    return problems


def test_the_rule_catches_each_kind_of_bad_column() -> None:
    assert type_problems(
        [
            ("m", "a_rate_numerator", "HUGEINT"),
            ("m", "cost", "DECIMAL(18,3)"),
            ("m", "ces_count", "DOUBLE"),
            ("m", "fcr_pending", "INTEGER"),
            ("m", "csat_ci_low", "FLOAT"),
            ("m", "csat", "DOUBLE"),
            ("m", "csat_numerator", "BIGINT"),
            ("m", "is_fcr_pending", "BOOLEAN"),
        ]
    ) == [
        "m.a_rate_numerator HUGEINT (no HUGEINT or DECIMAL)",
        "m.cost DECIMAL(18,3) (no HUGEINT or DECIMAL)",
        "m.ces_count DOUBLE (a count is BIGINT)",
        "m.fcr_pending INTEGER (a count is BIGINT)",
        "m.csat_ci_low FLOAT (a bound is DOUBLE)",
    ]


@pytest.mark.parametrize("run_name", ["full_utc", "core_new_york"])
def test_every_mart_column_has_the_type_of_its_kind(
    run_name: str, request: pytest.FixtureRequest
) -> None:
    run: DbtRun = request.getfixturevalue(run_name)
    assert_succeeded(run)
    columns = mart_columns(run)
    assert len({mart for mart, _, _ in columns}) >= 20
    assert type_problems(columns) == []
