"""`support-kpis report` on a built warehouse: every number on the page equals the marts (queried
here with independent SQL), each chart draws those numbers, the page references nothing outside
itself, and headless Chromium renders every chart from disk with the network cut off."""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_docs_site import CHROMIUM_FLAGS, chromium  # noqa: F401  (the shared Chromium set-up)

from conftest import DbtRun, assert_succeeded, query

pytestmark = pytest.mark.integration

RUNGS = [
    "ai_involvement_rate",
    "ai_containment_rate",
    "ai_assumed_resolution_rate",
    "ai_strict_resolution_rate",
    "ai_durable_resolution_rate",
]
ESCALATION = [
    "escalation_precision",
    "escalation_recall",
    "false_escalation_rate",
    "missed_escalation_rate",
]
CHARTS = [
    "scorecard",
    "ladder_week",
    "ladder_trend",
    "deflection_benchmarks",
    "escalation_monthly",
    "quick_wins",
]
Z = 1.96
# Wilson bounds written out in SQL, independently of the report's Python: p, n -> (low, high)
WILSON_SQL = """
    case when {n} > 0 then greatest(0.0, (({p}) + {z2} / (2 * {n})
        - {z} * sqrt(({p}) * (1 - ({p})) / {n} + {z2} / (4 * {n} * {n}))) / (1 + {z2} / {n})) end,
    case when {n} > 0 then least(1.0, (({p}) + {z2} / (2 * {n})
        + {z} * sqrt(({p}) * (1 - ({p})) / {n} + {z2} / (4 * {n} * {n}))) / (1 + {z2} / {n})) end"""


def wilson_sql(p: str, n: str) -> str:
    return WILSON_SQL.format(p=p, n=n, z=Z, z2=Z * Z)


