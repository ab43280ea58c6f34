"""Quality gate for transliteration keys: `rasad eval translit` on the shipped gold names must reach the
floors in tests/floors.json ("translit"), on the split tuned on and on the held-out split."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasad.cli import main
from rasad.eval.translit import SCRIPTS, SPLITS, evaluate, gold_pairs, read_entries, read_nonpairs, score
from rasad.kb.names import is_arabic_script

FLOORS: dict[str, dict[str, float]] = json.loads(
    (Path(__file__).parent / "floors.json").read_text(encoding="utf-8")
)["translit"]


def test_gold_is_well_formed() -> None:
    entries, nonpairs = read_entries(), read_nonpairs()
    assert len(entries) >= 300 and len(nonpairs) >= 100
    assert len({e.id for e in entries}) == len(entries), "entry ids are unique"
    assert {e.split for e in entries} == set(SPLITS) == {p.split for p in nonpairs}
    for entry in entries:
        assert all(entry.names[s] for s in SCRIPTS), entry.id
        assert all(is_arabic_script(n) for s in ("ar", "fa") for n in entry.names[s]), entry.id
        assert not any(is_arabic_script(n) for n in entry.names["en"]), entry.id


@pytest.mark.parametrize("split", sorted(FLOORS))
def test_meets_floor(split: str) -> None:
    result = evaluate(split)[split]
    errors = "\n".join(line for lines in result["errors"].values() for line in lines)
    for key, floor in FLOORS[split].items():
        assert result[key] >= floor, f"{split} {key} {result[key]} < {floor}\n{errors}"


def test_score_counts_pairs_nonpairs_and_pool() -> None:
    entries = [e for e in read_entries() if e.id in ("place-marib", "place-sabha")]
    assert len(entries) == 2
    nonpairs = [p for p in read_nonpairs() if {p.a, p.b} == {"سبها", "Sabah"}]
    always = score(entries, nonpairs, lambda a, b: True)
    assert always["recall"] == 1.0 and always["pairs"] == len(gold_pairs(entries))
    assert always["nonpairs_linked"] == 1
    never = score(entries, nonpairs, lambda a, b: False)
    assert (never["recall"], never["nonpairs_linked"], never["pool_false_links"]) == (0.0, 0, 0)


def test_cli_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "translit", "--set", "heldout", "--json"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert set(result) == {"heldout"} and 0.0 <= result["heldout"]["recall"] <= 1.0
