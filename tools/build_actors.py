"""Build seeds/actors.csv, seeds/offices.csv and seeds/actor_aliases.csv.

Facts (person, Wikidata QID, office, jurisdiction, start, end) come from the
Wikidata-derived extracts in ../shared/reference (see its SOURCES.md):
file 1 covers 2000 to 2023-01-20 with exact dates, file 2 the snapshots up to
2025-01-31. The newer files (2025-10, 2026) carry unverified and partly
vandalised rows, so later changes come only from the hand-checked
seeds/actors_manual.csv. German spellings and other aliases come from
seeds/actor_aliases_manual.csv.

Usage: python tools/build_actors.py [--reference DIR]

The outputs are committed; CI never runs this script.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference"
SOURCE = "Wikidata (P39 position held), via ../shared/reference"

# G20 members, the states the issue names, and states often in summit news.
COUNTRIES = [
    "AR",
    "AU",
    "BR",
    "CA",
    "CN",
    "FR",
    "DE",
    "IN",
    "ID",
    "IT",
    "JP",
    "MX",
    "RU",
    "SA",
    "ZA",
    "KR",
    "TR",
    "GB",
    "US",
    "UA",
    "IR",
    "IL",
    "KP",
    "PL",
    "ES",
    "NL",
    "BE",
    "AT",
    "CH",
    "VN",
    "PK",
    "EG",
    "QA",
    "AE",
    "BY",
    "HU",
    "SY",
    "FI",
    "SE",
    "NO",
    "LT",
    "LV",
    "EE",
    "UZ",
    "KZ",
    "CL",
    "VE",
    "CU",
    "PH",
    "TH",
    "MY",
    "SG",
    "NZ",
    "GR",
    "DK",
    "IE",
    "PT",
    "CZ",
    "RO",
    "BG",
    "RS",
    "HR",
    "AZ",
    "AM",
    "GE",
    "MD",
    "AF",
    "IQ",
    "JO",
    "LB",
    "PS",
    "NG",
    "KE",
    "ET",
    "TW",
    "CO",
    "PE",
    "SK",
    "SI",
]

HEAD_OF_GOVERNMENT = {
    "Prime Minister",
    "Chancellor",
    "Federal Chancellor",
    "Premier of the State Council",
    "Premier",
}
MONARCH = {"monarch", "Monarch", "King", "Emperor", "Emir", "Yang di_pertuan Agong (Monarch)"}
# Labels whose meaning depends on the country (see SOURCES.md).
FOREIGN_SPECIAL = {
    "US": {"Secretary of State"},
    "GB": {"Secretary of State for Foreign and Commonwealth Affairs"},
    "IN": {"Minister of External Affairs"},
    "BR": {"Minister of External Relations"},
    "ZA": {"Minister of International Relations and Cooperation"},
    "MX": {"Secretary of Foreign Affairs"},
    "PH": {"Secretary of Foreign Affairs"},
    "KE": {"Secretary for Foreign Affairs"},
}
DEFENCE_SPECIAL = {
    "US": {"Secretary of Defence"},
    "GB": {"Secretary of State for Defence"},
    "PH": {"Secretary of National Defence"},
    "KE": {"Secretary for Defence"},
    "MX": {"Secretary of National Defense"},
}
_FOREIGN = re.compile(
    r"^(Federal )?Minister (of|for) (Europe and )?Foreign (Affairs|Action)\b(?!.*Trade)|"
    r"^Minister of Foreign and European Affairs$"
)
_DEFENCE = re.compile(
    r"^(Federal )?Minister (of|for) (National )?Defen[cs]e"
    r"( and (Military Veterans|Armed Forces Logistics))?$|"
    r"^Minister (of|for) the (Revolutionary )?Armed Forces$"
)
NO_FOREIGN_LABEL = {"IN"}  # India's "Minister of Foreign Affairs" rows are the Foreign Secretaries
ORG_OFFICES = {
    ("EU", "President of the European Commission"): "eu_commission_president",
    ("EU", "President of the European Council"): "eu_council_president",
    (
        "EU",
        "High Representative of the Union for Foreign Affairs and Security Policy",
    ): "eu_high_representative",
    ("EU", "High Representative for Foreign Affairs and Security Policy"): "eu_high_representative",
    ("world", "Secretary-General of the United Nations"): "un_secretary_general",
}
ORG_JURISDICTION = {
    "eu_commission_president": "EU",
    "eu_council_president": "EU",
    "eu_high_representative": "EU",
    "un_secretary_general": "UN",
    "nato_secretary_general": "NATO",
}
# Family name first in the canonical form (Xi Jinping, Kim Jong Un, Moon Jae-in).
FAMILY_NAME_FIRST = {"CN", "KP", "KR", "TW"}
# Surnames too common as words or shared by many people to stand alone.
SURNAME_STOPLIST = {
    "Lee",
    "Li",
    "Wang",
    "Kim",
    "Park",
    "Singh",
    "Khan",
    "Ali",
    "Ahmed",
    "Le",
    "Nguyen",
    "Tran",
    "Moon",
    "Rice",
    "May",
    "Brown",
    "Johnson",
    "Bush",
    "Cook",
    "Young",
    "King",
    "Hunt",
    "Fox",
    "Gates",
    "Hill",
    "Martin",
    "Costa",
    "Kerry",
    "Mark",
    "David",
    "Blair",
    "Law",
    "Wong",
    "Sharif",
    "Davis",
    "Clark",
    "Jones",
    "Smith",
    "Wood",
    "Rao",
    "Roy",
    "Das",
    "Shah",
    "Chang",
    "Chen",
    "Lin",
    "Liu",
    "Zhang",
}


@dataclass
class Holding:
    qid: str
    office: str
    jurisdiction: str
    start: str
    end: str
    source: str
    # A snapshot row still present at the last snapshot: in office then, whatever an older
    # snapshot row of the same tenure says (a change of the other posts a person holds
    # closes one snapshot row and opens another: Modi's row closed 2024-06-11, reopened).
    current: bool = False


def classify(iso2: str, slug: str, position: str) -> tuple[str, str] | None:
    """Map a reference row to (office code, jurisdiction) or None."""
    org = ORG_OFFICES.get(("world" if slug == "world" else iso2, position))
    if org:
        return org, ORG_JURISDICTION[org]
    if iso2 not in COUNTRIES:
        return None
    if position == "President" and iso2 != "CH":
        return "president", iso2
    if position == "Supreme Leader":
        return "supreme_leader", iso2
    if position in HEAD_OF_GOVERNMENT and not (iso2 == "CH" and position == "Chancellor"):
        return "head_of_government", iso2
    if position in MONARCH:
        return "monarch", iso2
    if position in FOREIGN_SPECIAL.get(iso2, ()) or (
        iso2 not in NO_FOREIGN_LABEL and iso2 not in FOREIGN_SPECIAL and _FOREIGN.match(position)
    ):
        return "foreign_minister", iso2
    if position in DEFENCE_SPECIAL.get(iso2, ()) or (
        iso2 not in DEFENCE_SPECIAL and _DEFENCE.match(position)
    ):
        return "defence_minister", iso2
    return None


def clean_date(value: str) -> str:
    value = (value or "").strip()[:10]
    return value if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value) else ""


def read_file1(path: Path, names: dict[str, str], labels: dict[str, str]) -> list[Holding]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            hit = classify(row["iso2"], row["source_slug"], row["position"])
            if not hit or not row["person_qid"]:
                continue
            end = clean_date(row["end"])
            if end and end < "2000":
                continue
            qid = row["person_qid"]
            labels.setdefault(qid, row["person"])
            if row["enwiki"]:
                # "Wang Yi (politician)" -> "Wang Yi": the disambiguator is not part of the name.
                names[qid] = re.sub(r"\s*\(.*\)$", "", row["enwiki"])
            out.append(Holding(qid, hit[0], hit[1], clean_date(row["start"]), end, SOURCE))
    return out


def read_file2(path: Path, labels: dict[str, str]) -> list[Holding]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            hit = classify(row["iso2"], row["source_slug"], row["position"])
            if not hit or not row["person_qid"]:
                continue
            start = clean_date(row["in_office_since"]) or clean_date(row["first_seen"])
            if start > "2026":  # source typo, e.g. 2042
                start = clean_date(row["first_seen"])
            labels.setdefault(row["person_qid"], row["person"])
            end = clean_date(row["disappeared_on"])
            out.append(Holding(row["person_qid"], hit[0], hit[1], start, end, SOURCE, current=not end))
    return out


def merge_holdings(rows: list[Holding]) -> list[Holding]:
    """One row per tenure: file 2 closes the open tenures of file 1."""
    by_key: dict[tuple[str, str, str], list[Holding]] = defaultdict(list)
    for h in rows:
        by_key[(h.qid, h.office, h.jurisdiction)].append(h)
    merged: list[Holding] = []
    for items in by_key.values():
        items.sort(key=lambda h: h.start or "0000")
        current: list[Holding] = []
        for h in items:
            last = current[-1] if current else None
            # Same tenure seen twice (file 1 and file 2): it continues while dates overlap.
            if last and (not last.end or (h.start and h.start <= last.end) or h.start[:7] == last.start[:7]):
                if (last.end and (not h.end or h.end > last.end)) or (
                    not last.end and h.end and h.start <= "2023-02"
                ):
                    last.end = h.end
                last.current = last.current or h.current
                continue
            current.append(Holding(h.qid, h.office, h.jurisdiction, h.start, h.end, h.source, h.current))
        for h in current:
            if h.current:
                h.end = ""
        merged.extend(current)
    return merged


def read_manual(path: Path) -> tuple[list[Holding], dict[str, str], set[tuple[str, str, str]]]:
    """Hand-checked tenures; a row with end 'drop' removes a wrong reference row."""
    rows, names, drops = [], {}, set()
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            names[row["qid"]] = row["name"]
            if not row["office"]:
                continue
            if row["end"] == "drop":
                drops.add((row["qid"], row["office"], row["jurisdiction"]))
                continue
            rows.append(
                Holding(
                    row["qid"], row["office"], row["jurisdiction"], row["start"], row["end"], row["source"]
                )
            )
    return rows, names, drops


def apply_manual(
    rows: list[Holding], manual: list[Holding], drops: set[tuple[str, str, str]]
) -> list[Holding]:
    """Manual rows replace reference rows of the same person and office."""
    keys = {(h.qid, h.office, h.jurisdiction) for h in manual} | drops
    kept = [h for h in rows if (h.qid, h.office, h.jurisdiction) not in keys]
    # A successor in the manual table closes a predecessor left open by the reference data.
    for m in manual:
        for h in kept:
            if h.office == m.office and h.jurisdiction == m.jurisdiction and not h.end and h.start < m.start:
                h.end = m.start
    return kept + manual


def family_name_first(qids: list[str], names: dict[str, str], home: dict[str, str]) -> set[str]:
    """The people whose name is written family name first (Xi Jinping, Lee Jae-myung).

    Not everyone from those countries: "Timothy Yang", "Joseph Wu" are written given name
    first. A first word that starts the name of someone from a given-name-first country
    (Timothy, Joseph, David) is a given name, unless it also starts a name written in the
    East Asian way with a hyphenated given name ("Lee" in "Lee Teng-hui"); so is a first word of
    seven letters or more (Timothy, Vincent): no romanised Chinese or Korean family name is that long.
    """
    given = {names[q].split()[0] for q in qids if home[q] not in FAMILY_NAME_FIRST and " " in names[q]}
    families = {
        names[q].split()[0]
        for q in qids
        if home[q] in FAMILY_NAME_FIRST and len(names[q].split()) == 2 and "-" in names[q].split()[1]
    }
    return {
        q
        for q in qids
        if home[q] in FAMILY_NAME_FIRST and not _given_first(names[q].split()[0], given, families)
    }


def _given_first(word: str, given: set[str], families: set[str]) -> bool:
    return word not in families and (word in given or len(word) >= 7)


def surname(name: str, family_first: bool) -> str:
    words = [w for w in re.sub(r"\s*\(.*\)$", "", name).split() if w not in {"Jr.", "Sr.", "II", "III"}]
    if not words:
        return ""
    if family_first:
        return words[0]
    # Particles belong to the surname (Ursula von der Leyen -> von der Leyen).
    for i, w in enumerate(words[1:], 1):
        if w.lower() in {"von", "van", "de", "der", "da", "dos", "del", "al", "bin", "ben"}:
            return " ".join(words[i:])
    return words[-1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    args = ap.parse_args()
    names: dict[str, str] = {}
    labels: dict[str, str] = {}
    rows = read_file1(args.reference / "officeholders_2000_2023-01.csv", names, labels)
    rows += read_file2(args.reference / "officeholders_current_snapshots_2023-01_2025-01.csv", labels)
    rows = merge_holdings(rows)
    manual, manual_names, drops = read_manual(SEEDS / "actors_manual.csv")
    rows = apply_manual(rows, manual, drops)
    names.update(manual_names)
    for qid, label in labels.items():
        names.setdefault(qid, label)
    # Drop tenures that ended before 2000 and source rows whose end precedes their start.
    rows = [h for h in rows if (h.end or "9999") >= "2000" and not (h.end and h.end < h.start)]
    rows.sort(key=lambda h: (h.jurisdiction, h.office, h.start, h.qid))
    qids = sorted({h.qid for h in rows}, key=lambda q: (names[q], q))
    home = {}
    for h in rows:
        home.setdefault(h.qid, h.jurisdiction)
    family_first = family_name_first(qids, names, home)

    with (SEEDS / "actors.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["qid", "name", "country", "family_name_first", "source"])
        for q in qids:
            ffirst = q in family_first
            w.writerow([q, names[q], home[q], int(ffirst), SOURCE])
    with (SEEDS / "offices.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["qid", "office", "jurisdiction", "start", "end", "source"])
        for h in rows:
            w.writerow([h.qid, h.office, h.jurisdiction, h.start, h.end, h.source])

    aliases: dict[tuple[str, str], tuple[str, str]] = {}
    surname_count: dict[str, set[str]] = defaultdict(set)
    for q in qids:
        full = re.sub(r"\s*\(.*\)$", "", names[q])
        aliases[(q, full)] = ("*", "full")
        label = labels.get(q)
        if label and label != full and not re.search(r"Q\d+", label):
            aliases[(q, label)] = ("en", "variant")
        sn = surname(full, q in family_first)
        if sn and len(sn) > 2:
            surname_count[sn].add(q)
    by_name = {names[q]: q for q in qids}
    with (SEEDS / "actor_aliases_manual.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            qid = by_name.get(row["name"])
            if qid is None:
                print(f"warning: alias {row['alias']!r} for unknown actor {row['name']!r}", file=sys.stderr)
                continue
            aliases[(qid, row["alias"])] = (row["lang"], row["kind"])
            if row["kind"] == "surname":
                surname_count[row["alias"]].add(qid)
    for sn, owners in surname_count.items():
        if sn in SURNAME_STOPLIST:
            continue
        # Shared surnames stay: the extractor picks the holder at the publication date.
        for q in owners:
            aliases.setdefault((q, sn), ("*", "surname"))
    with (SEEDS / "actor_aliases.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["qid", "alias", "lang", "kind"])
        for (q, alias), (lang, kind) in sorted(
            aliases.items(), key=lambda kv: (names[kv[0][0]], kv[0][1], kv[0][0])
        ):
            w.writerow([q, alias, lang, kind])
    print(f"{len(qids)} actors, {len(rows)} tenures, {len(aliases)} aliases", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
