"""The report's charts as PNG bytes: a pure function of a `Report` (no clock, no files, no display).

Drawn with matplotlib's object API (`Figure` rendered by the Agg canvas), never `pyplot`: no global
state, no GUI backend, safe to call from a worker thread while the bot serves other updates.
Shared by the command-line report (`bot/report_render.py`) and `/report` in Telegram.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bot.escalation.report import Breakdown, Report

__all__ = ["CHART_TITLES", "KEY_CHART", "fmt_seconds", "render_charts", "speed_chart"]

KEY_CHART = "speed"
CHART_TITLES = {
    "speed": "Decision speed by severity",
    "lanes": "Time to first response by lane",
    "escalated": "Why cases went past level 1",
    "people": "Per person",
    "noisy_rules": 'Rules marked "Not relevant"',
}
REASON_LABELS = {
    "no_answer": "no answer (ack timeout)",
    "no_reply_in_time": "acknowledged, no reply in time",
    "unreachable": "unreachable / not linked",
    "quiet_hours": "quiet hours",
    "on_leave": "on leave",
    "nobody_on_call": "nobody on call",
    "by_hand": "escalated by hand",
}
_COLORS = {"page": "#9aa5b1", "ack": "#3e7cb1", "response": "#d1495b", "p90": "#222222"}
_DPI = 120


def fmt_seconds(seconds: float | None) -> str:
    """`42 s`, `4.5 min`, `2.1 h`, or `—`."""
    if seconds is None:
        return "—"
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 90 * 60:
        return f"{seconds / 60:.1f} min"
    return f"{seconds / 3600:.1f} h"


def _share(row: Breakdown) -> str:
    if row.share_within_deadline is None:
        return "no deadline passed yet"
    return f"{row.share_within_deadline:.0%} in time ({row.within_deadline}/{row.deadline_due})"


def _png(figure: Figure) -> bytes:
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=_DPI, bbox_inches="tight", metadata={"Software": None})
    return buffer.getvalue()


def _new(height: float, title: str) -> tuple[Figure, Axes]:
    figure = Figure(figsize=(8.5, height), layout="constrained")
    axes = figure.add_subplot()
    axes.set_title(title, loc="left", fontsize=12, fontweight="bold")
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="x", color="#e5e5e5")
    axes.set_axisbelow(True)
    return figure, axes


def _timing_bars(axes: Axes, rows: Sequence[Breakdown], series: Sequence[tuple[str, str, str]]) -> None:
    """Horizontal bars of medians (minutes) with a tick at the 90th percentile, one group per row."""
    height = 0.8 / len(series)
    longest = max(
        [getattr(row, field).p90 or 0 for row in rows for field, _, _ in series] + [60],
    )
    for index, (field, label, color) in enumerate(series):
        for position, row in enumerate(rows):
            timing = getattr(row, field)
            y = position + (index - (len(series) - 1) / 2) * height
            value = (timing.median or 0) / 60
            axes.barh(y, value, height=height * 0.9, color=color, label=label if position == 0 else None)
            if timing.p90 is not None:
                axes.plot([timing.p90 / 60] * 2, [y - height / 2.5, y + height / 2.5], color=_COLORS["p90"], lw=2)
            text = f" {fmt_seconds(timing.median)}" + (f" · p90 {fmt_seconds(timing.p90)}" if timing.count > 1 else "")
            axes.text(max(value, timing.p90 / 60 if timing.p90 else 0), y, text, va="center", fontsize=8)
    axes.set_xlim(0, longest / 60 * 1.35)
    axes.set_yticks(range(len(rows)), [f"{row.key}\n{_cases(row.escalations)} · {_share(row)}" for row in rows])
    axes.invert_yaxis()
    axes.set_xlabel("minutes (bar: median, black tick: 90th percentile)")
    _legend(axes, len(series))


def _cases(count: int) -> str:
    return f"{count} case" + ("" if count == 1 else "s")


def _legend(axes: Axes, columns: int) -> None:
    """Under the plot, so it never covers a bar."""
    if columns > 1:
        axes.figure.legend(loc="outside lower center", ncols=columns, fontsize=9, frameon=False)


def speed_chart(report: Report) -> bytes:
    """The key chart: per severity, time to first page, to acknowledgement and to first response."""
    rows = report.by_severity or [report.overall]
    figure, axes = _new(1.0 + 1.1 * len(rows), f"Decision speed since {report.since:%d %b %Y}")
    series = (
        ("to_first_page", "to first page", _COLORS["page"]),
        ("to_ack", "to acknowledgement", _COLORS["ack"]),
        ("to_first_response", "to first response", _COLORS["response"]),
    )
    _timing_bars(axes, rows, series)
    return _png(figure)


def _lanes_chart(report: Report) -> bytes:
    figure, axes = _new(1.0 + 0.6 * len(report.by_lane), CHART_TITLES["lanes"])
    _timing_bars(axes, report.by_lane, (("to_first_response", "to first response", _COLORS["response"]),))
    return _png(figure)


def _counts(axes: Axes, labels: Sequence[str], values: Sequence[int], color: str) -> None:
    axes.barh(range(len(labels)), values, color=color)
    for position, value in enumerate(values):
        axes.text(value, position, f" {value}", va="center", fontsize=9)
    axes.set_yticks(range(len(labels)), labels)
    axes.invert_yaxis()
    axes.set_xlim(0, max([*values, 1]) * 1.2)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))


def _escalated_chart(report: Report) -> bytes:
    reasons = report.beyond_reasons
    title = f"{report.beyond_level_1} of {_cases(report.overall.escalations)} went past level 1: why"
    figure, axes = _new(1.0 + 0.45 * len(reasons), title)
    _counts(axes, [REASON_LABELS.get(r, r) for r in reasons], list(reasons.values()), _COLORS["response"])
    axes.set_xlabel("cases (a case can have several reasons)")
    return _png(figure)


def _people_chart(report: Report) -> bytes:
    people = report.people[:15]
    figure, axes = _new(1.0 + 0.55 * len(people), CHART_TITLES["people"])
    series = [
        ("pages", "pages received", _COLORS["page"]),
        ("acknowledged", "acknowledged", _COLORS["ack"]),
        ("responses", "responses", _COLORS["response"]),
    ]
    height = 0.8 / len(series)
    for index, (field, label, color) in enumerate(series):
        ys = [p + (index - 1) * height for p in range(len(people))]
        values = [getattr(person, field) for person in people]
        axes.barh(ys, values, height=height * 0.9, color=color, label=label)
    labels = [f"{p.name}\nmedian ack {fmt_seconds(p.median_to_ack)}" for p in people]
    axes.set_yticks(range(len(people)), labels, fontsize=8)
    axes.invert_yaxis()
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    _legend(axes, len(series))
    return _png(figure)


def _noisy_rules_chart(report: Report) -> bytes:
    rules = report.noisy_rules
    figure, axes = _new(1.0 + 0.45 * len(rules), CHART_TITLES["noisy_rules"])
    axes.barh(range(len(rules)), [r.fired_in for r in rules], color="#eeeeee", label="cases it fired in")
    _counts(axes, [r.rule for r in rules], [r.not_relevant for r in rules], _COLORS["response"])
    axes.set_xlim(0, max([r.fired_in for r in rules] + [1]) * 1.2)
    axes.set_xlabel('cases marked "Not relevant" (grey: cases the rule fired in)')
    return _png(figure)


def render_charts(report: Report) -> dict[str, bytes]:
    """Every chart that has data, by name (the file stem), key chart first."""
    charts: list[tuple[str, bool, Callable[[Report], bytes]]] = [
        (KEY_CHART, report.overall.escalations > 0, speed_chart),
        ("lanes", bool(report.by_lane), _lanes_chart),
        ("escalated", bool(report.beyond_reasons), _escalated_chart),
        ("people", bool(report.people), _people_chart),
        ("noisy_rules", bool(report.noisy_rules), _noisy_rules_chart),
    ]
    return {name: draw(report) for name, has_data, draw in charts if has_data}
