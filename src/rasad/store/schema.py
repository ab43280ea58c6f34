"""The store's schema, generated from the data model.

The `articles` table and one table per list of spans (`entity_mentions`, `times`, `quantities`, …)
are derived from the dataclasses in `rasad.article`: a field added there becomes a column here, with
no edit to this module. Corpus stages declare their own tables with `Table`. The generated DDL is
fingerprinted; the store keeps the fingerprint and `SCHEMA_VERSION` so it can tell when it was
written by another version (see `rasad.store.duck`).

>>> Table("outlet_counts", {"outlet": "VARCHAR", "articles": "INTEGER"}, key=("outlet",)).ddl()
'CREATE TABLE outlet_counts (outlet VARCHAR, articles INTEGER, PRIMARY KEY (outlet))'
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Union, get_args, get_origin, get_type_hints

from rasad.article import Article, Source
from rasad.errors import ErrorRecord, RasadError

# Bump when a change cannot be derived from the dataclasses alone (a renamed table, a new key, a
# changed meaning). Additive changes to the dataclasses change only the fingerprint.
SCHEMA_VERSION = 2

# Span-list fields whose table is not named after the field (`entities` is the corpus stage's table
# of canonical entities; the mentions of them in articles live in `entity_mentions`).
SPAN_TABLE_NAMES = {"entities": "entity_mentions"}
# Column types that the generic mapping would get wrong.
COLUMN_TYPES = {("articles", "published"): "DATE"}
# Span offsets: `end` is an SQL keyword, so both offsets get a suffix.
COLUMN_NAMES = {"start": "start_offset", "end": "end_offset"}

_FIELD_OF_COLUMN = {column: fname for fname, column in COLUMN_NAMES.items()}
_SPAN_PREFIX = {"article_id": "VARCHAR", "position": "INTEGER"}  # identifies a row of a span table
_SCALARS: dict[Any, str] = {bool: "BOOLEAN", int: "INTEGER", float: "DOUBLE", str: "VARCHAR"}


class StoreError(RasadError):
    """The store file cannot be used as it is; the message says what to do."""


@dataclass(frozen=True)
class Table:
    """A table: column names and DuckDB types in order, and the primary key (may be empty)."""

    name: str
    columns: Mapping[str, str]
    key: tuple[str, ...] = ()
    doc: str = ""

    def __post_init__(self) -> None:
        unknown = [k for k in self.key if k not in self.columns]
        if unknown:
            raise ValueError(f"table {self.name!r}: key column(s) {unknown} are not among its columns")
        bad = [n for n in (self.name, *self.columns) if not n.isidentifier()]
        if bad:
            raise ValueError(f"table {self.name!r}: names must be plain identifiers (letters, digits, _); got {bad}")

    def ddl(self, *, replace: bool = False) -> str:
        """The CREATE TABLE statement."""
        verb = "CREATE OR REPLACE TABLE" if replace else "CREATE TABLE"
        cols = ", ".join(f"{name} {kind}" for name, kind in self.columns.items())
        key = f", PRIMARY KEY ({', '.join(self.key)})" if self.key else ""
        return f"{verb} {self.name} ({cols}{key})"

    @classmethod
    def from_dataclass(
        cls, name: str, kind: type, *, prefix: Mapping[str, str] | None = None, key: tuple[str, ...] = ()
    ) -> Table:
        """A table with `prefix` columns followed by one column per field of dataclass `kind`.

        >>> from rasad.article import Paragraph
        >>> Table.from_dataclass("p", Paragraph).columns
        {'start_offset': 'INTEGER', 'end_offset': 'INTEGER', 'lang': 'VARCHAR'}
        """
        columns = dict(prefix or {})
        for fname, hint in _field_types(kind).items():
            columns[COLUMN_NAMES.get(fname, fname)] = COLUMN_TYPES.get((name, fname), duck_type(hint))
        return cls(name, columns, key)


def duck_type(hint: Any) -> str:
    """The DuckDB type for a Python type hint: scalars map to scalars, lists of scalars to arrays,
    everything else (dicts, dataclasses, lists of records) to JSON.

    >>> duck_type(int | None), duck_type(list[str]), duck_type(dict[str, float])
    ('INTEGER', 'VARCHAR[]', 'JSON')
    """
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType):
        kinds = [a for a in args if a is not type(None)]
        return duck_type(kinds[0]) if len(kinds) == 1 else "JSON"
    if hint in _SCALARS:
        return _SCALARS[hint]
    if origin is list and len(args) == 1 and args[0] in _SCALARS:
        return _SCALARS[args[0]] + "[]"
    return "JSON"


def _field_types(kind: type) -> dict[str, Any]:
    hints = get_type_hints(kind)
    return {f.name: hints[f.name] for f in dataclasses.fields(kind)}


def _record_class(hint: Any) -> type | None:
    """The dataclass in `list[X]` when `hint` is a list of dataclass records, else None."""
    args = get_args(hint)
    if get_origin(hint) is list and len(args) == 1 and dataclasses.is_dataclass(args[0]):
        return args[0] if isinstance(args[0], type) else None
    return None


@cache
def serialized_fields() -> dict[str, Any]:
    """The Article fields that are part of its record, with their type hints: every dataclass field
    except those marked `compare=False` (carried between stages, never written, like `raw`)."""
    hints = _field_types(Article)
    return {f.name: hints[f.name] for f in dataclasses.fields(Article) if f.compare}


@cache
def span_tables() -> dict[str, Table]:
    """Article field → its table, for every field that is a list of dataclass records."""
    tables = {}
    for fname, hint in serialized_fields().items():
        kind = _record_class(hint)
        if kind is not None:
            name = SPAN_TABLE_NAMES.get(fname, fname)
            # Rows are identified by (article_id, position); no PRIMARY KEY index, which would make
            # bulk loads twice as slow: an upsert deletes an article's rows before inserting them.
            tables[fname] = Table.from_dataclass(name, kind, prefix=_SPAN_PREFIX)
    return tables


@cache
def articles_table() -> Table:
    """One row per article: each scalar field, the source flattened (`source_path`, …), the full
    record as JSON in `record`."""
    columns: dict[str, str] = {"id": "VARCHAR"}
    for fname, hint in serialized_fields().items():
        if fname == "source":
            for sname, shint in _field_types(Source).items():
                columns[f"source_{sname}"] = duck_type(shint)
        elif fname not in span_tables():
            columns[fname] = COLUMN_TYPES.get(("articles", fname), duck_type(hint))
    columns["record"] = "JSON"
    return Table("articles", columns, key=("id",), doc="one row per analysed article")


ERRORS = Table.from_dataclass("errors", ErrorRecord)
# The articles of the latest run in output order (what corpus stages read; the store may hold more
# articles from earlier runs into the same folder).
COLLECTION = Table("collection", {"position": "INTEGER", "article_id": "VARCHAR"}, key=("position",))
META = Table("rasad_meta", {"key": "VARCHAR", "value": "VARCHAR"}, key=("key",))
# Analysts' verdicts on articles, stories and claims (`rasad serve`): one row per target, kept across
# runs and migrations (never rebuilt from the articles). Made on first use and not part of the
# fingerprint, so a store written before it existed needs no migration.
ANNOTATIONS = Table(
    "annotations",
    {"target_kind": "VARCHAR", "target_id": "VARCHAR", "verdict": "VARCHAR", "note": "VARCHAR", "updated": "VARCHAR"},
    key=("target_kind", "target_id"), doc="analyst annotations: verdict and note per article, story or claim",
)


@cache
def core_tables() -> tuple[Table, ...]:
    """Every table the store always has, articles first."""
    return (articles_table(), *span_tables().values(), ERRORS, COLLECTION, META)


@cache
def fingerprint() -> str:
    """A short hash of the generated DDL: changes whenever the data model does."""
    ddl = ";".join(table.ddl() for table in core_tables())
    return hashlib.sha256(f"{SCHEMA_VERSION}:{ddl}".encode()).hexdigest()[:16]


def _structure_type(kind: str) -> Any:
    """A column type as `json_transform` wants it (dates are read as text and cast after)."""
    if kind.endswith("[]"):
        return [_structure_type(kind[:-2])]
    return "VARCHAR" if kind == "DATE" else kind


@cache
def record_structure() -> str:
    """The `json_transform` structure of an article record: every column of the `articles` table
    and of every span table, so DuckDB parses each record once (a value of the wrong type is NULL)."""
    structure: dict[str, Any] = {}
    source: dict[str, Any] = {}
    for column, kind in articles_table().columns.items():
        if column.startswith("source_"):
            source[column.removeprefix("source_")] = _structure_type(kind)
        elif column != "record":
            structure[column] = _structure_type(kind)
    structure["source"] = source
    for fname, table in span_tables().items():
        structure[fname] = [{_FIELD_OF_COLUMN.get(column, column): _structure_type(kind)
                             for column, kind in table.columns.items() if column not in _SPAN_PREFIX}]
    return json.dumps(structure)


def _typed(expr: str, kind: str) -> str:
    return f"TRY_CAST({expr} AS DATE)" if kind == "DATE" else expr


def articles_select(staged: str) -> str:
    """SQL selecting the `articles` rows from `staged`: records parsed with `record_structure()` in
    a struct column `r`, and the JSON `record`."""
    exprs = []
    for column, kind in articles_table().columns.items():
        if column == "record":
            exprs.append("record")
        elif column.startswith("source_"):
            value = f"struct_extract(struct_extract(r, 'source'), '{column.removeprefix('source_')}')"
            exprs.append(f"{_typed(value, kind)} AS {column}")
        else:
            exprs.append(f"{_typed(f'struct_extract(r, {column!r})', kind)} AS {column}")
    return f"SELECT {', '.join(exprs)} FROM {staged}"


def span_select(field_name: str, staged: str) -> str:
    """SQL selecting the rows of the table of span list `field_name` from `staged` (see `articles_select`)."""
    table = span_tables()[field_name]
    exprs = [f"{_typed(f'struct_extract(item, {_FIELD_OF_COLUMN.get(column, column)!r})', kind)} AS {column}"
             for column, kind in table.columns.items() if column not in _SPAN_PREFIX]
    items = f"struct_extract(r, '{field_name}')"
    return (f"SELECT article_id, CAST(position AS INTEGER) AS position, {', '.join(exprs)} FROM "
            f"(SELECT struct_extract(r, 'id') AS article_id, unnest({items}) AS item, "
            f"generate_subscripts({items}, 1) - 1 AS position FROM {staged})")
