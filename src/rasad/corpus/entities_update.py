"""The `entities` stage in an incremental run (`rasad ingest`): only the records the new articles touch.

The new articles' mentions are added to the `entity_seen` rows of the entities they name (read by id,
not every row); those entities' records are built again. Names outside the knowledge base are linked
(`same_as`) through blocks of their blocking keys, as `entities._link_unknown_names` does over the
whole collection; the `entity_blocks` table keeps each such record's kind, first name and keys, so
only the blocks a changed record is (or was) in are read, and only the records whose links can change
are compared again: the changed ones, and the ones a block's `MAX_NAME_BLOCK` cut lets in or leaves
out. Their partners' records (read back from the `entities` table) get their `same_as` and English
name updated. `entities.json` is rewritten from the earlier file with only those records encoded
(`PatchedRecords`). The result is what `entities.entity_records` gives over the whole store.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rasad.corpus.entities import (
    BLOCKS_TABLE,
    ENTITY_TABLE,
    LANGS,
    MAX_NAME_BLOCK,
    NAME_KEYS_TABLE,
    SEEN_TABLE,
    _kind,
    _record,
    _seen_from_row,
    _seen_row,
    count_mentions,
    first_name,
    transliterate,
)
from rasad.corpus.patched import PatchedRecords
from rasad.corpus.runner import Corpus, CorpusOutput
from rasad.kb.translit import blocking_keys, same_name
from rasad.outputs import ENTITIES

_IN = "{} IN (SELECT unnest(?))"
Block = tuple[str, str]  # (kind, blocking key)
# The rows with one of some blocking keys: a join (`list_has_any` against thousands of keys is slow).
_HAS_KEY = ("entity_id IN (SELECT entity_id FROM (SELECT entity_id, unnest(keys) AS key FROM entity_blocks) "
            "WHERE key IN (SELECT unnest(?)))")


def _by_id(corpus: Corpus, table: str, column: str, ids: set[str]) -> list[dict[str, Any]]:
    return list(corpus.previous(table, where=_IN.format(column), params=[sorted(ids)])) if ids else []


def update(corpus: Corpus, added: frozenset[str]) -> CorpusOutput:
    """The incremental run's output: the rows and records of what `added` changes."""
    new_articles = list(corpus.articles(only=added, in_order=True))
    changed = {e.entity_id for a in new_articles for e in a.entities if e.entity_id}
    seen = {row["entity_id"]: _seen_from_row(row) for row in _by_id(corpus, SEEN_TABLE.name, "entity_id", changed)}
    count_mentions(new_articles, seen)
    records = {i: _record(i, seen[i]) for i in changed}
    old = {row["id"]: _from_table(row) for row in _by_id(corpus, ENTITY_TABLE.name, "id", changed)}
    unknown = {i for i in changed if i.startswith("x:")}
    first = {i: first_name(records[i]) for i in unknown}
    keys = {row["name"]: frozenset(row["keys"] or ()) for row in
            _by_id(corpus, NAME_KEYS_TABLE.name, "name", set(first.values()))}
    new_names = {name: blocking_keys(name) for name in set(first.values()) - set(keys)}
    keys.update(new_names)
    blocks_now = {i: {(_kind(records[i]), key) for key in keys[first[i]]} for i in unknown}
    blocks_before = {row["entity_id"]: {(row["kind"], key) for key in row["keys"] or ()}
                     for row in _by_id(corpus, BLOCKS_TABLE.name, "entity_id", unknown)}
    members_before: dict[Block, set[str]] = defaultdict(set)
    members_now: dict[Block, set[str]] = defaultdict(set)
    for i in unknown:
        for block in blocks_before.get(i, ()):
            members_before[block].add(i)
        for block in blocks_now[i]:
            members_now[block].add(i)
    touched = set(members_before) | set(members_now)
    _read_blocks(corpus, touched, unknown, first, blocks_now, members_before, members_now)
    compare = set(unknown)  # the records whose links are derived again
    for block in touched:
        before, now = sorted(members_before[block]), sorted(members_now[block])
        if len(before) > MAX_NAME_BLOCK or len(now) > MAX_NAME_BLOCK:
            compare |= set(before[:MAX_NAME_BLOCK]) ^ set(now[:MAX_NAME_BLOCK])
    others = {i for i in compare - unknown if not blocks_now[i] <= touched}
    if others:  # their other blocks did not change, but their links are derived again from all of them
        extra = {block for i in others for block in blocks_now[i]} - touched
        _read_blocks(corpus, extra, unknown, first, blocks_now, members_before, members_now)
    links = _links(compare, first, blocks_now, members_now)
    old.update({row["id"]: _from_table(row) for row in _by_id(corpus, ENTITY_TABLE.name, "id", compare - set(old))})
    partners = {p for i in compare for p in links[i] | set(old[i]["same_as"] if i in old else ())} - compare
    old.update({row["id"]: _from_table(row) for row in _by_id(corpus, ENTITY_TABLE.name, "id", partners - set(old))})
    for i in compare - changed:
        records[i] = old[i]
    for i in partners:
        linked = {p for p in old[i]["same_as"] if p not in compare} | {p for p in compare if i in links[p]}
        records[i] = {**old[i], "same_as": sorted(linked)}
    for i in compare:
        records[i] = {**records[i], "same_as": sorted(links[i])}
    _english_names(corpus, records, old)
    return _output(corpus, changed, seen, records, new_names, {i: blocks_now[i] for i in unknown}, first)


