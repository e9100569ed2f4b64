"""Date expressions, resolved against the publication date.

The result keeps the precision the text and the publication date allow: "am 16. Juli"
in a July 2018 article is ``2018-07-16``; "am Freitag" is a day only when the
publication date is known to the day, else the publication month; a multi-day range
("27 to 28 April") is its month. The words and patterns are the language's
(``DateWords`` of its pack); the kinds of expression and how each resolves are here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from summitwatch.events.lang import DateWords, Language

_Y = r"((?:19|20)\d\d)"
# The feature each kind of expression cannot match without: a cheap search of the
# lower-cased text rules most patterns out (most sentences hold no date word at all).
_NEEDS = {
    "range_dm": "month",
    "range_md": "month",
    "numeric": "digit",
    "day_month": "month",
    "month_day": "month",
    "month": "month",
    "month_rel": "month",
    "weekday": "weekday",
    "relday": "relday",
    "relweek": "unit",
    "relmonth": "unit",
    "relyear": "unit",
    "weekend": "unit",
    "offset": "unit",
    "offset_ago": "unit",
    "year": "digit",
}
KINDS = frozenset(_NEEDS)
_TIMESTAMP = re.compile(r",?\s*\d{1,2}:\d{2}\b")


@dataclass(frozen=True, slots=True)
class DateExpr:
    start: int
    end: int
    kind: str
    groups: tuple[str | None, ...]
    text: str
    is_new_date: bool = False  # "until end-June", "bis Juni": the new date of a postponed gathering
    words: DateWords = field(default_factory=DateWords, compare=False, repr=False)


@dataclass(frozen=True)
class _Compiled:
    patterns: tuple[tuple[re.Pattern[str], str], ...]
    features: tuple[tuple[str, re.Pattern[str]], ...]
    new_date: re.Pattern[str]
    leading: re.Pattern[str]
    stamped: re.Pattern[str]


def _alternation(words: object) -> str:
    return "|".join(re.escape(w) for w in words)  # type: ignore[attr-defined]


@cache
def _compiled(lang: Language) -> _Compiled:
    """The language's date patterns with its month, weekday and number words filled in."""
    words = lang.dates
    slots = {
        "{M}": f"({_alternation([*words.months, *words.month_abbreviations])})",
        "{W}": f"({_alternation(words.weekdays)})",
        "{N}": f"(\\d+|{_alternation(words.numbers)})",
        "{Y}": _Y,
    }
    patterns = []
    for kind, template in words.patterns:
        if kind not in KINDS:
            raise ValueError(f"lang/{lang.code}: unknown kind of date expression {kind!r}")
        source = template
        for slot, value in slots.items():
            source = source.replace(slot, value)
        patterns.append((re.compile(source, re.I), kind))
    features = (
        ("month", re.compile(slots["{M}"])),
        ("digit", re.compile(r"\d")),
        ("weekday", re.compile(slots["{W}"])),
        ("relday", re.compile(_alternation(words.relday_hints) or r"(?!)")),
        ("unit", re.compile(_alternation(words.unit_hints) or r"(?!)")),
    )
    new_date = re.compile(f"({_alternation(words.new_date) or '(?!)'})\\b", re.I)
    # "16.03.2018 Paris.", "April 23, 2018": a date at the very start of the body
    leading = re.compile(
        r"^\W{0,3}(?:[A-ZÄÖÜ][\w.-]*,?\s+){0,3}(?:(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)|"
        + slots["{M}"]
        + r"\.?\s+(\d{1,2}),?\s+"
        + _Y
        + ")",
        re.I,
    )
    clock = _alternation(words.clock_prepositions) or "(?!)"
    stamped = re.compile(
        rf"\b(?:(\d{{1,2}})\.(\d{{1,2}})\.{_Y}|(\d{{1,2}})\.?\s+{slots['{M}']}\.?,?\s+{_Y}|"
        rf"{slots['{M}']}\.?\s+(\d{{1,2}}),?\s+{_Y})"
        rf",?\s*(?:(?:{clock})\s+|-\s+)?\d{{1,2}}[:.]\d{{2}}\b",
        re.I,
    )
    return _Compiled(tuple(patterns), features, new_date, leading, stamped)


@cache
def opening_words(lang: Language) -> frozenset[str]:
    """Capitalised words that open a date ("Ende Februar", "Mitte Mai", "Anfang März"), never a name."""
    words = lang.dates
    return (
        frozenset(words.months)
        | frozenset(words.month_abbreviations)
        | frozenset(words.weekdays)
        | words.openers
    )


