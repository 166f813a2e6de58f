"""The metric names and definitions, read from the project itself.

The canonical KPIs are named in the catalogue (seed `canonical_metrics`), the KPI registry
(`registry/kpis.yml`, KPIs with a `section`), the mart columns (mart YAML), the doc blocks
(`models/docs/kpis.md`) and the semantic metrics (metrics with `meta.catalogue_section`).
The seed and kpi_daily's metrics are generated from the registry; `name_sources` reads every
place and `set_differences` says what each lacks.
`metrics_reference` builds the reference that `support-kpis metrics` prints from the dbt manifest.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("catalogue", "registry", "mart_columns", "doc_blocks", "semantic_metrics")

_DOC_BLOCK = re.compile(r"{%-?\s*docs\s+(\w+)\s*-?%}")


def seed_rows(root: Path = PROJECT_ROOT) -> list[dict[str, str]]:
    with (root / "seeds" / "reference" / "canonical_metrics.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def catalogue_names(root: Path = PROJECT_ROOT) -> set[str]:
    """The catalogue's canonical names: seed `canonical_metrics`, the project's own list (tests
    check it against the spec's catalogue where that is at hand)."""
    return {row["metric"] for row in seed_rows(root)}


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.yml"))


def mart_columns(root: Path = PROJECT_ROOT) -> dict[str, set[str]]:
    """Columns per mart, as documented in the YAML under models/marts."""
    columns: dict[str, set[str]] = {}
    for path in _yaml_files(root / "models" / "marts"):
        for model in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("models", []):
            columns[model["name"]] = {column["name"] for column in model.get("columns", [])}
    return columns


def mart_column_names(root: Path = PROJECT_ROOT) -> set[str]:
    """Every mart column name, plus the seed's names for columns named otherwise
    (`tickets_by_category` is `kpi_daily.category`) when that column exists."""
    columns = mart_columns(root)
    names = set().union(*columns.values()) if columns else set()
    for row in seed_rows(root):
        if row["mart_column"] in columns.get(row["mart"], set()):
            names.add(row["metric"])
    return names


def doc_block_names(root: Path = PROJECT_ROOT) -> set[str]:
    text = (root / "models" / "docs" / "kpis.md").read_text(encoding="utf-8")
    return set(_DOC_BLOCK.findall(text))


def semantic_metrics(root: Path = PROJECT_ROOT) -> dict[str, dict[str, Any]]:
    """Metrics of the project's YAML that carry `meta.catalogue_section` (the canonical ones)."""
    metrics: dict[str, dict[str, Any]] = {}
    for path in _yaml_files(root / "models"):
        for metric in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("metrics", []):
            meta = (metric.get("config") or {}).get("meta") or metric.get("meta") or {}
            if "catalogue_section" in meta:
                metrics[metric["name"]] = metric
    return metrics


def registry_names(root: Path = PROJECT_ROOT) -> set[str]:
    """The canonical KPIs of the registry (those with a catalogue `section`)."""
    from support_kpis import registry

    return {kpi["name"] for kpi in registry.load(root)["kpis"] if "section" in kpi}


def name_sources(root: Path = PROJECT_ROOT) -> dict[str, set[str]]:
    return {
        "catalogue": catalogue_names(root),
        "registry": registry_names(root),
        "mart_columns": mart_column_names(root),
        "doc_blocks": doc_block_names(root),
        "semantic_metrics": set(semantic_metrics(root)),
    }


def set_differences(sources: Mapping[str, set[str]]) -> dict[str, list[str]]:
    """Per source, the canonical names it lacks. The canonical names are the union of the
    catalogue, the registry and the semantic metrics (which hold KPI names only), so a name
    dropped from any source, or added to one of those alone, shows up. Mart columns and doc
    blocks also hold parts and shared terms, so only their canonical names take part."""
    canonical = set(sources["catalogue"]) | set(sources["registry"])
    canonical |= set(sources["semantic_metrics"])
    return {name: sorted(canonical - set(names)) for name, names in sources.items()}


def _formula_line(description: str) -> str:
    for line in description.splitlines():
        if "**Formula:**" in line:
            return line.split("**Formula:**", 1)[1].strip()
    return description.strip().splitlines()[0] if description.strip() else ""


def metrics_reference(manifest_path: Path) -> list[dict[str, Any]]:
    """One entry per canonical metric of a dbt manifest (target/manifest.json): name, section,
    formula (the doc block's formula line), how MetricFlow computes it, grain, mart, type."""
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    entries = []
    for node in manifest.get("metrics", {}).values():
        meta = (node.get("config") or {}).get("meta") or node.get("meta") or {}
        if "catalogue_section" not in meta:
            continue
        entries.append(
            {
                "name": node["name"],
                "section": int(meta["catalogue_section"]),
                "formula": _formula_line(node.get("description") or ""),
                "computed_as": meta.get("formula", ""),
                "grain": meta.get("grain", ""),
                "mart": meta.get("mart", ""),
                "type": node.get("type", ""),
            }
        )
    return sorted(entries, key=lambda entry: (entry["section"], entry["name"]))


def reference_to_text(entries: list[dict[str, Any]]) -> str:
    lines = []
    for entry in entries:
        lines += [
            f"{entry['name']}  (section {entry['section']}, {entry['type']} metric)",
            f"    formula:     {entry['formula']}",
            f"    computed as: {entry['computed_as']}",
            f"    grain:       {entry['grain']}",
            f"    mart:        {entry['mart']}",
            "",
        ]
    lines.append(f"{len(entries)} canonical metrics")
    return "\n".join(lines)
