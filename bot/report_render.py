"""The decision-speed report as HTML (charts embedded as PNG data URIs), Markdown (charts as files next to
it) or JSON, and writing it to a directory. The figures come from `bot.escalation.report`; the charts from
`bot.escalation.report_charts`."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Mapping
from html import escape
from pathlib import Path

from bot.escalation.report import Breakdown, Report
from bot.escalation.report_charts import CHART_TITLES, REASON_LABELS, fmt_seconds, render_charts

__all__ = ["render_html", "render_json", "render_markdown", "write_report"]

Cell = Callable[[str], str]


def _share(row: Breakdown) -> str:
    if row.share_within_deadline is None:
        return "—"
    return f"{row.share_within_deadline:.0%} ({row.within_deadline}/{row.deadline_due})"


def _timing_rows(rows: list[Breakdown]) -> list[list[str]]:
    def pair(median: float | None, p90: float | None) -> str:
        return f"{fmt_seconds(median)} / {fmt_seconds(p90)}"

    return [
        [
            row.key,
            str(row.escalations),
            pair(row.to_first_page.median, row.to_first_page.p90),
            pair(row.to_ack.median, row.to_ack.p90),
            pair(row.to_first_response.median, row.to_first_response.p90),
            _share(row),
        ]
        for row in rows
    ]


def _sections(report: Report) -> list[tuple[str, list[str], list[list[str]], str | None]]:
    """(title, header, rows, chart) for each table of the report, in order."""
    timing_head = ["", "cases", "to first page", "to ack", "to first response", "answered within deadline"]
    reasons = [[REASON_LABELS.get(k, k), str(v)] for k, v in report.beyond_reasons.items()]
    cases = [
        [
            f"#{c.escalation_id}",
            c.severity,
            ", ".join(c.lanes),
            str(c.highest_level),
            ", ".join(REASON_LABELS.get(r, r) for r in c.reasons),
        ]
        for c in report.beyond_cases
    ]
    people = [
        [
            f"{p.name} ({p.role})",
            str(p.pages),
            str(p.acknowledged),
            str(p.responses),
            fmt_seconds(p.median_to_ack),
            fmt_seconds(p.median_to_response),
        ]
        for p in report.people
    ]
    rules = [[r.rule, str(r.not_relevant), str(r.fired_in)] for r in report.noisy_rules]
    return [
        (
            "By severity (median / 90th percentile)",
            timing_head,
            _timing_rows([report.overall, *report.by_severity]),
            "speed",
        ),
        ("By lane (median / 90th percentile)", timing_head, _timing_rows(report.by_lane), "lanes"),
        (f"Past level 1: {report.beyond_level_1} cases, why", ["reason", "cases"], reasons, "escalated"),
        ("Cases past level 1", ["case", "severity", "lanes", "highest level", "why"], cases, None),
        (
            "Per person",
            ["person", "pages", "acknowledged", "responses", "median to ack", "median to response"],
            people,
            "people",
        ),
        ('Rules with the most "Not relevant"', ["rule", "not relevant", "cases it fired in"], rules, "noisy_rules"),
    ]


def _title(report: Report) -> str:
    return f"Decision speed: {report.since:%Y-%m-%d %H:%M} → {report.until:%Y-%m-%d %H:%M} ({report.until:%Z})"


def render_html(report: Report, charts: Mapping[str, bytes]) -> str:
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(_title(report))}</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#222}"
        "table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border-bottom:1px solid #ddd;padding:.3rem .6rem;"
        "text-align:left}th{background:#f5f5f5}img{max-width:100%;display:block;margin:.5rem 0}</style>",
        "</head><body>",
        f"<h1>{escape(_title(report))}</h1>",
        f"<p>{escape(_headline(report))}</p>",
    ]
    for title, head, rows, chart in _sections(report):
        parts.append(f"<h2>{escape(title)}</h2>")
        if chart is not None and chart in charts:
            encoded = base64.b64encode(charts[chart]).decode("ascii")
            alt = escape(CHART_TITLES.get(chart, chart))
            parts.append(f'<img src="data:image/png;base64,{encoded}" alt="{alt}">')
        if not rows:
            parts.append("<p>None.</p>")
            continue
        parts.append("<table><tr>" + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr>")
        parts.extend("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def render_markdown(report: Report, charts: Mapping[str, str]) -> str:
    """`charts` maps a chart's name to the path its PNG is written at, relative to the Markdown file."""
    lines = [f"# {_title(report)}", "", _headline(report), ""]
    for title, head, rows, chart in _sections(report):
        lines += [f"## {title}", ""]
        if chart is not None and chart in charts:
            lines += [f"![{CHART_TITLES.get(chart, chart)}]({charts[chart]})", ""]
        if not rows:
            lines += ["None.", ""]
            continue
        lines.append("| " + " | ".join(head) + " |")
        lines.append("|" + "---|" * len(head))
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows]
        lines.append("")
    return "\n".join(lines)


def render_json(report: Report) -> str:
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def _headline(report: Report) -> str:
    o = report.overall
    return (
        f"{o.escalations} escalations, {o.acknowledged} acknowledged, {o.responded} answered; "
        f"answered within the policy's deadline: {_share(o)}; "
        f"{report.beyond_level_1} went past level 1."
    )


def write_report(report: Report, out: Path, fmt: str) -> list[Path]:
    """Write `report.<fmt>` (and, for html and md, every chart as `<name>.png`) into `out`; return the paths."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    charts = render_charts(report) if fmt in ("html", "md") else {}
    for name, data in charts.items():
        path = out / f"{name}.png"
        path.write_bytes(data)
        written.append(path)
    target = out / f"report.{fmt}"
    if fmt == "html":
        target.write_text(render_html(report, charts), encoding="utf-8")
    elif fmt == "md":
        target.write_text(render_markdown(report, {name: f"{name}.png" for name in charts}), encoding="utf-8")
    else:
        target.write_text(render_json(report), encoding="utf-8")
    return [target, *written]
