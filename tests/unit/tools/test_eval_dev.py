"""tools/eval_dev.py: error types, status confusion and reliability from the scorer's own pairing.

The scorer is ../shared/eval/score.py, loaded at run time; the documents here are made up.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_dev", ROOT / "tools" / "eval_dev.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_dev"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def event(people: list[str], status: str, kind: str = "meeting", **extra: object) -> dict[str, object]:
    return {"kind": kind, "status": status, "participants": people, "organizations": [], **extra}


GOLD = {
    "a": {"doc_id": "a", "lang": "de", "summit_related": True, "events": [
        event(["Angela Merkel", "Emmanuel Macron"], "held", location="Paris", date="2019-05"),
        event(["Angela Merkel", "Vladimir Putin"], "planned"),
    ]},
    "b": {"doc_id": "b", "lang": "en", "summit_related": False, "events": []},
}  # fmt: skip
PRED = {
    "a": {"doc_id": "a", "summit_related": True, "events": [
        event(["Angela Merkel", "Emmanuel Macron"], "planned", location=None, date="2019-05", confidence=0.9),
        event(["Angela Merkel", "Xi Jinping"], "held", confidence=0.4),
    ]},
    "b": {"doc_id": "b", "summit_related": True, "events": [event(["Joe Biden", "Xi Jinping"], "held", confidence=0.2)]},
}  # fmt: skip


def test_error_types(tool: ModuleType) -> None:
    sc = tool.load_scorer()
    results = list(tool.pair_documents(sc, GOLD, PRED))
    kinds = sorted(kind for kind, *_ in tool.error_rows(sc, results))
    assert kinds == [
        "extra-positive-doc",
        "missed",
        "spurious-negative-doc",
        "wrong-location-none",
        "wrong-status",
    ]


def test_confusion_and_reliability(tool: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    sc = tool.load_scorer()
    results = list(tool.pair_documents(sc, GOLD, PRED))
    tool.print_confusion(results)
    tool.print_reliability(results)
    out = capsys.readouterr().out
    held_row = next(line for line in out.splitlines() if line.startswith("held "))
    assert held_row.split()[1:] == ["0", "0", "1", "0", "0", "0", "1"]  # gold held, predicted planned
    # The one paired event has the wrong status: nothing is correct, whatever its confidence.
    assert "confidence >= 0.7: 1 of 3 events, precision 0.000, recall 0.000" in out
