"""`support-kpis report`: one self-contained static HTML page for a support leader's week.

Every number comes from the marts of a built warehouse (DuckDB file): the weekly scorecard, the
deflection ladder by channel for the week and its 12-week trend, strict against adjusted
deflection with the channel benchmark bands, the monthly escalation rates with their intervals,
the monthly review's quick wins and missed-escalation signals, and the alerts. Groups that the
marts store finer (day x channel x category) are rolled up by summing their additive parts and
dividing again, with the same Wilson bounds as the project's macros.

The page inlines plotly.js and every style, so it opens from disk with no network. Beside it the
report writes a JSON of every number it shows (`<out>.json`), which the tests compare with the
marts.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from support_kpis.metrics import PROJECT_ROOT

RUNGS = (
    ("ai_involvement_rate", "1 · AI involved"),
    ("ai_containment_rate", "2 · AI contained"),
    ("ai_assumed_resolution_rate", "3 · assumed resolved"),
    ("ai_strict_resolution_rate", "4 · strict (no reopen)"),
    ("ai_durable_resolution_rate", "5 · durable (no repeat)"),
)
ESCALATION_RATES = (
    "escalation_precision",
    "escalation_recall",
    "false_escalation_rate",
    "missed_escalation_rate",
)
TREND_WEEKS = 12
ALL = "all channels"


class ReportError(Exception):
    """A problem with the report's input, with a message that names it."""


@dataclass(frozen=True)
class Report:
    html_path: Path
    json_path: Path
    data: dict[str, Any]


def confidence_z(root: Path = PROJECT_ROOT) -> float:
    """The project's `confidence_z` var (dbt_project.yml), 1.96 when it cannot be read."""
    try:
        config = yaml.safe_load((root / "dbt_project.yml").read_text(encoding="utf-8"))
        return float(config["vars"]["confidence_z"])
    except (OSError, KeyError, TypeError, ValueError):
        return 1.96


def wilson(successes: float | None, trials: float | None, z: float) -> tuple[Any, Any]:
    """Wilson score bounds as in macros/wilson_bound.sql: (None, None) without trials."""
    if trials is None or successes is None or trials == 0:
        return None, None
    p = successes / trials
    centre = p + z * z / (2 * trials)
    spread = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials))
    denominator = 1 + z * z / trials
    return max(0.0, (centre - spread) / denominator), min(1.0, (centre + spread) / denominator)


def _rate(numerator: Any, denominator: Any, z: float) -> dict[str, Any]:
    numerator = None if numerator is None else float(numerator)
    denominator = None if denominator is None else float(denominator)
    value = numerator / denominator if numerator is not None and denominator else None
    low, high = wilson(numerator, denominator, z)
    return {
        "numerator": numerator,
        "denominator": denominator,
        "rate": value,
        "ci_low": low,
        "ci_high": high,
    }


def _weighted_rate(
    numerator: Any, denominator: Any, weight_sq_sum: Any, z: float
) -> dict[str, Any]:
    """Weighted rate with Wilson bounds on the Kish effective sample size, as in
    macros/weighted_rate_columns.sql."""
    value = numerator / denominator if numerator is not None and denominator else None
    n_eff = denominator * denominator / weight_sq_sum if denominator and weight_sq_sum else None
    low, high = wilson(value * n_eff if value is not None and n_eff else None, n_eff, z)
    return {
        "numerator": numerator,
        "denominator": denominator,
        "weight_sq_sum": weight_sq_sum,
        "rate": value,
        "ci_low": low,
        "ci_high": high,
    }


def parse_week(text: str) -> dt.date:
    """`YYYY-Www` (ISO week) to its Monday."""
    try:
        year, week = text.split("-W")
        return dt.date.fromisocalendar(int(year), int(week), 1)
    except ValueError as error:
        raise ReportError(f"--week {text!r}: expected an ISO week such as 2026-W16") from error


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _records(connection: Any, sql: str, parameters: list[Any] | None = None) -> list[dict]:
    cursor = connection.execute(sql, parameters or [])
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy / decimal scalars
        return value.item()
    return value


def _clean(rows: list[dict]) -> list[dict]:
    return [{key: _plain(value) for key, value in row.items()} for row in rows]


