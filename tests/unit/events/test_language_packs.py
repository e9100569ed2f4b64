"""Language packs: every language specific lives in ``events/lang/<code>/``, never in the rules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from summitwatch.events.lang import Language, language_codes, language_for

EVENTS = Path(__file__).resolve().parents[3] / "plugins" / "summitwatch" / "events"


def _rule_modules() -> list[Path]:
    return sorted(EVENTS.glob("*.py"))


def test_the_packs_of_german_and_english_are_registered() -> None:
    assert {"de", "en"} <= language_codes()
    for code in ("de", "en"):
        language = language_for(code)
        assert isinstance(language, Language) and language.code == code
        assert language.lexicon.words, f"{code}: an empty trigger lexicon"
    assert language_for("xx") is None
    assert language_for(None) is None


@pytest.mark.parametrize("module", _rule_modules(), ids=lambda p: p.name)
def test_no_rule_names_a_language(module: Path) -> None:
    """No `lang == "de"` branch, no language code at all: the rules read the Language object."""
    codes = language_codes()
    tree = ast.parse(module.read_text(encoding="utf-8"))
    named = [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in codes
    ]
    assert named == [], f"{module.name} names a language code: {named}"
    compared = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Compare)
        and any(_is_language(n) for n in [node.left, *node.comparators])
        and any(_is_text(n) for n in [node.left, *node.comparators])
    ]
    assert compared == [], f"{module.name} compares a language: lines {compared}"


def _is_language(node: ast.expr) -> bool:
    """``lang``, ``language``, ``self.lang``, ``lang.code``."""
    while isinstance(node, ast.Attribute) and node.attr in {"code", "lang", "language"}:
        if isinstance(node.value, ast.Name) and node.value.id == "self":
            return True
        node = node.value
    return isinstance(node, ast.Name) and node.id in {"lang", "language", "code"}


def _is_text(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.Set | ast.Tuple | ast.List):
        return any(_is_text(e) for e in node.elts)
    return False
