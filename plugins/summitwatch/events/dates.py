"""Date expressions in German and English, resolved against the publication date.

The result keeps the precision the text and the publication date allow: "am 16. Juli"
in a July 2018 article is ``2018-07-16``; "am Freitag" is a day only when the
publication date is known to the day, else the publication month; a multi-day range
("27 to 28 April") is its month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_MONTHS = {
    "januar": 1, "jänner": 1, "january": 1, "jan": 1, "februar": 2, "february": 2, "feb": 2,
    "märz": 3, "march": 3, "april": 4, "apr": 4, "mai": 5, "may": 5, "juni": 6, "june": 6,
    "juli": 7, "july": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "october": 10, "oct": 10, "okt": 10, "november": 11, "nov": 11,
    "dezember": 12, "december": 12, "dec": 12, "dez": 12,
}  # fmt: skip
_WEEKDAYS = {
    "montag": 0, "monday": 0, "dienstag": 1, "tuesday": 1, "mittwoch": 2, "wednesday": 2,
    "donnerstag": 3, "thursday": 3, "freitag": 4, "friday": 4, "samstag": 5, "sonnabend": 5,
    "saturday": 5, "sonntag": 6, "sunday": 6,
}  # fmt: skip
# Capitalised words that open a date ("Ende Februar", "Mitte Mai", "Anfang März"), never a name.
DATE_WORDS = frozenset(_MONTHS) | frozenset(_WEEKDAYS) | frozenset({"ende", "anfang", "mitte", "end", "mid"})
_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ein": 1, "einem": 1, "einen": 1,
    "einer": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "a": 1,
}  # fmt: skip
_M = (
    r"(januar|jänner|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember|"
    r"january|february|march|may|june|july|october|december|jan|feb|apr|aug|sept|sep|oct|okt|nov|dec|dez)"
)
_W = (
    r"(montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
)
_Y = r"((?:19|20)\d\d)"
_N = r"(\d+|one|two|three|four|five|six|a|ein|einem|einen|einer|zwei|drei|vier|fünf|sechs)"

# (pattern, kind): kinds are handled in resolve(); order matters, longer forms first.
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            rf"\b(\d{{1,2}})\.\s*(?:bis(?:\s+zum)?|-|\u2013)\s*(\d{{1,2}})\.\s*{_M}\b(?:\s+{_Y})?", re.I
        ),
        "range_dm",
    ),
    (
        re.compile(
            rf"\b{_M}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|\u2013|to|and|until)\s*(\d{{1,2}})\b(?:,?\s+{_Y})?",
            re.I,
        ),
        "range_md",
    ),
    (
        re.compile(
            rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|\u2013|to|and|until)\s*(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_M}\b"
            rf"(?:,?\s+{_Y})?",
            re.I,
        ),
        "range_dm",
    ),
    (re.compile(r"\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)\b"), "numeric"),
    (re.compile(rf"\b(\d{{1,2}})\.?\s*(?:of\s+)?{_M}\b\.?(?:,?\s+{_Y})?", re.I), "day_month"),
    (
        re.compile(
            rf"\b{_M}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:%|percent|Prozent))(?:,?\s+{_Y})?", re.I
        ),
        "month_day",
    ),
    (
        re.compile(
            rf"\b(?:(?:im|in)\s+)?(vergangenen|letzten|kommenden|nächsten|last|next|this|diesen)\s+{_M}\b",
            re.I,
        ),
        "month_rel",
    ),
    (
        re.compile(
            rf"\b(?:(?:until|bis)\s+)?(?:in|im|early|mid|late|end|ende|anfang|mitte|until|bis|by|for|since|seit|"
            rf"and|und|or|oder)[\s-]+"
            rf"(?:of\s+)?{_M}\b(?:\s+{_Y})?",
            re.I,
        ),
        "month",
    ),
    (re.compile(rf"\b{_M}\s+{_Y}\b", re.I), "month"),
    (
        re.compile(
            rf"\b(?:(kommenden|nächsten|next|this|diesen|vergangenen|letzten|last)\s+)?{_W}"
            r"(?:vormittag|nachmittag|abend|mittag|morgen|nacht)?\b",
            re.I,
        ),
        "weekday",
    ),
    (
        re.compile(
            r"\b(gestern|yesterday|vorgestern|heute|today|tonight|morgen|tomorrow|übermorgen|vortag|"
            r"am nachmittag|am vormittag|am abend|in der früh|this afternoon|this morning|this evening)\b",
            re.I,
        ),
        "relday",
    ),
    (
        re.compile(
            r"\b(?:(?:in\s+der\s+)?(kommenden|nächsten|nächste|vergangenen|letzten|letzte|dieser|diese)\s+woche|"
            r"(next|this|last|nächste|diese|letzte)\s+week)\b",
            re.I,
        ),
        "relweek",
    ),
    (
        re.compile(
            r"\b(?:(?:im\s+)?(kommenden|nächsten|vergangenen|letzten)\s+monat(?:s)?|"
            r"(next|this|last)\s+month|(nächsten|kommenden)\s+monats)\b",
            re.I,
        ),
        "relmonth",
    ),
    (
        re.compile(
            r"\b(?:(?:im\s+)?(kommenden|nächsten|vergangenen|letzten)\s+jahr(?:es)?|"
            r"(next|this|last|nächstes|letztes|dieses|diesem)\s+(?:year|jahr)|(heuer))\b",
            re.I,
        ),
        "relyear",
    ),
    (
        re.compile(
            r"\b(dieses|diesem|am|kommenden|kommendes|nächsten|nächstes|letzten|letztes|vergangenen|"
            r"vergangenes|this|next|last|the)\s+(?:wochenende|weekend)\b",
            re.I,
        ),
        "weekend",
    ),
    (
        re.compile(
            rf"\b{_N}\s+(months?|monate[n]?|weeks?|wochen|years?|jahre[n]?)\s+(ago|after|later|earlier|before|"
            r"nach|später|zuvor|davor)\b",
            re.I,
        ),
        "offset",
    ),
    (
        re.compile(
            rf"\bvor\s+(?:(?:knapp|gut|etwa|rund|fast|über|mehr\s+als)\s+)?{_N}\s+"
            r"(monaten|monat|wochen|woche|jahren|jahr|tagen)\b",
            re.I,
        ),
        "offset_de",
    ),
    (
        re.compile(
            rf"\b(?:(?:in|im\s+jahr|im|of|since|seit|until|bis)\s+|(?:mid|early|late|end|anfang|mitte|ende)[\s-]+){_Y}\b",
            re.I,
        ),
        "year",
    ),
]


@dataclass(frozen=True, slots=True)
class DateExpr:
    start: int
    end: int
    kind: str
    groups: tuple[str | None, ...]
    text: str

    @property
    def is_new_date(self) -> bool:
        """'until end-June', 'bis Juni': the new date of a postponed gathering."""
        return bool(_NEW_DATE.match(self.text))


_NEW_DATE = re.compile(r"(until|till|bis|auf|to)\b", re.I)
_NEW_DATE_ARTICLES = frozenset({"den", "dem", "zum", "the"})


def new_date_before(words: list[str]) -> bool:
    """The lower-case words just before a date mark it as a new date ("auf den", "to", "bis zum")."""
    if words and words[-1] in _NEW_DATE_ARTICLES:
        words = words[:-1]
    return bool(words) and bool(_NEW_DATE.fullmatch(words[-1]))


# Cheap tests first: most sentences hold no date word at all, and most date patterns
# need a month name, a weekday, a digit or a unit word that a single search can rule out.
# They run on the lower-cased text (much faster than re.I) and only decide which patterns run.
_FEATURES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("month", re.compile(_M)),
    ("digit", re.compile(r"\d")),
    ("weekday", re.compile(_W)),
    (
        "relday",
        re.compile(
            r"gestern|yesterday|heute|today|tonight|morgen|tomorrow|vortag|nachmittag|vormittag|abend|"
            r"afternoon|morning|evening|früh",
        ),
    ),
    ("unit", re.compile(r"woche|week|monat|month|jahr|year|heuer")),
)
# The feature each pattern cannot match without (same order as _PATTERNS).
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
    "offset_de": "unit",
    "year": "digit",
}
_MAY = re.compile(r"\bMay\b")
_TIMESTAMP = re.compile(r",?\s*\d{1,2}:\d{2}\b")
_MAY_TITLE = re.compile(r"(Theresa|Mrs\.?|Ms\.?)\s*$")


def find_dates(text: str) -> list[DateExpr]:
    """Non-overlapping date expressions in ``text``, earliest first."""
    lowered = text.lower()
    present = {name for name, rx in _FEATURES if rx.search(lowered)}
    if not present:
        return []
    taken: list[tuple[int, int]] = []
    out: list[DateExpr] = []
    for pattern, kind in _PATTERNS:
        if _NEEDS[kind] not in present:
            continue
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(start < e and s < end for s, e in taken):
                continue
            if kind == "month_day" and m.group(1).lower() == "may" and not m.group(0)[:1].isupper():
                continue
            if kind in {"month", "month_rel", "day_month", "month_day"} and _is_may_name(text, m):
                continue
            if _TIMESTAMP.match(text, end):
                continue  # "13. August 2018, 18:44 Uhr": when the report was written
            taken.append((start, end))
            out.append(DateExpr(start, end, kind, m.groups(), m.group(0)))
    return sorted(out, key=lambda d: d.start)


def _is_may_name(text: str, m: re.Match[str]) -> bool:
    """'Theresa May' is not a month."""
    return bool(_MAY.search(m.group(0))) and bool(_MAY_TITLE.search(text[max(m.start() - 40, 0) : m.start()]))


def _fmt(d: date, precision: str) -> str:
    if precision == "day":
        return d.isoformat()
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return f"{d.year:04d}"


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    return date(d.year + y, m + 1, 1)


def _num(word: str | None) -> int:
    if word is None:
        return 1
    return int(word) if word.isdigit() else _NUMBERS.get(word.lower(), 1)


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
    month_of = _MONTHS.get
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
            month, word = month_of(str(g[1]).lower(), 0), str(g[0]).lower()
            year = published.year
            if word in {"vergangenen", "letzten", "last"} and month >= published.month:
                year -= 1  # "im vergangenen Mai", "last May": the latest May before the report
            elif word in {"kommenden", "nächsten", "next"} and month <= published.month:
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
            qualifier = (g[0] or "").lower()
            wd = _WEEKDAYS[str(g[1]).lower()]
            if qualifier in {"kommenden", "nächsten", "next"}:
                delta = (wd - published.weekday()) % 7 or 7
                return (published + timedelta(days=delta)).isoformat()
            back, ahead = (published.weekday() - wd) % 7, (wd - published.weekday()) % 7
            # No past tense to go by ("reist am Samstag nach Deutschland"): the present
            # names what is coming, the next such day (or today).
            if qualifier in {"vergangenen", "letzten", "last"} or future is False:
                return (published - timedelta(days=back)).isoformat()
            return (published + timedelta(days=ahead)).isoformat()
        if kind == "relday":
            word = str(g[0]).lower()
            offset = {"gestern": -1, "yesterday": -1, "vorgestern": -2, "vortag": -1, "morgen": 1,
                      "tomorrow": 1, "übermorgen": 2}.get(word, 0)  # fmt: skip
            if not day_known:
                return _fmt(published, "month")
            return (published + timedelta(days=offset)).isoformat()
        if kind == "relweek":
            word = (g[0] or g[1] or "").lower()
            offset = (
                7
                if word in {"kommenden", "nächsten", "next", "nächste"}
                else (-7 if word in {"vergangenen", "letzten", "last", "letzte"} else 0)
            )
            return _fmt(published + timedelta(days=offset if day_known else 0), "month")
        if kind == "weekend":
            word = str(g[0]).lower()
            offset = (
                7
                if word in {"kommenden", "kommendes", "nächsten", "nächstes", "next"}
                else (-7 if word in {"letzten", "letztes", "vergangenen", "vergangenes", "last"} else 0)
            )
            return _fmt(published + timedelta(days=offset), "month")
        if kind == "relmonth":
            word = (g[0] or g[1] or g[2] or "").lower()
            offset = (
                1
                if word in {"kommenden", "nächsten", "next"}
                else (-1 if word in {"vergangenen", "letzten", "last"} else 0)
            )
            return _fmt(_add_months(published, offset), "month")
        if kind == "relyear":
            word = (g[0] or g[1] or "").lower()
            offset = (
                1
                if word in {"kommenden", "nächsten", "next", "nächstes"}
                else (-1 if word in {"vergangenen", "letzten", "last", "letztes"} else 0)
            )
            return f"{published.year + offset:04d}"
        if kind in {"offset", "offset_de"}:
            n = _num(g[0])
            unit = str(g[1]).lower()
            direction = str(g[2]).lower() if kind == "offset" else "ago"
            # "two months after X" / "vor zwei Monaten": X lies n units before the text.
            sign = 1 if direction in {"later", "später"} else -1
            if unit.startswith(("month", "monat")):
                return _fmt(_add_months(published, sign * n), "month")
            if unit.startswith(("week", "woche")):
                return _fmt(published + timedelta(days=sign * 7 * n), "month")
            if unit.startswith("tag"):
                return _fmt(published + timedelta(days=sign * n), "day" if day_known else "month")
            return f"{published.year + sign * n:04d}"
    except (ValueError, KeyError):
        return None
    return None


_STAMPED = re.compile(
    rf"\b(?:(\d{{1,2}})\.(\d{{1,2}})\.{_Y}|(\d{{1,2}})\.?\s+{_M}\.?,?\s+{_Y}|{_M}\.?\s+(\d{{1,2}}),?\s+{_Y})"
    r",?\s*(?:um\s+|at\s+|-\s+)?\d{1,2}[:.]\d{2}\b",
    re.I,
)


def report_timestamp(text: str) -> date | None:
    """The day a report was written, from a time stamp near its start ("13. August 2018, 18:44
    Uhr", "Tuesday, 1 July 2025, 22:46"): a date followed by a clock time."""
    m = _STAMPED.search(text[:400])
    if not m:
        return None
    g = m.groups()
    try:
        if g[0]:
            return date(int(g[2]), int(g[1]), int(g[0]))
        if g[3]:
            return date(int(g[5]), _MONTHS[g[4].lower()], int(g[3]))
        return date(int(g[8]), _MONTHS[g[6].lower()], int(g[7]))
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


_LEADING_DATE = re.compile(
    rf"^\W{{0,3}}(?:[A-ZÄÖÜ][\w.-]*,?\s+){{0,3}}(?:(\d{{1,2}})\.(\d{{1,2}})\.((?:19|20)\d\d)|{_M}\.?\s+(\d{{1,2}}),?\s+{_Y})",
    re.I,
)


def leading_date(text: str) -> date | None:
    """A publication date written at the very start of the body ("16.03.2018 Paris.")."""
    m = _LEADING_DATE.match(text[:80])
    if not m:
        return None
    try:
        if m.group(1):
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return date(int(m.group(6)), _MONTHS[m.group(4).lower()], int(m.group(5)))
    except (ValueError, KeyError):
        return None