@pytest.fixture(scope="module")
def report(full_utc: DbtRun, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    assert_succeeded(full_utc)
    out = tmp_path_factory.mktemp("report") / "report.html"
    process = subprocess.run(
        [
            sys.executable,
            "-m",
            "support_kpis.cli",
            "report",
            "--warehouse",
            str(full_utc.db_path),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert process.returncode == 0, process.stdout + process.stderr
    assert f"Report: {out}" in process.stdout
    return out, json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))


def close(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float | int) and isinstance(b, float | int):
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
    return str(a) == str(b)


def assert_rows_equal(shown: list[dict], expected: list[tuple], keys: list[str]) -> None:
    assert len(shown) == len(expected), (len(shown), len(expected))
    for row, want in zip(shown, expected, strict=True):
        got = tuple(row_value(row, key) for key in keys)
        assert all(close(a, b) for a, b in zip(got, want, strict=True)), (keys, got, want)


def row_value(row: dict, key: str) -> object:
    value: object = row
    for part in key.split("."):
        value = value[part]  # type: ignore[index]
    return value


# ------------------------------------------------------------------------------ numbers
def test_the_page_shows_the_latest_complete_week_and_its_as_of(full_utc: DbtRun, report) -> None:
    _, shown = report
    as_of, monday = query(
        full_utc.db_path,
        """
        select max(as_of), cast(date_trunc('week', max(as_of)) as date) - 7
        from marts.fct_tickets""",
    )[0]
    assert shown["as_of"] == as_of.isoformat(sep=" ")
    assert shown["week_start"] == monday.isoformat()
    page, _ = report
    assert f"as_of {shown['as_of']}" in page.read_text(encoding="utf-8")


def test_scorecard_numbers_equal_the_mart(full_utc: DbtRun, report) -> None:
    _, shown = report
    expected = query(
        full_utc.db_path,
        f"""
        select metric, segment, this_week_value, last_week_value, target, status, pending
        from marts.weekly_scorecard where week_start = date '{shown["week_start"]}'
        order by metric, segment""",
    )
    assert expected
    assert_rows_equal(
        shown["scorecard"],
        expected,
        ["metric", "segment", "this_week_value", "last_week_value", "target", "status", "pending"],
    )


LADDER_KEYS = ["inbound_conversations", "ladder_pending", "ladder_inbound"] + [
    f"rungs.{r}.{part}" for r in RUNGS for part in ("numerator", "rate", "ci_low", "ci_high")
]


def test_ladder_by_channel_equals_the_mart(full_utc: DbtRun, report) -> None:
    _, shown = report
    rows = query(
        full_utc.db_path,
        f"""
        select coalesce(channel, 'all channels'), sum(inbound_conversations), sum(ladder_pending),
               sum(ladder_inbound),
               {
            ", ".join(
                f"sum({r}_numerator), sum({r}_numerator) / nullif(sum(ladder_inbound), 0), "
                + wilson_sql(
                    f"sum({r}_numerator) / nullif(sum(ladder_inbound), 0)", "sum(ladder_inbound)"
                )
                for r in RUNGS
            )
        }
        from marts.deflection_ladder
        where date_day between date '{shown["week_start"]}' and date '{shown["week_end"]}'
        group by rollup (channel) order by channel is null, channel""",
    )
    assert len(rows) > 2
    assert_rows_equal(shown["ladder_week"], rows, ["channel"] + LADDER_KEYS)
    # the ladder never goes up, on the page too
    for row in shown["ladder_week"]:
        numerators = [row["rungs"][r]["numerator"] for r in RUNGS]
        assert numerators == sorted(numerators, reverse=True)


def test_ladder_trend_equals_the_mart(full_utc: DbtRun, report) -> None:
    _, shown = report
    rows = query(
        full_utc.db_path,
        f"""
        select cast(date_trunc('week', date_day) as date), sum(inbound_conversations),
               sum(ladder_pending), sum(ladder_inbound),
               {
            ", ".join(
                f"sum({r}_numerator), sum({r}_numerator) / nullif(sum(ladder_inbound), 0), "
                + wilson_sql(
                    f"sum({r}_numerator) / nullif(sum(ladder_inbound), 0)", "sum(ladder_inbound)"
                )
                for r in RUNGS
            )
        }
        from marts.deflection_ladder
        where date_day >= date '{shown["week_start"]}' - 7 * 11
          and date_day <= date '{shown["week_end"]}'
        group by 1 order by 1""",
    )
    assert 1 < len(rows) <= 12
    assert_rows_equal(shown["ladder_trend"], rows, ["week_start"] + LADDER_KEYS)


def test_deflection_by_channel_and_bands_equal_the_marts(full_utc: DbtRun, report) -> None:
    _, shown = report
    strict_p = "sum(deflection_rate_numerator) / nullif(sum(deflection_rate_denominator), 0)"
    adjusted_p = (
        "sum(deflection_rate_adjusted_numerator) / "
        "nullif(sum(deflection_rate_adjusted_denominator), 0)"
    )
    rows = query(
        full_utc.db_path,
        f"""
        select k.channel, {strict_p}, {wilson_sql(strict_p, "sum(deflection_rate_denominator)")},
               {adjusted_p},
               {wilson_sql(adjusted_p, "sum(deflection_rate_adjusted_denominator)")},
               sum(deflection_pending), max(b.low), max(b.high)
        from marts.kpi_daily as k
        left join reference.channel_benchmarks as b
            on b.channel = k.channel and b.metric = 'deflection_rate'
        where k.date_day between date '{shown["week_start"]}' and date '{shown["week_end"]}'
        group by k.channel order by k.channel""",
    )
    assert_rows_equal(
        shown["deflection_by_channel"],
        rows,
        [
            "channel",
            "deflection_rate.rate",
            "deflection_rate.ci_low",
            "deflection_rate.ci_high",
            "deflection_rate_adjusted.rate",
            "deflection_rate_adjusted.ci_low",
            "deflection_rate_adjusted.ci_high",
            "deflection_pending",
            "benchmark_low",
            "benchmark_high",
        ],
    )
    assert any(row["benchmark_low"] is not None for row in shown["deflection_by_channel"])


def test_escalation_rates_by_month_equal_the_mart(full_utc: DbtRun, report) -> None:
    _, shown = report
    parts = []
    for m in ESCALATION:
        p = f"sum({m}_numerator) / nullif(sum({m}_denominator), 0)"
        n_eff = f"(sum({m}_denominator) * sum({m}_denominator) / nullif(sum({m}_weight_sq_sum), 0))"
        parts.append(f"{p}, {wilson_sql(p, n_eff)}")
    rows = query(
        full_utc.db_path,
        f"""
        select month_start, sum(escalation_reviewed_tickets), {", ".join(parts)}
        from marts.escalation_quality_monthly group by month_start
        having sum(escalation_reviewed_tickets) > 0 order by month_start""",
    )
    assert rows
    assert_rows_equal(
        shown["escalation_monthly"],
        rows,
        ["month_start", "escalation_reviewed_tickets"]
        + [f"{m}.{part}" for m in ESCALATION for part in ("rate", "ci_low", "ci_high")],
    )


def test_review_quick_wins_signals_and_alerts_equal_the_marts(full_utc: DbtRun, report) -> None:
    _, shown = report
    month = shown["review_month"]
    assert month == shown["week_start"][:8] + "01"
    quick = query(
        full_utc.db_path,
        f"""
        select category, false_escalation_rate, is_quick_win, false_escalation_rank
        from marts.monthly_escalation_review
        where month_start = date '{month}' and false_escalation_rate is not null
        order by false_escalation_rate desc, category""",
    )
    assert_rows_equal(
        shown["quick_wins"],
        quick,
        ["category", "false_escalation_rate", "is_quick_win", "false_escalation_rank"],
    )
    signals = query(
        full_utc.db_path,
        f"""
        select category, csat_gap, ai_followup_rate from marts.missed_escalation_signal
        where month_start = date '{month}' and missed_escalation_signal order by category""",
    )
    assert_rows_equal(
        shown["missed_escalation_signals"], signals, ["category", "csat_gap", "ai_followup_rate"]
    )
    alerts = query(
        full_utc.db_path,
        f"""
        select alert_source, metric, segment, channel, period_start, kpi_value, threshold, severity
        from marts.alerts
        where (grain = 'week' and period_start = date '{shown["week_start"]}')
           or (grain <> 'week' and period_start <= date '{shown["as_of"][:10]}')
        order by period_start desc, alert_source, metric, channel, segment""",
    )
    assert_rows_equal(
        shown["alerts"],
        alerts,
        [
            "alert_source",
            "metric",
            "segment",
            "channel",
            "period_start",
            "kpi_value",
            "threshold",
            "severity",
        ],
    )


# ------------------------------------------------------------------------------ charts
def figures(page: str) -> dict[str, dict]:
    found = re.findall(
        r'<script type="application/json" class="figure" data-chart="(\w+)">'
        r"(.*?)</script>",
        page,
        flags=re.S,
    )
    return {chart: json.loads(text.replace("<\\/", "</")) for chart, text in found}


def trace_y(figure: dict, name: str) -> list:
    return next(trace["y"] for trace in figure["data"] if trace["name"] == name)


def expected_marks(shown: dict) -> dict[str, int]:
    """Marks each chart must draw, counted from the JSON numbers: one bar of non-zero height per
    non-null, non-zero bar value, one marker per non-null marker value."""

    def bars(values: list) -> int:
        return sum(value is not None and abs(value) > 1e-12 for value in values)

    def markers(values: list) -> int:
        return sum(value is not None for value in values)

    fractions = [row for row in shown["scorecard"] if row["unit"] == "fraction"]
    deflection = shown["deflection_by_channel"]
    return {
        "scorecard": bars([row["this_week_value"] for row in fractions])
        + bars([row["last_week_value"] for row in fractions])
        + markers([row["target"] for row in fractions]),
        "ladder_week": sum(
            bars([row["rungs"][r]["rate"] for row in shown["ladder_week"]]) for r in RUNGS
        ),
        "ladder_trend": sum(
            markers([row["rungs"][r]["rate"] for row in shown["ladder_trend"]]) for r in RUNGS
        ),
        "deflection_benchmarks": bars(
            [
                row["benchmark_high"] - row["benchmark_low"]
                for row in deflection
                if row["benchmark_low"] is not None
            ]
        )
        + markers([row["deflection_rate"]["rate"] for row in deflection])
        + markers([row["deflection_rate_adjusted"]["rate"] for row in deflection]),
        "escalation_monthly": sum(
            markers([row[m]["rate"] for row in shown["escalation_monthly"]]) for m in ESCALATION
        ),
        "quick_wins": bars([row["false_escalation_rate"] for row in shown["quick_wins"]]),
    }


def test_each_chart_plots_the_numbers_of_the_json(report) -> None:
    page, shown = report
    found = figures(page.read_text(encoding="utf-8"))
    assert sorted(found) == sorted(CHARTS)
    labels = {"1 · AI involved": RUNGS[0], "5 · durable (no repeat)": RUNGS[4]}
    for label, rung in labels.items():
        assert trace_y(found["ladder_week"], label) == [
            row["rungs"][rung]["rate"] for row in shown["ladder_week"]
        ]
        assert trace_y(found["ladder_trend"], label) == [
            row["rungs"][rung]["rate"] for row in shown["ladder_trend"]
        ]
    assert trace_y(found["deflection_benchmarks"], "deflection_rate (strict)") == [
        row["deflection_rate"]["rate"] for row in shown["deflection_by_channel"]
    ]
    assert trace_y(found["deflection_benchmarks"], "deflection_rate_adjusted") == [
        row["deflection_rate_adjusted"]["rate"] for row in shown["deflection_by_channel"]
    ]
    for metric in ESCALATION:
        assert trace_y(found["escalation_monthly"], metric) == [
            row[metric]["rate"] for row in shown["escalation_monthly"]
        ]
    assert trace_y(found["quick_wins"], "false_escalation_rate") == [
        row["false_escalation_rate"] for row in shown["quick_wins"]
    ]
    fractions = [row for row in shown["scorecard"] if row["unit"] == "fraction"]
    assert trace_y(found["scorecard"], "this week") == [r["this_week_value"] for r in fractions]
    assert trace_y(found["scorecard"], "target") == [r["target"] for r in fractions]


# ------------------------------------------------------------------------------ no network
class _References(HTMLParser):
    """External references of a page: attributes that load or link a resource, CSS url() and
    @import in style elements and attributes, and module imports or script loading in scripts.
    String literals inside the inlined library (e.g. a map tile server for map traces the
    report never draws) are data, not references; the Chromium test proves nothing loads."""

    URL_ATTRIBUTES = {
        "src",
        "href",
        "xlink:href",
        "action",
        "formaction",
        "poster",
        "data",
        "srcset",
        "background",
        "manifest",
        "ping",
    }
    EXTERNAL = re.compile(r"^\s*(?:https?:)?//", re.I)
    CSS = re.compile(r"url\(\s*['\"]?\s*(?:https?:)?//|@import", re.I)
    SCRIPT = re.compile(
        r"\bimport\s*\(\s*['\"`](?:https?:)?//|\bimport\s[^;]*?\bfrom\s*['\"]"
        r"(?:https?:)?//|importScripts\s*\(|\bfetch\s*\(\s*['\"`](?:https?:)?//",
        re.I,
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and name in self.URL_ATTRIBUTES and self.EXTERNAL.match(value):
                self.found.append(f"<{tag} {name}={value}>")
            if value and name == "style" and self.CSS.search(value):
                self.found.append(f"<{tag} style={value}>")
        if tag == "link":
            self.found.append("<link> element")
        self._in = tag if tag in ("script", "style") else None

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        pattern = {"style": self.CSS, "script": self.SCRIPT}.get(self._in or "")
        if pattern is not None:
            self.found.extend(match.group(0) for match in pattern.finditer(data))


def external_references(page: str) -> list[str]:
    parser = _References()
    parser.feed(page)
    parser.close()
    return parser.found


def test_the_page_references_nothing_outside_itself(report) -> None:
    page, _ = report
    text = page.read_text(encoding="utf-8")
    assert external_references(text) == []
    assert '<script id="plotly-js">' in text and "<script src" not in text


@pytest.mark.parametrize(
    "injected",
    [
        '<script src="https://cdn.example.org/plotly.min.js"></script>',
        '<img src="//cdn.example.org/logo.png">',
        '<a href="http://example.org/">more</a>',
        "<style>body { background: url('https://example.org/bg.png'); }</style>",
        "<style>@import 'https://fonts.example.org/font.css';</style>",
        '<div style="background: url(//example.org/x.png)"></div>',
        "<script>import('https://example.org/module.js');</script>",
        '<link rel="stylesheet" href="report.css">',
    ],
)
def test_an_external_reference_is_caught(report, injected: str) -> None:
    page, _ = report
    text = page.read_text(encoding="utf-8").replace("</body>", injected + "</body>")
    assert external_references(text) != []


# ------------------------------------------------------------------------------ Chromium
class _RenderedCharts(HTMLParser):
    """Per chart div of a rendered DOM: plotly's drawn marks (bars `g.point`, markers
    `path.point`) and whether it holds an svg."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: dict[str, int] = {}
        self.svgs: dict[str, int] = {}
        self.external: list[str] = []
        self._stack: list[tuple[str, str | None]] = []

    def _chart(self) -> str | None:
        return next((chart for _, chart in reversed(self._stack) if chart), None)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        chart = values.get("data-chart") if tag == "div" and "chart" in classes else None
        if chart:
            self.marks.setdefault(chart, 0)
            self.svgs.setdefault(chart, 0)
        current = chart or self._chart()
        in_bar = bool(self._stack) and self._stack[-1][0] == "g.point"
        if current and "point" in classes and tag == "path":  # a scatter marker
            self.marks[current] += 1
        elif current and in_bar and tag == "path" and _bar_height(values.get("d") or "") > 0.01:
            self.marks[current] += 1  # a bar that has a height
        if current and tag == "svg":
            self.svgs[current] += 1
        for name, value in attrs:
            if name in _References.URL_ATTRIBUTES and value and _References.EXTERNAL.match(value):
                self.external.append(f"<{tag} {name}={value}>")
        if tag not in ("img", "br", "hr", "input", "meta", "link"):
            self._stack.append(("g.point" if tag == "g" and "point" in classes else tag, chart))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if self._stack and self._stack[-1][0] == tag:
            self._stack.pop()

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            if self._stack.pop()[0].split(".")[0] == tag:
                break


def _bar_height(d: str) -> float:
    """Height in pixels of a plotly bar path `M x,y0 V y1 H x2 V y0 Z`; inf when it has another
    shape (then it is drawn)."""
    match = re.match(r"M[\d.e+-]+,([\d.e+-]+)V([\d.e+-]+)H", d)
    return abs(float(match.group(1)) - float(match.group(2))) if match else math.inf


def render(chromium: str, page: Path, profile: Path) -> str:  # noqa: F811
    process = subprocess.run(
        [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            "--virtual-time-budget=20000",
            # no name resolves: a chart that needed the network would not render
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=180,
    )
    assert process.returncode == 0, process.stderr[-2000:]
    return process.stdout


def rendered(dom: str) -> _RenderedCharts:
    parser = _RenderedCharts()
    parser.feed(dom)
    parser.close()
    return parser


def test_chromium_renders_every_chart_from_disk_offline(
    chromium: str,  # noqa: F811 (the shared fixture, imported above)
    report,  # noqa: F811
    tmp_path: Path,
) -> None:
    page, shown = report
    dom = render(chromium, page, tmp_path / "profile")
    assert f'data-charts-rendered="{len(CHARTS)}"' in dom
    charts = rendered(dom)
    want = expected_marks(shown)
    assert sorted(charts.marks) == sorted(CHARTS)
    for chart in CHARTS:
        assert charts.svgs[chart] > 0, chart
        assert want[chart] > 0, chart
        assert charts.marks[chart] == want[chart], (chart, charts.marks[chart], want[chart])
    assert charts.external == []


def test_a_blank_or_short_chart_is_caught(
    chromium: str,  # noqa: F811 (the shared fixture, imported above)
    report,  # noqa: F811
    tmp_path: Path,
) -> None:
    page, shown = report
    text = page.read_text(encoding="utf-8")
    found = figures(text)
    ladder = found["ladder_week"]
    ladder["data"][-1]["y"] = [None] * len(ladder["data"][-1]["y"])  # one rung not drawn
    broken = text.replace(
        re.search(
            r'(<script type="application/json" class="figure" data-chart="ladder_week">)'
            r"(.*?)</script>",
            text,
            flags=re.S,
        ).group(2),
        json.dumps(ladder).replace("</", "<\\/"),
    )
    broken = broken.replace('id="chart-quick_wins"', 'id="chart-gone"')  # never drawn
    broken_page = tmp_path / "broken.html"
    broken_page.write_text(broken, encoding="utf-8")
    charts = rendered(render(chromium, broken_page, tmp_path / "profile"))
    want = expected_marks(shown)
    assert charts.marks["ladder_week"] < want["ladder_week"]
    assert charts.svgs["quick_wins"] == 0 and charts.marks["quick_wins"] == 0
