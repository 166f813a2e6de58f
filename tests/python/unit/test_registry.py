"""The KPI registry (registry/kpis.yml) is the one place a KPI is declared: the files generated
from it are in step with it (the drift check fails when the registry or a generated file is
edited alone), and the registry rejects a KPI it cannot turn into SQL."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from support_kpis import registry

ROOT = registry.PROJECT_ROOT


def _copy_project(tmp_path: Path) -> Path:
    """The registry, the doc blocks and the generated files, in a scratch project folder."""
    for relative in [
        registry.REGISTRY,
        Path("models/docs/kpis.md"),
        *registry.generated_files(ROOT),
    ]:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / relative, tmp_path / relative)
    return tmp_path


def test_the_generated_files_are_in_step_with_the_registry() -> None:
    assert registry.drifted(ROOT) == [], "run `support-kpis generate-yaml` and commit the files"


def test_a_registry_edit_without_regenerating_is_drift(tmp_path: Path) -> None:
    root = _copy_project(tmp_path)
    path = root / registry.REGISTRY
    text = path.read_text(encoding="utf-8")
    edited = text.replace("numerator: is_transferred", "numerator: is_transferred and is_escalated")
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    # the predicate is in the macro only; the YAML and the seed do not carry it
    assert registry.drifted(root) == [Path("macros/generated/kpi_registry.sql")]
    registry.write(root)
    assert registry.drifted(root) == []


def test_a_hand_edit_of_a_generated_file_is_drift(tmp_path: Path) -> None:
    root = _copy_project(tmp_path)
    target = root / "models/marts/support/kpi_daily.yml"
    target.write_text(target.read_text(encoding="utf-8") + "\n# a hand edit\n", encoding="utf-8")
    assert registry.drifted(root) == [Path("models/marts/support/kpi_daily.yml")]


def test_a_new_kpi_gets_its_columns_metric_and_seed_row(tmp_path: Path) -> None:
    root = _copy_project(tmp_path)
    path = root / registry.REGISTRY
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    loaded["kpis"].append(
        {
            "name": "made_up_rate",
            "kind": "rate",
            "section": 4,
            "numerator": "is_made_up",
            "denominator": "true",
            "numerator_doc": "made-up tickets.",
            "denominator_doc": "tickets.",
        }
    )
    path.write_text(yaml.safe_dump(loaded, sort_keys=False), encoding="utf-8")
    files = registry.generated_files(root)
    properties = yaml.safe_load(files[Path("models/marts/support/kpi_daily.yml")])
    columns = [column["name"] for column in properties["models"][0]["columns"]]
    assert columns[-5:] == [
        "made_up_rate_numerator",
        "made_up_rate_denominator",
        "made_up_rate",
        "made_up_rate_ci_low",
        "made_up_rate_ci_high",
    ]
    metrics = {metric["name"]: metric for metric in properties["metrics"]}
    assert metrics["made_up_rate"]["type_params"] == {
        "numerator": "made_up_rate_numerator",
        "denominator": "made_up_rate_denominator",
    }
    assert metrics["made_up_rate_numerator"]["label"] == "made_up_rate: numerator (part)"
    tests = properties["models"][0]["data_tests"]
    consistent = next(
        test["kpi_rates_are_consistent"] for test in tests if "kpi_rates_are_consistent" in test
    )
    assert "made_up_rate" in consistent["arguments"]["metrics"]
    assert (
        "made_up_rate,4,kpi_daily,made_up_rate"
        in files[Path("seeds/reference/canonical_metrics.csv")]
    )
    assert "is_made_up" in files[Path("macros/generated/kpi_registry.sql")]


@pytest.mark.parametrize(
    ("kpi", "message"),
    [
        ({"name": "x_rate", "kind": "ratio"}, "KPI x_rate: kind 'ratio' is not one of"),
        (
            {"name": "x_rate", "kind": "rate", "numerator": "is_x"},
            "KPI x_rate: kind rate needs denominator",
        ),
        ({"name": "x_time", "kind": "mean"}, "KPI x_time: kind mean needs value"),
        (
            {"name": "ai_handle_rate", "kind": "count"},
            "KPI 'ai_handle_rate': missing or duplicate name",
        ),
    ],
)
def test_the_registry_rejects_a_kpi_it_cannot_build(kpi: dict, message: str) -> None:
    loaded = registry.load(ROOT)
    loaded["kpis"].append(kpi)
    with pytest.raises(registry.RegistryError, match=message.replace("(", r"\(")):
        registry.check(loaded)


def test_every_metric_has_a_label_and_parts_say_so() -> None:
    metrics = [
        metric
        for path in sorted((ROOT / "models").rglob("*.yml"))
        for metric in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("metrics") or []
    ]
    assert len(metrics) > 100
    for metric in metrics:
        assert metric.get("label") and metric["label"] != metric["name"], metric["name"]
        if "part_of" in metric["config"]["meta"]:
            assert metric["label"].endswith("(part)"), metric["name"]
