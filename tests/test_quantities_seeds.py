"""Quantities on the shared seed articles (read at test time, never copied into the project)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasad.article import Quantity
from rasad.extract.quantities import find_quantities


def seed(seed_files: list[Path], prefix: str) -> str:
    matches = [p for p in seed_files if p.name.startswith(prefix)]
    assert len(matches) == 1, f"seed {prefix} missing from {seed_files}"
    return matches[0].read_text(encoding="utf-8")


def at(found: list[Quantity], text: str) -> list[Quantity]:
    hits = [q for q in found if q.text == text]
    assert hits, f"{text!r} not found in {[q.text for q in found]}"
    return hits


def test_004_persian_750_isis_members(seed_files: list[Path]) -> None:
    q = at(find_quantities(seed(seed_files, "004"), "fa"), "۷۵۰")[0]
    assert (q.value, q.kind, q.approximate, q.counted) == (750, "count", False, "ISIS members")


def test_000_about_12_thousand(seed_files: list[Path]) -> None:
    q = at(find_quantities(seed(seed_files, "000"), "ar"), "نحو 12 ألفاً")[0]
    assert (q.value, q.kind, q.approximate, q.counted) == (12000, "count", True, "ISIS members")


def test_000_forty(seed_files: list[Path]) -> None:
    q = at(find_quantities(seed(seed_files, "000"), "ar"), "40")[0]
    assert (q.value, q.kind, q.counted) == (40, "count", "ISIS members")


def test_002_5000_is_a_count_not_a_year(seed_files: list[Path]) -> None:
    q = at(find_quantities(seed(seed_files, "002"), "ar"), "ما يقارب 5000")[0]
    assert (q.value, q.kind, q.approximate, q.counted) == (5000, "count", True, "ISIS members")


def test_000_hundreds_is_vague(seed_files: list[Path]) -> None:
    q = at(find_quantities(seed(seed_files, "000"), "ar"), "المئات")[0]
    assert (q.value, q.approximate, q.low, q.high) == (None, True, 200, 999)


def test_002_dateline_date_is_one_date(seed_files: list[Path]) -> None:
    first = find_quantities(seed(seed_files, "002"), "ar")[0]
    assert (first.kind, first.value) == ("date", None) and first.text.count(".") == 2


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_offsets_match_text(seed_files: list[Path], prefix: str) -> None:
    text = seed(seed_files, prefix)
    for q in find_quantities(text, "fa" if prefix == "004" else "ar"):
        assert text[q.start : q.end] == q.text
        assert q.kind in {"count", "year", "date", "time", "ordinal", "percent", "money", "other"}
