"""The HTML report, rendered by headless Chromium: what an analyst sees on the page."""

from __future__ import annotations

from pathlib import Path

import psycopg2.extensions
import pytest

from summitwatch.cli import main
from summitwatch.reporting.html_report import STATUS_COLOURS
from summitwatch.reporting.report_file import report_path_for_run, write_report

from .chromium import evaluate_in_page
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
    assert helsinki["label"] == "Donald Trump, Vladimir Putin · Helsinki, FI"
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
    facts = evaluate_in_page(page, "[document.scripts.length, document.body.innerText.includes('<script>')]")
    assert facts == [0, True]


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
