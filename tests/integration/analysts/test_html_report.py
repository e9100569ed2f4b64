"""The HTML report, rendered by headless Chromium: what an analyst sees on the page."""

from __future__ import annotations

from pathlib import Path

import psycopg2.extensions
import pytest

from summitwatch.cli import main
from summitwatch.pipeline.report import run_content_checks, run_data_checks
from summitwatch.reporting.html_report import STATUS_COLOURS
from summitwatch.reporting.report_file import report_path_for_run, write_report

from .chromium import evaluate_in_page, open_page
from .conftest import World

# Everything the checks need, gathered in the page in one go.
PAGE_FACTS = """
(() => {
  const svg = document.querySelector('svg#timeline');
  const box = svg.getBoundingClientRect();
  const events = [...svg.querySelectorAll('g.event')].map(g => {
    const marker = g.querySelector('.marker');
    const r = marker.getBoundingClientRect();
    return {
      id: g.dataset.eventId, status: g.dataset.status, label: g.querySelector('text').textContent,
      shape: marker.tagName, fill: getComputedStyle(marker).fill,
      inside: r.width > 0 && r.left >= box.left && r.right <= box.right + 1 && r.top >= box.top
              && r.bottom <= box.bottom,
    };
  });
  const rows = sel => [...document.querySelectorAll(sel + ' tbody tr')].map(
    tr => [...tr.cells].map(td => td.innerText.trim()));
  return {
    title: document.title,
    text: document.body.innerText,
    svgWidth: box.width, svgHeight: box.height,
    events,
    legend: [...document.querySelectorAll('#legend span')].map(s => [s.innerText, getComputedStyle(s, '::before').backgroundColor]),
    actors: rows('#actors'),
    sources: rows('#sources'),
    warnSources: [...document.querySelectorAll('#sources tr.warn')].map(tr => tr.dataset.source),
    checks: [...document.querySelectorAll('#checks li')].map(li => [li.dataset.check, li.className]),
    resources: performance.getEntriesByType('resource').map(e => e.name),
  };
})()
"""


def _rgb(hex_colour: str) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


def test_report_page_in_chromium(
    db: psycopg2.extensions.connection, analyst_world: World, tmp_path: Path
) -> None:
    page = write_report(db, tmp_path / "report.html", run_id="manual__2018-07-16T18:00:00+00:00")
    facts = evaluate_in_page(page, PAGE_FACTS)

    assert facts["title"] == "Summit Watch report"
    assert "run manual__2018-07-16T18:00:00+00:00" in facts["text"]
    assert facts["svgWidth"] > 800 and facts["svgHeight"] > 100
    # One timeline row per event, each marker drawn inside the chart in its status colour.
    by_id = {int(e["id"]): e for e in facts["events"]}
    assert set(by_id) == set(analyst_world.events.values())
    for event in facts["events"]:
        assert event["inside"], event
        assert event["fill"] == _rgb(STATUS_COLOURS[event["status"]]), event
    helsinki = by_id[analyst_world.events["helsinki"]]
    assert (helsinki["status"], helsinki["shape"]) == ("held", "circle")
    assert (
        helsinki["label"]
        == f"#{analyst_world.events['helsinki']} Donald Trump, Vladimir Putin · Helsinki, FI"
    )
    assert by_id[analyst_world.events["buenos-aires"]]["fill"] == _rgb(STATUS_COLOURS["cancelled"])
    # A year-precision date is a bar across the year, not a dot.
    assert by_id[analyst_world.events["moscow"]]["shape"] == "rect"
    assert [name for name, _ in facts["legend"]] == list(STATUS_COLOURS)
    assert [colour for _, colour in facts["legend"]] == [_rgb(c) for c in STATUS_COLOURS.values()]

    # Most active actors: Trump and Putin (four events each, two held) lead.
    assert [row[:3] for row in facts["actors"][:2]] == [
        ["Donald Trump", "4", "2"],
        ["Vladimir Putin", "4", "2"],
    ]
    assert [row[0] for row in facts["actors"]] == [
        "Donald Trump",
        "Vladimir Putin",
        "Angela Merkel",
        "Emmanuel Macron",
    ]

    # Source health: wire-a had an error in the last day, paper-b an item that failed.
    assert [row[0] for row in facts["sources"]] == ["dropbox", "paper-b", "wire-a"]
    wire = facts["sources"][2]
    assert (wire[3], wire[5], wire[6], wire[8]) == (
        "1",
        "HTTP 503 from http://wire-a.example/feed.xml",
        "0.86",
        "1",
    )
    assert sorted(facts["warnSources"]) == ["paper-b", "wire-a"]
    assert all(cls == "ok" for _, cls in facts["checks"]) and facts["checks"]

    # Self-contained: the page asked for nothing over the network.
    assert facts["resources"] == []


