"""A generated output folder of N distinct articles for the report's browser tests and benchmark:
Arabic, Persian and English text made of our own word lists, with entities (one place named three ways:
الحسكة / حسکه / Hasakah), dates, quantities, attributions, claims, stories and recycled-text pairs.

Example::

    synthetic_folder(Path("/tmp/out5000"), 5000)
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any


def _words(text: str) -> list[str]:
    return text.split()


WORDS = {
    "ar": _words("قال وزارة المدينة الطريق الجديد مسؤول اجتماع بحث الحكومة المحلية مشروع المياه الكهرباء السكان "
           "المستشفى المدرسة الميناء القافلة المساعدات الطحين الأسعار السوق المزارعين المحصول الشتاء الأمطار "
           "الجسر المطار الرحلات الحدود المعبر الشاحنات اللاجئين المخيم المنظمة التقرير الأسبوع الماضي اليوم"),
    "fa": _words("گفت وزارت شهر جاده جدید مسئول نشست دولت محلی طرح آب برق ساکنان بیمارستان مدرسه بندر کاروان "
           "کمک‌ها آرد قیمت‌ها بازار کشاورزان محصول زمستان باران پل فرودگاه پرواز مرز گذرگاه کامیون‌ها"),
    "en": _words("said ministry city road new official meeting discussed government local project water power "
           "residents "
           "hospital school port convoy aid flour prices market farmers harvest winter rain bridge airport flights "
           "border crossing trucks refugees camp organisation report week"),
}
PLACE = {"ar": "الحسكة", "fa": "حسکه", "en": "Hasakah"}
OUTLETS = (("SANA", "SY", "Syrian state news agency"), ("IRNA", "IR", "Iranian state news agency"),
           ("Reuters", "GB", None), ("Al Riyadh", "SA", None), ("Fars News", "IR", "IRGC-affiliated"))
CITIES = [(f"gpe:city-{i}", f"City {i}", 20 + (i * 7) % 25, 30 + (i * 11) % 30) for i in range(300)]


def _text(rng: random.Random, lang: str, n_words: int, uid: int) -> str:
    words = WORDS[lang]
    sentences = []
    while sum(len(s.split()) for s in sentences) < n_words:
        sentences.append(" ".join(rng.choice(words) for _ in range(rng.randint(8, 18))) + ".")
    sentences.insert(1, f"{uid}")  # every article distinct
    return " ".join(sentences)


def synthetic_folder(out: Path, n: int, seed: int = 7, words: int = 230) -> Path:
    """Write articles.jsonl, entities.json, stories.json, reuse.json and errors.jsonl for `n` articles;
    every seventh article names the place written الحسكة / حسکه / Hasakah."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    place_articles: list[str] = []
    city_articles: dict[str, list[str]] = {c[0]: [] for c in CITIES}
    ids: list[str] = []
    with (out / "articles.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(n):
            lang = ("ar", "ar", "fa", "en")[i % 4]
            outlet, country, state = OUTLETS[i % len(OUTLETS)]
            body = _text(rng, lang, words, i)
            entities: list[dict[str, Any]] = []
            if i % 7 == 0:
                body = f"{PLACE[lang]} {body}"
                entities.append({"start": 0, "end": len(PLACE[lang]), "text": PLACE[lang], "type": "GPE",
                                 "entity_id": "gpe:hasakah", "rule": "gazetteer:kb"})
            city = CITIES[i % len(CITIES)]
            at = len(body)
            body += f" {city[1]}."
            entities.append({"start": at + 1, "end": at + 1 + len(city[1]), "text": city[1], "type": "GPE",
                             "entity_id": city[0], "rule": "gazetteer:kb"})
            aid = f"s{i:06d}"
            ids.append(aid)
            if i % 7 == 0:
                place_articles.append(aid)
            city_articles[city[0]].append(aid)
            number = body.index(str(i))
            record = {
                "id": aid, "source": {"path": f"gen/{aid}.txt", "sha256": "0", "format": "txt"}, "lang": lang,
                "title": f"{rng.choice(WORDS[lang])} {rng.choice(WORDS[lang])} {i}", "title_en": f"Story {i}",
                "outlet": outlet, "country": country, "state_affiliation": state,
                "cited_outlets": ["AFP"] if i % 3 else [],
                "published": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", "text": body, "removed": [],
                "entities": entities,
                "times": [], "quantities": [{"start": number, "end": number + len(str(i)), "text": str(i), "value": i,
                                             "counted": "people", "kind": "count", "rule": "quantity:digits"}],
                "attributions": [], "claims": [{"id": f"c{i}", "start": 0, "end": min(len(body), 60),
                                                "sentence": body[:60], "english": f"{i} people moved",
                                                "certainty": "asserted", "action": "transfer"}],
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    entities = [{"id": "gpe:hasakah", "type": "GPE", "name_en": "Hasakah", "names": {k: [v] for k, v in PLACE.items()},
                 "lat": 36.5, "lon": 40.75, "articles": place_articles, "mentions": len(place_articles)}]
    entities += [{"id": cid, "type": "GPE", "name_en": name, "names": {"en": [name]}, "lat": lat, "lon": lon,
                  "articles": arts, "mentions": len(arts)} for (cid, name, lat, lon) in CITIES
                 if (arts := city_articles[cid])]
    stories = [{"id": f"story:{k}", "title_en": f"Story {k}", "articles": ids[k:k + 3], "languages": ["ar", "fa"],
                "first_published": None, "evidence": []} for k in range(0, n - 3, 10)]
    reuse = [{"a": ids[k], "b": ids[k + 1], "kind": "partial", "similarity": 0.5,
              "passages": [{"a_start": 0, "a_end": 5, "b_start": 0, "b_end": 5}]} for k in range(0, n - 1, 50)]
    for name, value in (("entities.json", entities), ("stories.json", stories), ("reuse.json", reuse)):
        (out / name).write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    (out / "errors.jsonl").write_text("", encoding="utf-8")
    return out
