"""The evidence lines the report shows for a story's member (`stories.json`'s `evidence` records).
Values stay raw: the page puts them in as text. The story cards and recycled-text pairs themselves
are drawn by the page from its embedded data (`rasad.report.data`).

Example::

    lines = evidence_lines(story["evidence"][0], {a["id"]: a for a in iter_articles(out)})
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# Evidence fields shown as their own line; anything else a stage adds is shown generically.
_SCALARS = ("score", "similarity")

Article = Mapping[str, Any]


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
