"""The raw export contract, read from the one place it is defined: the meta of source `helpdesk`
in models/staging/helpdesk/_helpdesk__sources.yml (tables, columns, types, reject reasons).

dbt generates the staging parsing and reject rules from that meta (macros/stage_raw_export.sql);
`validate` runs that staging; the generator, `load` and the docs page (support_kpis.contract_docs)
read the same meta through this module, so a column added to the YAML needs no second edit.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SOURCES_YML = Path("models/staging/helpdesk/_helpdesk__sources.yml")
SOURCE_NAME = "helpdesk"
TYPES = ("text", "label", "timestamp", "integer", "number", "boolean")
TRUE_TEXTS = ("true", "t", "yes", "y", "1")
FALSE_TEXTS = ("false", "f", "no", "n", "0")


@dataclass(frozen=True)
class Column:
    """One contract column and its meta (see the header of _helpdesk__sources.yml)."""

    name: str
    type: str = "text"
    required: bool = False
    allowed: tuple[str, ...] | None = None
    fallback: str | None = None
    default: str | None = None
    min: float | None = None
    max: float | None = None
    min_exclusive: float | None = None
    pii: bool = False
    pseudonymise_email: bool = False
    description: str = ""

    def bounds(self) -> list[str]:
        """The column's range in words, e.g. ["> 0"] or ["≥ 0", "≤ 1"] (empty: no range)."""
        words = []
        if self.min_exclusive is not None:
            words.append(f"> {self.min_exclusive:g}")
        if self.min is not None:
            words.append(f"≥ {self.min:g}")
        if self.max is not None:
            words.append(f"≤ {self.max:g}")
        return words


@dataclass(frozen=True)
class Entity:
    """One raw export (a file `<name>.csv` / `<name>.parquet`) and its table meta."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    required_export: bool = False
    ticket_column: str | None = None
    not_before_ticket_created: str | None = None
    ends_not_before_start: tuple[str, str] | None = None
    score_range_by: dict[str, Any] | None = None
    ticket_required_when: dict[str, Any] | None = None
    description: str = ""
    meta: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"{self.name} has no contract column {name!r}")

    @property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)


def find_project_dir(start: Path | None = None) -> Path:
    """The dbt project root: `start` (or the working directory, or $SUPPORT_KPIS_PROJECT_DIR) or
    a parent holding the contract YAML; else the checkout this package was installed from."""
    candidates: list[Path] = []
    if start is not None:
        candidates.append(Path(start))
    elif os.environ.get("SUPPORT_KPIS_PROJECT_DIR"):
        candidates.append(Path(os.environ["SUPPORT_KPIS_PROJECT_DIR"]))
    else:
        here = Path.cwd().resolve()
        candidates.extend([here, *here.parents])
        # an editable install: src/support_kpis/contract.py -> project root
        candidates.append(Path(__file__).resolve().parents[2])
    for candidate in candidates:
        if (candidate / SOURCES_YML).is_file():
            return candidate
    raise ValueError(
        f"cannot find the raw contract {SOURCES_YML} under {candidates[0]}; "
        "run from the project root or pass --project-dir"
    )


def _meta(node: dict[str, Any]) -> dict[str, Any]:
    # dbt 1.10+ keeps meta under config; older YAML has it at the top level
    return dict((node.get("config") or {}).get("meta") or node.get("meta") or {})


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _source(project_dir: Path | None) -> tuple[Path, dict[str, Any]]:
    path = find_project_dir(project_dir) / SOURCES_YML
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    sources = [s for s in document.get("sources", []) if s.get("name") == SOURCE_NAME]
    if len(sources) != 1:
        raise ValueError(f"{path}: expected one source named {SOURCE_NAME!r}")
    return path, sources[0]


def load_reject_reasons(project_dir: Path | None = None) -> dict[str, str]:
    """Every reject reason and what it means, in the order staging checks them."""
    return dict(_meta(_source(project_dir)[1]).get("reject_reasons") or {})


def load_type_rules(project_dir: Path | None = None) -> dict[str, str]:
    """How the text of each contract type is read, in words."""
    return dict(_meta(_source(project_dir)[1]).get("types") or {})


def load_contract(
    project_dir: Path | None = None, *, file_order: bool = False
) -> dict[str, Entity]:
    """Every entity of the raw contract, by name (sorted; or in the YAML's order), as dbt reads
    it."""
    path, source = _source(project_dir)
    entities: dict[str, Entity] = {}
    tables = source.get("tables", [])
    for table in tables if file_order else sorted(tables, key=lambda t: t["name"]):
        meta = _meta(table)
        columns = []
        for node in table.get("columns", []):
            column_meta = _meta(node)
            kind = column_meta.get("type", "text")
            if kind not in TYPES:
                raise ValueError(f"{path}: {table['name']}.{node['name']}: unknown type {kind!r}")
            allowed = column_meta.get("allowed")
            default = column_meta.get("default")
            columns.append(
                Column(
                    name=node["name"],
                    type=kind,
                    required=bool(column_meta.get("required", False)),
                    allowed=tuple(allowed) if allowed else None,
                    fallback=column_meta.get("fallback"),
                    default=None if default is None else str(default),
                    min=_number(column_meta.get("min")),
                    max=_number(column_meta.get("max")),
                    min_exclusive=_number(column_meta.get("min_exclusive")),
                    pii=bool(column_meta.get("pii", False)),
                    pseudonymise_email=bool(column_meta.get("pseudonymise_email", False)),
                    description=str(node.get("description") or ""),
                )
            )
        pair = meta.get("ends_not_before_start")
        entities[table["name"]] = Entity(
            name=table["name"],
            columns=tuple(columns),
            key=tuple(meta.get("key") or ()),
            required_export=bool(meta.get("required_export", False)),
            ticket_column=meta.get("ticket_column"),
            not_before_ticket_created=meta.get("not_before_ticket_created"),
            ends_not_before_start=(pair[0], pair[1]) if pair else None,
            score_range_by=meta.get("score_range_by"),
            ticket_required_when=meta.get("ticket_required_when"),
            description=str(table.get("description") or ""),
            meta=meta,
        )
    if not entities:
        raise ValueError(f"{path}: source {SOURCE_NAME!r} has no tables")
    return entities
