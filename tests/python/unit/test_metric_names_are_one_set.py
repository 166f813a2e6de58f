"""The canonical names of the KPI catalogue, the KPI registry, the mart columns, the doc blocks and
the semantic metrics are one set, so docs and code cannot drift apart. The check itself is shown
to fail when a name is removed from any one of the five places."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support_kpis.metrics import (
    PROJECT_ROOT,
    SOURCES,
    name_sources,
    seed_rows,
    set_differences,
)

_TABLE_ROW = re.compile(r"^\|(?P<first>[^|]*)\|(?P<rest>.*)\|\s*$")
_BACKTICKED = re.compile(r"`([a-z][a-z0-9_]*)`")
# A name the definition introduces on its own in brackets, e.g. "mean (`mttr`)".
_ALIAS = re.compile(r"\(`([a-z][a-z0-9_]*)`\)")
_METRIC_TABLE_HEADERS = {"metric", "rung"}


def catalogue_path(root: Path = PROJECT_ROOT) -> Path:
    """The shared KPI catalogue beside the project (`../shared/spec/kpi-catalogue.md`)."""
    return root.parent / "shared" / "spec" / "kpi-catalogue.md"


def parse_catalogue(text: str) -> set[str]:
    """Canonical names of the catalogue's metric tables (header `| metric | definition |`, or
    `| rung | definition |` for the deflection ladder): the backticked names of each row's first
    cell, plus a name a definition gives in brackets."""
    names: set[str] = set()
    in_table = False
    for line in text.splitlines():
        match = _TABLE_ROW.match(line.strip())
        if not match:
            in_table = False
            continue
        first = match["first"].strip()
        if first in _METRIC_TABLE_HEADERS:
            in_table = True
            continue
        if not in_table or set(first) <= {"-", ":", " "}:
            continue
        names.update(_BACKTICKED.findall(first))
        names.update(_ALIAS.findall(match["rest"]))
    return names


@pytest.fixture(scope="module")
def sources() -> dict[str, set[str]]:
    return name_sources()


def test_the_five_places_hold_one_set(sources: dict[str, set[str]]) -> None:
    assert set_differences(sources) == {name: [] for name in SOURCES}


def test_the_set_is_the_whole_catalogue(sources: dict[str, set[str]]) -> None:
    # sections 1-10, with escalation quality (section 6), the named mean `mttr` and the five
    # rungs of the deflection ladder (section 3)
    assert len(sources["catalogue"]) == 51
    assert {
        "escalation_precision",
        "missed_escalation_signal",
        "mttr",
        "avg_response_time",
        "median_response_time",
        "modeled_support_cost",
    } <= sources["catalogue"]


def test_the_seed_matches_the_spec_catalogue() -> None:
    path = catalogue_path(PROJECT_ROOT)
    if not path.exists():
        pytest.skip("the spec (../shared/spec/kpi-catalogue.md) is not beside the project")
    assert {row["metric"] for row in seed_rows()} == parse_catalogue(path.read_text("utf-8"))


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("removed", ["fcr_rate", "missed_escalation_signal", "mttr"])
def test_removing_a_name_from_one_place_fails(
    sources: dict[str, set[str]], source: str, removed: str
) -> None:
    mutated = {name: set(names) for name, names in sources.items()}
    mutated[source].discard(removed)
    differences = set_differences(mutated)
    assert differences[source] == [removed]
    assert all(differences[other] == [] for other in SOURCES if other != source)


@pytest.mark.parametrize("source", ["catalogue", "registry", "semantic_metrics"])
def test_a_name_in_one_place_only_fails(sources: dict[str, set[str]], source: str) -> None:
    mutated = {name: set(names) for name, names in sources.items()}
    mutated[source].add("made_up_rate")
    differences = set_differences(mutated)
    assert all("made_up_rate" in differences[other] for other in SOURCES if other != source)


def test_parse_catalogue_reads_metric_tables_only() -> None:
    text = """
Intro with `not_a_metric`.

| metric | definition |
|---|---|
| `a_rate` (strict) | x ÷ y, window `some_var` |
| `b_time` / `c_time` | mean (`d_mean`), by path (`ai_only`, `assisted`) |

| column | meaning |
|---|---|
| `other_table` | not a metric table |
"""
    assert parse_catalogue(text) == {"a_rate", "b_time", "c_time", "d_mean"}
