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
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Any

# Every table's columns in order, with their DuckDB types; rows are bulk-loaded as JSON lines.
COLUMNS: dict[str, dict[str, str]] = {
    "articles": {
        "id": "VARCHAR", "lang": "VARCHAR", "title": "VARCHAR", "outlet": "VARCHAR",
        "cited_outlets": "VARCHAR[]", "published": "DATE", "source_path": "VARCHAR", "source_url": "VARCHAR",
        "source_sha256": "VARCHAR", "source_format": "VARCHAR", "text": "VARCHAR", "record": "JSON",
    },
    "entity_mentions": {
        "article_id": "VARCHAR", "start_offset": "INTEGER", "end_offset": "INTEGER", "text": "VARCHAR",
        "type": "VARCHAR", "entity_id": "VARCHAR",
    },
    "times": {
        "article_id": "VARCHAR", "start_offset": "INTEGER", "end_offset": "INTEGER", "text": "VARCHAR",
        "value": "VARCHAR", "calendar": "VARCHAR",
    },
    "quantities": {
        "article_id": "VARCHAR", "start_offset": "INTEGER", "end_offset": "INTEGER", "text": "VARCHAR",
        "value": "DOUBLE", "approximate": "BOOLEAN", "counted": "VARCHAR", "kind": "VARCHAR",
    },
    "errors": {"source": "VARCHAR", "error": "VARCHAR", "detail": "VARCHAR"},
}
PRIMARY_KEYS = {
    "articles": ("id",),
    "entity_mentions": ("article_id", "start_offset", "end_offset"),
    "times": ("article_id", "start_offset", "end_offset"),
    "quantities": ("article_id", "start_offset", "end_offset"),
}
SCHEMA = "\n".join(
    f"CREATE TABLE IF NOT EXISTS {table} ("
    + ", ".join(f"{name} {kind}" for name, kind in columns.items())
    + (f", PRIMARY KEY ({', '.join(PRIMARY_KEYS[table])})" if table in PRIMARY_KEYS else "")
    + ");"
    for table, columns in COLUMNS.items()
)

_CHILD_TABLES = ("entity_mentions", "times", "quantities")


def _rows(record: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The rows one article record contributes to each table."""
    aid, src = record["id"], record.get("source") or {}
    article = {
        "id": aid, "lang": record.get("lang"), "title": record.get("title"), "outlet": record.get("outlet"),
        "cited_outlets": record.get("cited_outlets") or [], "published": record.get("published"),
        "source_path": src.get("path"), "source_url": src.get("url"), "source_sha256": src.get("sha256"),
        "source_format": src.get("format"), "text": record.get("text"), "record": record,
    }

    def span(item: dict[str, Any], *fields: str) -> dict[str, Any]:
        row = {"article_id": aid, "start_offset": item["start"], "end_offset": item["end"], "text": item["text"]}
        row.update({f: item.get(f) for f in fields})
        return row

    return {
        "articles": [article],
        "entity_mentions": [span(e, "type", "entity_id") for e in record.get("entities") or []],
        "times": [span(t, "value", "calendar") for t in record.get("times") or []],
        "quantities": [span(q, "value", "approximate", "counted", "kind") for q in record.get("quantities") or []],
    }


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
        rows: dict[str, list[dict[str, Any]]] = {table: [] for table in ("articles", *_CHILD_TABLES)}
        for record in records:
            for table, table_rows in _rows(record).items():
                rows[table].extend(table_rows)
        with tempfile.TemporaryDirectory(prefix="rasad-store-") as tmp:
            files = {table: self._write_rows(Path(tmp), table, table_rows) for table, table_rows in rows.items()}
            self.con.execute("BEGIN TRANSACTION")
            try:
                if rows["articles"]:
                    ids = f"SELECT id FROM {self._scan(files['articles'], 'articles')}"
                    for table in _CHILD_TABLES:
                        self.con.execute(f"DELETE FROM {table} WHERE article_id IN ({ids})")
                for table, path in files.items():
                    if rows[table]:
                        self.con.execute(f"INSERT OR REPLACE INTO {table} SELECT * FROM {self._scan(path, table)}")
                self.con.execute("COMMIT")
            except Exception:
                self.con.execute("ROLLBACK")
                raise

    def replace_errors(self, errors: list[dict[str, Any]]) -> None:
        """The errors table mirrors the latest run's errors.jsonl."""
        rows = [{k: e.get(k) for k in COLUMNS["errors"]} for e in errors]
        with tempfile.TemporaryDirectory(prefix="rasad-store-") as tmp:
            path = self._write_rows(Path(tmp), "errors", rows)
            self.con.execute("DELETE FROM errors")
            if rows:
                self.con.execute(f"INSERT INTO errors SELECT * FROM {self._scan(path, 'errors')}")

    @staticmethod
    def _write_rows(folder: Path, table: str, rows: list[dict[str, Any]]) -> Path:
        path = folder / f"{table}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        return path

    @staticmethod
    def _scan(path: Path, table: str) -> str:
        """A `read_json` table expression over `path` with the table's column types."""
        columns = ", ".join(f"'{name}': '{kind}'" for name, kind in COLUMNS[table].items())
        quoted = str(path).replace("'", "''")
        return f"read_json('{quoted}', format='newline_delimited', columns={{{columns}}})"

    def count(self, table: str = "articles") -> int:
        if table not in ("articles", "errors", *_CHILD_TABLES):
            raise ValueError(f"unknown table {table!r}")
        row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    def ids(self) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT id FROM articles ORDER BY id").fetchall()]
