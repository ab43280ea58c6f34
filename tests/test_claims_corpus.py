"""Claims across articles: clusters of one claim repeated by several outlets, and contradictions
between the outlets that report one event, on hand-made claims and on the bundled examples."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rasad.analyze import analyze
from rasad.corpus.claims import _Claim, _groups, cluster_claims, find_contradictions
from rasad.settings import Settings


def frame(cid: str, value: float | None = 40, counted: str = "detainees", approximate: bool = False,
          day: str | None = None, origin: str | None = "fac:ghwayran-prison", actor: str | None = None,
          low: float | None = None) -> dict[str, Any]:
    def role(entity_id: str | None) -> dict[str, Any] | None:
        return {"text": entity_id or "", "entity_id": entity_id, "start": 0, "end": 1} if entity_id else None

    return {"id": cid, "action": "transfer", "start": 0, "end": 10, "english": f"claim {cid}",
            "quantity": {"value": value, "counted": counted, "approximate": approximate, "low": low, "high": None,
                         "start": 0, "end": 2, "text": str(value)},
            "time": {"value": day, "text": day or "", "start": 0, "end": 1} if day else None,
            "actor": role(actor), "patient": None, "origin": role(origin), "destination": None, "location": None,
            "attribution": {"text": "مصادر", "source_kind": "anonymous", "cited_outlet": None}}


def run(claims: list[tuple[str, dict[str, Any]]], story: str = "story:s") -> tuple[list, list]:
    items = [_Claim(article, f"outlet-{article}", f"2024-03-0{i + 1}", f) for i, (article, f) in enumerate(claims)]
    groups = _groups(items, {article: story for article, _ in claims})
    return cluster_claims(groups), find_contradictions(groups)


def test_three_outlets_repeating_one_claim_form_one_cluster() -> None:
    clusters, contradictions = run([("a", frame("c1")), ("b", frame("c2")), ("c", frame("c3"))])
    assert len(clusters) == 1 and contradictions == []
    assert clusters[0]["articles"] == ["a", "b", "c"]
    assert clusters[0]["first"]["article"] == "a"
    assert [r["article"] for r in clusters[0]["repeated_by"]] == ["b", "c"]


def test_different_numbers_of_the_same_thing_contradict() -> None:
    _, contradictions = run([("a", frame("c1", 40)), ("b", frame("c2", 750))])
    assert len(contradictions) == 1
    assert contradictions[0]["slot"] == "number of detainees"
    assert sorted(v["value"] for v in contradictions[0]["values"]) == [40.0, 750.0]
    assert {v["article"] for v in contradictions[0]["values"]} == {"a", "b"}


@pytest.mark.parametrize(
    ("second", "why"),
    [
        (frame("c2", None, low=20), "a vague amount (عشرات) against an exact one"),
        (frame("c2", 42), "within 10%"),
        (frame("c2", 750, counted="trucks"), "a different counted thing"),
        (frame("c2", 750, day="2024-05-20"), "another date: another event"),
        (frame("c2", 35, approximate=True), "an approximate amount"),
    ],
)
def test_no_contradiction(second: dict[str, Any], why: str) -> None:
    _, contradictions = run([("a", frame("c1", 40, day="2024-03-01")), ("b", second)])
    assert contradictions == [], why


def test_a_prison_against_its_town_is_scope_not_conflict() -> None:
    _, contradictions = run([("a", frame("c1")), ("b", frame("c2", origin="gpe:hasakah"))])
    assert contradictions == []


def test_two_prisons_of_one_transfer_conflict() -> None:
    _, contradictions = run([("a", frame("c1")), ("b", frame("c2", origin="fac:other-prison"))])
    assert [c["role"] for c in contradictions] == ["origin"]


def test_claims_in_different_stories_never_meet() -> None:
    items = [_Claim("a", None, None, frame("c1", 40)), _Claim("b", None, None, frame("c2", 750))]
    groups = _groups(items, {"a": "story:1", "b": "story:2"})
    assert cluster_claims(groups) == [] and find_contradictions(groups) == []


@pytest.fixture(scope="module")
def examples_out(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> Path:
    out = tmp_path_factory.mktemp("claims")
    analyze([examples_dir], out, Settings(workers=1, progress=False))
    return out


def _names(out: Path) -> dict[str, str]:
    names = {}
    for line in (out / "articles.jsonl").read_text("utf-8").splitlines():
        record = json.loads(line)
        names[record["id"]] = Path(record["source"].get("path") or "").name
    return names


def test_examples_one_claim_repeated_by_three_outlets(examples_out: Path) -> None:
    names = _names(examples_out)
    clusters = json.loads((examples_out / "claim_clusters.json").read_text("utf-8"))
    assert clusters
    members = [sorted(names[a] for a in c["articles"]) for c in clusters]
    assert ["01-ar-sana-detainee-transfer.txt", "02-ar-sputnik-detainee-transfer.txt",
            "03-fa-tasnim-detainee-transfer.txt"] in members


def test_examples_conflicting_drone_counts_are_a_contradiction(examples_out: Path) -> None:
    names = _names(examples_out)
    contradictions = json.loads((examples_out / "contradictions.json").read_text("utf-8"))
    assert contradictions
    assert all(len({v["article"] for v in c["values"]}) >= 2 for c in contradictions)
    drones = [c for c in contradictions if c["slot"] == "number of drones"]
    assert len(drones) == 1
    assert {(names[v["article"]], v["value"]) for v in drones[0]["values"]} == {
        ("08-fa-defapress-tanf-drone.txt", 3.0), ("06-ar-irna-tanf-drone.txt", 2.0)}
    assert len(contradictions) == 1  # the examples' other numbers (different events, vague amounts) do not clash


def test_arabic_values_carry_the_stance_of_their_sentences() -> None:
    first = frame("c1", 40)
    first["sentence"] = "نقلت القوات الأمريكية 40 معتقلاً من سجن غويران إلى قاعدة الشدادي"
    second = frame("c2", 750)
    second["sentence"] = "نقلت القوات الأمريكية 750 معتقلاً من سجن غويران إلى قاعدة الشدادي"
    items = [_Claim("a", "SANA", "2024-03-01", first, "ar"), _Claim("b", "Sputnik", "2024-03-01", second, "ar")]
    contradictions = find_contradictions(_groups(items, {"a": "story:s", "b": "story:s"}))
    assert len(contradictions) == 1
    values = contradictions[0]["values"]
    assert "stance" not in values[0]
    assert values[1]["stance"]["label"] in ("agree", "disagree", "other")
    assert set(values[1]["stance"]["probs"]) == {"agree", "disagree", "other"}
