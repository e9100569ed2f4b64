"""``extract_article`` against its definition: the text, then, where the text states no
event, a second full reading of the document with its headline first.

``extract_article`` does not read the text twice: the second reading reuses the text's
sentence analyses and is skipped for a headline that names no one, no group, no place
and no gathering (``events.rules._DocumentRun.after_headline``). That is only right while
no rule carries state from one sentence to the next that the headline test misses; this
tool checks it on real text. It reads the dev texts from ../shared/eval/dev.jsonl at run
time (nothing of them is written anywhere) and gives each a set of headlines: its own
first sentence, another document's first sentence (people, places, gatherings), a
headline naming nothing, none; as the whole text, as a teaser (two sentences from
inside) and as its tail; with and without its language and report date. Every document
is extracted both ways; events, confidence and the confidence's basis must be equal.
It prints how many differ (exit 1 if any) and the seconds both ways took.

Usage: python tools/check_headline_reading.py [--gold PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from summitwatch.documents import Document
from summitwatch.events import DocumentEvents, extract_article, extract_document

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"
NAMES_NOTHING = {"de": "Der Morgen in Kürze", "en": "The morning in brief"}


def _first_sentence(text: str) -> str:
    line = text.strip().split("\n")[0]
    for mark in (". ", "! ", "? "):
        if mark in line:
            line = line.split(mark)[0] + mark.strip()
    return line[:200]


def documents(dev: list[dict[str, Any]]) -> list[Document]:
    out = []
    for i, doc in enumerate(dev):
        day = doc.get("published") or ""
        published = date.fromisoformat(day[:10]) if len(day) >= 10 else None
        other = dev[(i + 1) % len(dev)]["text"]
        titles = [_first_sentence(doc["text"]), _first_sentence(other), NAMES_NOTHING.get(doc["lang"]), None]
        bodies = [doc["text"], " ".join(doc["text"].split(". ")[1:3]), doc["text"][-400:]]
        for title in titles:
            for body in bodies:
                out.append(
                    Document(
                        doc["doc_id"], body, published, "day" if published else None, doc["lang"], title=title
                    )
                )
                out.append(Document(doc["doc_id"], body, None, None, None, title=title))
    return out


def by_definition(document: Document) -> DocumentEvents:
    found = extract_document(document)
    if found.events or not (document.title or "").strip():
        return found
    return extract_document(document.with_headline())


def _compared(found: DocumentEvents) -> list[tuple[dict[str, Any], Any]]:
    return [(event.to_schema(), event.basis) for event in found.events]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=DEV)
    args = ap.parse_args()
    with args.gold.open(encoding="utf-8") as fh:
        docs = documents([json.loads(line) for line in fh if line.strip()])
    extract_document(docs[0])  # reference data loaded outside the timings
    seconds = {"definition": 0.0, "extract_article": 0.0}
    differ = 0
    for document in docs:
        start = time.perf_counter()
        expected = by_definition(document)
        seconds["definition"] += time.perf_counter() - start
        start = time.perf_counter()
        found = extract_article(document)
        seconds["extract_article"] += time.perf_counter() - start
        if _compared(found) != _compared(expected):
            differ += 1
            print(f"differs: {document.doc_id} with headline {document.title!r}", file=sys.stderr)
    print(f"{len(docs)} documents, {differ} differ")
    print(
        f"seconds: two full readings {seconds['definition']:.2f}, "
        f"extract_article {seconds['extract_article']:.2f}"
    )
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
