"""The canonical names of the KPI catalogue, the KPI registry, the mart columns, the doc blocks and
the semantic metrics are one set, so docs and code cannot drift apart. The check itself is shown
to fail when a name is removed from any one of the five places."""

from __future__ import annotations

import pytest

from support_kpis.metrics import (
    PROJECT_ROOT,
    SOURCES,
    catalogue_path,
    name_sources,
    parse_catalogue,
    seed_rows,
    set_differences,
)


@pytest.fixture(scope="module")
def sources() -> dict[str, set[str]]:
    found = name_sources()
    if not catalogue_path(PROJECT_ROOT).exists():
        print("kpi-catalogue.md is not beside the project: the catalogue is seed canonical_metrics")
    return found


def test_the_five_places_hold_one_set(sources: dict[str, set[str]]) -> None:
    assert set_differences(sources) == {name: [] for name in SOURCES}


def test_the_set_is_the_whole_catalogue(sources: dict[str, set[str]]) -> None:
    # sections 1-10, with escalation quality (section 6), the named mean `mttr` and the five
    # rungs of the deflection ladder (section 3)
    assert len(sources["catalogue"]) == 51
    assert {"escalation_precision", "missed_escalation_signal", "mttr", "avg_response_time",
            "median_response_time", "modeled_support_cost"} <= sources["catalogue"]


def test_the_seed_matches_the_catalogue(sources: dict[str, set[str]]) -> None:
    assert {row["metric"] for row in seed_rows()} == sources["catalogue"]


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("removed", ["fcr_rate", "missed_escalation_signal", "mttr"])
def test_removing_a_name_from_one_place_fails(sources: dict[str, set[str]], source: str,
                                              removed: str) -> None:
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