def new_date_before(words: list[str], lang: Language) -> bool:
    """The lower-case words just before a date mark it as a new date ("auf den", "to", "bis zum")."""
    if words and words[-1] in lang.dates.new_date_articles:
        words = words[:-1]
    return bool(words) and bool(_compiled(lang).new_date.fullmatch(words[-1]))


def find_dates(text: str, lang: Language) -> list[DateExpr]:
    """Non-overlapping date expressions in ``text``, earliest first."""
    compiled = _compiled(lang)
    words = lang.dates
    lowered = text.lower()
    present = {name for name, rx in compiled.features if rx.search(lowered)}
    if not present:
        return []
    taken: list[tuple[int, int]] = []
    out: list[DateExpr] = []
    for pattern, kind in compiled.patterns:
        if _NEEDS[kind] not in present:
            continue
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(start < e and s < end for s, e in taken):
                continue
            if (
                kind == "month_day"
                and m.group(1).lower() in words.ambiguous_months
                and not m.group(0)[:1].isupper()
            ):
                continue  # "may 5": the verb
            if kind in {"month", "month_rel", "day_month", "month_day"} and _is_name(text, m, words):
                continue
            if _TIMESTAMP.match(text, end):
                continue  # "13. August 2018, 18:44 Uhr": when the report was written
            taken.append((start, end))
            new = bool(compiled.new_date.match(m.group(0)))
            out.append(DateExpr(start, end, kind, m.groups(), m.group(0), new, words))
    return sorted(out, key=lambda d: d.start)


def _is_name(text: str, m: re.Match[str], words: DateWords) -> bool:
    """'Theresa May' is not a month."""
    if words.name_before_month is None:
        return False
    named = any(
        w[:1].isupper() and w.lower() in words.ambiguous_months for w in re.findall(r"\w+", m.group(0))
    )
    return named and bool(words.name_before_month.search(text[max(m.start() - 40, 0) : m.start()]))


def _fmt(d: date, precision: str) -> str:
    if precision == "day":
        return d.isoformat()
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return f"{d.year:04d}"


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    return date(d.year + y, m + 1, 1)


def _num(word: str | None, words: DateWords) -> int:
    if word is None:
        return 1
    return int(word) if word.isdigit() else words.numbers.get(word.lower(), 1)


def _direction(groups: tuple[str | None, ...], words: DateWords) -> int:
    """+1 for "next", "kommenden"; -1 for "last", "vergangenen"; 0 for "this" (first group given)."""
    word = next((g for g in groups if g), "").lower()
    return 1 if word in words.next_words else (-1 if word in words.last_words else 0)


def _year_for(month: int, day: int, pub: date, future: bool | None) -> int:
    """The year of a day-and-month without a year: the publication year, unless the tense
    points across the turn of the year."""
    candidate = date(pub.year, month, min(day, 28))
    if future is True and (pub - candidate).days > 60:
        return pub.year + 1
    if future is False and (candidate - pub).days > 60:
        return pub.year - 1
    return pub.year


