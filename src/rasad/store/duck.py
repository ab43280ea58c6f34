"""DuckDB store: one file in the output folder, upserted by content id.

Analysing the same inputs twice gives the same ids and no duplicate rows. Besides the full JSON
record, flat tables make the common questions one SQL query away:

    SELECT outlet, count(*) FROM articles GROUP BY outlet;
    SELECT e.entity_id, count(DISTINCT e.article_id) FROM entity_mentions e GROUP BY 1 ORDER BY 2 DESC;

Example::

    with Store(Path("out/rasad.duckdb")) as store:
        store.upsert_articles(records)
"""

from __future__ import annotations

import json
from pathlib import Path
from types import TracebackType
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,
    lang VARCHAR,
    title VARCHAR,
    outlet VARCHAR,
    cited_outlets VARCHAR[],
    published DATE,
    source_path VARCHAR,
    source_url VARCHAR,
    source_sha256 VARCHAR,
    source_format VARCHAR,
    text VARCHAR,
    record JSON
);
CREATE TABLE IF NOT EXISTS entity_mentions (
    article_id VARCHAR, start_offset INTEGER, end_offset INTEGER, text VARCHAR, type VARCHAR,
    entity_id VARCHAR, PRIMARY KEY (article_id, start_offset, end_offset)
);
CREATE TABLE IF NOT EXISTS times (
    article_id VARCHAR, start_offset INTEGER, end_offset INTEGER, text VARCHAR, value VARCHAR,
    calendar VARCHAR, PRIMARY KEY (article_id, start_offset, end_offset)
);
CREATE TABLE IF NOT EXISTS quantities (
    article_id VARCHAR, start_offset INTEGER, end_offset INTEGER, text VARCHAR, value DOUBLE,
    approximate BOOLEAN, counted VARCHAR, kind VARCHAR, PRIMARY KEY (article_id, start_offset, end_offset)
);
CREATE TABLE IF NOT EXISTS errors (source VARCHAR, error VARCHAR, detail VARCHAR);
"""

_CHILD_TABLES = ("entity_mentions", "times", "quantities")


class Store:
    """An open DuckDB store. Use as a context manager."""

    def __init__(self, path: Path) -> None:
        import duckdb

        self.path = path
        self.con = duckdb.connect(str(path))
        self.con.execute(SCHEMA)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def upsert_articles(self, records: list[dict[str, Any]]) -> None:
        """Insert or replace articles (and their mentions) by id, in one transaction."""
        ids = [[rec["id"]] for rec in records]
        rows: dict[str, list[list[Any]]] = {"articles": [], **{t: [] for t in _CHILD_TABLES}}
        for rec in records:
            aid, src = rec["id"], rec.get("source") or {}
            rows["articles"].append(
                [aid, rec.get("lang"), rec.get("title"), rec.get("outlet"), rec.get("cited_outlets") or [],
                 rec.get("published"), src.get("path"), src.get("url"), src.get("sha256"), src.get("format"),
                 rec.get("text"), json.dumps(rec, ensure_ascii=False)]
            )
            rows["entity_mentions"] += [
                [aid, e["start"], e["end"], e["text"], e["type"], e.get("entity_id")]
                for e in rec.get("entities") or []
            ]
            rows["times"] += [
                [aid, t["start"], t["end"], t["text"], t.get("value"), t.get("calendar")]
                for t in rec.get("times") or []
            ]
            rows["quantities"] += [
                [aid, q["start"], q["end"], q["text"], q.get("value"), q.get("approximate"),
                 q.get("counted"), q.get("kind")]
                for q in rec.get("quantities") or []
            ]
        self.con.execute("BEGIN TRANSACTION")
        try:
            if ids:
                for table in _CHILD_TABLES:
                    self.con.executemany(f"DELETE FROM {table} WHERE article_id = ?", ids)
            for table, table_rows in rows.items():
                if table_rows:
                    marks = ", ".join("?" * len(table_rows[0]))
                    self.con.executemany(f"INSERT OR REPLACE INTO {table} VALUES ({marks})", table_rows)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def replace_errors(self, errors: list[dict[str, Any]]) -> None:
        """The errors table mirrors the latest run's errors.jsonl."""
        self.con.execute("DELETE FROM errors")
        for err in errors:
            self.con.execute("INSERT INTO errors VALUES (?, ?, ?)",
                             [err.get("source"), err.get("error"), err.get("detail")])

    def count(self, table: str = "articles") -> int:
        if table not in ("articles", "errors", *_CHILD_TABLES):
            raise ValueError(f"unknown table {table!r}")
        row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    def ids(self) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT id FROM articles ORDER BY id").fetchall()]
