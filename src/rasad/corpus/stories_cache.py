"""The story keys of every article, kept in the store (`story_keys` table) so that an incremental run
(`rasad ingest`) derives keys for the new articles only. Keys are kept as `article_keys` gives them,
before `unify_names` (which depends on the whole collection) rewrites them.

>>> k = StoryKeys("a1", "ar", "SANA", "2022-01-21", 738176, None, {"e:gpe:hasakah": "GPE"},
...               {"e:gpe:hasakah": "Hasakah"})
>>> from_row(to_row(k)) == k
True
"""

from __future__ import annotations

from typing import Any

from rasad.corpus.stories_keys import StoryKeys
from rasad.store.schema import Table

# Bump when `article_keys` changes what it derives: rows of another version are derived again.
KEYS_VERSION = 1
KEYS_TABLE = Table(
    "story_keys",
    {"id": "VARCHAR", "version": "INTEGER", "lang": "VARCHAR", "outlet": "VARCHAR", "published": "VARCHAR",
     "event_day": "INTEGER", "month_day": "INTEGER[]", "keys": "JSON", "labels": "JSON"},
    key=("id",),
    doc="each article's story keys before name unification (for incremental runs)",
)


def to_row(keys: StoryKeys) -> dict[str, Any]:
    return {"id": keys.id, "version": KEYS_VERSION, "lang": keys.lang, "outlet": keys.outlet,
            "published": keys.published, "event_day": keys.event_day,
            "month_day": list(keys.month_day) if keys.month_day else None, "keys": dict(keys.keys),
            "labels": dict(keys.labels)}


def from_row(row: dict[str, Any]) -> StoryKeys:
    month_day = row.get("month_day")
    return StoryKeys(row["id"], row["lang"], row["outlet"], row["published"], row["event_day"],
                     (int(month_day[0]), int(month_day[1])) if month_day else None,
                     dict(row["keys"] or {}), dict(row["labels"] or {}))


# The blocking keys of the names of `t:` keys (`kb.translit.blocking_keys`, most of what unifying the
# names costs), so that an incremental run derives keys only for new names.
NAME_KEYS_TABLE = Table("story_name_keys", {"name": "VARCHAR", "keys": "VARCHAR[]"}, key=("name",),
                        doc="the blocking keys of the names of story keys (for incremental runs)")
