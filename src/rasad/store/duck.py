"""DuckDB store: one file in the output folder, upserted by content id; the one interface through
which corpus stages read articles and write their tables.

Analysing the same inputs twice gives the same ids and no duplicate rows. Besides the full JSON
record, flat tables (generated from the data model, see `rasad.store.schema`) make the common
questions one SQL query away:

    SELECT outlet, count(*) FROM articles GROUP BY outlet;
    SELECT e.entity_id, count(DISTINCT e.article_id) FROM entity_mentions e GROUP BY 1 ORDER BY 2 DESC;

A store written by an older rasad is migrated when opened (the flat tables are rebuilt from each
article's `record`); one written by a newer rasad is refused with a one-line `StoreError`.

Example::

    with Store(Path("out/rasad.duckdb")) as store:
        store.upsert_articles(records)
        for article in store.iter_articles(fields=("lang", "entities")):
            ...
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from functools import partial
from itertools import islice
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO

from rasad import __version__
from rasad.article import Article
from rasad.store.schema import (
    ANNOTATIONS,
    COLLECTION,
    ERRORS,
    META,
    SCHEMA_VERSION,
    StoreError,
    Table,
    articles_select,
    core_tables,
    fingerprint,
    record_structure,
    serialized_fields,
    span_select,
    span_tables,
)

BATCH = 1000  # articles per query when reading
UPSERT_BATCH = 1000  # articles per transaction when writing, at most
UPSERT_BATCH_BYTES = 16 * 1024 * 1024  # and at most this much JSON (plus one record)
PARQUET_CHUNK = 2000  # articles sorted at a time by export_parquet
MEMORY_LIMIT = "384MB"  # DuckDB's cache and working memory (its default is 80% of the machine's)
DUCKDB_JSON_OBJECT_BYTES = 16 * 1024 * 1024  # DuckDB's default limit on one JSON object (raised for longer)


class Store:
    """An open DuckDB store. Use as a context manager."""

    def __init__(self, path: Path) -> None:
        import duckdb

        self.path = path
        try:
            self.con = duckdb.connect(str(path))
        except duckdb.Error as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(f"cannot open the store {path}: {reason}") from exc
        try:
            self.con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")  # DuckDB spills to disk beyond it
            self._prepare()
        except BaseException:
            self.con.close()
            raise

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- schema and migration -------------------------------------------------------------------

    def _tables(self) -> set[str]:
        rows = self.con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()
        return {r[0] for r in rows}

    def has_table(self, table: str) -> bool:
        return table in self._tables()

    def columns(self, table: str) -> list[str]:
        """The column names of `table`, in order (none when there is no such table)."""
        return self._columns(table)

    def _columns(self, table: str) -> list[str]:
        rows = self.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = ? "
            "ORDER BY ordinal_position", [table]).fetchall()
        return [r[0] for r in rows]

    def meta(self) -> dict[str, str]:
        """The store's `rasad_meta` table: schema_version, schema_fingerprint, written_by."""
        return {str(k): str(v) for k, v in self.con.execute(f"SELECT key, value FROM {META.name}").fetchall()}

    def _prepare(self) -> None:
        """Create the schema in a new file, migrate an older one, refuse a newer or foreign one."""
        tables = self._tables()
        if not tables:
            self._in_transaction(self._create)
            return
        if META.name in tables:
            meta = self.meta()
            version = int(meta.get("schema_version", "0"))
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path} was written by a newer rasad ({meta.get('written_by', '?')}, store schema "
                    f"{version}; this rasad {__version__} reads {SCHEMA_VERSION}): upgrade rasad, or delete "
                    "the file and analyse again")
            if version == SCHEMA_VERSION and meta.get("schema_fingerprint") == fingerprint():
                return
        elif "articles" not in tables or "record" not in self._columns("articles"):
            raise StoreError(f"{self.path} is a DuckDB file but not a rasad store; move it away or choose "
                             "another --out folder")
        self._in_transaction(lambda: self._migrate(tables))

    def _in_transaction(self, work: Callable[[], None]) -> None:
        self.con.execute("BEGIN TRANSACTION")
        try:
            work()
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def _create(self) -> None:
        for table in core_tables():
            self.con.execute(table.ddl())
        rows = [{"key": "schema_version", "value": str(SCHEMA_VERSION)},
                {"key": "schema_fingerprint", "value": fingerprint()},
                {"key": "written_by", "value": f"rasad {__version__}"}]
        self._insert(META, rows)

    def _migrate(self, tables: set[str]) -> None:
        """Rebuild every table from the articles' JSON records (the record is the source of truth);
        keep errors, the collection and annotations; drop corpus tables (the next run's corpus stages rewrite them)."""
        kept = {t: f"{t}__before_migration" for t in ("articles", ERRORS.name, COLLECTION.name, ANNOTATIONS.name)
                if t in tables}
        for table, old in kept.items():
            self.con.execute(f"ALTER TABLE {table} RENAME TO {old}")
        for table in tables - set(kept):
            self.con.execute(f"DROP TABLE {table}")
        self._create()
        if ANNOTATIONS.name in kept:
            self.con.execute(ANNOTATIONS.ddl())
        if "articles" in kept:
            self._load(f"SELECT record FROM {kept['articles']}")
        for copied in (ERRORS, COLLECTION, ANNOTATIONS):
            if copied.name in kept:
                cols = ", ".join(c for c in self._columns(kept[copied.name]) if c in copied.columns)
                self.con.execute(f"INSERT INTO {copied.name} ({cols}) SELECT {cols} FROM {kept[copied.name]}")
        for old in kept.values():
            self.con.execute(f"DROP TABLE {old}")

    # -- writing --------------------------------------------------------------------------------

    def upsert_articles(self, records: Iterable[dict[str, Any]]) -> int:
        """Insert or replace articles (and their spans) by id, in one transaction; returns how many
        records were read (of one id, the last wins)."""
        with tempfile.TemporaryDirectory(prefix="rasad-store-") as tmp:
            path, count = self._write_rows(Path(tmp), "articles", records)
            self.upsert_jsonl(path)
        return count

    def upsert_jsonl(self, path: Path, batch_size: int = UPSERT_BATCH, batch_bytes: int = UPSERT_BATCH_BYTES) -> None:
        """Upsert the article records of a JSONL file such as `articles.jsonl`, a transaction per
        `batch_size` records or `batch_bytes` of JSON (memory stays bounded: the staged batch lives
        in DuckDB's memory). DuckDB parses the records and derives every table from them, with no
        per-row Python work."""
        with path.open("rb") as fh, tempfile.TemporaryDirectory(prefix="rasad-store-") as tmp:
            chunk = Path(tmp) / "chunk.jsonl"
            while lines := _read_batch(fh, batch_size, batch_bytes):
                chunk.write_bytes(b"".join(lines))
                # DuckDB's read buffers grow with the largest JSON object it allows: allow what is there.
                size = max(DUCKDB_JSON_OBJECT_BYTES, max(len(line) for line in lines) + 1)
                quoted = str(chunk).replace("'", "''")
                select = (f"SELECT json AS record FROM read_json_objects('{quoted}', "
                          f"format='newline_delimited', maximum_object_size={size})")
                self._in_transaction(partial(self._load, select))

    def _load(self, select_records: str) -> None:
        """Upsert the records that `select_records` (an SQL query with one JSON column `record`) yields."""
        staged = "rasad_staged"
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {staged} AS SELECT json_transform(record::JSON, "
                         f"'{record_structure()}') AS r, record::JSON AS record FROM ({select_records})")
        self.con.execute(f"DELETE FROM {staged} WHERE rowid NOT IN "
                         f"(SELECT max(rowid) FROM {staged} GROUP BY struct_extract(r, 'id'))")
        ids = f"SELECT struct_extract(r, 'id') FROM {staged}"
        for table in span_tables().values():
            self.con.execute(f"DELETE FROM {table.name} WHERE article_id IN ({ids})")
        self.con.execute(f"DELETE FROM articles WHERE id IN ({ids})")
        self.con.execute(f"INSERT INTO articles {articles_select(staged)}")
        for field_name, table in span_tables().items():
            self.con.execute(f"INSERT INTO {table.name} {span_select(field_name, staged)}")
        self.con.execute(f"DROP TABLE {staged}")

    def replace_errors(self, errors: Iterable[dict[str, Any]]) -> None:
        """The errors table mirrors the latest run's errors.jsonl."""
        self.con.execute(f"DELETE FROM {ERRORS.name}")
        self._insert(ERRORS, errors)

    def set_collection(self, ids: Iterable[str]) -> None:
        """The articles of this run, in output order: what `iter_articles` yields."""
        self.con.execute(f"DELETE FROM {COLLECTION.name}")
        self._insert(COLLECTION, ({"position": i, "article_id": aid} for i, aid in enumerate(ids)))

    def upsert_annotation(self, row: dict[str, Any]) -> None:
        """Insert or replace one analyst annotation (keyed by `target_kind`, `target_id`)."""
        if not self.has_table(ANNOTATIONS.name):
            self.con.execute(ANNOTATIONS.ddl())
        self._insert(ANNOTATIONS, [row], replace=True)

    def delete_annotation(self, target_kind: str, target_id: str) -> None:
        if self.has_table(ANNOTATIONS.name):
            self.con.execute(f"DELETE FROM {ANNOTATIONS.name} WHERE target_kind = ? AND target_id = ?",
                             [target_kind, target_id])

    def annotations(self) -> list[dict[str, Any]]:
        """Every analyst annotation, by kind and target (none before the first is written)."""
        if not self.has_table(ANNOTATIONS.name):
            return []
        return sorted(self.iter_rows(ANNOTATIONS.name), key=lambda r: (r["target_kind"], r["target_id"]))

    def export_parquet(self, path: Path, chunk: int = PARQUET_CHUNK) -> Path:
        """Write this run's articles, in output order, to the Parquet file `path` (atomically): the
        `articles` table's columns, each article's full record as JSON in `record`. Sorting every
        article at once would need the whole corpus in DuckDB's memory (it ran out at 16,000 articles),
        so runs of `chunk` positions are sorted and written one by one, then streamed into one file."""
        partial = path.with_name(path.name + ".partial")
        parts_dir = path.with_name(path.name + ".parts")
        shutil.rmtree(parts_dir, ignore_errors=True)
        parts_dir.mkdir()
        try:
            count = self.con.execute(f"SELECT count(*) FROM {COLLECTION.name}").fetchone()
            total = int(count[0]) if count else 0
            parts = []
            for number, low in enumerate(range(0, max(total, 1), chunk)):
                part = parts_dir / f"part-{number:05d}.parquet"
                self.con.execute(
                    f"COPY (SELECT a.* FROM {COLLECTION.name} c JOIN articles a ON a.id = c.article_id "
                    f"WHERE c.position >= ? AND c.position < ? ORDER BY c.position) TO '{_quote(part)}' "
                    "(FORMAT parquet)", [low, low + chunk])
                parts.append(f"'{_quote(part)}'")
            # With insertion order preserved (DuckDB's default) the files are read in list order; small
            # row groups keep the long texts of one group within the memory limit.
            self.con.execute(f"COPY (SELECT * FROM read_parquet([{', '.join(parts)}])) TO '{_quote(partial)}' "
                             f"(FORMAT parquet, ROW_GROUP_SIZE {chunk})")
        finally:
            shutil.rmtree(parts_dir, ignore_errors=True)
        partial.replace(path)
        return path

    def replace_table(self, table: Table, rows: Iterable[dict[str, Any]]) -> int:
        """(Re)create `table` from its declaration and fill it with `rows` (streamed); returns the count."""
        if table.name in {t.name for t in core_tables()} | {ANNOTATIONS.name}:
            raise StoreError(f"table {table.name!r} belongs to the store's core schema; choose another name")
        self.con.execute(table.ddl(replace=True))
        return self._insert(table, rows)

    def append_rows(self, table: Table, rows: Iterable[dict[str, Any]]) -> int:
        """Add `rows` to `table` (which must exist); returns the count."""
        return self._insert(table, rows)

    def upsert_rows(self, table: Table, rows: Iterable[dict[str, Any]]) -> int:
        """Add `rows` to `table` (which must exist), replacing the rows with the same key; returns the
        count. A table of another shape (an older rasad's) is recreated first."""
        if self._columns(table.name) != list(table.columns):
            self.con.execute(table.ddl(replace=True))
        if not table.key:
            return self._insert(table, rows)
        # Not INSERT OR REPLACE: DuckDB rewrites the list and struct columns of each replaced row one by
        # one (5 CPU-s for 5,000 rows of `entities`); deleting the rows and inserting them costs 0.1.
        with tempfile.TemporaryDirectory(prefix="rasad-store-") as tmp:
            path, count = self._write_rows(Path(tmp), table.name,
                                           ({c: row.get(c) for c in table.columns} for row in rows))
            match = " AND ".join(f"{table.name}.{k} = staged.{k}" for k in table.key)
            scan = self._scan(path, table.columns)  # read twice: the rows keep their order (a temporary
            statements = [f"DELETE FROM {table.name} USING {scan} staged WHERE {match}",  # table's copy may not)
                          f"INSERT INTO {table.name} SELECT * FROM {scan}"]

            def load() -> None:
                for sql in statements:
                    self.con.execute(sql)

            if count:
                self._in_transaction(load)
        return count

    def delete_rows(self, table: Table, keys: Sequence[Any]) -> None:
        """Delete the rows of `table` (with a one-column key) whose key is in `keys`."""
        if keys:
            if len(table.key) != 1:
                raise StoreError(f"table {table.name!r}: rows are deleted by a one-column key")
            self.con.execute(f"DELETE FROM {table.name} WHERE {table.key[0]} IN (SELECT unnest(?))", [list(keys)])

    def _insert(self, table: Table, rows: Iterable[dict[str, Any]], replace: bool = False) -> int:
        """Bulk-load `rows` (dicts by column name; missing columns are NULL) through a JSONL file."""
        with tempfile.TemporaryDirectory(prefix="rasad-store-") as tmp:
            path, count = self._write_rows(Path(tmp), table.name,
                                           ({c: row.get(c) for c in table.columns} for row in rows))
            if count:
                verb = "INSERT OR REPLACE" if replace else "INSERT"
                self.con.execute(f"{verb} INTO {table.name} SELECT * FROM {self._scan(path, table.columns)}")
        return count

    @staticmethod
    def _write_rows(folder: Path, name: str, rows: Iterable[dict[str, Any]]) -> tuple[Path, int]:
        path, count = folder / f"{name}.jsonl", 0
        with path.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
                count += 1
        return path, count

    @staticmethod
    def _scan(path: Path, columns: Mapping[str, str]) -> str:
        """A `read_json` table expression over `path` with the given column types."""
        spec = ", ".join(f"'{name}': '{kind}'" for name, kind in columns.items())
        quoted = str(path).replace("'", "''")
        return f"read_json('{quoted}', format='newline_delimited', columns={{{spec}}})"

    # -- reading --------------------------------------------------------------------------------

    def iter_records(self, fields: Sequence[str] | None = None, batch_size: int = BATCH,
                     whole_store: bool = False, only: Collection[str] | None = None) -> Iterator[dict[str, Any]]:
        """This run's article records in output order, streamed `batch_size` at a time; with
        `whole_store`, every article in the store (earlier runs' too), by id; with `only` (ids), just
        those articles (those in the store), by id.

        With `fields`, each record holds only `id`, `source` and those fields (DuckDB reads no more).
        """
        known = serialized_fields()
        wanted = list(known) if fields is None else ["id", "source", *(f for f in fields if f not in ("id", "source"))]
        unknown = [f for f in wanted if f not in known]
        if unknown:
            raise StoreError(f"unknown article field(s) {unknown}; known: {sorted(known)}")
        paths = ", ".join(f"'$.{name}'" for name in wanted)  # one parse of each record for all fields
        if only is not None:  # batches of ids: DuckDB extracts only the records asked for
            chosen = sorted(only)
            query = f"SELECT json_extract(record, [{paths}]) FROM articles WHERE id IN (SELECT unnest(?)) ORDER BY id"
            bounds: list[list[Any]] = [[chosen[low:low + batch_size]] for low in range(0, len(chosen), batch_size)]
        elif whole_store:  # batches by id range: each query extracts only its own records
            ids = self.ids()
            query = f"SELECT json_extract(record, [{paths}]) FROM articles WHERE id >= ? AND id <= ? ORDER BY id"
            bounds = [[ids[low], ids[min(low + batch_size, len(ids)) - 1]]
                      for low in range(0, len(ids), batch_size)]
        else:
            query = (f"SELECT json_extract(a.record, [{paths}]) FROM {COLLECTION.name} c JOIN articles a "
                     "ON a.id = c.article_id WHERE c.position >= ? AND c.position < ? ORDER BY c.position")
            total = self.count(COLLECTION.name)
            bounds = [[low, low + batch_size] for low in range(0, total, batch_size)]
        for bound in bounds:
            rows = self.con.execute(query, bound).fetchall()
            for (values,) in rows:
                yield {name: json.loads(value) for name, value in zip(wanted, values, strict=True) if value is not None}

    def iter_articles(self, fields: Sequence[str] | None = None, batch_size: int = BATCH,
                      whole_store: bool = False, only: Collection[str] | None = None) -> Iterator[Article]:
        """This run's articles in output order (with `whole_store`, all the store's, by id), streamed;
        with `fields`, the other fields are empty.

        >>> # for article in store.iter_articles(fields=("lang", "entities")): ...
        """
        for record in self.iter_records(fields, batch_size, whole_store, only):
            record.setdefault("text", "")
            yield Article.from_dict(record)

    def iter_rows(self, table: str, batch_size: int = BATCH, columns: Sequence[str] | None = None,
                  where: str | None = None, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        """The rows of `table` (e.g. one an earlier corpus stage wrote) as dicts, streamed; JSON
        columns (such as a pair's `evidence`) come back decoded; with `columns`, only those; with
        `where` (an SQL condition with `?` for each of `params`), only the rows that meet it."""
        if table not in self._tables():
            raise StoreError(f"the store has no table {table!r}")
        types = dict(self.con.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'main' "
            "AND table_name = ?", [table]).fetchall())
        cursor = self.con.cursor()
        try:
            unknown = [c for c in columns or () if c not in types]
            if unknown:
                raise StoreError(f"table {table!r} has no column(s) {unknown}")
            chosen = ", ".join(f'"{c}"' for c in columns) if columns else "*"
            result = cursor.execute(f"SELECT {chosen} FROM {table}" + (f" WHERE {where}" if where else ""),
                                    list(params))
            names = [d[0] for d in result.description or []]
            json_columns = {n for n in names if types.get(n) == "JSON"}
            while rows := result.fetchmany(batch_size):
                for row in rows:
                    yield {n: json.loads(v) if n in json_columns and v is not None else v
                           for n, v in zip(names, row, strict=True)}
        finally:
            cursor.close()

    def positions(self, ids: Collection[str]) -> dict[str, int]:
        """The positions of these article ids in the collection (ids not in it are left out)."""
        rows = self.con.execute(f"SELECT article_id, position FROM {COLLECTION.name} WHERE article_id IN "
                                "(SELECT unnest(?))", [sorted(ids)]).fetchall()
        return {str(r[0]): int(r[1]) for r in rows}

    def positions_all(self) -> dict[str, int]:
        """The collection: article id → position."""
        return {str(r[0]): int(r[1]) for r in self.con.execute(
            f"SELECT article_id, position FROM {COLLECTION.name}").fetchall()}

    def count(self, table: str = "articles") -> int:
        if table not in self._tables():
            raise ValueError(f"unknown table {table!r}")
        row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    def ids(self) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT id FROM articles ORDER BY id").fetchall()]


def _read_batch(fh: BinaryIO, count: int, size: int) -> list[bytes]:
    """The next lines of `fh`: at most `count`, and no more once they hold `size` bytes.

    >>> import io
    >>> _read_batch(io.BytesIO(b"aa\\nbb\\ncc\\n"), 5, 4)
    [b'aa\\n', b'bb\\n']
    """
    lines: list[bytes] = []
    held = 0
    for line in islice(fh, count):
        lines.append(line)
        held += len(line)
        if held >= size:
            break
    return lines


def _quote(path: Path) -> str:
    """A path as the inside of a SQL string literal."""
    return str(path).replace("'", "''")
