"""The analysts' report as one self-contained HTML page.

No web font, no CDN, no request of any kind: inline CSS, an inline SVG timeline and
map, and one inline script for filtering and sorting (the page reads fine without
it), so it opens from a file share or a mail attachment exactly as it was written.
Every value from the database is HTML-escaped (JSON for the script is escaped so
it cannot close its element). Elements carry ``data-*`` attributes (event id,
status, source) so the script, tests and curious analysts can find them.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from html import escape
from urllib.parse import urlsplit

from summitwatch.reporting.place_map import MapEvent, map_svg
from summitwatch.reporting.report_data import Evidence, ReportData, TimelineEvent

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
#sources td.error { max-width: 22em; overflow-wrap: anywhere; font-size: 13px; }
#sources td.error div { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 3;
                        overflow: hidden; }
#filters { display: flex; gap: 10px 18px; flex-wrap: wrap; align-items: center; background: #f4f6f8;
           padding: 8px 12px; border-radius: 6px; position: sticky; top: 0; z-index: 1; }
#filters fieldset { border: 0; padding: 0; margin: 0; display: flex; gap: 8px; flex-wrap: wrap; }
#filters label { font-size: 13px; white-space: nowrap; }
#shown-count { font-size: 13px; color: #444; margin-left: auto; }
th button { font: inherit; font-weight: bold; background: none; border: 0; padding: 0; cursor: pointer; }
th button::after { content: " \2195"; color: #999; }
.event-card { border: 1px solid #e3e7eb; border-radius: 6px; padding: 8px 14px; margin: 10px 0; }
.event-card h3 { font-size: 16px; margin: 4px 0; }
.event-card dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 12px; margin: 6px 0;
                 font-size: 14px; }
.event-card dt { color: #666; }
.event-card dd { margin: 0; }
.event-card ol, .event-card ul { margin: 4px 0; padding-left: 22px; font-size: 14px; }
.evidence q { font-style: italic; }
svg .place-label { font-size: 11px; fill: #333; }
svg#map, svg#timeline { max-width: 100%; height: auto; }
svg g.event.undated .marker { fill-opacity: 0; stroke-width: 2; }
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


def _placed_on(event: TimelineEvent) -> date | None:
    """Where an event sits on the time axis: its date, else the day it was first reported."""
    if event.date_from:
        return event.date_from
    return event.first_reported_at.date() if event.first_reported_at else None


def timeline_svg(events: tuple[TimelineEvent, ...]) -> str:
    """One row per event; a dot for a day, a bar for a month or a year, coloured by status.

    Undated events follow, as hollow rings on the day they were first reported.
    """
    events = tuple(e for e in events if _placed_on(e))
    if not events:
        return '<p class="empty">No dated events yet.</p>'
    days = [d for e in events for d in (_placed_on(e), e.date_to) if d]
    start = _month_start(min(days))
    end = _next_month(max(days))
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
        placed = _placed_on(event)
        assert placed is not None
        y = _AXIS_HEIGHT + row * _ROW_HEIGHT + _ROW_HEIGHT / 2
        colour = STATUS_COLOURS.get(event.status, "#444")
        label = (
            f"#{event.event_id} {event.who} · {event.where}"
            if event.where
            else f"#{event.event_id} {event.who}"
        )
        when = event.event_date or f"undated, first reported {placed.isoformat()}"
        tooltip = (
            f"{event.kind} {event.status}: {event.who}; {event.where or 'place unknown'}; "
            f"{when}; {event.articles} article(s) from {event.sources} source(s)"
        )
        undated = "" if event.date_from else " undated"
        parts.append(
            f'<g class="event status-{_text(event.status)}{undated}" data-event-id="{event.event_id}" '
            f'data-status="{_text(event.status)}" data-date="{_text(event.event_date or "")}">'
            f"<title>{_text(tooltip)}</title>"
            f'<a href="#event-{event.event_id}"><text x="{_LABEL_WIDTH - 10}" y="{y + 4:.1f}" '
            f'text-anchor="end">{_text(label[:52])}</text></a>'
        )
        if not event.date_from:
            parts.append(
                f'<circle class="marker" cx="{x(placed):.1f}" cy="{y:.1f}" r="6" '
                f'fill="{colour}" stroke="{colour}"/>'
            )
        elif event.date_to and event.date_to > event.date_from:
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


def _link(url: str | None, label: str) -> str:
    """A link that opens the article; only http(s) addresses become links."""
    if url and urlsplit(url).scheme in ("http", "https"):
        return f'<a href="{_text(url)}" rel="noreferrer">{_text(label)}</a>'
    return _text(label)


def _reported(value: datetime | None, precision: str | None = "second") -> str:
    if value is None:
        return "undated"
    if precision == "month":
        return value.strftime("%Y-%m")
    if precision == "year":
        return value.strftime("%Y")
    if precision == "day":
        return value.strftime("%Y-%m-%d")
    return _when(value)


def _events_table(events: tuple[TimelineEvent, ...]) -> str:
    if not events:
        return '<p class="empty">No events in the database yet.</p>'
    columns = [
        ("id", "num"),
        ("date", ""),
        ("kind", ""),
        ("status", ""),
        ("who", ""),
        ("where", ""),
        ("confidence", "num"),
        ("first reported", ""),
        ("last reported", ""),
        ("outlets", "num"),
        ("articles", "num"),
    ]
    rank = {status: n for n, status in enumerate(STATUS_COLOURS)}
    rows = []
    for e in events:
        cells = [
            (e.event_id, f'<a href="#event-{e.event_id}">{e.event_id}</a>', "num"),
            (e.date_from.isoformat() if e.date_from else "9999", _text(e.event_date or "undated"), ""),
            (e.kind, _text(e.kind), ""),
            (rank.get(e.status, 99), _status(e.status), ""),
            (e.who, _text(e.who), ""),
            (e.where, _text(e.where), ""),
            (f"{e.confidence:.2f}", f"{e.confidence:.2f}", "num"),
            (_when(e.first_reported_at), _when(e.first_reported_at), ""),
            (_when(e.last_reported_at), _when(e.last_reported_at), ""),
            (len(e.outlets), str(len(e.outlets)), "num"),
            (e.articles, str(e.articles), "num"),
        ]
        tds = "".join(
            f'<td class="{cls}" data-value="{_text(value)}">{shown}</td>' for value, shown, cls in cells
        )
        rows.append(f'<tr data-event-id="{e.event_id}">{tds}</tr>')
    head = "".join(
        f'<th class="{cls}" data-sort="{"number" if cls else "text"}">'
        f'<button type="button">{name}</button></th>'
        for name, cls in columns
    )
    return f'<table id="events"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _evidence_item(report: Evidence) -> str:
    source = f"{report.outlet}: {report.title}" if report.title else report.outlet
    where = _link(report.link, source) if report.link else f"{_text(source)} (dropped document, no link)"
    return (
        f'<li data-status="{_text(report.status)}"><q>{_text(report.evidence)}</q> · {where}, '
        f"{_reported(report.published_at, report.published_precision)} ({_text(report.status)})</li>"
    )


def _event_card(e: TimelineEvent) -> str:
    steps = "".join(
        f'<li data-status="{_text(h.status)}">{_status(h.status)} known {_when(h.known_at)} · '
        f"{_link(h.link, h.outlet)}</li>"
        for h in e.history
    )
    evidence = "".join(_evidence_item(r) for r in e.evidence)
    heading = " · ".join(p for p in (e.kind, e.who, e.where, e.event_date or "undated") if p)
    return (
        f'<article class="event-card" id="event-{e.event_id}" data-event-id="{e.event_id}">'
        f"<h3>#{e.event_id} {_status(e.status)} {_text(heading)}</h3>"
        "<dl>"
        f"<dt>first reported</dt><dd>{_when(e.first_reported_at)}</dd>"
        f"<dt>last reported</dt><dd>{_when(e.last_reported_at)}</dd>"
        f"<dt>confidence</dt><dd>{e.confidence:.2f}</dd>"
        f"<dt>outlets</dt><dd>{_text(', '.join(e.outlets))}</dd>"
        f"<dt>articles</dt><dd>{e.articles} from {e.sources} source(s)</dd>"
        "</dl>"
        f'<p>Status history:</p><ol class="history">{steps}</ol>'
        f'<p>Evidence:</p><ul class="evidence">{evidence}</ul>'
        "</article>"
    )


def _since_section(data: ReportData) -> str:
    since = data.since_last
    if since is None or since.since is None:
        return '<p id="since-none">This is the first report: there is no earlier one to compare with.</p>'
    by_id = {e.event_id: e for e in data.events}
    new = "".join(
        f'<li data-event-id="{i}"><a href="#event-{i}">#{i}</a> {_status(by_id[i].status)} '
        f"{_text(by_id[i].who)} · {_text(by_id[i].where or 'place unknown')} · "
        f"{_text(by_id[i].event_date or 'undated')}</li>"
        for i in since.new_event_ids
        if i in by_id
    )
    changes = "".join(
        f'<li data-event-id="{c.event_id}"><a href="#event-{c.event_id}">#{c.event_id}</a> '
        f"{_status(c.previous_status)} → {_status(c.status)} "
        f"({_text(c.outlet)}, known {_when(c.known_at)})</li>"
        for c in since.status_changes
    )
    return (
        f'<p class="meta">Since the last report, read {_when(since.since)}:</p>'
        f"<h3>New gatherings ({len(since.new_event_ids)})</h3>"
        + (f'<ul id="since-new">{new}</ul>' if new else '<p class="empty" id="since-new">None.</p>')
        + f"<h3>Status changes ({len(since.status_changes)})</h3>"
        + (
            f'<ul id="since-changes">{changes}</ul>'
            if changes
            else '<p class="empty" id="since-changes">None.</p>'
        )
    )


def _filters(events: tuple[TimelineEvent, ...]) -> str:
    def options(values: set[str]) -> str:
        return '<option value="">all</option>' + "".join(
            f'<option value="{_text(v)}">{_text(v)}</option>' for v in sorted(values)
        )

    statuses = "".join(
        f'<label><input type="checkbox" name="status" value="{status}" id="filter-status-{status}" checked> '
        f"{status}</label>"
        for status in STATUS_COLOURS
    )
    return (
        '<form id="filters" onsubmit="return false">'
        f"<fieldset><legend hidden>status</legend>{statuses}</fieldset>"
        f'<label>kind <select name="kind" id="filter-kind">'
        f"{options({e.kind for e in events})}</select></label>"
        f'<label>actor <select name="actor" id="filter-actor">'
        f"{options({p for e in events for p in e.participants})}</select></label>"
        f'<label>group <select name="group" id="filter-group">'
        f"{options({g for e in events for g in e.organizations})}</select></label>"
        '<label>text <input type="search" name="text" id="filter-text" '
        'placeholder="name, place, sentence"></label>'
        f'<span id="shown-count">{len(events)} of {len(events)} events shown</span>'
        "</form>"
    )


def _filter_facts(events: tuple[TimelineEvent, ...]) -> str:
    """What the script filters on, per event id, as JSON that cannot close its script element."""
    facts = {
        str(e.event_id): {
            "status": e.status,
            "kind": e.kind,
            "actors": list(e.participants),
            "groups": list(e.organizations),
            "text": " ".join(
                [e.who, e.where, e.event_date or "", *e.outlets, *(r.evidence for r in e.evidence)]
            ).casefold(),
        }
        for e in events
    }
    return json.dumps(facts, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")


# Filtering shows or hides everything that carries a data-event-id; sorting reorders the
# events table by the data-value of the clicked column. Nothing is fetched.
_SCRIPT = """
(() => {
  const facts = JSON.parse(document.getElementById('report-events').textContent);
  const form = document.getElementById('filters');
  const ids = Object.keys(facts);
  function wanted(f) {
    const statuses = [...form.querySelectorAll('input[name=status]:checked')].map(i => i.value);
    const text = form.text.value.trim().toLowerCase();
    return statuses.includes(f.status)
      && (!form.kind.value || f.kind === form.kind.value)
      && (!form.actor.value || f.actors.includes(form.actor.value))
      && (!form.group.value || f.groups.includes(form.group.value))
      && (!text || f.text.includes(text));
  }
  function apply() {
    const visible = new Set(ids.filter(id => wanted(facts[id])));
    document.querySelectorAll('[data-event-id]').forEach(el => {
      el.style.display = visible.has(el.dataset.eventId) ? '' : 'none';
    });
    document.querySelectorAll('[data-event-ids]').forEach(el => {
      const any = el.dataset.eventIds.split(' ').some(id => visible.has(id));
      el.style.display = any ? '' : 'none';
    });
    document.getElementById('shown-count').textContent = `${visible.size} of ${ids.length} events shown`;
  }
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  const table = document.getElementById('events');
  if (table) {
    table.querySelectorAll('th').forEach((th, column) => {
      th.querySelector('button').addEventListener('click', () => {
        const ascending = th.dataset.direction !== 'ascending';
        table.querySelectorAll('th').forEach(other => delete other.dataset.direction);
        th.dataset.direction = ascending ? 'ascending' : 'descending';
        const numeric = th.dataset.sort === 'number';
        const value = tr => tr.cells[column].dataset.value;
        const rows = [...table.tBodies[0].rows].sort((a, b) => {
          const order = numeric ? Number(value(a)) - Number(value(b)) : value(a).localeCompare(value(b));
          return ascending ? order : -order;
        });
        table.tBodies[0].append(...rows);
      });
    });
  }
  apply();
})();
"""


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
        f'<td class="error" title="{_text(s.last_error or "")}"><div>{_text(s.last_error or "")}</div></td>'
        f'<td class="num">{s.items_per_day_7d:g}</td><td class="num">{s.items_total}</td>'
        f'<td class="num">{s.items_pending}</td><td class="num">{s.items_failed}</td>'
        f'<td class="num">{_duration(s.median_lag)}</td><td class="num">{s.unresolved_pages_7d}</td></tr>'
        for s in data.sources
    )
    return (
        '<table id="sources"><thead><tr><th>source</th><th>kind</th><th>last successful fetch</th>'
        '<th class="num">errors 24 h</th><th class="num">errors 7 d</th><th>last error</th>'
        '<th class="num">items/day</th><th class="num">items</th><th class="num">pending</th>'
        '<th class="num">failed</th><th class="num">median lag</th>'
        '<th class="num" title="article pages whose host did not resolve, 7 days; not errors">dead links</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )


def _checks_list(data: ReportData, kind: str) -> str:
    items = "".join(
        f'<li data-check="{_text(c.name)}" class="{"ok" if c.passed else "fail"}">{_text(c.name)}: '
        + (
            ("passed" if kind == "structure" else "nothing to review")
            if c.passed
            else f"{c.failures} offending rows, e.g. {_text(', '.join(c.examples))}"
        )
        + "</li>"
        for c in data.checks
        if c.kind == kind
    )
    return f'<ul id="{"checks" if kind == "structure" else "content-checks"}">{items}</ul>'


def render_html(data: ReportData) -> str:
    """The whole report page."""
    held = sum(1 for e in data.events if e.status == "held")
    structure = [c for c in data.checks if c.kind == "structure"]
    findings = sum(c.failures for c in data.checks if c.kind == "content")
    passed = sum(1 for c in structure if c.passed)
    outlets = len({s.outlet or s.source_name for s in data.sources})
    run = f" · run {_text(data.run_id)}" if data.run_id else ""
    undated = len(data.undated_events)
    map_events = [
        MapEvent(e.event_id, e.status, e.location, e.country, f"#{e.event_id} {e.kind} {e.status}: {e.who}")
        for e in data.events
    ]
    cards = "".join(_event_card(e) for e in data.events) or '<p class="empty">No events yet.</p>'
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
<div class="figure" id="figure-undated"><b>{undated}</b>undated</div>
<div class="figure" id="figure-sources"><b>{len(data.sources)}</b>sources, {outlets} outlets</div>
<div class="figure" id="figure-checks"><b>{passed}/{len(structure)}</b>structure checks passed</div>
<div class="figure" id="figure-findings"><b>{findings}</b>content findings to review</div>
</div>
{_filters(data.events)}
<h2>Since the last report</h2>
<section id="since">{_since_section(data)}</section>
<h2>Timeline</h2>
{_legend()}
{timeline_svg(data.events)}
<p class="meta">Undated events are hollow rings on the day they were first reported.</p>
<h2>Map</h2>
{map_svg(map_events, STATUS_COLOURS)}
<h2>Events</h2>
<p class="meta">Click a column heading to sort.</p>
{_events_table(data.events)}
<h2>Event details</h2>
<section id="event-details">{cards}</section>
<h2>Most active actors</h2>
{_actors_table(data)}
<h2>Source health</h2>
{_sources_table(data)}
<h2>Data checks</h2>
<p>Structure (must always pass):</p>
{_checks_list(data, "structure")}
<p>Content (gatherings an analyst should look at):</p>
{_checks_list(data, "content")}
<script type="application/json" id="report-events">{_filter_facts(data.events)}</script>
<script id="report-script">{_SCRIPT}</script>
</body>
</html>
"""
