"""The analysts' report as one self-contained HTML page.

No script, no web font, no CDN: inline CSS and an inline SVG timeline, so the page
opens from a file share or a mail attachment exactly as it was written. Every value
from the database is HTML-escaped. Elements carry ``data-*`` attributes (event id,
status, source) so tests and curious analysts can find them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from html import escape

from summitwatch.reporting.report_data import ReportData, TimelineEvent

# One colour per status, readable on white and distinct for common colour blindness.
STATUS_COLOURS: dict[str, str] = {
    "proposed": "#8c8c8c",
    "invited": "#984ea3",
    "planned": "#377eb8",
    "held": "#1b9e77",
    "postponed": "#ff7f00",
    "cancelled": "#e41a1c",
}

_LABEL_WIDTH = 330
_PLOT_WIDTH = 620
_ROW_HEIGHT = 24
_AXIS_HEIGHT = 34

_CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222;
       margin: 0 auto; max-width: 1000px; padding: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
.meta { color: #666; margin: 0 0 16px; }
.figures { display: flex; gap: 16px; flex-wrap: wrap; margin: 12px 0; }
.figure { background: #f4f6f8; border-radius: 6px; padding: 8px 14px; }
.figure b { display: block; font-size: 22px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #eee; vertical-align: top; }
th { background: #f4f6f8; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.status { display: inline-block; padding: 0 8px; border-radius: 10px; color: #fff; font-size: 13px; }
.legend { display: flex; gap: 14px; flex-wrap: wrap; margin: 6px 0 10px; font-size: 13px; }
.legend span::before { content: ""; display: inline-block; width: 12px; height: 12px; border-radius: 6px;
                       margin-right: 5px; vertical-align: -1px; background: var(--c); }
.bar { background: #1b9e77; height: 12px; border-radius: 3px; }
.bar.all { background: #b8d8cd; }
.bars { position: relative; width: 260px; }
.bars .bar { position: absolute; top: 4px; left: 0; }
tr.warn td { background: #fff4e5; }
.ok { color: #1b7a3a; } .fail { color: #b00020; font-weight: bold; }
svg text { font: 12px system-ui, sans-serif; fill: #222; }
svg .axis text { fill: #666; font-size: 11px; }
svg .grid { stroke: #eee; }
.empty { color: #666; font-style: italic; }
"""


def _text(value: object) -> str:
    return escape("" if value is None else str(value))


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "never"


def _duration(value: timedelta | None) -> str:
    if value is None:
        return "-"
    hours = value.total_seconds() / 3600
    if hours < 48:
        return f"{hours:.1f} h"
    return f"{hours / 24:.0f} d"


def _status(status: str) -> str:
    colour = STATUS_COLOURS.get(status, "#444")
    return f'<span class="status status-{_text(status)}" style="background:{colour}">{_text(status)}</span>'


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _ticks(start: date, end: date) -> list[tuple[date, str]]:
    """Grid lines with labels (empty where a label would crowd its neighbours).

    Up to a year: every month labelled. Up to three years: every month a line, each
    quarter a label. Beyond: one line and label per year. A year is named at January
    and at the first tick.
    """
    days = (end - start).days
    ticks: list[tuple[date, str]] = []
    if days <= 3 * 366:
        every = 1 if days <= 366 else 3
        day = _month_start(start)
        while day <= end:
            label = ""
            if (day.month - 1) % every == 0 or not ticks:
                label = day.strftime("%b %Y") if day.month == 1 or not ticks else day.strftime("%b")
            ticks.append((day, label))
            day = _next_month(day)
    else:
        for year in range(start.year, end.year + 1):
            ticks.append((date(year, 1, 1), str(year)))
    return [t for t in ticks if start <= t[0] <= end]


def timeline_svg(events: tuple[TimelineEvent, ...]) -> str:
    """One row per dated event; a dot for a day, a bar for a month or a year, coloured by status."""
    if not events:
        return '<p class="empty">No dated events yet.</p>'
    start = _month_start(min(e.date_from for e in events if e.date_from))
    end = _next_month(max(e.date_to or e.date_from for e in events if e.date_from))
    span = max((end - start).days, 1)

    def x(day: date) -> float:
        return _LABEL_WIDTH + _PLOT_WIDTH * (day - start).days / span

    height = _AXIS_HEIGHT + _ROW_HEIGHT * len(events) + 8
    width = _LABEL_WIDTH + _PLOT_WIDTH + 20
    parts = [
        f'<svg id="timeline" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="Timeline of summits coloured by status">',
        '<g class="axis">',
    ]
    for day, label in _ticks(start, end):
        parts.append(
            f'<line class="grid" x1="{x(day):.1f}" x2="{x(day):.1f}" y1="{_AXIS_HEIGHT - 8}" y2="{height}"/>'
            f'<text x="{x(day):.1f}" y="{_AXIS_HEIGHT - 14}" text-anchor="middle">{_text(label)}</text>'
        )
    parts.append("</g>")
    for row, event in enumerate(events):
        assert event.date_from is not None
        y = _AXIS_HEIGHT + row * _ROW_HEIGHT + _ROW_HEIGHT / 2
        colour = STATUS_COLOURS.get(event.status, "#444")
        label = f"{event.who} · {event.where}" if event.where else event.who
        tooltip = (
            f"{event.kind} {event.status}: {event.who}; {event.where or 'place unknown'}; "
            f"{event.event_date}; {event.articles} article(s) from {event.sources} source(s)"
        )
        parts.append(
            f'<g class="event status-{_text(event.status)}" data-event-id="{event.event_id}" '
            f'data-status="{_text(event.status)}" data-date="{_text(event.event_date)}">'
            f"<title>{_text(tooltip)}</title>"
            f'<text x="{_LABEL_WIDTH - 10}" y="{y + 4:.1f}" text-anchor="end">{_text(label[:52])}</text>'
        )
        if event.date_to and event.date_to > event.date_from:
            left, right = x(event.date_from), x(event.date_to + timedelta(days=1))
            parts.append(
                f'<rect class="marker" x="{left:.1f}" y="{y - 6:.1f}" width="{max(right - left, 8):.1f}" '
                f'height="12" rx="4" fill="{colour}" fill-opacity="0.75"/>'
            )
        else:
            parts.append(
                f'<circle class="marker" cx="{x(event.date_from):.1f}" cy="{y:.1f}" r="7" fill="{colour}"/>'
            )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def _legend() -> str:
    items = "".join(
        f'<span style="--c:{colour}">{_text(status)}</span>' for status, colour in STATUS_COLOURS.items()
    )
    return f'<div class="legend" id="legend">{items}</div>'


