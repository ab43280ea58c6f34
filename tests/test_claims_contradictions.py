"""Contradictions on real news: only one event told two ways (an anchor shared, one value per
article), a real counted thing, places for places, and one name under two ids as one value."""

from __future__ import annotations

from typing import Any

from rasad.corpus.claims import _canonical_frame, _canonical_ids, _Claim, _groups, find_contradictions


def frame(cid: str, value: float | None = 12, counted: str = "people killed", action: str = "kill",
          location: str | None = None, destination: str | None = None, day: str | None = None,
          start: int = 0) -> dict[str, Any]:
    def role(entity_id: str | None) -> dict[str, Any] | None:
        return {"text": entity_id or "", "entity_id": entity_id, "start": 0, "end": 1} if entity_id else None

    return {"id": cid, "action": action, "start": start, "end": start + 10, "english": cid,
            "quantity": {"value": value, "counted": counted, "approximate": False, "low": None, "high": None,
                         "start": 0, "end": 2, "text": str(value)} if value is not None else None,
            "time": {"value": day, "text": day or "", "start": 0, "end": 1} if day else None,
            "actor": None, "patient": None, "origin": None, "destination": role(destination),
            "location": role(location), "attribution": None}


def contradictions(*claims: tuple[str, dict[str, Any]], near: dict[str, frozenset[str]] | None = None) -> list:
    items = [_Claim(a, f"outlet-{a}", "2025-02-10", f, "en", (near or {}).get(f["id"], frozenset()))
             for a, f in claims]
    return find_contradictions(_groups(items, {a: "story:x" for a, _ in claims}))


def test_two_death_tolls_with_a_shared_town_conflict() -> None:
    found = contradictions(("a", frame("c1", 12, location="geo:1")), ("b", frame("c2", 30, location="geo:1")))
    assert [c["slot"] for c in found] == ["number of people killed"]


def test_two_death_tolls_with_nothing_in_common_are_two_events() -> None:
    assert contradictions(("a", frame("c1", 12)), ("b", frame("c2", 30))) == []


def test_a_specific_entity_named_in_both_clauses_ties_them() -> None:
    near = {"c1": frozenset({"fac:port-of-aden"}), "c2": frozenset({"fac:port-of-aden"})}
    assert len(contradictions(("a", frame("c1", 12)), ("b", frame("c2", 30)), near=near)) == 1


def test_an_article_giving_both_numbers_reports_two_events() -> None:
    found = contradictions(("a", frame("c1", 12, location="geo:1")), ("a", frame("c2", 30, location="geo:1", start=50)),
                           ("b", frame("c3", 12, location="geo:1")), ("b", frame("c4", 30, location="geo:1", start=50)))
    assert found == []


def test_a_number_without_an_english_counted_label_is_no_slot() -> None:
    found = contradictions(("a", frame("c1", 12, counted="بارتكاب", location="geo:1")),
                           ("b", frame("c2", 30, counted="بارتكاب", location="geo:1")))
    assert found == []


def test_a_killing_has_no_destination_to_conflict_on() -> None:
    found = contradictions(("a", frame("c1", 4, destination="geo:1", location="geo:9")),
                           ("b", frame("c2", 4, destination="geo:2", location="geo:9")))
    assert found == []


def test_one_name_under_two_ids_is_one_value() -> None:
    canonical = _canonical_ids([{"id": "x:per:bbb", "same_as": ["x:per:aaa"]}])
    assert canonical == {"x:per:bbb": "x:per:aaa"}
    a = _canonical_frame(frame("c1", 40, "detainees", "transfer", destination="x:per:bbb", location="geo:1"), canonical)
    b = frame("c2", 40, "detainees", "transfer", destination="x:per:aaa", location="geo:1")
    assert a["destination"]["entity_id"] == "x:per:aaa"
    assert contradictions(("a", a), ("b", b)) == []


def test_two_moves_from_one_town_to_two_places_are_two_events() -> None:
    def move(cid: str, destination: str) -> dict[str, Any]:
        claim = frame(cid, None, "people", "transfer", destination=destination)
        claim["origin"] = {"text": "x", "entity_id": "geo:aden", "start": 0, "end": 1}
        return claim

    assert contradictions(("a", move("c1", "geo:sanaa")), ("b", move("c2", "gpe:jordan"))) == []