# ------------------------------------------------------------------------------ reading
def read_report_data(
    warehouse: Path, week: str | None = None, z: float | None = None
) -> dict[str, Any]:
    """Every number the page shows, read from the marts of `warehouse`."""
    import duckdb

    if not warehouse.exists():
        raise ReportError(f"--warehouse {warehouse}: no such file; run `make build` first")
    z = confidence_z() if z is None else z
    connection = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = {
            row[0]
            for row in connection.execute(
                "select table_name from information_schema.tables where table_schema = 'marts'"
            ).fetchall()
        }
        needed = {
            "fct_tickets",
            "kpi_daily",
            "deflection_ladder",
            "weekly_scorecard",
            "escalation_quality_monthly",
            "monthly_escalation_review",
            "missed_escalation_signal",
            "alerts",
        }
        if needed - tables:
            raise ReportError(
                f"--warehouse {warehouse}: schema marts lacks "
                f"{', '.join(sorted(needed - tables))}; run `dbt build` first"
            )
        as_of = connection.execute("select max(as_of) from marts.fct_tickets").fetchone()[0]
        if as_of is None:
            raise ReportError(f"--warehouse {warehouse}: marts.fct_tickets is empty")
        if week is None:
            # the latest week (Monday 00:00 to the next Monday) that had ended by as_of: the
            # week before the one as_of falls in
            week_start = as_of.date() - dt.timedelta(days=as_of.weekday() + 7)
        else:
            week_start = parse_week(week)
        week_end = week_start + dt.timedelta(days=6)
        weeks = {
            row[0]
            for row in connection.execute(
                "select distinct week_start from marts.weekly_scorecard"
            ).fetchall()
        }
        if week_start not in weeks:
            raise ReportError(
                f"week {iso_week(week_start)} ({week_start}): the warehouse has no "
                "weekly_scorecard rows for it"
            )
        data: dict[str, Any] = {
            "warehouse": str(warehouse),
            "as_of": _plain(as_of),
            "week": iso_week(week_start),
            "week_start": week_start.isoformat(),
            "week_end": week_end.isoformat(),
            "confidence_z": z,
        }
        data["scorecard"] = _clean(
            _records(
                connection,
                """
            select metric, segment, unit, this_week_value, last_week_value, target, comparator,
                   status, pending
            from marts.weekly_scorecard where week_start = ?
            order by metric, segment""",
                [week_start],
            )
        )
        data["ladder_week"] = _ladder(connection, week_start, week_end, z)
        data["ladder_trend"] = _ladder_trend(connection, week_start, z)
        data["deflection_by_channel"] = _deflection(connection, week_start, week_end, z)
        data["escalation_monthly"] = _escalation(connection, z)
        month_start = week_start.replace(day=1)
        data["review_month"] = month_start.isoformat()
        data["quick_wins"] = _clean(
            _records(
                connection,
                """
            select category, false_escalation_rate, false_escalation_rate_ci_low,
                   false_escalation_rate_ci_high, false_escalation_rank, is_quick_win,
                   false_escalation_cost
            from marts.monthly_escalation_review
            where month_start = ? and false_escalation_rate is not null
            order by false_escalation_rate desc, category""",
                [month_start],
            )
        )
        data["missed_escalation_signals"] = _clean(
            _records(
                connection,
                """
            select category, csat_ai_only, csat_human_first, csat_gap, csat_gap_z,
                   ai_followup_rate, has_csat_gap_signal, has_ai_followup_signal
            from marts.missed_escalation_signal
            where month_start = ? and missed_escalation_signal
            order by category""",
                [month_start],
            )
        )
        data["alerts"] = _clean(
            _records(
                connection,
                """
            select alert_source, metric, segment, grain, period_start, channel, kpi_value,
                   threshold, comparator, severity, rule_id
            from marts.alerts
            where (grain = 'week' and period_start = ?)
               or (grain <> 'week' and period_start <= ?)
            order by period_start desc, alert_source, metric, channel, segment""",
                [week_start, as_of.date()],
            )
        )
    finally:
        connection.close()
    return data


def _ladder_rows(rows: list[dict], z: float) -> list[dict]:
    out = []
    for row in rows:
        entry = {key: _plain(row[key]) for key in row if not key.endswith("_numerator")}
        entry["rungs"] = {
            rung: _rate(row[f"{rung}_numerator"], row["ladder_inbound"], z) for rung, _ in RUNGS
        }
        out.append(entry)
    return out


_LADDER_SUMS = ",\n".join(
    [
        "sum(inbound_conversations) as inbound_conversations",
        "sum(ladder_pending) as ladder_pending",
        "sum(ladder_inbound) as ladder_inbound",
    ]
    + [f"sum({rung}_numerator) as {rung}_numerator" for rung, _ in RUNGS]
)


