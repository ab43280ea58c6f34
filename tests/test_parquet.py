"""Parquet in (`.parquet` files, one article per row) and out (`articles.parquet`)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from rasad.analyze import analyze
from rasad.ingest import read_inputs
from rasad.outputs import iter_jsonl
from rasad.settings import Settings

ROWS = [
    ("السيول تغمر أحياء في مدينة الحسكة", "غمرت السيول صباح الأحد أحياء في مدينة الحسكة وقال الدفاع المدني إن "
     "فرقه أجلت أربعين عائلة من منازلها.", "2022-01-21", "https://example.org/ar/1"),
    ("Floods in Hasakah", "Floods covered parts of Hasakah on Sunday morning and civil defence teams moved forty "
     "families out of their homes, officials said.", "2022-01-21", "https://example.org/en/1"),
    ("سیل در حسکه", "سیل روز یکشنبه بخش‌هایی از شهر حسکه را فرا گرفت و نیروهای امدادی چهل خانواده را جابه‌جا "
     "کردند.", "2022-01-22", "https://example.org/fa/1"),
]


def _write_parquet(path: Path, rows: list[tuple[str | None, ...]], date_type: str = "DATE") -> Path:
    con = duckdb.connect()
    con.execute(f"CREATE TABLE t (title VARCHAR, content VARCHAR, published {date_type}, url VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", rows)
    quoted = str(path).replace("'", "''")
    con.execute(f"COPY t TO '{quoted}' (FORMAT parquet)")
    con.close()
    return path


@pytest.mark.parametrize("date_type", ["DATE", "VARCHAR", "TIMESTAMP"])
def test_parquet_rows_become_documents(tmp_path: Path, date_type: str) -> None:
    path = _write_parquet(tmp_path / "news.parquet", ROWS, date_type)
    docs = list(read_inputs([path], Settings(workers=1)))
    assert [d.title for d in docs] == [r[0] for r in ROWS]  # type: ignore[union-attr]
    assert [d.source.record for d in docs] == [1, 2, 3]  # type: ignore[union-attr]
    assert all(d.published.startswith("2022-01-2") for d in docs)  # type: ignore[union-attr]
    assert {d.source.format for d in docs} == {"parquet"}  # type: ignore[union-attr]


def test_a_parquet_row_without_text_is_an_error_and_the_others_are_read(tmp_path: Path) -> None:
    rows = [ROWS[0], ("عنوان بلا نص", None, "2022-01-21", None), ROWS[1]]
    items = list(read_inputs([_write_parquet(tmp_path / "news.parquet", rows)], Settings(workers=1)))
    assert [type(item).__name__ for item in items] == ["RawDocument", "ErrorRecord", "RawDocument"]
    assert items[1].source.endswith("news.parquet#2")  # type: ignore[union-attr]


def test_a_file_that_is_not_parquet_is_one_error(tmp_path: Path) -> None:
    bad = tmp_path / "broken.parquet"
    bad.write_bytes(b"PAR1 not really parquet")
    items = list(read_inputs([bad], Settings(workers=1)))
    assert len(items) == 1
    assert items[0].error == "invalid Parquet file"  # type: ignore[union-attr]


def test_articles_parquet_holds_the_articles_of_articles_jsonl(tmp_path: Path) -> None:
    source = _write_parquet(tmp_path / "news.parquet", ROWS)
    out = tmp_path / "out"
    analyze([source], out, Settings(workers=1, progress=False, report=False, parquet=True,
                                    corpus_stages=("entities",)))
    records = list(iter_jsonl(out / "articles.jsonl"))
    assert records
    rows = duckdb.sql(f"SELECT id, lang, record FROM read_parquet('{out / 'articles.parquet'}')").fetchall()
    assert [(r[0], r[1]) for r in rows] == [(r["id"], r["lang"]) for r in records]
    assert sorted(r["lang"] for r in records) == ["ar", "en", "fa"]


def test_articles_parquet_is_written_in_chunks_and_keeps_the_output_order(tmp_path: Path) -> None:
    """The export sorts `chunk` articles at a time (the whole corpus at once ran out of DuckDB's memory
    at 16,000 articles); the chunks join in output order and leave no part files behind."""
    from rasad.store.duck import Store

    source = _write_parquet(tmp_path / "news.parquet", ROWS)
    out = tmp_path / "out"
    analyze([source], out, Settings(workers=1, progress=False, report=False, corpus_stages=("entities",)))
    with Store(out / "rasad.duckdb") as store:
        store.export_parquet(tmp_path / "chunked.parquet", chunk=1)
    ids = [r["id"] for r in iter_jsonl(out / "articles.jsonl")]
    rows = duckdb.sql(f"SELECT id FROM read_parquet('{tmp_path / 'chunked.parquet'}')").fetchall()
    assert len(ids) == 3 and [r[0] for r in rows] == ids
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chunked.parquet", "news.parquet", "out"]
