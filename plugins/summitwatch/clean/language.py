"""Language identification with py3langid, whose model ships inside the wheel.

Only the languages the pipeline reads are allowed as answers, which makes
short texts far more reliable than an open-set guess.
"""

from __future__ import annotations

from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

SUPPORTED_LANGUAGES = ("de", "en", "fr", "it", "es", "pt", "nl", "ru", "pl", "zh")


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(SUPPORTED_LANGUAGES))
    return identifier


def detect_language(text: str, *, sample_chars: int = 2000) -> str | None:
    """ISO 639-1 code of ``text``, or None when there is too little text to tell."""
    sample = text[:sample_chars].strip()
    if len(sample) < 20:
        return None
    language, _probability = _identifier().classify(sample)
    return str(language)
