"""NUL characters taken out of text and put back (summitwatch.db.exact_text)."""

from __future__ import annotations

import pytest

from summitwatch.db.exact_text import restore_nul, take_out_nul

TEXTS = [
    "",
    "no nul",
    "\x00",
    "\x00\x00\x00",
    "\x00lead",
    "trail\x00",
    "mid\x00dle and \x00\x00 a pair",
    "Gipfel\x00 in Genf: ß 🤝\x00",
]


@pytest.mark.parametrize("text", TEXTS)
def test_taking_out_and_putting_back_gives_the_same_text(text: str) -> None:
    stored, offsets = take_out_nul(text)
    assert "\x00" not in stored
    assert len(stored) + len(offsets or []) == len(text)
    assert restore_nul(stored, offsets) == text


def test_offsets_are_positions_in_the_original() -> None:
    assert take_out_nul("a\x00b\x00\x00c") == ("abc", [1, 3, 4])
    assert take_out_nul("plain") == ("plain", None)


def test_nothing_to_put_back() -> None:
    assert restore_nul(None, None) is None
    assert restore_nul("text", None) == "text"
    assert restore_nul("text", []) == "text"


@pytest.mark.parametrize("offsets", [[9], [2, 1], [0, 0]])
def test_offsets_that_do_not_fit_are_an_error(offsets: list[int]) -> None:
    with pytest.raises(ValueError, match="does not fit"):
        restore_nul("abc", offsets)
