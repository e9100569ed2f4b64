"""Run the extractor over the dev set and score it with ../shared/eval/score.py.

The dev texts are read at run time and written to a temporary directory only, as
DOC_ID.txt, then read back through ``read_text_document`` exactly like
``summitwatch extract DIR`` does.

Usage: python tools/eval_dev.py [--gold PATH] [--pred PATH] [--show-errors]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from summitwatch.documents import read_text_document
from summitwatch.events import extract_document

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=EVAL / "dev.jsonl")
    ap.add_argument("--pred", type=Path, default=None, help="where to keep the predictions (default: temp)")
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        docs.mkdir()
        with args.gold.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    obj = json.loads(line)
                    (docs / f"{obj['doc_id']}.txt").write_text(obj["text"], encoding="utf-8")
        pred = args.pred or Path(tmp) / "pred.jsonl"
        with pred.open("w", encoding="utf-8") as out:
            for path in sorted(docs.glob("*.txt")):
                result = extract_document(read_text_document(path))
                out.write(json.dumps(result.to_schema(), ensure_ascii=False) + "\n")
        cmd = [sys.executable, str(EVAL / "score.py"), str(args.gold), str(pred)]
        if args.show_errors:
            cmd.append("--show-errors")
        return subprocess.run(cmd, check=False).returncode


if __name__ == "__main__":
    raise SystemExit(main())
