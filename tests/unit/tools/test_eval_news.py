"""tools/eval_news.py: every item of a feed and every page goes through clean and extract.

The feed and the page here are team-written; the real fixtures are read by the tool only.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[3]

FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Team news</title>
<item><title>Stadtrat beschliesst neuen Radweg</title><guid>a1</guid>
<description>Der Stadtrat hat am Dienstag einen neuen Radweg entlang des Flusses beschlossen.
Die Arbeiten sollen im Fruehjahr beginnen und kosten rund zwei Millionen Euro.</description>
<pubDate>Tue, 03 Mar 2020 10:00:00 GMT</pubDate></item>
<item><title>Putin empfaengt Xi</title><guid>a2</guid>
<description>Der russische Praesident Wladimir Putin hat den chinesischen Staatschef Xi Jinping
am Montag in Moskau zu einem Gipfeltreffen empfangen. Beide sprachen ueber Handel.</description>
<pubDate>Tue, 21 Mar 2023 10:00:00 GMT</pubDate></item>
<item><title>Kurz</title><guid>a3</guid><description>Mehr bald.</description></item>
</channel></rss>
"""


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_news", ROOT / "tools" / "eval_news.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_news"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_feed_items_are_read_and_only_the_gathering_is_found(tool: ModuleType, tmp_path: Path) -> None:
    feed = tmp_path / "team.rss2.xml"
    feed.write_bytes(FEED)
    read, found = tool.events_of(feed.name, tool.feed_items(feed))
    assert read == 2  # the two-word teaser is too short to be an article and is not read
    assert [(f.item, set(f.event.participants)) for f in found] == [
        ("Putin empfaengt Xi", {"Vladimir Putin", "Xi Jinping"})
    ]


def test_main_prints_a_table_and_the_events(
    tool: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "feeds").mkdir()
    (tmp_path / "pages").mkdir()
    (tmp_path / "feeds" / "team.rss2.xml").write_bytes(FEED)
    assert tool.main(["--fixtures", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "team.rss2.xml" in out and "Putin empfaengt Xi" in out
    (total,) = [line for line in out.splitlines() if line.startswith("total")]
    assert total.split()[1:] == ["2", "1"]  # items read, events found


def test_a_missing_fixture_folder_is_an_error(tool: ModuleType, tmp_path: Path) -> None:
    assert tool.main(["--fixtures", str(tmp_path / "absent")]) == 2