def test_empty_database_still_gives_a_page(db: psycopg2.extensions.connection, tmp_path: Path) -> None:
    page = write_report(db, tmp_path / "empty.html")
    facts = evaluate_in_page(page, "document.body.innerText")
    assert "No dated events yet." in facts
    assert "No sources configured." in facts


def test_values_are_escaped(db: psycopg2.extensions.connection, analyst_world: World, tmp_path: Path) -> None:
    with db.cursor() as cur:
        cur.execute(
            "UPDATE events.events SET participants = ARRAY['<script>alert(1)</script>'] WHERE event_id = %s",
            (analyst_world.events["meseberg"],),
        )
    db.commit()
    page = write_report(db, tmp_path / "escaped.html")
    assert "<script>" not in page.read_text(encoding="utf-8")
    facts = evaluate_in_page(
        page, "[[...document.scripts].map(s => s.id), document.body.innerText.includes('<script>')]"
    )
    assert facts == [["report-events", "report-script"], True]


@pytest.mark.parametrize(
    ("run_id", "name"),
    [
        ("manual__2026-01-01T00:00:00+00:00", "summit_report_manual__2026-01-01T00_00_00_00_00.html"),
        (
            "asset_triggered__2026-11-25T04:00:00.123+00:00",
            "summit_report_asset_triggered__2026-11-25T04_00_00.123_00_00.html",
        ),
        ("../../etc/passwd", "summit_report_etc_passwd.html"),
    ],
)
def test_report_file_name_per_run(tmp_path: Path, run_id: str, name: str) -> None:
    path = report_path_for_run(run_id, tmp_path)
    assert path == tmp_path / name


def test_reports_dir_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMITWATCH_REPORTS_DIR", str(tmp_path / "reports"))
    assert report_path_for_run("r1") == tmp_path / "reports" / "summit_report_r1.html"


