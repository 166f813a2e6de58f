"""The contract is defined once (the sources YAML): its docs page and the static entity list are
generated from it and must not drift; every reason staging rejects a row for is one of the
contract's, in the contract's order."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from helpers import PROJECT_ROOT
from support_kpis.contract import SOURCES_YML, load_reject_reasons
from support_kpis.contract_docs import DOCS_PATH, ENTITY_NAMES_PATH, drifted, render_docs
from support_kpis.validate import validate


def test_generated_files_match_the_contract() -> None:
    assert drifted(PROJECT_ROOT) == [], "run `support-kpis contract-docs`"


def test_a_contract_change_makes_the_generated_files_drift(tmp_path: Path) -> None:
    for path in (SOURCES_YML, DOCS_PATH, ENTITY_NAMES_PATH):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(PROJECT_ROOT / path, tmp_path / path)
    assert drifted(tmp_path) == []
    document = yaml.safe_load((tmp_path / SOURCES_YML).read_text())
    [helpdesk] = [s for s in document["sources"] if s["name"] == "helpdesk"]
    helpdesk["tables"].append({"name": "refunds", "columns": [{"name": "refund_id"}]})
    (tmp_path / SOURCES_YML).write_text(yaml.safe_dump(document))
    assert sorted(drifted(tmp_path)) == sorted([DOCS_PATH, ENTITY_NAMES_PATH])


def test_the_docs_page_states_the_rules() -> None:
    """Rows worked out by hand from the YAML meta of three columns and one table."""
    page = render_docs(PROJECT_ROOT)
    assert page.splitlines()[1] == "{% docs raw_contract %}"
    assert (
        "| `sample_weight` | number |  | blank means `1`; > 0 | How many tickets this review "
        "stands for (> 0, default 1). |"
    ) in page
    assert (
        "| `channel` | label | yes | one of `web_chat`, `whatsapp`, `instagram_dm`, "
        "`messenger`, `sms`, `email`, `voice`; anything else becomes `other` |"
    ) in page
    assert (
        "| `customer_email` | text |  | personal data: never copied past the raw tables |"
    ) in page
    assert (
        "- `score` within its `survey_type`'s range: csat 1–5, ces 1–7, nps 0–10 (`out_of_range`)"
    ) in page


def test_every_reject_reason_is_the_contracts_in_its_order() -> None:
    """The reasons the staging macros can give, in the order they are checked, are the
    contract's list (unparseable_<type> for each typed column type, in the macro's place)."""
    macro = (PROJECT_ROOT / "macros/stage_raw_export.sql").read_text()
    given = []
    for reason in re.findall(r"'reason': '([a-z_]+)'", macro):
        if reason == "unparseable_":
            reason = "unparseable_*"
        if reason not in given:
            given.append(reason)
    malformed = (PROJECT_ROOT / "macros/raw_export_malformed_rows.sql").read_text()
    assert "'malformed_row' as reject_reason" in malformed
    given.append("malformed_row")
    listed = []
    for reason in load_reject_reasons(PROJECT_ROOT):
        reason = "unparseable_*" if reason.startswith("unparseable_") else reason
        if reason not in listed:
            listed.append(reason)
    assert listed == given
    assert {r for r in load_reject_reasons(PROJECT_ROOT) if r.startswith("unparseable_")} == {
        "unparseable_timestamp",
        "unparseable_integer",
        "unparseable_number",
        "unparseable_boolean",
    }


@pytest.mark.integration
def test_validate_reads_the_plausible_range_from_the_projects_vars(tmp_path: Path) -> None:
    """A project whose vars end the plausible range on 2026-03-01 rejects a ticket created on
    2026-03-02 as implausible; the default range (until a day after today) accepts it."""
    project = tmp_path / "project"
    shutil.copytree(
        PROJECT_ROOT,
        project,
        ignore=shutil.ignore_patterns(
            ".venv", "target", "logs", "data", ".git", "python", "*.egg-info", "__pycache__"
        ),
    )
    settings = (project / "dbt_project.yml").read_text()
    assert "  plausible_timestamp_until: null\n" in settings
    (project / "dbt_project.yml").write_text(
        settings.replace(
            "  plausible_timestamp_until: null\n", '  plausible_timestamp_until: "2026-03-01"\n'
        )
    )
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "tickets.csv").write_text(
        "ticket_id,customer_id,channel,category,created_at\n"
        "T1,C1,sms,billing,2026-02-28T10:00:00Z\nT2,C1,sms,billing,2026-03-02T10:00:00Z\n"
    )
    (folder / "ticket_events.csv").write_text(
        "event_id,ticket_id,event_at,event_type\nE1,T1,2026-02-28T10:01:00Z,ai_message\n"
    )
    [finding] = [
        f for f in validate(folder, project, max_reject_share=1).files if f.entity == "tickets"
    ][0].warnings
    assert (finding.check, finding.column, finding.count) == (
        "implausible_timestamp",
        "created_at",
        1,
    )
    assert finding.examples[0]["key"] == "T2" and "2026-03-01" in finding.message
    default = validate(folder, PROJECT_ROOT, max_reject_share=1)
    assert [f.warnings for f in default.files if f.entity == "tickets"] == [[]]


# beside the checkout (or beside the folder of worktrees it sits in)
SPEC = next(
    (
        folder / "shared" / "spec" / "raw-exports.md"
        for folder in (PROJECT_ROOT.parent, PROJECT_ROOT.parent.parent)
        if (folder / "shared" / "spec" / "raw-exports.md").is_file()
    ),
    PROJECT_ROOT.parent / "shared" / "spec" / "raw-exports.md",
)


@pytest.mark.skipif(not SPEC.is_file(), reason="the shared spec is not beside the project")
def test_the_repository_contract_has_the_specs_entities_and_columns() -> None:
    """The contract inside the repository (what ships) names every entity and column of the
    spec's raw-exports.md, and the columns of the spec's two tables, in order, with their
    required flags."""
    from support_kpis.contract import load_contract

    spec = SPEC.read_text(encoding="utf-8").split("## Reference seeds")[0]
    sections = re.split(r"^## (\w+)[^\n]*\n", spec, flags=re.MULTILINE)[1:]
    contract = load_contract(PROJECT_ROOT)
    assert sorted(sections[0::2]) == sorted(contract)
    for name, body in zip(sections[0::2], sections[1::2], strict=True):
        rows = re.findall(r"^\| (\w+) \| [^|]+ \| (yes|no) \|", body, flags=re.MULTILINE)
        assert [c.name for c in contract[name].columns if rows] == [row[0] for row in rows]
        for column, required in rows:
            assert contract[name].column(column).required == (required == "yes"), (name, column)
