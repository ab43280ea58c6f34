"""Corpus stages in an incremental run (`rasad ingest`): the outputs after adding a batch to a store
are those of the stage run afresh over the union (the documented promise), while the stage reads and
writes only what the new articles touch."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rasad.corpus import entities, entities_update
from rasad.corpus.runner import resolve_corpus, run_corpus_stages
from rasad.settings import Settings
from rasad.store.duck import Store

Mention = tuple[str, str, str]  # entity id, type, surface


def _article(article_id: str, lang: str, mentions: list[Mention]) -> dict[str, Any]:
    spans = [{"start": 0, "end": 1, "text": text, "type": kind, "entity_id": entity_id}
             for entity_id, kind, text in mentions]
    return {"id": article_id, "source": {"sha256": article_id, "format": "txt"}, "text": "x", "lang": lang,
            "entities": spans}


# Two batches of articles naming people outside the knowledge base in Arabic and English spellings:
# the second batch links new spellings to earlier ones, changes which spelling of a name is the most
# mentioned (so the blocks it is compared in), and adds mentions of a known place.
FIRST = [
    _article("a1", "ar", [("x:per:maher-ar", "PER", "ماهر الزين"), ("x:per:salim-ar", "PER", "سليم الحداد"),
                          ("gpe:hasakah", "GPE", "الحسكة")]),
    _article("a2", "en", [("x:per:maher-en", "PER", "Maher al-Zein")]),
    _article("a3", "ar", [("x:per:salem-ar", "PER", "سالم الحداد"), ("x:org:badran", "ORG", "بدران")]),
]
SECOND = [
    _article("b1", "en", [("x:per:salim-en", "PER", "Salim al-Haddad")]),
    _article("b2", "en", [("x:per:maher-en", "PER", "Maher Zain"), ("x:per:maher-en", "PER", "Maher Zain")]),
    _article("b3", "ar", [("x:per:salim-ar", "PER", "سالم الحداد"), ("x:per:salim-ar", "PER", "سالم الحداد")]),
    _article("b4", "ar", [("gpe:hasakah", "GPE", "الحسكة"), ("x:per:badran-en", "PER", "Karim Badran")]),
    _article("b5", "fa", [("x:per:karim-fa", "PER", "کریم بدران")]),
]


def _ingest(folder: Path, batches: list[list[dict[str, Any]]], stages: tuple[str, ...]) -> None:
    """Add each batch to the store in `folder` and run `stages` as `rasad ingest` does."""
    folder.mkdir(exist_ok=True)
    ids: list[str] = []
    with Store(folder / "rasad.duckdb") as store:
        for batch in batches:
            store.upsert_articles(batch)
            ids += [a["id"] for a in batch]
            store.set_collection(ids)
            errors: list[object] = []
            run_corpus_stages(store, folder, Settings(), resolve_corpus(stages), errors.append,
                              added=frozenset(a["id"] for a in batch))
            assert errors == []


def _afresh(folder: Path, articles: list[dict[str, Any]], stages: tuple[str, ...]) -> None:
    folder.mkdir()
    with Store(folder / "rasad.duckdb") as store:
        store.upsert_articles(articles)
        store.set_collection([a["id"] for a in articles])
        run_corpus_stages(store, folder, Settings(), resolve_corpus(stages))


def _table(folder: Path, table: str, key: str) -> list[dict[str, Any]]:
    with Store(folder / "rasad.duckdb") as store:
        return sorted(store.iter_rows(table), key=lambda row: row[key])


@pytest.mark.parametrize("block", [entities.MAX_NAME_BLOCK, 2])  # 2: the block cut lets names in and out
@pytest.mark.parametrize("batches", [[FIRST, SECOND], [FIRST[:1], FIRST[1:], SECOND[:2], [], SECOND[2:]]])
def test_entities_after_batches_equal_a_fresh_run_over_the_union(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 block: int, batches: list[list[dict[str, Any]]]
                                                                 ) -> None:
    monkeypatch.setattr(entities, "MAX_NAME_BLOCK", block)
    monkeypatch.setattr(entities_update, "MAX_NAME_BLOCK", block)
    _ingest(tmp_path / "store", batches, ("entities",))
    _afresh(tmp_path / "full", [a for batch in batches for a in batch], ("entities",))
    text = (tmp_path / "full" / "entities.json").read_text("utf-8")
    assert '"same_as": [\n' in text  # some names are linked
    assert (tmp_path / "store" / "entities.json").read_text("utf-8") == text
    for table, key in (("entities", "id"), ("entity_seen", "entity_id"), ("entity_blocks", "entity_id")):
        assert _table(tmp_path / "store", table, key) == _table(tmp_path / "full", table, key), table


def test_an_incremental_entities_run_reads_only_the_rows_it_touches(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _ingest(tmp_path / "store", [FIRST], ("entities",))
    read: list[str] = []
    original = Store.iter_rows

    def counting(self: Store, table: str, *args: Any, **kwargs: Any) -> Any:
        rows = list(original(self, table, *args, **kwargs))
        read.extend(f"{table}:{row.get('id') or row.get('entity_id') or row.get('name')}" for row in rows
                    if set(row) != {"id", "mentions"})  # the order of entities.json reads two columns of all
        return iter(rows)

    monkeypatch.setattr(Store, "iter_rows", counting)
    _ingest(tmp_path / "store", [[_article("c1", "en", [("x:per:salem-en", "PER", "Salem Haddad")])]], ("entities",))
    assert "entity_blocks:x:per:salim-ar" in read  # the block the new name is in
    assert not any(row.endswith(("maher-ar", "maher-en", "hasakah", "badran")) for row in read), read


def _event(article_id: str, lang: str, day: str, *places: str) -> dict[str, Any]:
    record = _article(article_id, lang, [(place, "FAC", place.split(":")[1]) for place in places])
    return {**record, "published": day, "cited_outlets": ["Sputnik"]}


# Reports of two events; the second batch adds a report to the first event (a new outlet's language)
# and starts a third event; one article stays alone.
EVENTS = [_event("e1", "ar", "2024-03-01", "fac:ghwayran-prison", "fac:tanf-garrison"),
          _event("e2", "fa", "2024-03-02", "fac:ghwayran-prison", "fac:tanf-garrison"),
          _event("e3", "ar", "2024-05-10", "fac:rukban-camp", "fac:qamishli-airport"),
          _event("e4", "en", "2024-05-11", "fac:rukban-camp", "fac:qamishli-airport"),
          _event("e5", "ar", "2024-08-01", "fac:hol-camp")]
LATER_EVENTS = [_event("f1", "en", "2024-03-02", "fac:ghwayran-prison", "fac:tanf-garrison"),
                _event("f2", "ar", "2024-09-20", "fac:deir-bridge", "fac:omar-field"),
                _event("f3", "fa", "2024-09-21", "fac:deir-bridge", "fac:omar-field")]


def test_stories_after_a_batch_equal_the_stage_run_again_over_the_store(tmp_path: Path) -> None:
    """The incremental stories (written as changes to the earlier stories.json) are those the stage
    gives when run again over the whole store with the same earlier stories, byte for byte."""
    stages = ("entities", "stories")
    _ingest(tmp_path / "store", [EVENTS, LATER_EVENTS], stages)
    again = tmp_path / "again"
    _ingest(again, [EVENTS], stages)
    with Store(again / "rasad.duckdb") as store:
        store.upsert_articles(LATER_EVENTS)
        store.set_collection([a["id"] for a in EVENTS + LATER_EVENTS])
        run_corpus_stages(store, again, Settings(), resolve_corpus(stages))  # not incremental: every pair
    text = (again / "stories.json").read_text("utf-8")
    stories = {s["id"]: s["articles"] for s in json.loads(text)}
    assert stories["story:e1"] == ["e1", "e2", "f1"] and stories["story:f2"] == ["f2", "f3"]
    assert (tmp_path / "store" / "stories.json").read_text("utf-8") == text
    assert _table(tmp_path / "store", "stories", "id") == _table(again, "stories", "id")


def test_upsert_rows_replaces_rows_by_key_and_keeps_the_others(tmp_path: Path) -> None:
    from rasad.store.schema import Table

    table = Table("test_names", {"a": "VARCHAR", "b": "VARCHAR", "names": "VARCHAR[]"}, key=("a", "b"))
    with Store(tmp_path / "s.duckdb") as store:
        store.replace_table(table, [{"a": "x", "b": "1", "names": ["سليم"]}, {"a": "x", "b": "2", "names": ["Salim"]}])
        assert store.upsert_rows(table, [{"a": "x", "b": "2", "names": ["سالم", "Salem"]},
                                         {"a": "y", "b": "1", "names": []}]) == 2
        rows = sorted((r["a"], r["b"], r["names"]) for r in store.iter_rows(table.name))
    assert rows == [("x", "1", ["سليم"]), ("x", "2", ["سالم", "Salem"]), ("y", "1", [])]


def test_upserted_new_rows_keep_their_order(tmp_path: Path) -> None:
    """Readers of a table in its stored order (the narratives' graph reads reuse_pairs so) see new rows
    in the order they were given."""
    from rasad.store.schema import Table

    table = Table("test_order", {"k": "VARCHAR", "words": "VARCHAR[]"}, key=("k",))
    keys = [f"k{(n * 7919) % 5000:04}" for n in range(5000)]  # not sorted
    with Store(tmp_path / "s.duckdb") as store:
        store.replace_table(table, [{"k": "first", "words": ["أول"]}])
        store.upsert_rows(table, ({"k": k, "words": [k, "كلمة"]} for k in keys))
        assert [r["k"] for r in store.iter_rows(table.name)] == ["first", *keys]
