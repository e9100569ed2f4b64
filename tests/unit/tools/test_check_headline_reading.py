"""tools/check_headline_reading.py on part of the dev set (read from ../shared at run time).

Guards the shortcut of ``extract_article`` against a rule that carries state from one
sentence to the next without the headline test knowing of it.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[3]
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "check_headline_reading", ROOT / "tools" / "check_headline_reading.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_headline_reading"] = module
    spec.loader.exec_module(module)
    return module


def test_extract_article_finds_what_two_full_readings_find(tool: ModuleType) -> None:
    assert DEV.is_file(), f"{DEV} is missing: the shared tier needs ../shared beside the project"
    with DEV.open(encoding="utf-8") as fh:
        dev = [json.loads(line) for line, _ in zip(fh, range(8), strict=False)]
    documents = tool.documents(dev)
    assert len(documents) == 8 * 4 * 3 * 2
    differ = [
        (d.doc_id, d.title)
        for d in documents
        if tool._compared(tool.extract_article(d)) != tool._compared(tool.by_definition(d))
    ]
    assert differ == []