def resolve(expr: DateExpr, published: date | None, precision: str | None, future: bool | None) -> str | None:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` for ``expr``, or None when the text does not allow it.

    ``future`` says whether the gathering lies ahead (True), behind (False) or is unknown.
    """
    g = expr.groups
    kind = expr.kind
    words = expr.words
    month_of = words.month_number.get
    try:
        if kind == "numeric":
            return date(int(g[2]), int(g[1]), int(g[0])).isoformat()  # type: ignore[arg-type]
        if kind in {"range_dm", "range_md"}:
            month = month_of(str(g[2] if kind == "range_dm" else g[0]).lower(), 0)
            year = int(g[3]) if g[3] else None
            if year is None:
                if published is None:
                    return None
                year = _year_for(month, 1, published, future)
            return f"{year:04d}-{month:02d}"
        if kind in {"day_month", "month_day"}:
            day_s, month_s = (g[0], g[1]) if kind == "day_month" else (g[1], g[0])
            month, day = month_of(str(month_s).lower(), 0), int(str(day_s))
            year = int(g[2]) if g[2] else None
            if year is None:
                if published is None:
                    return None
                year = _year_for(month, day, published, future)
            return date(year, month, day).isoformat()
        if kind == "month":
            month = month_of(str(g[0]).lower(), 0)
            if g[1]:
                return f"{int(g[1]):04d}-{month:02d}"
            if published is None:
                return None
            return f"{_year_for(month, 15, published, future):04d}-{month:02d}"
        if kind == "month_rel":
            if published is None:
                return None
            month, step = month_of(str(g[1]).lower(), 0), _direction(g[:1], words)
            year = published.year
            if step < 0 and month >= published.month:
                year -= 1  # "im vergangenen Mai", "last May": the latest May before the report
            elif step > 0 and month <= published.month:
                year += 1
            return f"{year:04d}-{month:02d}"
        if kind == "year":
            return str(g[0])
        if published is None:
            return None
        day_known = precision == "day"
        if kind == "weekday":
            if not day_known:
                return _fmt(published, "month")
            qualifier = _direction(g[:1], words)
            wd = words.weekdays[str(g[1]).lower()]
            if qualifier > 0:
                delta = (wd - published.weekday()) % 7 or 7
                return (published + timedelta(days=delta)).isoformat()
            back, ahead = (published.weekday() - wd) % 7, (wd - published.weekday()) % 7
            # No past tense to go by ("reist am Samstag nach Deutschland"): the present
            # names what is coming, the next such day (or today).
            if qualifier < 0 or future is False:
                return (published - timedelta(days=back)).isoformat()
            return (published + timedelta(days=ahead)).isoformat()
        if kind == "relday":
            offset = words.relative_days.get(str(g[0]).lower(), 0)
            if not day_known:
                return _fmt(published, "month")
            return (published + timedelta(days=offset)).isoformat()
        if kind == "relweek":
            offset = 7 * _direction(g, words)
            return _fmt(published + timedelta(days=offset if day_known else 0), "month")
        if kind == "weekend":
            return _fmt(published + timedelta(days=7 * _direction(g, words)), "month")
        if kind == "relmonth":
            return _fmt(_add_months(published, _direction(g, words)), "month")
        if kind == "relyear":
            return f"{published.year + _direction(g, words):04d}"
        if kind in {"offset", "offset_ago"}:
            n = _num(g[0], words)
            unit = str(g[1]).lower()
            direction = str(g[2]).lower() if kind == "offset" else ""
            # "two months after X" / "vor zwei Monaten": X lies n units before the text.
            sign = 1 if direction in words.later_words else -1
            if unit.startswith(words.month_units):
                return _fmt(_add_months(published, sign * n), "month")
            if unit.startswith(words.week_units):
                return _fmt(published + timedelta(days=sign * 7 * n), "month")
            if unit.startswith(words.day_units):
                return _fmt(published + timedelta(days=sign * n), "day" if day_known else "month")
            return f"{published.year + sign * n:04d}"
    except (ValueError, KeyError):
        return None
    return None


def report_timestamp(text: str, lang: Language) -> date | None:
    """The day a report was written, from a time stamp near its start ("13. August 2018, 18:44
    Uhr", "Tuesday, 1 July 2025, 22:46"): a date followed by a clock time."""
    m = _compiled(lang).stamped.search(text[:400])
    if not m:
        return None
    g = m.groups()
    months = lang.dates.month_number
    try:
        if g[0]:
            return date(int(g[2]), int(g[1]), int(g[0]))
        if g[3]:
            return date(int(g[5]), months[g[4].lower()], int(g[3]))
        return date(int(g[8]), months[g[6].lower()], int(g[7]))
    except (ValueError, KeyError):
        return None


def report_month(published: date | None, status: str, background: bool) -> str | None:
    """The date of a gathering the text gives none for: the month of the report.

    A news report that a gathering took place or is planned, without saying when, reports
    what happens around its publication (the annotation convention: "the text plus the
    publication date"). Not for a gathering told as background ("zuletzt", "previously"),
    nor for one proposed, postponed or cancelled, whose date is open.
    """
    if published is None or background or status not in {"held", "planned"}:
        return None
    return f"{published.year:04d}-{published.month:02d}"


def leading_date(text: str, lang: Language) -> date | None:
    """A publication date written at the very start of the body ("16.03.2018 Paris.")."""
    m = _compiled(lang).leading.match(text[:80])
    if not m:
        return None
    try:
        if m.group(1):
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return date(int(m.group(6)), lang.dates.month_number[m.group(4).lower()], int(m.group(5)))
    except (ValueError, KeyError):
        return None
