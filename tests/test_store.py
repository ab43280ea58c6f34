"""The DuckDB store: idempotent upserts by id, child rows replaced with their article, a schema
generated from the data model, migration of older stores and a clear error for newer ones."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from rasad.store import schema
from rasad.store.duck import Store
from rasad.store.schema import SCHEMA_VERSION, StoreError, Table, duck_type


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


# The schema of rasad.duckdb before it was generated and versioned (no rasad_meta table).
OLD_DDL = """
CREATE TABLE articles (id VARCHAR, lang VARCHAR, title VARCHAR, outlet VARCHAR, cited_outlets VARCHAR[],
  published DATE, source_path VARCHAR, source_url VARCHAR, source_sha256 VARCHAR, source_format VARCHAR,
  text VARCHAR, record JSON, PRIMARY KEY (id));
CREATE TABLE entity_mentions (article_id VARCHAR, start_offset INTEGER, end_offset INTEGER, text VARCHAR,
  type VARCHAR, entity_id VARCHAR, PRIMARY KEY (article_id, start_offset, end_offset));
CREATE TABLE times (article_id VARCHAR, start_offset INTEGER, end_offset INTEGER, text VARCHAR, value VARCHAR,
  calendar VARCHAR, PRIMARY KEY (article_id, start_offset, end_offset));
CREATE TABLE quantities (article_id VARCHAR, start_offset INTEGER, end_offset INTEGER, text VARCHAR,
  value DOUBLE, approximate BOOLEAN, counted VARCHAR, kind VARCHAR, PRIMARY KEY (article_id, start_offset, end_offset));