def _ladder(connection: Any, start: dt.date, end: dt.date, z: float) -> list[dict]:
    rows = _records(
        connection,
        f"""
        select coalesce(channel, '{ALL}') as channel, {_LADDER_SUMS}
        from marts.deflection_ladder where date_day between ? and ?
        group by rollup (channel)
        order by channel is null, channel""",
        [start, end],
    )
    return _ladder_rows(rows, z)


def _ladder_trend(connection: Any, week_start: dt.date, z: float) -> list[dict]:
    first = week_start - dt.timedelta(weeks=TREND_WEEKS - 1)
    rows = _records(
        connection,
        f"""
        select cast(date_trunc('week', date_day) as date) as week_start, {_LADDER_SUMS}
        from marts.deflection_ladder where date_day between ? and ?
        group by 1 order by 1""",
        [first, week_start + dt.timedelta(days=6)],
    )
    return _ladder_rows(rows, z)


def _deflection(connection: Any, start: dt.date, end: dt.date, z: float) -> list[dict]:
    rows = _records(
        connection,
        """
        with week as (
            select channel,
                   sum(deflection_rate_numerator) as strict_numerator,
                   sum(deflection_rate_denominator) as strict_denominator,
                   sum(deflection_rate_adjusted_numerator) as adjusted_numerator,
                   sum(deflection_rate_adjusted_denominator) as adjusted_denominator,
                   sum(deflection_pending) as deflection_pending
            from marts.kpi_daily where date_day between ? and ?
            group by channel
        )
        select week.*, bands.low as benchmark_low, bands.high as benchmark_high
        from week
        left join reference.channel_benchmarks as bands
            on bands.channel = week.channel and bands.metric = 'deflection_rate'
        order by week.channel""",
        [start, end],
    )
    return [
        {
            "channel": row["channel"],
            "deflection_pending": _plain(row["deflection_pending"]),
            "deflection_rate": _rate(row["strict_numerator"], row["strict_denominator"], z),
            "deflection_rate_adjusted": _rate(
                row["adjusted_numerator"], row["adjusted_denominator"], z
            ),
            "benchmark_low": _plain(row["benchmark_low"]),
            "benchmark_high": _plain(row["benchmark_high"]),
        }
        for row in rows
    ]


def _escalation(connection: Any, z: float) -> list[dict]:
    sums = ",\n".join(
        f"sum({m}_numerator) as {m}_numerator, sum({m}_denominator) as "
        f"{m}_denominator, sum({m}_weight_sq_sum) as {m}_weight_sq_sum"
        for m in ESCALATION_RATES
    )
    rows = _records(
        connection,
        f"""
        select month_start, sum(escalation_reviewed_tickets) as escalation_reviewed_tickets, {sums}
        from marts.escalation_quality_monthly
        group by month_start having sum(escalation_reviewed_tickets) > 0
        order by month_start""",
    )
    return [
        {
            "month_start": _plain(row["month_start"]),
            "escalation_reviewed_tickets": _plain(row["escalation_reviewed_tickets"]),
            **{
                m: _weighted_rate(
                    row[f"{m}_numerator"], row[f"{m}_denominator"], row[f"{m}_weight_sq_sum"], z
                )
                for m in ESCALATION_RATES
            },
        }
        for row in rows
    ]


# ------------------------------------------------------------------------------ charts
def _error(points: list[dict]) -> dict[str, Any]:
    return {
        "type": "data",
        "symmetric": False,
        "array": [None if p["rate"] is None else p["ci_high"] - p["rate"] for p in points],
        "arrayminus": [None if p["rate"] is None else p["rate"] - p["ci_low"] for p in points],
    }


def _trace(kind: str, name: str, x: list, y: list, **style: Any) -> dict[str, Any]:
    """One plotly trace: `kind` "bar", "markers" (points) or "lines" (points joined)."""
    if kind == "bar":
        head: dict[str, Any] = {"type": "bar"}
    else:
        head = {"type": "scatter", "mode": "markers" if kind == "markers" else "lines+markers"}
    return {**head, "name": name, "x": x, "y": y, **style}


def _rate_trace(kind: str, name: str, x: list, points: list[dict], **style: Any) -> dict[str, Any]:
    """A trace of rates (dicts with rate, ci_low, ci_high), their Wilson bounds as error bars."""
    y = [point["rate"] for point in points]
    return _trace(kind, name, x, y, error_y=_error(points), **style)