def _read_blocks(corpus: Corpus, blocks: set[Block], unknown: set[str], first: dict[str, str],
                 blocks_now: dict[str, set[Block]], members_before: dict[Block, set[str]],
                 members_now: dict[Block, set[str]]) -> None:
    """Add the members of `blocks` that did not change (in them before and now) from `entity_blocks`."""
    wanted = sorted({key for _, key in blocks})
    if not wanted:
        return
    for row in corpus.previous(BLOCKS_TABLE.name, where=_HAS_KEY, params=[wanted]):
        i = row["entity_id"]
        if i in unknown:
            continue
        first[i] = row["name"]
        blocks_now[i] = {(row["kind"], key) for key in row["keys"] or ()}
        for block in blocks_now[i] & blocks:
            members_before[block].add(i)
            members_now[block].add(i)


def _links(compare: set[str], first: dict[str, str], blocks_now: dict[str, set[Block]],
           members_now: dict[Block, set[str]]) -> dict[str, set[str]]:
    """The `same_as` links of the `compare` records, as `_link_unknown_names` finds them (the pairs of
    a block's first `MAX_NAME_BLOCK` ids, the smaller id's name first)."""
    links: dict[str, set[str]] = defaultdict(set)
    for block in sorted({block for i in compare for block in blocks_now[i]}):
        top = sorted(members_now[block])[:MAX_NAME_BLOCK]
        for i in (i for i in top if i in compare):  # the pairs with a compared record, each once
            for o in top:
                if o == i or (o in compare and o < i):
                    continue
                one, other = (i, o) if i < o else (o, i)
                if other not in links[one] and same_name(first[one], first[other]):
                    links[one].add(other)
                    links[other].add(one)
    return links


def _english_names(corpus: Corpus, records: dict[str, dict[str, Any]], old: dict[str, dict[str, Any]]) -> None:
    """The English name of each unknown record without one of its own: its English-named partner's
    (most mentioned), else a transliteration, as `_link_unknown_names` gives it."""
    missing = {p for r in records.values() for p in r["same_as"]} - set(records) - set(old)
    old.update({row["id"]: _from_table(row) for row in _by_id(corpus, ENTITY_TABLE.name, "id", missing)})
    every = {**old, **records}
    for i, record in records.items():
        if not i.startswith("x:") or record["names"]["en"]:
            continue
        english = [every[o] for o in record["same_as"] if every[o]["names"]["en"]]
        if english:
            name = max(english, key=lambda r: (r["mentions"], r["id"]))["names"]["en"][0]
        else:
            name = transliterate((record["names"]["ar"] or record["names"]["fa"] or [i])[0])
        records[i] = {**record, "name_en": name}


def _output(corpus: Corpus, changed: set[str], seen: dict[str, Any], records: dict[str, dict[str, Any]],
            new_names: dict[str, frozenset[str]], blocks: dict[str, set[Block]], first: dict[str, str]) -> CorpusOutput:
    mentions = {row["id"]: row["mentions"] for row in corpus.previous(ENTITY_TABLE.name, columns=("id", "mentions"))}
    mentions.update({i: r["mentions"] for i, r in records.items()})
    order = sorted(mentions, key=lambda i: (-mentions[i], i))

    def everything() -> list[dict[str, Any]]:
        every = {row["id"]: _from_table(row) for row in corpus.previous(ENTITY_TABLE.name)}
        return [records.get(i) or every[i] for i in order]

    block_rows = [{"entity_id": i, "kind": _kind(records[i]), "name": first[i], "keys": sorted(key for _, key in b)}
                  for i, b in blocks.items()]
    return CorpusOutput(
        tables={ENTITY_TABLE.name: list(records.values()), SEEN_TABLE.name: [_seen_row(i, seen[i]) for i in changed],
                NAME_KEYS_TABLE.name: [{"name": n, "keys": sorted(k)} for n, k in new_names.items()],
                BLOCKS_TABLE.name: block_rows},
        files={ENTITIES: PatchedRecords(order, records, everything)},
        appended=frozenset({ENTITY_TABLE.name, SEEN_TABLE.name, NAME_KEYS_TABLE.name, BLOCKS_TABLE.name}))


def _from_table(row: dict[str, Any]) -> dict[str, Any]:
    """A record of `entities.json` from its row in the `entities` table."""
    names = row.get("names") or {}
    return {"id": row["id"], "type": row["type"], "name_en": row["name_en"],
            "names": {lang: list(names.get(lang) or []) for lang in LANGS}, "lat": row["lat"], "lon": row["lon"],
            "articles": list(row["articles"] or []), "mentions": row["mentions"], "same_as": list(row["same_as"] or [])}
