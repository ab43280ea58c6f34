"""What the report shows of the corpus stages: story cards (`stories.json`) and recycled-text pairs
(`reuse.json`), as plain dicts for the template. Values stay raw: the template escapes them.

Example::

    by_id = {a["id"]: a for a in read_articles(out)}
    cards = story_cards(read_json(out, STORIES), by_id, direction)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import Any

MAX_STORIES = 500  # cards shown (largest stories first); the rest are counted
MAX_PAIRS = 500  # reuse pairs shown (earliest first); the rest are counted
MAX_PASSAGES = 6  # matching passages shown per pair
MAX_PASSAGE_CHARS = 1200  # longer passages are cut with an ellipsis
# Evidence fields shown as their own line; anything else a stage adds is shown generically.
_SCALARS = ("score", "similarity")

Article = Mapping[str, Any]
Direction = Callable[[str | None], str]


def _member(article_id: str, by_id: Mapping[str, Article], direction: Direction) -> dict[str, Any]:
    rec = by_id.get(article_id) or {}
    return {"id": article_id, "title": rec.get("title"), "lang": rec.get("lang"), "dir": direction(rec.get("lang")),
            "outlet": rec.get("outlet"), "published": rec.get("published"), "known": bool(rec)}


def _label(item: Any) -> str:
    """A short text for one evidence item: its label/text/name/key, with a weight or value if any.

    >>> _label({"key": "e:Q1", "label": "Deir ez-Zor", "weight": 0.8})
    'Deir ez-Zor (0.8)'
    >>> _label(40)
    '40'
    """
    if not isinstance(item, Mapping):
        return str(item)
    name = next((item[k] for k in ("label", "text", "name", "value", "key") if item.get(k) not in (None, "")), "?")
    extra = next((item[k] for k in ("weight", "score") if isinstance(item.get(k), (int, float))), None)
    return f"{name} ({extra:g})" if extra is not None else str(name)


def evidence_lines(item: Mapping[str, Any], by_id: Mapping[str, Article]) -> list[tuple[str, list[str]]]:
    """(what, [items]) lines for one member's evidence record, in a stable order; each item is
    shown isolated (<bdi>), so Arabic and Latin labels in one line keep their own direction.

    >>> evidence_lines({"article": "a1", "linked_to": "a2", "score": 0.91,
    ...                 "entities": [{"label": "Erbil", "weight": 1.2}]}, {"a2": {"title": "T"}})
    [('linked to', ['T']), ('score', ['0.91']), ('entities', ['Erbil (1.2)'])]
    """
    lines: list[tuple[str, list[str]]] = []
    linked = item.get("linked_to")
    if linked:
        other = by_id.get(str(linked)) or {}
        lines.append(("linked to", [str(other.get("title") or linked)]))
    for key in _SCALARS:
        if isinstance(item.get(key), (int, float)):
            lines.append((key, [f"{item[key]:.3g}"]))
    for key, value in item.items():
        if key in ("article", "linked_to", *_SCALARS) or value in (None, "", [], {}):
            continue
        values = value if isinstance(value, list) else [value]
        lines.append((key.replace("_", " "), [_label(v) for v in values]))
    return lines


def story_cards(stories: Sequence[Mapping[str, Any]] | None, by_id: Mapping[str, Article],
                direction: Direction) -> dict[str, Any] | None:
    """Cards for the stories with several articles (largest first), and the single-article ones
    as a list; None when there is no stories.json."""
    if stories is None:
        return None
    cards: list[dict[str, Any]] = []
    singles: list[dict[str, Any]] = []
    for story in stories:
        ids = [str(a) for a in story.get("articles") or []]
        members = sorted((_member(a, by_id, direction) for a in ids),
                         key=lambda m: (m["published"] is None, m["published"] or "", m["lang"] or ""))
        if len(members) < 2:
            singles.extend(members)
            continue
        evidence = {str(e.get("article")): evidence_lines(e, by_id)
                    for e in story.get("evidence") or [] if isinstance(e, Mapping)}
        for m in members:
            m["evidence"] = evidence.get(m["id"], [])
        first = story.get("first_published")
        cards.append({
            "id": story.get("id"), "title_en": story.get("title_en"), "members": members,
            "languages": story.get("languages") or sorted({m["lang"] for m in members if m["lang"]}),
            "outlets": story.get("outlets") or [], "first_published": first,
            "last_published": story.get("last_published"),
            "first_by": sorted({m["outlet"] or "unknown outlet" for m in members if first and m["published"] == first}),
        })
    cards.sort(key=lambda c: (-len(c["members"]), c["first_published"] or "9999"))
    return {"cards": cards[:MAX_STORIES], "hidden": max(0, len(cards) - MAX_STORIES), "singles": singles,
            "total": len(stories)}


def _cut(text: str) -> str:
    return text if len(text) <= MAX_PASSAGE_CHARS else text[:MAX_PASSAGE_CHARS] + "…"


def _passages(pair: Mapping[str, Any], text_a: str, text_b: str) -> tuple[list[tuple[str, str]], int]:
    """The matching passages as (a text, b text), and how many were not shown (bad offsets or over the cap)."""
    shown: list[tuple[str, str]] = []
    skipped = 0
    for p in pair.get("passages") or []:
        try:
            a0, a1, b0, b1 = (int(p[k]) for k in ("a_start", "a_end", "b_start", "b_end"))
        except (KeyError, TypeError, ValueError):
            skipped += 1
            continue
        if not (0 <= a0 < a1 <= len(text_a) and 0 <= b0 < b1 <= len(text_b)) or len(shown) >= MAX_PASSAGES:
            skipped += 1
            continue
        shown.append((_cut(text_a[a0:a1]), _cut(text_b[b0:b1])))
    return shown, skipped


def reuse_rows(pairs: Sequence[Mapping[str, Any]] | None, by_id: Mapping[str, Article],
               direction: Direction, texts: Callable[[AbstractSet[str]], Mapping[str, str]] | None = None,
               ) -> dict[str, Any] | None:
    """Rows for the recycled-text pairs (earliest first), with both texts' matching passages;
    None when there is no reuse.json. The texts of the pairs shown come from `texts(ids)` (by
    default the records' `text` in `by_id`), so a caller need not hold every article's text."""
    if pairs is None:
        return None
    rows: list[dict[str, Any]] = []
    for pair in pairs:
        a_id, b_id = str(pair.get("a")), str(pair.get("b"))
        a, b = _member(a_id, by_id, direction), _member(b_id, by_id, direction)
        first = pair.get("first")
        rows.append({"a": a, "b": b, "kind": pair.get("kind"), "similarity": pair.get("similarity"),
                     "first": "a" if first == a_id else "b" if first == b_id else None,
                     "pair": pair, "rule": pair.get("rule")})
    rows.sort(key=lambda r: min(r["a"]["published"] or "9999", r["b"]["published"] or "9999"))
    shown = rows[:MAX_PAIRS]
    wanted = {r[side]["id"] for r in shown for side in ("a", "b")}
    found = texts(wanted) if texts else {i: (by_id.get(i) or {}).get("text") or "" for i in wanted}
    for row in shown:
        row["passages"], row["skipped"] = _passages(row.pop("pair"), found.get(row["a"]["id"]) or "",
                                                    found.get(row["b"]["id"]) or "")
    return {"rows": shown, "hidden": max(0, len(rows) - MAX_PAIRS), "total": len(rows)}
