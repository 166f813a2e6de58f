"""Files generated from the raw contract (models/staging/helpdesk/_helpdesk__sources.yml), the one
place it is defined:

- models/docs/contract.md: the contract for people, a dbt doc block (`raw_contract`, the
  description of source `helpdesk`, so the dbt docs render it) that reads as Markdown on its own;
- macros/raw_entity_names.sql: the entity names for the models that union every entity (dbt
  resolves their ref() calls while parsing, before it can read the sources' meta).

`support-kpis contract-docs` writes them; `--check` (and a test) fails when they have drifted.
"""

from __future__ import annotations

from pathlib import Path

from support_kpis import contract
from support_kpis.contract import Column, Entity

DOCS_PATH = Path("models/docs/contract.md")
ENTITY_NAMES_PATH = Path("macros/raw_entity_names.sql")
GENERATED = f"generated from {contract.SOURCES_YML} (support-kpis contract-docs)"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _rule(column: Column) -> str:
    parts = []
    if column.allowed:
        parts.append("one of " + ", ".join(f"`{v}`" for v in column.allowed))
    if column.fallback:
        parts.append(f"anything else becomes `{column.fallback}`")
    elif column.allowed:
        parts.append("anything else: `unknown_value`")
    if column.default is not None:
        parts.append(f"blank means `{column.default}`")
    if column.bounds():
        parts.append(" and ".join(column.bounds()))
    if column.pseudonymise_email:
        parts.append("an e-mail address becomes `pseudonym_<md5>`")
    if column.pii:
        parts.append("personal data: never copied past the raw tables")
    return "; ".join(parts)


def _table_rules(entity: Entity) -> list[str]:
    rules = [
        f"- key: {', '.join(f'`{k}`' for k in entity.key)} (the same key with other values: "
        "`conflicting_duplicate_id`; identical rows are collapsed into one)"
    ]
    if entity.ticket_column:
        rules.append(f"- `{entity.ticket_column}` must be an accepted ticket (`unknown_ticket`)")
    if entity.ticket_required_when:
        rule = entity.ticket_required_when
        values = ", ".join(f"`{v}`" for v in rule["values"])
        rules.append(
            f"- `{entity.ticket_column}` is required when `{rule['column']}` is "
            f"{values} (`missing_required_value`)"
        )
    if entity.not_before_ticket_created:
        rules.append(
            f"- `{entity.not_before_ticket_created}` not before its ticket's "
            "`created_at` (`before_ticket_created`)"
        )
    if entity.ends_not_before_start:
        start, end = entity.ends_not_before_start
        rules.append(f"- `{end}` not before `{start}` (`ends_before_start`)")
    if entity.score_range_by:
        rule = entity.score_range_by
        ranges = ", ".join(f"{kind} {low}–{high}" for kind, (low, high) in rule["ranges"].items())
        rules.append(
            f"- `{rule['score_column']}` within its `{rule['column']}`'s range: "
            f"{ranges} (`out_of_range`)"
        )
    return rules


def _markdown_table(headers: list[str], rows: dict[str, str] | list[list[str]]) -> list[str]:
    """A Markdown table's lines. `rows` as a dict: a name (shown as code) and its text."""
    if isinstance(rows, dict):
        rows = [[f"`{name}`", text] for name, text in rows.items()]
    return [
        "| " + " | ".join(headers) + " |",
        "|" + "---|" * len(headers),
        *("| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows),
    ]


def render_docs(project_dir: Path | None = None) -> str:
    """models/docs/contract.md, from the contract."""
    entities = contract.load_contract(project_dir, file_order=True)
    lines = [
        f"<!-- {GENERATED} -->",
        "{% docs raw_contract %}",
        "# The raw export contract",
        "",
        "One file per entity in the folder `raw_path`: `<entity>.csv` (UTF-8, comma-separated, "
        "a header row; extra columns are ignored, header names are matched trimmed and "
        "lower-cased) or `<entity>.parquet`. Every value is read as text and typed by staging. "
        "A missing required file or column, or a file that cannot be read, stops the build "
        "(`support-kpis validate` lists them all beforehand); a row that breaks a rule below is "
        "a reject in `staging.stg_helpdesk__rejects`, with its reason.",
        "",
        "## Types",
        "",
        *_markdown_table(["type", "how the text is read"], contract.load_type_rules(project_dir)),
        "",
        "## Reject reasons",
        "",
        "A row's reason is the first of these it breaks, in this order.",
        "",
        *_markdown_table(["reason", "meaning"], contract.load_reject_reasons(project_dir)),
    ]
    lines += ["", "## Entities", ""]
    required = [name for name, entity in entities.items() if entity.required_export]
    lines.append(
        "Required exports: "
        + ", ".join(f"`{name}`" for name in required)
        + "; the others are optional (absent: the KPIs that need them are NULL)."
    )
    for name, entity in entities.items():
        lines += [
            "",
            f"### `{name}`" + (" (required)" if entity.required_export else ""),
            "",
            _cell(entity.description),
            "",
            *_table_rules(entity),
            "",
            *_markdown_table(
                ["column", "type", "required", "rule", "description"],
                [
                    [f"`{c.name}`", c.type, "yes" if c.required else "", _rule(c), c.description]
                    for c in entity.columns
                ],
            ),
        ]
    lines += ["{% enddocs %}", ""]
    return "\n".join(lines)


def render_entity_names(project_dir: Path | None = None) -> str:
    """macros/raw_entity_names.sql, from the contract."""
    names = list(contract.load_contract(project_dir, file_order=True))
    rows, row = [], "        "
    for name in names:
        item = f"'{name}', "
        if len(row) + len(item) > 100:
            rows.append(row.rstrip())
            row = "        "
        row += item
    rows.append(row.rstrip())
    body = "\n".join(rows)
    return (
        "{#- The raw contract's entity names, for models that union every entity: dbt "
        "resolves their\n    ref() calls while parsing, before the sources' meta can be "
        f"read. This file is\n    {GENERATED}. -#}}\n"
        "{% macro raw_entity_names() %}\n"
        f"    {{{{ return([\n{body}\n    ]) }}}}\n"
        "{% endmacro %}\n"
    )


def generated_files(project_dir: Path | None = None) -> dict[Path, str]:
    """Every generated file (relative path -> content)."""
    return {
        DOCS_PATH: render_docs(project_dir),
        ENTITY_NAMES_PATH: render_entity_names(project_dir),
    }


def drifted(project_dir: Path | None = None) -> list[Path]:
    """The generated files whose content differs from what the contract gives."""
    root = contract.find_project_dir(project_dir)
    return [
        path
        for path, text in generated_files(root).items()
        if not (root / path).is_file() or (root / path).read_text(encoding="utf-8") != text
    ]


def write(project_dir: Path | None = None) -> list[Path]:
    """Write the generated files that drifted; returns them."""
    root = contract.find_project_dir(project_dir)
    changed = drifted(root)
    for path, text in generated_files(root).items():
        if path in changed:
            (root / path).write_text(text, encoding="utf-8")
    return changed
