"""Language packs: one package per language (``lang/de/``, ``lang/en/``), one registry.

``language_for(code)`` is the pack of a language code, or None when the extractor has
none (the document then yields no events). A pack is a package whose ``LANGUAGE`` is a
``Language``; ``register`` adds one built elsewhere (a test's pack, a plug-in's).
"""

from __future__ import annotations

import importlib
import pkgutil

from summitwatch.events.lang.language import (
    ClauseWords,
    DateWords,
    DocumentWords,
    Language,
    MentionWords,
    RoleWords,
    SentenceWords,
    TenseWords,
)

__all__ = [
    "FALLBACK",
    "ClauseWords",
    "DateWords",
    "DocumentWords",
    "Language",
    "MentionWords",
    "RoleWords",
    "SentenceWords",
    "TenseWords",
    "language_codes",
    "language_for",
    "register",
    "unregister",
]

# A document whose language nobody can tell is read with this pack.
FALLBACK = "en"
_REGISTRY: dict[str, Language] = {}


def _packs() -> dict[str, Language]:
    if not _REGISTRY:
        for info in pkgutil.iter_modules(__path__):
            if info.ispkg:
                module = importlib.import_module(f"{__name__}.{info.name}")
                language: Language = module.LANGUAGE
                if language.code != info.name:
                    raise ValueError(f"the pack lang/{info.name}/ declares the code {language.code!r}")
                _REGISTRY[language.code] = language
    return _REGISTRY


def language_for(code: str | None) -> Language | None:
    """The pack of ``code`` ("de", "en", ...), None when there is none."""
    return _packs().get(code or "")


def language_codes() -> frozenset[str]:
    return frozenset(_packs())


def register(language: Language) -> None:
    """Add (or replace) the pack of ``language.code``."""
    _packs()[language.code] = language


def unregister(code: str) -> None:
    """Drop the pack of ``code`` (a test's pack, once the test is done)."""
    _packs().pop(code, None)