def _figure(title: str, traces: list[dict], **layout: Any) -> dict[str, Any]:
    """A figure of rates (a percent y axis) in the page's common size, margins and legend."""
    return {
        "data": traces,
        "layout": {
            "title": {"text": title},
            **layout,
            "yaxis": {"tickformat": ".0%", "rangemode": "tozero"},
            "height": 420,
            "margin": {"t": 60, "b": 90},
            "legend": {"orientation": "h", "y": -0.25},
            "font": {"family": "system-ui, sans-serif"},
        },
    }


def _values(rows: list[dict], *path: str) -> list:
    """`row[path[0]][path[1]]...` of every row."""
    out = []
    for row in rows:
        for key in path:
            row = row[key]
        out.append(row)
    return out


def build_figures(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The page's charts as plotly figure dicts, keyed by chart id, each from `data` only."""
    figures: dict[str, dict[str, Any]] = {}

    fractions = [row for row in data["scorecard"] if row["unit"] == "fraction"]
    labels = [
        f"{row['metric']} ({row['segment']})" if row["segment"] != "all" else row["metric"]
        for row in fractions
    ]
    weeks = (
        ("last week", "last_week_value", "#b0bec5"),
        ("this week", "this_week_value", "#1565c0"),
    )
    target = {"symbol": "line-ew-open", "size": 28, "color": "#d32f2f", "line": {"width": 3}}
    figures["scorecard"] = _figure(
        "Rates this week, last week and their targets",
        [
            _trace("bar", name, labels, _values(fractions, key), marker={"color": color})
            for name, key, color in weeks
        ]
        + [_trace("markers", "target", labels, _values(fractions, "target"), marker=target)],
        barmode="group",
    )

    ladder = data["ladder_week"]
    figures["ladder_week"] = _figure(
        f"Deflection ladder by channel, week {data['week']} (tickets whose windows have closed)",
        [
            _rate_trace("bar", label, _values(ladder, "channel"), _values(ladder, "rungs", rung))
            for rung, label in RUNGS
        ],
        barmode="group",
    )

    trend = data["ladder_trend"]
    figures["ladder_trend"] = _figure(
        f"Deflection ladder, all channels, last {TREND_WEEKS} weeks",
        [
            _trace(
                "lines", label, _values(trend, "week_start"), _values(trend, "rungs", rung, "rate")
            )
            for rung, label in RUNGS
        ],
        xaxis={"title": {"text": "week starting"}},
    )

    deflection = data["deflection_by_channel"]
    channels = _values(deflection, "channel")
    banded = [row for row in deflection if row["benchmark_low"] is not None]
    band = {
        "type": "bar",
        "name": "benchmark band (channel_benchmarks)",
        "x": _values(banded, "channel"),
        "base": _values(banded, "benchmark_low"),
        "y": [row["benchmark_high"] - row["benchmark_low"] for row in banded],
        "marker": {"color": "rgba(76, 175, 80, 0.25)"},
        "width": 0.9,
    }
    points = (
        ("deflection_rate (strict)", "deflection_rate", {"size": 12, "color": "#1565c0"}),
        (
            "deflection_rate_adjusted",
            "deflection_rate_adjusted",
            {"size": 12, "symbol": "diamond", "color": "#ef6c00"},
        ),
    )
    figures["deflection_benchmarks"] = _figure(
        f"Strict and adjusted deflection by channel, week {data['week']}, against the benchmark "
        "band",
        [band]
        + [
            _rate_trace("markers", name, channels, _values(deflection, key), marker=marker)
            for name, key, marker in points
        ],
        barmode="overlay",
    )

    escalation = data["escalation_monthly"]
    months = _values(escalation, "month_start")
    figures["escalation_monthly"] = _figure(
        "Escalation quality by month, all channels (95% intervals)",
        [
            _rate_trace("lines", metric, months, _values(escalation, metric))
            for metric in ESCALATION_RATES
        ],
        xaxis={"title": {"text": "month"}, "type": "date"},
    )

    review = data["quick_wins"]
    rates = [
        {
            "rate": row["false_escalation_rate"],
            "ci_low": row["false_escalation_rate_ci_low"],
            "ci_high": row["false_escalation_rate_ci_high"],
        }
        for row in review
    ]
    categories = _values(review, "category")
    quick_win = {"color": ["#d32f2f" if row["is_quick_win"] else "#90a4ae" for row in review]}
    figures["quick_wins"] = _figure(
        f"False-escalation rate by category, {data['review_month'][:7]}"
        " (red: quick win, tighten the threshold)",
        [_rate_trace("bar", "false_escalation_rate", categories, rates, marker=quick_win)],
    )
    return figures


def expected_marks(figure: dict[str, Any]) -> int:
    """Marks plotly draws for a figure: one per non-null y of each bar or marker trace."""
    return sum(sum(1 for value in trace["y"] if value is not None) for trace in figure["data"])


# ------------------------------------------------------------------------------ page
def _fmt(value: Any, unit: str = "fraction") -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        if unit == "fraction":
            return f"{value:.1%}"
        return f"{value:,.2f}" if isinstance(value, float) else f"{value:,}"
    return html.escape(str(value))


# a table column: its header and how a row's cell is written (HTML)
Column = tuple[str, Callable[[dict[str, Any]], str]]


def _text(key: str) -> Callable[[dict[str, Any]], str]:
    return lambda row: html.escape(row[key])


def _number(key: str, unit: str = "fraction") -> Callable[[dict[str, Any]], str]:
    return lambda row: _fmt(row[key], unit)


def _table(rows: list[dict[str, Any]], columns: list[Column], css: str = "") -> str:
    head = "".join(f"<th>{html.escape(header)}</th>" for header, _ in columns)
    if not rows:
        return '<p class="empty">None for this period.</p>'
    body = "".join(
        "<tr>" + "".join(f"<td>{cell(row)}</td>" for _, cell in columns) + "</tr>" for row in rows
    )
    return f'<table class="{css}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _status(status: Any) -> str:
    text = "–" if status is None else str(status)
    return f'<span class="status status-{html.escape(text)}">{html.escape(text)}</span>'


def _target(row: dict[str, Any]) -> str:
    if row["target"] is None:
        return "–"
    return html.escape(row["comparator"] or "") + " " + _fmt(row["target"], row["unit"])


SCORECARD_COLUMNS: list[Column] = [
    ("metric", _text("metric")),
    ("segment", _text("segment")),
    ("this week", lambda row: _fmt(row["this_week_value"], row["unit"])),
    ("last week", lambda row: _fmt(row["last_week_value"], row["unit"])),
    ("target", _target),
    ("status", lambda row: _status(row["status"])),
    ("pending", _number("pending", "count")),
    ("unit", _text("unit")),
]
LADDER_COLUMNS: list[Column] = [
    ("channel", _text("channel")),
    ("inbound", _number("inbound_conversations", "count")),
    ("pending", _number("ladder_pending", "count")),
    ("in ladder", _number("ladder_inbound", "count")),
] + [(label, lambda row, rung=rung: _fmt(row["rungs"][rung]["rate"])) for rung, label in RUNGS]
QUICK_WIN_COLUMNS: list[Column] = [
    ("category", _text("category")),
    ("false-escalation rate", _number("false_escalation_rate")),
    ("rank", _number("false_escalation_rank", "count")),
    ("quick win", _number("is_quick_win")),
    ("false-escalation cost", _number("false_escalation_cost", "money")),
]
SIGNAL_COLUMNS: list[Column] = [
    ("category", _text("category")),
    ("CSAT AI only", _number("csat_ai_only")),
    ("CSAT human first", _number("csat_human_first")),
    ("CSAT gap", _number("csat_gap")),
    ("AI follow-up rate", _number("ai_followup_rate")),
    ("CSAT-gap signal", _number("has_csat_gap_signal")),
    ("follow-up signal", _number("has_ai_followup_signal")),
]
ALERT_COLUMNS: list[Column] = [
    ("source", _text("alert_source")),
    ("metric", _text("metric")),
    ("segment", _text("segment")),
    ("channel", _text("channel")),
    ("grain", _text("grain")),
    ("period", _text("period_start")),
    ("value", _number("kpi_value", "value")),
    (
        "threshold",
        lambda row: html.escape(row["comparator"] or "") + " " + _fmt(row["threshold"], "value"),
    ),
    ("severity", lambda row: _status(row["severity"])),
]


def _chart(chart_id: str, figure: dict[str, Any]) -> str:
    payload = json.dumps(figure, allow_nan=False).replace("</", "<\\/")
    return (
        f'<div class="chart" id="chart-{chart_id}" data-chart="{chart_id}" '
        f'data-expected-marks="{expected_marks(figure)}"></div>\n'
        f'<script type="application/json" class="figure" data-chart="{chart_id}">'
        f"{payload}</script>"
    )


_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; color: #212121; }
h1 { margin-bottom: 0.2rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #ddd; }
.meta { color: #555; } table { border-collapse: collapse; margin: 0.8rem 0; font-size: 0.9rem; }
th, td { border: 1px solid #ddd; padding: 0.3rem 0.6rem; text-align: right; }
th { background: #f5f5f5; } td:first-child, th:first-child { text-align: left; }
.status { padding: 0.1rem 0.45rem; border-radius: 0.3rem; background: #eceff1; }
.status-on_target { background: #c8e6c9; } .status-warning { background: #ffe0b2; }
.status-critical { background: #ffcdd2; } .status-info { background: #e3f2fd; }
.status-provisional { background: #fff9c4; font-style: italic; border: 1px dashed #f9a825; }
.chart { min-height: 420px; } .empty { color: #777; font-style: italic; }
"""

_BOOT = """
(function () {
  var figures = document.querySelectorAll('script.figure');
  var pending = [];
  figures.forEach(function (node) {
    var figure = JSON.parse(node.textContent);
    var div = document.getElementById('chart-' + node.dataset.chart);
    pending.push(Plotly.newPlot(div, figure.data, figure.layout,
      {displaylogo: false, responsive: true, showLink: false}));
  });
  Promise.all(pending).then(function () {
    document.body.setAttribute('data-charts-rendered', String(pending.length));
  });
})();
"""


def render_html(data: dict[str, Any], figures: dict[str, dict[str, Any]]) -> str:
    from plotly.offline import get_plotlyjs

    charts = {chart_id: _chart(chart_id, figure) for chart_id, figure in figures.items()}
    title = f"Support KPIs, week {data['week']}"
    body = f"""
<h1>{html.escape(title)}</h1>
<p class="meta">Week {data["week_start"]} to {data["week_end"]} ·
<strong>as_of {html.escape(data["as_of"])}</strong> (outcomes whose windows were still open then are
pending) · warehouse <code>{html.escape(data["warehouse"])}</code>. Every number is read from the
marts; rates roll up by summing their parts.</p>

<h2>Weekly scorecard</h2>
<p>Status <span class="status status-provisional">provisional</span> means too many of the week's
outcomes were still pending at as_of to judge the KPI against its target.</p>
{_table(data["scorecard"], SCORECARD_COLUMNS)}
{charts["scorecard"]}

<h2>Deflection ladder</h2>
<p>The same tickets under each rule of "the AI resolved it": any AI message, contained (no human),
resolved (what vendor dashboards call a resolution), strict (not reopened within the reopen
window: <code>deflection_rate</code>'s rule) and durable (no repeat contact either). Only tickets
whose reopen and repeat-contact windows had closed by as_of count; the rest are pending.</p>
{_table(data["ladder_week"], LADDER_COLUMNS)}
{charts["ladder_week"]}
{charts["ladder_trend"]}

<h2>Strict and adjusted deflection against the channel benchmarks</h2>
{charts["deflection_benchmarks"]}

<h2>Escalation quality by month</h2>
{charts["escalation_monthly"]}

<h2>Monthly escalation review, {data["review_month"][:7]}</h2>
<h3>Quick wins (false escalations: tighten the confidence threshold)</h3>
{charts["quick_wins"]}
{_table(data["quick_wins"], QUICK_WIN_COLUMNS)}
<h3>Missed-escalation signals (widen the threshold)</h3>
{_table(data["missed_escalation_signals"], SIGNAL_COLUMNS)}

<h2>Alerts</h2>
{_table(data["alerts"], ALERT_COLUMNS)}
"""
    plotly_js = get_plotlyjs().replace("</script", "<\\/script")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}</title>
<style>{_STYLE}</style>
<script id="plotly-js">{plotly_js}</script>
</head>
<body>
{body}
<script id="report-boot">{_BOOT}</script>
</body>
</html>
"""


def write_report(
    warehouse: Path, out: Path, week: str | None = None, json_out: Path | None = None
) -> Report:
    data = read_report_data(warehouse, week)
    figures = build_figures(data)
    data["charts"] = {
        chart_id: {"expected_marks": expected_marks(figure)} for chart_id, figure in figures.items()
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    json_path = json_out or out.with_suffix(".json")
    out.write_text(render_html(data, figures), encoding="utf-8")
    json_path.write_text(json.dumps(data, indent=2, allow_nan=False) + "\n", encoding="utf-8")
    return Report(out, json_path, data)
