"""Stories and gatherings on the dev set, through the commands a user runs.

The dev texts are read from ../shared/eval/dev.jsonl at run time and written to a
temporary directory only (DOC_ID.txt). Then:

1. ``summitwatch gatherings DIR`` (fetch + process in a scratch database on
   ``DATABASE_URL``'s server, else the embedded one), scored with
   ../shared/eval/score.py (events) and ../shared/eval/score_gatherings.py
   (canonical events against the gold ``gathering`` ids);
2. ``summitwatch dedupe DIR``, scored here: pairwise precision, recall and F1 of
   the predicted stories against the dev set's ``dup_group`` (documents without a
   group are stories of their own).

Usage: python tools/eval_gatherings.py [--gold PATH] [--keep DIR] [--show-errors]
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
SUMMITWATCH = Path(sys.executable).with_name("summitwatch")


def _pairs(groups: dict[str, str]) -> set[tuple[str, str]]:
    """Unordered document pairs that share a group."""
    members: dict[str, list[str]] = {}
    for doc_id, group in groups.items():
        members.setdefault(group, []).append(doc_id)
    return {pair for docs in members.values() for pair in itertools.combinations(sorted(docs), 2)}


def story_scores(gold: dict[str, str], predicted: dict[str, str]) -> dict[str, float]:
    """Pairwise precision/recall/F1 of the predicted story clusters (gold: doc id -> dup group)."""
    wanted, found = _pairs(gold), _pairs({d: predicted[d] for d in gold if d in predicted})
    both = len(wanted & found)
    precision = both / len(found) if found else 0.0
    recall = both / len(wanted) if wanted else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "gold_pairs": len(wanted),
        "predicted_pairs": len(found),
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
    }


def _run(command: list[str], out: Path) -> None:
    with out.open("w", encoding="utf-8") as fh:
        result = subprocess.run(command, stdout=fh, check=False)
    # 1 = the work ran and something failed (named on stderr): the output is still scored.
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited with {result.returncode}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=EVAL / "dev.jsonl")
    ap.add_argument("--keep", type=Path, help="folder to keep the predictions in (default: temporary)")
    ap.add_argument("--show-errors", action="store_true", help="list split and over-merged gatherings")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        docs.mkdir()
        groups: dict[str, str] = {}
        with args.gold.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    obj = json.loads(line)
                    (docs / f"{obj['doc_id']}.txt").write_text(obj["text"], encoding="utf-8")
                    groups[obj["doc_id"]] = obj.get("dup_group") or f"alone:{obj['doc_id']}"
        out = args.keep or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        gatherings, stories = out / "gatherings.jsonl", out / "dedupe.jsonl"
        _run([str(SUMMITWATCH), "gatherings", str(docs)], gatherings)
        _run([str(SUMMITWATCH), "dedupe", str(docs)], stories)

        print(f"== events (score.py), summitwatch gatherings over {len(groups)} dev documents")
        subprocess.run([sys.executable, str(EVAL / "score.py"), str(args.gold), str(gatherings)], check=False)
        print("\n== gatherings (score_gatherings.py)")
        score = [sys.executable, str(EVAL / "score_gatherings.py"), str(args.gold), str(gatherings)]
        subprocess.run(score + (["--show-errors"] if args.show_errors else []), check=False)
        print("\n== stories (summitwatch dedupe, pairwise against dup_group)")
        predicted = {}
        for line in stories.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            predicted[row["doc_id"]] = row["story"]
        for name, value in story_scores(groups, predicted).items():
            print(f"{name:24} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
