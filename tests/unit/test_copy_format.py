"""COPY text format lines: every shortcut of ``copy_line`` gives what ``copy_field`` says."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime
from typing import Any

import pytest

from summitwatch.db.copy_text import copy_field, copy_line

LONG = "Der Gipfel beginnt am Montag.\n" * 20  # longer than copy_line's long-text threshold


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, b"\\N"),
        (42, b"42"),
        (-7, b"-7"),
        (True, b"t"),
        (1.5, b"1.5"),
        (float("nan"), b"NaN"),
        (float("-inf"), b"-Infinity"),
        ("plain", b"plain"),
        ("", b""),
        ("back\\slash\ttab\nline\rreturn", b"back\\\\slash\\ttab\\nline\\rreturn"),
        ("\\N", b"\\\\N"),  # a text that looks like NULL stays a text
        ("Gipfel in Genf: Ärger über 20 €", "Gipfel in Genf: Ärger über 20 €".encode()),
        (
            ["Name, with comma", 'with "quotes"', "back\\slash", None],
            b'{"Name, with comma","with \\\\"quotes\\\\"","back\\\\\\\\slash",NULL}',
        ),
        ([], b"{}"),
        (datetime(2018, 7, 16, 12, 30, tzinfo=UTC), b"2018-07-16T12:30:00+00:00"),
        (date(2018, 7, 16), b"2018-07-16"),
    ],
)
def test_copy_field(value: Any, expected: bytes) -> None:
    assert copy_field(value) == expected


def _random_value(rng: random.Random) -> Any:
    alphabet = ["a", "Z", " ", "\\", "\t", "\n", "\r", "N", "ä", "€", '"', "{", ",", "🤝"]
    choice = rng.randrange(7)
    if choice == 0:
        return None
    if choice == 1:
        return rng.randrange(-1000, 1000)
    if choice == 2:
        return [rng.choice([None, "".join(rng.choices(alphabet, k=rng.randrange(4)))]) for _ in range(3)]
    if choice == 3:
        return rng.choice([LONG, LONG.replace("\n", " "), LONG + "\\"])
    return "".join(rng.choices(alphabet, k=rng.randrange(8)))


def test_copy_line_is_the_fields_joined_whatever_the_row_holds() -> None:
    rng = random.Random(2018)  # noqa: S311 - reproducible test data, not secrets
    rows = [[], [None], ["\\N", None], [LONG, None, 3], ["x\ty", "z"], ["a", "b\\"]]
    rows += [[_random_value(rng) for _ in range(rng.randrange(1, 8))] for _ in range(5_000)]
    for row in rows:
        assert copy_line(row) == b"\t".join([copy_field(v) for v in row]) + b"\n", row


def test_a_lone_surrogate_is_an_encoding_error() -> None:
    with pytest.raises(UnicodeEncodeError):
        copy_line(["broken \udc80 text"])
