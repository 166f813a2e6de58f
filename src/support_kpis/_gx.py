"""Great Expectations 1.x, offline: an ephemeral context, no analytics, no progress bars, pandas
dataframes only (GX's SQL path through duckdb-engine is not used)."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from typing import Any

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")

import great_expectations as gx  # noqa: E402
import pandas as pd  # noqa: E402
from great_expectations.data_context.types.base import ProgressBarsConfig  # noqa: E402

INDEX_COLUMN = "__row"


@dataclass
class Outcome:
    """One evaluated expectation: its GX type, success, failing count and failing row ids."""

    expectation: Any
    success: bool
    unexpected_count: int
    element_count: int
    rows: list[Any] = field(default_factory=list)
    observed_value: Any = None


class Runner:
    """Runs expectation suites against pandas dataframes in one ephemeral GX context."""

    def __init__(self) -> None:
        self.context = gx.get_context(mode="ephemeral")
        self.context.variables.progress_bars = ProgressBarsConfig(globally=False)
        self.source = self.context.data_sources.add_pandas(f"frames_{uuid.uuid4().hex[:8]}")

    def run(self, name: str, frame: pd.DataFrame, expectations: list[Any]) -> list[Outcome]:
        """Evaluate `expectations` on `frame`; row ids come from its INDEX_COLUMN when present."""
        if not expectations:
            return []
        suffix = uuid.uuid4().hex[:8]
        asset = self.source.add_dataframe_asset(f"{name}_{suffix}")
        batch_definition = asset.add_batch_definition_whole_dataframe("whole")
        by_id = {}
        for number, expectation in enumerate(expectations):
            expectation.meta = {**(expectation.meta or {}), "check_id": number}
            by_id[number] = expectation
        # the suite is stored once, whole: added one by one to a stored suite, every expectation
        # re-serialised the suite (quadratic: most of check-marts' time)
        suite = self.context.suites.add(
            gx.ExpectationSuite(name=f"{name}_{suffix}", expectations=list(expectations))
        )
        definition = self.context.validation_definitions.add(
            gx.ValidationDefinition(name=f"{name}_{suffix}", data=batch_definition, suite=suite)
        )
        result_format: dict[str, Any] = {"result_format": "COMPLETE"}
        if INDEX_COLUMN in frame.columns:
            result_format["unexpected_index_column_names"] = [INDEX_COLUMN]
        result = definition.run(batch_parameters={"dataframe": frame}, result_format=result_format)
        outcomes = []
        for item in result.results:
            expectation = by_id[item.expectation_config.meta["check_id"]]
            details = item.result or {}
            rows = [
                entry.get(INDEX_COLUMN)
                for entry in details.get("unexpected_index_list") or []
                if isinstance(entry, dict)
            ]
            outcomes.append(
                Outcome(
                    expectation=expectation,
                    success=bool(item.success),
                    unexpected_count=int(details.get("unexpected_count") or 0),
                    element_count=int(details.get("element_count") or 0),
                    rows=rows,
                    observed_value=details.get("observed_value"),
                )
            )
        outcomes.sort(key=lambda outcome: outcome.expectation.meta["check_id"])
        return outcomes
