"""The DuckDB store: idempotent upserts by id, child rows replaced with their article."""

from __future__ import annotations

from pathlib import Path

from rasad.store.duck import Store


def _record(aid: str, text: str = "دخلت قافلة من 30 شاحنة إلى القامشلي.", **extra: object) -> dict:
    rec: dict = {"id": aid, "source": {"path": f"{aid}.txt", "sha256": "0" * 64, "format": "txt"},
                 "lang": "ar", "title": "عنوان 'مع' علامات", "outlet": "SANA", "cited_outlets": ["Sputnik"],
                 "published": "2023-04-11", "text": text,
                 "entities": [{"start": 27, "end": 35, "text": "القامشلي", "type": "GPE",
                               "entity_id": "gpe:qamishli"}],
                 "times": [], "quantities": [{"start": 13, "end": 15, "text": "30", "value": 30,
                                              "approximate": False, "counted": "trucks", "kind": "count"}]}
    rec.update(extra)
    return rec


def test_upsert_twice_changes_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.upsert_articles([_record("a"), _record("b")])
        store.upsert_articles([_record("a"), _record("b")])
        assert store.ids() == ["a", "b"]
        assert store.count("entity_mentions") == 2
        assert store.count("quantities") == 2


def test_reanalysed_article_replaces_its_mentions(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.upsert_articles([_record("a")])
        store.upsert_articles([_record("a", entities=[], outlet="Reuters")])
        assert store.count("entity_mentions") == 0
        row = store.con.execute("SELECT outlet, published, cited_outlets, record->>'$.outlet' FROM articles").fetchone()
        assert row is not None
        assert row[0] == "Reuters" and str(row[1]) == "2023-04-11" and row[2] == ["Sputnik"] and row[3] == "Reuters"


def test_queries_work_on_flat_tables(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.upsert_articles([_record("a"), _record("b")])
        store.replace_errors([{"source": "x.bin", "error": "binary file, not text", "detail": "PNG"}])
        rows = store.con.execute(
            "SELECT entity_id, count(DISTINCT article_id) FROM entity_mentions GROUP BY 1").fetchall()
        assert rows == [("gpe:qamishli", 2)]
        assert store.count("errors") == 1
        store.replace_errors([])
        assert store.count("errors") == 0
