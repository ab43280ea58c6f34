"""Quality gate for datelines and publication dates: the blind and dev sets of agency datelines must
score at least the floors in tests/floors.json ("datelines"). The blind set is never tuned on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasad.eval.common import find_occurrence, read_document_gold
from rasad.eval.datelines import BLIND_GOLD, DEV_GOLD, analyze_text, score

FLOORS: dict[str, dict[str, float]] = json.loads(
    (Path(__file__).parent / "floors.json").read_text(encoding="utf-8")
).get("datelines", {})
SETS = {"blind": BLIND_GOLD, "dev": DEV_GOLD}


@pytest.mark.parametrize("name", sorted(SETS))
def test_gold_is_well_formed(name: str) -> None:
    docs = read_document_gold(SETS[name])
    assert len(docs) >= 20
    for doc in docs:
        assert doc["lang"] in ("ar", "fa")
        for item in [*doc["times"], *doc["quantities"]]:
            start, end = find_occurrence(doc["text"], item["text"], item["occurrence"], doc["id"])
            around = doc["text"][max(0, start - 1) : start] + doc["text"][end : end + 1]
            assert not any(ch.isdigit() for ch in around), f"{doc['id']}: {item['text']!r} is inside a number"


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_meets_floor(name: str) -> None:
    result = score(SETS[name])
    errors = "\n".join(result["errors"])
    for key, floor in FLOORS[name].items():
        value = result["quantities"][key.split("_", 1)[1]] if key.startswith("quantities_") else result[key]
        assert value >= floor, f"{name} {key} {value} < {floor}\n{errors}"


def test_analyze_text_runs_the_stages() -> None:
    article = analyze_text("دمشق - سانا\nوصلت 30 شاحنة.", "ar")
    assert article.dateline is not None and article.dateline.outlet == "SANA"
    assert [q.value for q in article.quantities] == [30]