def test_cli_report_writes_the_page(
    db: psycopg2.extensions.connection,
    analyst_world: World,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    out = tmp_path / "nested" / "report.html"
    assert main(["report", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"wrote {out}"
    text = out.read_text(encoding="utf-8")
    assert 'data-status="held"' in text and "Helsinki" in text
    assert not list(out.parent.glob(".*.partial"))


# The page as an analyst uses it: what is visible, per element that carries an event id.
VISIBLE = """
(() => {
  const shown = el => el.getClientRects().length > 0;  // nothing drawn when it or a parent is hidden
  const ids = sel => [...document.querySelectorAll(sel)].filter(shown).map(el => Number(el.dataset.eventId));
  return {
    count: document.getElementById('shown-count').textContent,
    rows: ids('#events tbody tr'),
    cards: ids('.event-card'),
    timeline: ids('svg#timeline g.event'),
    map: ids('svg#map circle.place'),
  };
})()
"""

REPORT_FACTS = """
(() => {
  const card = id => {
    const c = document.getElementById('event-' + id);
    return {
      heading: c.querySelector('h3').innerText,
      facts: Object.fromEntries([...c.querySelectorAll('dt')].map(dt => [dt.innerText, dt.nextElementSibling.innerText])),
      history: [...c.querySelectorAll('.history li')].map(li => [li.dataset.status, li.innerText]),
      evidence: [...c.querySelectorAll('.evidence li')].map(li => ({
        sentence: li.querySelector('q').innerText, links: [...li.querySelectorAll('a')].map(a => a.href)})),
    };
  };
  const table = document.getElementById('sources');
  return {
    card,
    cards: Object.fromEntries([...document.querySelectorAll('.event-card')].map(c => [c.dataset.eventId, card(c.dataset.eventId)])),
    links: document.querySelectorAll('a[href^="http"]').length,
    sinceNew: [...document.querySelectorAll('#since-new li')].map(li => Number(li.dataset.eventId)),
    sinceChanges: [...document.querySelectorAll('#since-changes li')].map(li => [Number(li.dataset.eventId), li.innerText]),
    undated: [...document.querySelectorAll('svg#timeline g.event.undated')].map(g => Number(g.dataset.eventId)),
    mapPlaces: [...document.querySelectorAll('svg#map .place-label')].map(t => t.textContent).sort(),
    mapDots: document.querySelectorAll('svg#map circle.place').length,
    unplaced: (document.getElementById('map-unplaced') || {}).innerText,
    sourcesFit: table.getBoundingClientRect().right <= document.body.getBoundingClientRect().right,
    figures: [...document.querySelectorAll('.figure')].map(f => f.innerText.replace(/\\s+/g, ' ')),
    resources: performance.getEntriesByType('resource').map(e => e.name),
  };
})()
"""


def _screenshot_path() -> Path:
    from summitwatch.paths import data_dir

    return data_dir() / "screenshots" / "summit-report.png"


def test_report_shows_evidence_history_changes_map_and_filters(
    db: psycopg2.extensions.connection, wider_world: World, tmp_path: Path
) -> None:
    events = wider_world.events
    with db.cursor() as cur:
        # The previous report was read yesterday; Moscow's date is not known; a long error URL.
        cur.execute(
            "INSERT INTO core.reports (path, generated_at, events) VALUES ('/reports/yesterday.html', "
            "now() - interval '1 day', 5)"
        )
        cur.execute("UPDATE events.events SET event_date = NULL WHERE event_id = %s", (events["moscow"],))
        cur.execute(
            "INSERT INTO raw.fetch_log (source_name, url, outcome, error) VALUES ('wire-a', 'http://x/', 'error', %s)",
            ("HTTP 404 from http://wire-a.example/" + "very-long-path-segment/" * 20,),
        )
    db.commit()
    page = write_report(db, tmp_path / "report.html", run_id="scheduled__2019-05-15")

    with open_page(page) as opened:
        facts = opened.evaluate(REPORT_FACTS.replace("card,\n", ""))
        before = opened.evaluate(VISIBLE)
        opened.click("#filter-status-held")  # untick held
        after_status = opened.evaluate(VISIBLE)
        opened.click("#filter-status-held")  # tick it again
        opened.evaluate(
            "(() => { const s = document.getElementById('filter-actor'); s.value = 'Sergey Lavrov';"
            " s.dispatchEvent(new Event('change', {bubbles: true})); })()"
        )
        after_actor = opened.evaluate(VISIBLE)
        opened.evaluate(
            "(() => { const s = document.getElementById('filter-actor'); s.value = '';"
            " const t = document.getElementById('filter-text'); t.value = 'osaka';"
            " t.dispatchEvent(new Event('input', {bubbles: true})); })()"
        )
        after_text = opened.evaluate(VISIBLE)
        opened.evaluate(
            "(() => { const t = document.getElementById('filter-text'); t.value = '';"
            " t.dispatchEvent(new Event('input', {bubbles: true})); })()"
        )
        opened.click("#events th:nth-child(7) button")  # sort by confidence, lowest first
        confidences = opened.evaluate(
            "[...document.querySelectorAll('#events tbody tr')].map(tr => tr.cells[6].innerText)"
        )
        opened.screenshot(_screenshot_path())

    # Every event has its card: id, status history, first/last reported, confidence, outlets, evidence.
    assert set(map(int, facts["cards"])) == set(events.values())
    helsinki = facts["cards"][str(events["helsinki"])]
    assert helsinki["heading"].startswith(f"#{events['helsinki']} held summit")
    assert [status for status, _ in helsinki["history"]] == ["planned", "held"]
    assert "wire-a" in helsinki["history"][1][1] and "2018-07-16 18:00 UTC" in helsinki["history"][1][1]
    assert helsinki["facts"]["first reported"] == "2018-06-28 09:00 UTC"
    assert helsinki["facts"]["last reported"] == "2018-07-16 18:00 UTC"
    assert helsinki["facts"]["confidence"] == "0.90"
    assert helsinki["facts"]["outlets"] == "dropbox, paper-b, wire-a"
    sentences = {e["sentence"]: e["links"] for e in helsinki["evidence"]}
    assert sentences["Trump and Putin met in Helsinki on Monday."] == [
        "http://wire-a.example/2018/helsinki-held"
    ]
    assert (
        sentences["Trump und Putin waren am 16. Juli in Helsinki zusammengekommen."] == []
    )  # dropped document
    sochi = facts["cards"][str(events["sochi"])]
    assert sochi["facts"]["outlets"] == "wire-a" and "2 source(s)" in sochi["facts"]["articles"]
    assert facts["links"] >= len(wider_world.articles) - 1

    # Since yesterday's report: the phone call is new, Sochi went from planned to held.
    assert facts["sinceNew"] == [events["phone-call"]]
    [(changed, change)] = facts["sinceChanges"]
    assert changed == events["sochi"] and "planned → held" in change and "wire-a" in change

    # The undated event is on the timeline; the map places every gathering with a place.
    assert facts["undated"] == [events["moscow"]]
    assert facts["mapPlaces"] == ["Buenos Aires", "Helsinki", "Meseberg", "Moscow", "Osaka", "Sochi"]
    assert facts["mapDots"] == len(events) - 1
    assert facts["unplaced"] == "1 event(s) without a known place are not on the map."
    assert facts["sourcesFit"], "a long error URL must wrap, not push the table wider than the page"
    assert (
        "4/4 structure checks passed" in facts["figures"]
        and "0 content findings to review" in facts["figures"]
    )
    assert facts["resources"] == []

    # Filters: all shown, then without held events, then one actor, then a text search.
    everything = sorted(events.values())
    assert before["count"] == f"{len(everything)} of {len(everything)} events shown"
    assert sorted(before["rows"]) == sorted(before["cards"]) == sorted(before["timeline"]) == everything
    held = {events[k] for k in ("helsinki", "osaka", "meseberg", "sochi", "phone-call")}
    for seen in ("rows", "cards", "timeline"):
        assert sorted(after_status[seen]) == sorted(set(everything) - held), seen
    assert sorted(after_status["map"]) == sorted({events["buenos-aires"], events["moscow"]})
    assert after_status["count"] == f"2 of {len(everything)} events shown"
    assert after_actor["rows"] == after_actor["cards"] == after_actor["map"] == [events["sochi"]]
    assert after_text["rows"] == [events["osaka"]]
    # Sorting by confidence, lowest first.
    assert confidences == sorted(confidences)
    assert _screenshot_path().stat().st_size > 10_000


def test_content_checks_find_suspect_gatherings(
    db: psycopg2.extensions.connection, analyst_world: World, tmp_path: Path
) -> None:
    events = analyst_world.events
    with db.cursor() as cur:
        # Osaka "held" but dated after the report saying so; Buenos Aires' planning report gone;
        # Meseberg's only report places Macron elsewhere.
        cur.execute(
            "UPDATE events.events SET event_date = '2019-08-01' WHERE event_id = %s", (events["osaka"],)
        )
        cur.execute(
            "DELETE FROM events.mentions WHERE event_id = %s AND status = 'planned'",
            (events["buenos-aires"],),
        )
        cur.execute(
            "UPDATE events.mentions SET participants = ARRAY['Angela Merkel'] WHERE event_id = %s",
            (events["meseberg"],),
        )
    db.commit()
    with db.cursor() as cur:
        findings = {c.name: c.examples for c in run_content_checks(cur) if not c.passed}
        structure = run_data_checks(cur)
    db.rollback()
    assert findings == {
        "participants_not_placed_by_any_mention": [f"{events['meseberg']}: Emmanuel Macron"],
        "held_event_dated_after_its_reports": [str(events["osaka"])],
        "cancelled_event_without_history": [str(events["buenos-aires"])],
    }
    assert all(c.kind == "structure" for c in structure)
    page = write_report(db, tmp_path / "findings.html")
    facts = evaluate_in_page(
        page,
        "[[...document.querySelectorAll('#content-checks li.fail')].map(li => li.dataset.check),"
        " document.getElementById('figure-findings').innerText.replace(/\\s+/g, ' ')]",
    )
    assert sorted(facts[0]) == sorted(findings)
    assert facts[1] == "3 content findings to review"
