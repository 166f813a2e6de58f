"""Every canonical metric of the KPI catalogue (seed canonical_metrics) has a doc block."""

from __future__ import annotations

import csv
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _doc_blocks() -> set[str]:
    text = (ROOT / "models" / "docs" / "kpis.md").read_text(encoding="utf-8")
    return set(re.findall(r"{%\s*docs\s+(\w+)\s*%}", text))


def _canonical_metrics() -> list[str]:
    with (ROOT / "seeds" / "reference" / "canonical_metrics.csv").open(encoding="utf-8") as handle:
        return [row["metric"] for row in csv.DictReader(handle)]


def test_every_canonical_metric_has_a_doc_block() -> None:
    missing = [metric for metric in _canonical_metrics() if metric not in _doc_blocks()]
    assert missing == [], f"no {{% docs %}} block in models/docs/kpis.md for: {missing}"


def test_the_list_covers_the_catalogue_sections() -> None:
    metrics = _canonical_metrics()
    assert len(metrics) == len(set(metrics))
    for required in (
        "backlog_open_tickets",
        "first_reply_sla_compliance",
        "tier2_deflection_rate",
        "fcr_strict_rate",
        "nps",
        "knowledge_coverage",
        "modeled_support_cost",
    ):
        assert required in metrics
