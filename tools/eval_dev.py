"""Run the extractor over the dev set and score it with ../shared/eval/score.py.

The dev texts are read at run time and written to a temporary directory only, as
DOC_ID.txt, then read back through ``read_text_document`` exactly like
``summitwatch extract DIR`` does. The scorer's own output is the headline; below it
this tool prints, from the scorer's own pairing (score.py loaded as a module):

- the figures per language,
- a status confusion matrix over paired events (gold rows, predicted columns),
- counts by error type (missed; spurious on a negative document; extra event on a
  summit document; wrong status/kind/location/date/participants),
- a reliability table: predicted confidence band -> observed precision, where an
  event counts as correct when it is paired with a gold event AND has its status
  (the meaning of ``confidence`` in docs/analyst-guide.md), and the precision and
  recall of "confidence >= 0.7".

With --fit-confidence it also refits the confidence weights on this run (logistic
regression on ``summitwatch.events.model.confidence_features``) and prints them.

Usage: python tools/eval_dev.py [--gold PATH] [--pred PATH] [--show-errors] [--list TYPE]
                                [--fit-confidence]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from summitwatch.documents import read_text_document
from summitwatch.events import extract_document
from summitwatch.events.model import CONFIDENCE_SIGNS, STATUSES, Evidence, confidence_features

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
ATTRIBUTES = ("status", "kind", "location", "date", "participants")
BANDS = ((0.0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.85), (0.85, 1.01))
THRESHOLD = 0.7
SHOWN = ("kind", "status", "participants", "organizations", "location", "date")
Doc = dict[str, Any]


def load_scorer() -> ModuleType:
    """../shared/eval/score.py as a module: its pairing and attribute tests, not a copy of them."""
    spec = importlib.util.spec_from_file_location("summit_score", EVAL / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the scorer at {EVAL / 'score.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Pair:
    """One predicted event with its gold partner (None when spurious)."""

    doc_id: str
    lang: str
    gold: Doc | None
    pred: Doc

    @property
    def correct(self) -> bool:
        return self.gold is not None and self.gold.get("status") == self.pred.get("status")


@dataclass(frozen=True)
class DocResult:
    doc_id: str
    lang: str
    negative: bool
    matched: list[tuple[Doc, Doc]]
    missed: list[Doc]
    unmatched: list[Doc]


def pair_documents(sc: ModuleType, gold: dict[str, Doc], pred: dict[str, Doc]) -> Iterator[DocResult]:
    for doc_id, g in gold.items():
        p = pred.get(doc_id, {"events": []})
        golds = list(g.get("events") or [])
        keyed = [pe for pe in p.get("events") or [] if sc.key(pe)]
        used_g, used_p, matched = sc.match_events(golds, keyed)
        unmatched = [pe for pi, pe in enumerate(keyed) if pi not in used_p]
        unmatched += [pe for pe in p.get("events") or [] if not sc.key(pe)]
        yield DocResult(
            doc_id,
            str(g.get("lang") or "?"),
            not g.get("summit_related"),
            matched,
            [ge for gi, ge in enumerate(golds) if gi not in used_g],
            unmatched,
        )


def attribute_errors(sc: ModuleType, ge: Doc, pe: Doc) -> dict[str, bool | None]:
    """Per attribute: True right, False wrong, None not scored (as score.py decides)."""
    return {
        "status": ge.get("status") == pe.get("status"),
        "kind": ge.get("kind") == pe.get("kind"),
        "location": sc.loc_ok(ge.get("location"), pe.get("location")),
        "date": sc.date_ok(ge.get("date"), pe.get("date")),
        "participants": sc.people(ge) == sc.people(pe) if ge.get("organizations") else None,
    }


def print_languages(sc: ModuleType, gold: dict[str, Doc], pred: dict[str, Doc]) -> None:
    langs = sorted({str(g.get("lang") or "?") for g in gold.values()})
    rows = {}
    for lang in ["all", *langs]:
        subset = {k: v for k, v in gold.items() if lang == "all" or str(v.get("lang") or "?") == lang}
        rows[lang], _ = sc.score(subset, pred)
    figures = [k for k in rows["all"] if k != "documents"]
    print("\n== per language")
    print(f"{'figure':22}" + "".join(f"{lang:>8}" for lang in rows))
    for name in ["documents", *figures]:
        cells = "".join(f"{_cell(rows[lang][name]):>8}" for lang in rows)
        print(f"{name:22}{cells}")


def _cell(value: object) -> str:
    return "-" if value is None else str(value)


def print_confusion(results: list[DocResult]) -> None:
    grid: Counter[tuple[str, str]] = Counter()
    for r in results:
        for ge, pe in r.matched:
            grid[(str(ge.get("status")), str(pe.get("status")))] += 1
    print("\n== status confusion over paired events (rows gold, columns predicted)")
    short = [s[:6] for s in STATUSES]
    print(f"{'gold/pred':12}" + "".join(f"{s:>8}" for s in short) + f"{'total':>8}")
    for g in STATUSES:
        counts = [grid[(g, p)] for p in STATUSES]
        print(f"{g:12}" + "".join(f"{c:>8}" for c in counts) + f"{sum(counts):>8}")


def error_rows(sc: ModuleType, results: list[DocResult]) -> list[tuple[str, str, Doc | None, Doc | None]]:
    """(error type, doc id, gold event, predicted event) for every error."""
    rows: list[tuple[str, str, Doc | None, Doc | None]] = []
    for r in results:
        rows += [("missed", r.doc_id, ge, None) for ge in r.missed]
        extra = "spurious-negative-doc" if r.negative else "extra-positive-doc"
        rows += [(extra, r.doc_id, None, pe) for pe in r.unmatched]
        for ge, pe in r.matched:
            for name, ok in attribute_errors(sc, ge, pe).items():
                if ok is False:
                    detail = "-none" if name in {"date", "location"} and not pe.get(name) else ""
                    rows.append((f"wrong-{name}{detail}", r.doc_id, ge, pe))
    return rows


def print_errors(rows: list[tuple[str, str, Doc | None, Doc | None]], results: list[DocResult]) -> None:
    counts = Counter(kind for kind, *_ in rows)
    negatives = sum(r.negative for r in results)
    order = ["missed", "spurious-negative-doc", "extra-positive-doc"]
    for name in ATTRIBUTES:
        order += [f"wrong-{name}", f"wrong-{name}-none"]
    print("\n== errors by type (-none: the prediction has no value)")
    for kind in order:
        if counts[kind] or "-none" not in kind:
            print(f"{kind:26}{counts[kind]:>6}")
    per100 = 100 * counts["spurious-negative-doc"] / negatives if negatives else 0.0
    print(f"{'spurious per 100 negatives':26}{per100:>6.1f}  ({negatives} negative documents)")


def print_reliability(results: list[DocResult]) -> None:
    pairs = [Pair(r.doc_id, r.lang, ge, pe) for r in results for ge, pe in r.matched]
    pairs += [Pair(r.doc_id, r.lang, None, pe) for r in results for pe in r.unmatched]
    print("\n== reliability: confidence band -> observed precision (paired AND status right)")
    print(f"{'band':12}{'events':>8}{'correct':>9}{'precision':>11}{'mean conf':>11}")
    for lo, hi in BANDS:
        inside = [p for p in pairs if lo <= float(p.pred.get("confidence", 0.0)) < hi]
        ok = sum(p.correct for p in inside)
        mean = sum(float(p.pred.get("confidence", 0.0)) for p in inside) / len(inside) if inside else 0.0
        prec = f"{ok / len(inside):.3f}" if inside else "-"
        print(f"{f'[{lo:.2f},{min(hi, 1.0):.2f})':12}{len(inside):>8}{ok:>9}{prec:>11}{mean:>11.3f}")
    gold_total = sum(len(r.matched) + len(r.missed) for r in results)
    kept = [p for p in pairs if float(p.pred.get("confidence", 0.0)) >= THRESHOLD]
    right = sum(p.correct for p in kept)
    all_right = sum(p.correct for p in pairs)
    print(
        f"confidence >= {THRESHOLD}: {len(kept)} of {len(pairs)} events, precision "
        f"{right / len(kept) if kept else 0.0:.3f}, recall {right / gold_total if gold_total else 0.0:.3f}"
        f"  (all events: precision {all_right / len(pairs) if pairs else 0.0:.3f}, "
        f"recall {all_right / gold_total if gold_total else 0.0:.3f})"
    )


def fit_confidence(results: list[DocResult], bases: dict[int, Evidence], l2: float = 1.0) -> None:
    """Logistic regression of "paired AND status right" on the confidence features (L2, batch
    gradient descent: a few hundred events and ten features need nothing more). Each weight
    is held to its sign in ``CONFIDENCE_SIGNS`` (projected gradient): on so few events a
    feature of weaker support may otherwise come out raising the confidence."""
    pairs = [Pair(r.doc_id, r.lang, ge, pe) for r in results for ge, pe in r.matched]
    pairs += [Pair(r.doc_id, r.lang, None, pe) for r in results for pe in r.unmatched]
    data = [(confidence_features(bases[id(p.pred)]), float(p.correct)) for p in pairs if id(p.pred) in bases]
    if not data:
        raise SystemExit("no predicted event carries its evidence: nothing to fit")
    names = list(data[0][0])
    weights = dict.fromkeys(names, 0.0)
    bias, rate = 0.0, 0.05
    for _ in range(6000):
        grad = dict.fromkeys(names, 0.0)
        grad_bias = 0.0
        for features, y in data:
            z = bias + sum(weights[n] for n in names if features[n])
            err = 1.0 / (1.0 + math.exp(-z)) - y
            grad_bias += err
            for n in names:
                grad[n] += err * features[n]
        bias -= rate * grad_bias / len(data)
        for n in names:
            weights[n] -= rate * (grad[n] + l2 * weights[n]) / len(data)
            if weights[n] * CONFIDENCE_SIGNS[n] < 0:
                weights[n] = 0.0
    print(f"\n== confidence weights fitted on {len(data)} events (paste into summitwatch/events/model.py)")
    print(f"CONFIDENCE_BIAS = {bias:.2f}")
    print("CONFIDENCE_WEIGHTS = {")
    for n in names:
        print(f'    "{n}": {weights[n]:.2f},')
    print("}")


def list_errors(rows: list[tuple[str, str, Doc | None, Doc | None]], wanted: str) -> None:
    print(f"\n== {wanted}")
    for kind, doc_id, ge, pe in rows:
        if not kind.startswith(wanted):
            continue
        print(f"{kind}\t{doc_id}")
        for label, ev in (("gold", ge), ("pred", pe)):
            if ev is None:
                continue
            fields = {k: ev.get(k) for k in SHOWN}
            print(f"  {label}: {json.dumps(fields, ensure_ascii=False)}")
            print(f"        {str(ev.get('evidence') or '')[:300]}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=EVAL / "dev.jsonl")
    ap.add_argument("--pred", type=Path, default=None, help="where to keep the predictions (default: temp)")
    ap.add_argument("--show-errors", action="store_true", help="the scorer's own list of every error")
    ap.add_argument(
        "--list", metavar="TYPE", default=None, help="list errors whose type starts with TYPE, with evidence"
    )
    ap.add_argument(
        "--fit-confidence",
        action="store_true",
        help="refit the confidence weights (summitwatch.events.model) on this run and print them",
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        docs.mkdir()
        with args.gold.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    obj = json.loads(line)
                    (docs / f"{obj['doc_id']}.txt").write_text(obj["text"], encoding="utf-8")
        pred_path = args.pred or Path(tmp) / "pred.jsonl"
        pred: dict[str, Doc] = {}
        bases: dict[int, Evidence] = {}  # id of a predicted event's dict -> what its confidence rests on
        with pred_path.open("w", encoding="utf-8") as out:
            for path in sorted(docs.glob("*.txt")):
                result = extract_document(read_text_document(path))
                schema = result.to_schema()
                for event, row in zip(result.events, schema["events"], strict=True):
                    if event.basis is not None:
                        bases[id(row)] = event.basis
                pred[schema["doc_id"]] = schema
                out.write(json.dumps(schema, ensure_ascii=False) + "\n")
        cmd = [sys.executable, str(EVAL / "score.py"), str(args.gold), str(pred_path)]
        if args.show_errors:
            cmd.append("--show-errors")
        code = subprocess.run(cmd, check=False).returncode
        if code:
            return code
        sc = load_scorer()
        gold = sc.load(str(args.gold))
    results = list(pair_documents(sc, gold, pred))
    rows = error_rows(sc, results)
    print_languages(sc, gold, pred)
    print_confusion(results)
    print_errors(rows, results)
    print_reliability(results)
    if args.list:
        list_errors(rows, args.list)
    if args.fit_confidence:
        fit_confidence(results, bases)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
