"""Build `src/rasad/report/world_110m.json`, the report's offline base map, from Natural Earth.

Natural Earth's 1:110m admin-0 countries (public domain, https://www.naturalearthdata.com/about/terms-of-use/)
as one SVG path per country in an equirectangular projection (x = lon + 180, y = 90 - lat, in units of
`STEP` degrees), rounded and with repeated points dropped: about 40 KB.

Usage::

    python scripts/build_world_map.py ne_110m_admin_0_countries.geojson src/rasad/report/world_110m.json
"""

from __future__ import annotations

import json
import sys
from itertools import pairwise
from pathlib import Path
from typing import Any

STEP = 0.5  # degrees per map unit; the 110m outlines are coarser than this anyway


def ring_path(ring: list[list[float]]) -> str:
    """One closed ring as SVG path commands (absolute first point, then relative moves)."""
    points: list[tuple[int, int]] = []
    for lon, lat in ring:
        point = (round((lon + 180) / STEP), round((90 - lat) / STEP))
        if not points or points[-1] != point:
            points.append(point)
    if len(points) < 3:
        return ""
    out = [f"M{points[0][0]} {points[0][1]}"]
    for (x0, y0), (x1, y1) in pairwise(points):
        out.append(f"l{x1 - x0} {y1 - y0}")
    return "".join(out) + "z"


def country_paths(geojson: dict[str, Any]) -> dict[str, str]:
    paths: dict[str, str] = {}
    for feature in geojson["features"]:
        props, geom = feature["properties"], feature["geometry"]
        key = props.get("ISO_A2") if props.get("ISO_A2") not in (None, "-99") else props.get("ADM0_A3")
        polygons = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        d = "".join(ring_path(ring) for polygon in polygons for ring in polygon)
        if d:
            paths[str(key)] = paths.get(str(key), "") + d
    return paths


def main(src: str, dst: str) -> None:
    geojson = json.loads(Path(src).read_text(encoding="utf-8"))
    value = {
        "source": "Natural Earth 1:110m Cultural Vectors, Admin 0 – Countries (ne_110m_admin_0_countries)",
        "licence": "Public domain (Natural Earth, https://www.naturalearthdata.com/about/terms-of-use/)",
        "projection": f"equirectangular: x = (lon + 180) / {STEP}, y = (90 - lat) / {STEP}",
        "width": round(360 / STEP), "height": round(180 / STEP),
        "paths": country_paths(geojson),
    }
    Path(dst).write_text(json.dumps(value, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:3])
