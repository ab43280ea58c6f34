"""The shapes `rasad serve` answers with, and pure helpers over analysis records: a query and a page
of results, story and narrative members, entity names, claim summaries, passages around a match.

>>> paginate([{"n": i} for i in range(5)], 1, 2)
[{'n': 0}, {'n': 1}]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MAX_PAGE = 100
SNIPPET_CHARS = 240  # characters of text shown around the first match


@dataclass
class ArticleQuery:
    """A search: words (any script or spelling), filters, and the page wanted."""

    q: str = ""
    lang: str | None = None
    outlet: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    story: str | None = None
    narrative: str | None = None
    entity: str | None = None
    page: int = 1
    size: int = 20


@dataclass
class Page:
    """One page of results, the number of matches, and facet counts over all matches."""

    results: list[dict[str, Any]]
    total: int
    page: int
    size: int
    facets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def member_ids(group: dict[str, Any]) -> list[str]:
    """The article ids of a story or narrative: `articles` as ids, or as objects with an `id`/`article`.

    >>> member_ids({"articles": ["a1", {"article": "a2"}, {"id": "a3"}]})
    ['a1', 'a2', 'a3']
    """
    ids: list[str] = []
    for member in group.get("articles") or []:
        value = member.get("article", member.get("id")) if isinstance(member, dict) else member
        if isinstance(value, str):
            ids.append(value)
    return ids


def entity_names(entity: dict[str, Any]) -> list[str]:
    """All the names of an entities.json entry: every script's names and its English name.

    >>> entity_names({"name_en": "Hasakah", "names": {"ar": ["الحسكة"], "fa": ["حسکه"]}})
    ['Hasakah', 'الحسكة', 'حسکه']
    """
    names = [entity["name_en"]] if entity.get("name_en") else []
    for values in (entity.get("names") or {}).values():
        names.extend(v for v in values if isinstance(v, str))
    return names


def claim_summary(record: dict[str, Any], claim: dict[str, Any], story: str | None,
                  cluster_of: dict[str, str]) -> dict[str, Any]:
    """A claim as the claims list shows it, with its article's outlet, language and date."""
    gid = f"{record['id']}#{claim.get('id')}"
    attribution = claim.get("attribution") or {}
    return {"id": gid, "article": record["id"], "sentence": claim.get("sentence"), "english": claim.get("english"),
            "action": claim.get("action"), "certainty": claim.get("certainty"),
            "source": attribution.get("source") if isinstance(attribution, dict) else None,
            "lang": record.get("lang"), "outlet": record.get("outlet"), "published": record.get("published"),
            "story": story, "cluster": cluster_of.get(gid)}


def snippet(text: str, spans: list[tuple[int, int]], width: int = SNIPPET_CHARS) -> dict[str, Any] | None:
    """The passage of `text` around the first of `spans` (sorted), cut at spaces, with the spans that
    fall inside it as offsets into the passage; None without spans.

    >>> snippet("one two three four five", [(8, 13)], width=12)
    {'text': 'two three', 'marks': [[4, 9]]}
    """
    if not spans:
        return None
    first = spans[0][0]
    start = max(0, first - width // 3)
    end = min(len(text), start + width)
    if start > 0 and not text[start - 1].isspace() and (space := text.find(" ", start, first)) >= 0:
        start = space + 1
    if end < len(text) and (space := text.rfind(" ", spans[0][1], end)) >= 0:
        end = space
    marks = [[a - start, b - start] for a, b in spans if a >= start and b <= end]
    return {"text": text[start:end], "marks": marks}


def paginate(items: list[dict[str, Any]], page: int, size: int) -> list[dict[str, Any]]:
    """Items of 1-based `page` of `size` (size clipped to 1..MAX_PAGE).

    >>> paginate([{"n": i} for i in range(5)], 2, 2)
    [{'n': 2}, {'n': 3}]
    """
    size = max(1, min(size, MAX_PAGE))
    start = (max(page, 1) - 1) * size
    return items[start:start + size]


def article_matches(article: dict[str, Any], query: ArticleQuery) -> bool:
    published = article.get("published") or ""
    return ((not query.lang or article.get("lang") == query.lang)
            and (not query.outlet or article.get("outlet") == query.outlet)
            and (not query.date_from or (bool(published) and published >= query.date_from))
            and (not query.date_to or (bool(published) and published[:len(query.date_to)] <= query.date_to))
            and (not query.story or article.get("story") == query.story)
            and (not query.narrative or query.narrative in article["narratives"])
            and (not query.entity or query.entity in article["entities"]))


def as_list(value: Any) -> list[dict[str, Any]]:
    """A JSON output's list of objects (a list, or an object holding one list under some key)."""
    if isinstance(value, dict):
        value = next((v for v in value.values() if isinstance(v, list)), [])
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