def _events_table(events: tuple[TimelineEvent, ...]) -> str:
    if not events:
        return '<p class="empty">No events in the database yet.</p>'
    rows = "".join(
        f'<tr data-event-id="{e.event_id}"><td>{_text(e.event_date or "undated")}</td>'
        f"<td>{_text(e.kind)}</td>"
        f"<td>{_status(e.status)}</td><td>{_text(e.who)}</td><td>{_text(e.where)}</td>"
        f'<td class="num">{e.articles}</td><td class="num">{e.sources}</td></tr>'
        for e in events
    )
    return (
        '<table id="events"><thead><tr><th>date</th><th>kind</th><th>status</th><th>who</th><th>where</th>'
        '<th class="num">articles</th><th class="num">sources</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def _actors_table(data: ReportData) -> str:
    if not data.actors:
        return '<p class="empty">No actors yet.</p>'
    most = max(a.events for a in data.actors)
    rows = "".join(
        f'<tr data-actor="{_text(a.name)}"><td>{_text(a.name)}</td><td class="num">{a.events}</td>'
        f'<td class="num">{a.held}</td><td>{_text(a.last_date or "")}</td>'
        f'<td><div class="bars"><div class="bar all" style="width:{260 * a.events / most:.0f}px"></div>'
        f'<div class="bar" style="width:{260 * a.held / most:.0f}px"></div></div></td></tr>'
        for a in data.actors
    )
    return (
        '<table id="actors"><thead><tr><th>actor</th><th class="num">events</th><th class="num">held</th>'
        "<th>latest</th><th>events (light) and held (dark)</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def _sources_table(data: ReportData) -> str:
    if not data.sources:
        return '<p class="empty">No sources configured.</p>'
    rows = "".join(
        f'<tr data-source="{_text(s.source_name)}" class="{"warn" if s.needs_attention else "fine"}">'
        f"<td>{_text(s.source_name)}</td><td>{_text(s.kind)}{'' if s.active else ' (inactive)'}</td>"
        f"<td>{_when(s.last_success_at)}</td>"
        f'<td class="num">{s.errors_24h}</td><td class="num">{s.errors_7d}</td>'
        f"<td>{_text(s.last_error or '')}</td>"
        f'<td class="num">{s.items_per_day_7d:g}</td><td class="num">{s.items_total}</td>'
        f'<td class="num">{s.items_pending}</td><td class="num">{s.items_failed}</td>'
        f'<td class="num">{_duration(s.median_lag)}</td></tr>'
        for s in data.sources
    )
    return (
        '<table id="sources"><thead><tr><th>source</th><th>kind</th><th>last successful fetch</th>'
        '<th class="num">errors 24 h</th><th class="num">errors 7 d</th><th>last error</th>'
        '<th class="num">items/day</th><th class="num">items</th><th class="num">pending</th>'
        '<th class="num">failed</th><th class="num">median lag</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def _checks_list(data: ReportData) -> str:
    items = "".join(
        f'<li data-check="{_text(c.name)}" class="{"ok" if c.passed else "fail"}">{_text(c.name)}: '
        + ("passed" if c.passed else f"{c.failures} offending rows, e.g. {_text(', '.join(c.examples))}")
        + "</li>"
        for c in data.checks
    )
    return f'<ul id="checks">{items}</ul>'


def render_html(data: ReportData) -> str:
    """The whole report page."""
    dated, undated = data.dated_events, data.undated_events
    held = sum(1 for e in data.events if e.status == "held")
    passed = sum(1 for c in data.checks if c.passed)
    run = f" · run {_text(data.run_id)}" if data.run_id else ""
    undated_note = (
        f'<p id="undated">{len(undated)} event(s) without a date are listed in the table below only.</p>'
        if undated
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Summit Watch report</title>
<style>{_CSS}</style>
</head>
<body>
<h1>Summit Watch</h1>
<p class="meta">Generated {_when(data.generated_at)}{run}</p>
<div class="figures">
<div class="figure" id="figure-events"><b>{len(data.events)}</b>events</div>
<div class="figure" id="figure-held"><b>{held}</b>held</div>
<div class="figure" id="figure-sources"><b>{len(data.sources)}</b>sources</div>
<div class="figure" id="figure-checks"><b>{passed}/{len(data.checks)}</b>data checks passed</div>
</div>
<h2>Timeline</h2>
{_legend()}
{timeline_svg(dated)}
{undated_note}
<h2>Events</h2>
{_events_table(data.events)}
<h2>Most active actors</h2>
{_actors_table(data)}
<h2>Source health</h2>
{_sources_table(data)}
<h2>Data checks</h2>
{_checks_list(data)}
</body>
</html>
"""
