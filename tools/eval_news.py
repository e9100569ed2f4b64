"""Run the extractor over ordinary news: the real feeds and pages in ../shared/fixtures.

The dev set measures how well the coder reads summit articles; this measures what it
invents on everything else. The fixtures are real publisher feeds and article pages
(IT news, regional news, wellness, science, front pages): almost none of them report
a gathering, so every event found here is one to look at. Each item goes through the
pipeline's own steps — ``parse_feed`` for a feed, ``clean_item`` (page extraction,
boilerplate, language) and ``extract_article`` (text, headline where the text states
nothing) — and the tool prints, per file, how many items were read and how many events
came out, then every event with its evidence, so a reviewer can judge them by eye.

There is no gold: the count is a floor-to-watch (a rise after a rule change means the
rule fires on ordinary news), and the listing is what an analyst would see.

Usage: python tools/eval_news.py [--fixtures DIR] [--quiet]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from summitwatch.clean.article import EmptyArticle, RawItem, clean_item
from summitwatch.events import extract_article
from summitwatch.events.model import Event
from summitwatch.sources.feeds import parse_feed

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT.parent / "shared" / "fixtures"


@dataclass(frozen=True)
class Found:
    file: str
    item: str
    event: Event


def feed_items(path: Path) -> list[RawItem]:
    parsed = parse_feed(path.read_bytes())
    return [
        RawItem(
            item_id=n,
            source_name=path.name,
            item_key=item.item_key,
            url=item.url,
            title=item.title,
            published_at=item.published_at,
            content=item.content,
            content_type=item.content_type,
        )
        for n, item in enumerate(parsed.items)
    ]


def page_item(path: Path) -> RawItem:
    html = path.read_bytes().decode("utf-8", errors="replace")
    return RawItem(
        item_id=0,
        source_name=path.name,
        item_key=path.name,
        url=None,
        title=None,
        published_at=None,
        content=html,
        content_type="text/html",
    )


def events_of(file: str, items: list[RawItem]) -> tuple[int, list[Found]]:
    read, found = 0, []
    for item in items:
        try:
            article = clean_item(item)
        except EmptyArticle:
            continue  # an empty teaser has nothing to extract; it is not read
        read += 1
        for event in extract_article(article.as_document()).events:
            found.append(Found(file, item.title or item.item_key, event))
    return read, found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fixtures", type=Path, default=FIXTURES)
    parser.add_argument("--quiet", action="store_true", help="print the per-file table only")
    args = parser.parse_args(argv)
    if not args.fixtures.is_dir():
        print(f"no fixtures at {args.fixtures} (../shared must sit beside the project)", file=sys.stderr)
        return 2
    rows: list[tuple[str, int, int]] = []
    every: list[Found] = []
    files = sorted((args.fixtures / "feeds").glob("*")) + sorted((args.fixtures / "pages").glob("*.htm*"))
    for path in files:
        items = feed_items(path) if path.parent.name == "feeds" else [page_item(path)]
        read, found = events_of(path.name, items)
        rows.append((path.name, read, len(found)))
        every.extend(found)
    print(f"{'file':58}{'items':>7}{'events':>8}")
    for name, read, count in rows:
        print(f"{name[:57]:58}{read:>7}{count:>8}")
    print(f"{'total':58}{sum(r[1] for r in rows):>7}{len(every):>8}")
    if not args.quiet:
        print("\n== events on ordinary news (judge each: a real gathering, or invented?)")
        for f in every:
            e = f.event
            people = ", ".join(e.participants + e.organizations)
            print(f"{f.file} | {f.item[:70]}")
            where = f"{e.location or '-'} {e.date or '-'}"
            print(f"    {e.kind} {e.status} [{people}] {where} conf={e.confidence:.2f}")
            print(f"    {e.evidence[:200]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
