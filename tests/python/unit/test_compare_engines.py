"""scripts/compare_engines.py's cell comparison, on hand-built results."""

from __future__ import annotations

import datetime as dt
import decimal
import importlib.util

from helpers import PROJECT_ROOT

_spec = importlib.util.spec_from_file_location(
    "compare_engines", PROJECT_ROOT / "scripts" / "compare_engines.py"
)
compare_engines = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(compare_engines)
compare = compare_engines.compare

COLUMNS = ["day", "channel", "n", "rate", "at"]
ROWS = [
    (dt.date(2026, 3, 1), "email", 3, 0.1, dt.datetime(2026, 3, 1, 4, 30, 0, 250)),
    (dt.date(2026, 3, 1), "sms", 0, None, None),
]


def test_the_same_rows_in_another_order_and_spelling_agree() -> None:
    # Decimal and an upper-case column name, as Postgres and Spark return them; 1e-10 relative
    other = [
        (dt.date(2026, 3, 1), "sms", decimal.Decimal(0), None, None),
        (
            dt.date(2026, 3, 1),
            "email",
            decimal.Decimal(3),
            0.1 * (1 + 1e-10),
            dt.datetime(2026, 3, 1, 4, 30, 0, 250),
        ),
    ]
    assert compare((COLUMNS, ROWS), (["DAY", *COLUMNS[1:]], other)) == []


def test_a_double_off_by_1e_8_relative_differs() -> None:
    other = [ROWS[0][:3] + (0.1 * (1 + 1e-8),) + ROWS[0][4:], ROWS[1]]
    problems = compare((COLUMNS, ROWS), (COLUMNS, other))
    assert len(problems) == 1 and "{'rate': (0.1, " in problems[0]


def test_a_sum_that_cancels_to_about_zero_agrees_but_not_beyond_1e_10() -> None:
    cancel = [(dt.date(2026, 3, 1), "sms", 0, 0.0, None)]
    assert compare((COLUMNS, cancel), (COLUMNS, [cancel[0][:3] + (2e-17, None)])) == []
    assert compare((COLUMNS, cancel), (COLUMNS, [cancel[0][:3] + (2e-10, None)])) != []


def test_null_is_not_zero_and_timestamps_are_exact() -> None:
    null_vs_zero = [ROWS[0], ROWS[1][:3] + (0.0, None)]
    assert compare((COLUMNS, ROWS), (COLUMNS, null_vs_zero)) != []
    a_microsecond_later = [ROWS[0][:4] + (dt.datetime(2026, 3, 1, 4, 30, 0, 251),), ROWS[1]]
    assert compare((COLUMNS, ROWS), (COLUMNS, a_microsecond_later)) != []


def test_missing_rows_and_columns_differ() -> None:
    assert compare((COLUMNS, ROWS), (COLUMNS, ROWS[:1])) == ["row count 2 vs 1"]
    assert compare((COLUMNS, ROWS), (COLUMNS[:-1], [r[:-1] for r in ROWS]))[0].startswith(
        "columns differ"
    )


def test_the_build_id_is_not_compared_but_every_other_column_is() -> None:
    """Each engine's build has its own id: marts that differ only there agree."""
    left = (["build_id", *COLUMNS], [("build-a", *row) for row in ROWS])
    right = (["build_id", *COLUMNS], [("build-b", *row) for row in ROWS])
    assert compare(left, right) == []
    other = [("build-b", *ROWS[0][:2], 4, *ROWS[0][3:]), ("build-b", *ROWS[1])]
    problems = compare(left, (right[0], other))
    assert len(problems) == 1 and "{'n': (3, 4)}" in problems[0] and "build" not in problems[0]