CREATE TABLE errors (source VARCHAR, error VARCHAR, detail VARCHAR);
"""


def _old_store(path: Path, records: list[dict]) -> None:
    con = duckdb.connect(str(path))
    con.execute(OLD_DDL)
    for rec in records:
        src = rec["source"]
        con.execute("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [rec["id"], rec["lang"], rec["title"], rec["outlet"], rec["cited_outlets"], rec["published"],
                     src.get("path"), None, src["sha256"], src["format"], rec["text"], json.dumps(rec)])
        for e in rec["entities"]:
            con.execute("INSERT INTO entity_mentions VALUES (?, ?, ?, ?, ?, ?)",
                        [rec["id"], e["start"], e["end"], e["text"], e["type"], e["entity_id"]])
    con.execute("INSERT INTO errors VALUES ('bad.txt', 'binary file, not text', 'PNG')")
    con.close()


def _all_counts(store: Store) -> dict[str, int]:
    return {t.name: store.count(t.name) for t in schema.core_tables()}


def test_upsert_twice_changes_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.upsert_articles([_record("a"), _record("b")])
        once = _all_counts(store)
        store.upsert_articles([_record("a"), _record("b")])
        assert store.ids() == ["a", "b"]
        assert store.count("entity_mentions") == 2
        assert store.count("quantities") == 2
        assert _all_counts(store) == once


def test_same_id_twice_in_one_batch_is_one_row(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.upsert_articles([_record("a"), _record("a", outlet="Reuters")])
        assert store.count() == 1
        assert store.con.execute("SELECT outlet FROM articles").fetchall() == [("Reuters",)]


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


def test_two_spans_with_the_same_offsets_are_both_kept(tmp_path: Path) -> None:
    twice = [{"start": 0, "end": 4, "text": "دخلت", "type": kind} for kind in ("MISC", "ORG")]
    with Store(tmp_path / "s.duckdb") as store:
        store.upsert_articles([_record("a", entities=twice)])
        rows = store.con.execute("SELECT type FROM entity_mentions ORDER BY position").fetchall()
        assert rows == [("MISC",), ("ORG",)]


def test_schema_follows_the_dataclasses() -> None:
    columns = schema.span_tables()["quantities"].columns
    assert {"start_offset", "end_offset", "value", "low", "high", "counted_text"} <= set(columns)
    assert columns["value"] == "DOUBLE" and columns["approximate"] == "BOOLEAN"
    assert schema.articles_table().columns["published"] == "DATE"
    assert schema.span_tables()["entities"].name == "entity_mentions"


@pytest.mark.parametrize(("hint", "expected"), [
    (str, "VARCHAR"), (int, "INTEGER"), (float | None, "DOUBLE"), (bool, "BOOLEAN"),
    (list[str], "VARCHAR[]"), (dict[str, int], "JSON"), (list[dict[str, str]], "JSON"), (int | str, "JSON"),
])
def test_duck_types(hint: object, expected: str) -> None:
    assert duck_type(hint) == expected


def test_old_store_is_migrated_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    _old_store(path, [_record("a"), _record("b", outlet="Reuters")])
    with Store(path) as store:
        assert store.meta()["schema_version"] == str(SCHEMA_VERSION)
        assert store.meta()["schema_fingerprint"] == schema.fingerprint()
        assert store.ids() == ["a", "b"]
        assert store.count("entity_mentions") == 2
        assert store.count("quantities") == 2, "spans are rebuilt from each article's record"
        assert store.count("errors") == 1
        assert "position" in store.con.execute("SELECT * FROM entity_mentions LIMIT 0").description[1][0]
        store.upsert_articles([_record("a"), _record("b", outlet="Reuters")])
        assert store.count() == 2 and store.count("entity_mentions") == 2
    with Store(path) as store:  # opening again: nothing left to migrate
        assert store.count() == 2


def test_store_from_a_changed_data_model_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.upsert_articles([_record("a")])
        store.con.execute("UPDATE rasad_meta SET value = 'older' WHERE key = 'schema_fingerprint'")
        store.con.execute("ALTER TABLE quantities DROP COLUMN counted_text")
    with Store(path) as store:
        assert store.meta()["schema_fingerprint"] == schema.fingerprint()
        assert store.count("quantities") == 1
        assert "counted_text" in [d[0] for d in store.con.execute("SELECT * FROM quantities").description]


def test_annotations_survive_a_migration_and_are_no_corpus_table(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    note = {"target_kind": "claim", "target_id": "a#c1", "verdict": "misleading", "note": "العدد مبالغ فيه",
            "updated": "2026-11-30T00:00:00+00:00"}
    with Store(path) as store:
        store.upsert_articles([_record("a")])
        assert store.annotations() == [] and not store.has_table("annotations")  # made on first use
        fingerprint = store.meta()["schema_fingerprint"]
        store.upsert_annotation(note)
        store.upsert_annotation(note | {"verdict": "false"})  # one row per target: the last wins
        assert store.meta()["schema_fingerprint"] == fingerprint  # an older store needs no migration
        store.con.execute("UPDATE rasad_meta SET value = 'older' WHERE key = 'schema_fingerprint'")
    with Store(path) as store:
        assert store.meta()["schema_fingerprint"] == schema.fingerprint()
        assert store.annotations() == [note | {"verdict": "false"}]
        with pytest.raises(StoreError, match="core schema"):
            store.replace_table(schema.ANNOTATIONS, [])
        store.delete_annotation("claim", "a#c1")
        assert store.count("annotations") == 0


def test_store_from_a_newer_rasad_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.con.execute("UPDATE rasad_meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="newer rasad") as info:
        Store(path)
    message = str(info.value)
    assert "\n" not in message and "upgrade rasad" in message and str(path) in message


def test_foreign_duckdb_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE sales (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not a rasad store"):
        Store(path)


def test_articles_stream_in_collection_order_with_only_the_fields_asked(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.upsert_articles([_record("a"), _record("b"), _record("c")])
        store.set_collection(["c", "a"])
        articles = list(store.iter_articles(fields=("outlet",), batch_size=1))
        assert [a.id for a in articles] == ["c", "a"]
        assert articles[0].outlet == "SANA" and articles[0].text == "" and articles[0].entities == []
        full = next(store.iter_articles())
        assert full.entities[0].entity_id == "gpe:qamishli" and full.text.startswith("دخلت")
        with pytest.raises(StoreError, match="unknown article field"):
            next(store.iter_articles(fields=("no_such_field",)))


def test_declared_tables_are_replaced_and_read_back(tmp_path: Path) -> None:
    table = Table("per_lang", {"lang": "VARCHAR", "articles": "INTEGER"}, key=("lang",))
    with Store(tmp_path / "s.duckdb") as store:
        assert store.replace_table(table, iter([{"lang": "ar", "articles": 2}, {"lang": "fa", "articles": 1}])) == 2
        assert store.replace_table(table, [{"lang": "en", "articles": 5}]) == 1
        assert list(store.iter_rows("per_lang")) == [{"lang": "en", "articles": 5}]
        with pytest.raises(StoreError, match="core schema"):
            store.replace_table(Table("articles", {"x": "INTEGER"}), [])


def test_a_value_of_the_wrong_type_is_null_in_its_column_and_kept_in_the_record(tmp_path: Path) -> None:
    odd = _record("a", published="2023-02-30",
                  quantities=[{"start": "x", "end": 15, "text": "30", "value": "thirty", "kind": "count"}])
    with Store(tmp_path / "s.duckdb") as store:
        store.upsert_articles([odd, _record("b")])
        rows = store.con.execute("SELECT id, published, record->>'$.published' FROM articles ORDER BY id").fetchall()
        assert rows[0] == ("a", None, "2023-02-30") and str(rows[1][1]) == "2023-04-11"
        value = store.con.execute("SELECT start_offset, value FROM quantities WHERE article_id = 'a'").fetchall()
        assert value == [(None, None)]


def test_a_record_over_16_mb_is_stored(tmp_path: Path) -> None:
    long_text = "وصلت قافلة المساعدات إلى المدينة. " * 600_000  # about 20 MB in UTF-8
    with Store(tmp_path / "s.duckdb") as store:
        store.upsert_articles([_record("a", text=long_text, entities=[], quantities=[])])
        row = store.con.execute("SELECT length(text) FROM articles").fetchone()
        assert row == (len(long_text),)


def test_every_article_field_has_a_column_or_a_table() -> None:
    import dataclasses

    from rasad.article import Article

    columns = set(schema.articles_table().columns)
    tables = set(schema.span_tables())
    for f in dataclasses.fields(Article):
        if f.compare:
            assert f.name in columns or f.name in tables or f.name == "source", f.name
    assert {"source_path", "source_sha256", "record"} <= columns


def test_a_dataclass_becomes_a_table() -> None:
    import dataclasses

    @dataclasses.dataclass
    class Passage:
        start: int
        end: int
        score: float | None = None
        rule: str = "minhash"
        words: list[str] = dataclasses.field(default_factory=list)

    table = Table.from_dataclass("passages", Passage, prefix={"pair": "VARCHAR"}, key=("pair", "start_offset"))
    assert table.ddl() == ("CREATE TABLE passages (pair VARCHAR, start_offset INTEGER, end_offset INTEGER, "
                           "score DOUBLE, rule VARCHAR, words VARCHAR[], PRIMARY KEY (pair, start_offset))")
