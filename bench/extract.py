"""Throughput and memory of the extractor on ~3 KB team-written articles.

Usage: python bench/extract.py [--docs N] [--dev PATH]

Prints documents/s on one core and peak memory; asserts nothing about time. Besides the
generated articles, one line measures real article text: the documents of
``../shared/eval/dev.jsonl`` (read from there at run time, never copied), repeated up to
``--docs`` documents; it is skipped with a note when that file is absent.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time
import tracemalloc
from datetime import date
from pathlib import Path

from summitwatch.documents import Document, split_date_header
from summitwatch.events import extract_document
from summitwatch.events.reference import load_reference

# Sentences that report a gathering ...
SENTENCES = {
    "de": [
        "Bundeskanzlerin Angela Merkel und der französische Präsident Emmanuel Macron haben sich "
        "am Montag in Berlin getroffen.",
        "Putin telefonierte am Mittwoch mit Erdogan über die Lage in Syrien.",
        "Der Gipfel zwischen Trump und Kim Jong Un in Singapur wurde abgesagt.",
        "Das Treffen von Lawrow und Pompeo in Wien ist auf September verschoben worden.",
        "Am Rande des G20-Gipfels in Buenos Aires trafen sich Trump und Xi Jinping.",
    ],
    "en": [
        "Donald Trump met Vladimir Putin in Helsinki on Monday.",
        "Russian President Vladimir Putin will visit Beijing next week for talks with his "
        "Chinese counterpart.",
        "The NATO summit in Madrid was cancelled.",
        "Putin and Erdogan spoke by phone on Tuesday.",
    ],
}
# ... and the background most of an article consists of.
FILLER = {
    "de": [
        "Die Opposition kritisierte die Pläne der Regierung scharf und forderte eine Debatte im Parlament.",
        "Die Wirtschaft wuchs im zweiten Quartal um 0,5 Prozent, wie das Statistische Bundesamt mitteilte.",
        "Beobachter erwarten in den kommenden Wochen weitere Gespräche auf Arbeitsebene.",
        "Die Preise für Energie sind seit dem Frühjahr deutlich gestiegen, was viele Haushalte belastet.",
        "Experten warnten vor den Folgen für den Handel zwischen Europa und Asien.",
    ],
    "en": [
        "Markets rose sharply after the central bank left interest rates unchanged on Thursday.",
        "Analysts said the negotiations could take months before any agreement is reached.",
        "The ministry said the delegation would return home at the end of the week.",
        "Opposition lawmakers criticised the plan and demanded a vote in parliament.",
        "Energy prices have risen steadily since the spring, putting pressure on households.",
    ],
}


def make_docs(n: int, size: int = 3000, event_share: float = 0.25) -> list[Document]:
    """Articles of ``size`` characters in which ``event_share`` of the sentences report a gathering."""
    rnd = random.Random(5)
    docs = []
    for i in range(n):
        lang = "de" if i % 2 else "en"
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < size:
            pool = SENTENCES if rnd.random() < event_share else FILLER
            parts.append(rnd.choice(pool[lang]))
        docs.append(Document(f"bench-{i}", " ".join(parts), date(2018, 7, 27), "day", lang))
    return docs


DEV_SET = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev.jsonl"


def dev_docs(path: Path, n: int) -> list[Document]:
    """The dev set's real article texts, repeated up to ``n`` documents."""
    real = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                obj = json.loads(line)
                body, published, precision = split_date_header(obj["text"])
                real.append(Document(obj["doc_id"], body, published, precision, obj.get("lang")))
    return [real[i % len(real)] for i in range(n)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--dev", type=Path, default=DEV_SET, help="JSON lines with a 'text' field")
    args = ap.parse_args()
    t0 = time.perf_counter()
    load_reference()
    print(f"{'reference load':<34}{(time.perf_counter() - t0) * 1000:>10.0f} ms")
    for share in (0.25, 1.0):
        docs = make_docs(args.docs, event_share=share)
        t1 = time.perf_counter()
        events = sum(len(extract_document(d).events) for d in docs)
        elapsed = time.perf_counter() - t1
        label = f"docs/s, {share:.0%} event sentences"
        print(f"{label:<34}{len(docs) / elapsed:>10.0f}   ({events} events in {len(docs)} docs)")
    if args.dev.is_file():
        real = dev_docs(args.dev, args.docs)
        t1 = time.perf_counter()
        events = sum(len(extract_document(d).events) for d in real)
        elapsed = time.perf_counter() - t1
        avg_real_kb = sum(len(d.text) for d in real) / len(real) / 1024
        label = "docs/s, real articles (dev set)"
        print(
            f"{label:<34}{len(real) / elapsed:>10.0f}   ({events} events in {len(real)} docs, "
            f"{avg_real_kb:.1f} KB each)"
        )
    else:
        print(f"{'docs/s, real articles (dev set)':<34}{'-':>10}   ({args.dev} not found)")
    # Memory in a second, shorter pass: tracemalloc slows Python down several times.
    tracemalloc.start()
    for d in docs[:100]:
        extract_document(d)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    avg_kb = sum(len(d.text) for d in docs) / len(docs) / 1024
    print(f"{'average size':<34}{avg_kb:>10.1f} KB")
    print(f"{'peak traced memory (100 docs)':<34}{peak / 1024:>10.0f} KB")
    print(f"{'peak RSS (process)':<34}{rss_mb:>10.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
