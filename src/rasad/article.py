"""The records that flow through rasad: a raw document from ingest, and the analysed `Article`.

All spans are Unicode code-point offsets into `Article.text` (the cleaned, normalized text),
end exclusive. `Article.as_dict()` gives exactly the shape of `articles.jsonl` in the output
contract (plus documented extra fields); `Article.from_dict()` reads it back.

>>> a = Article.from_raw(RawDocument(source=Source(path="x.txt", sha256="00", format="txt"), text="نص"))
>>> a.text
'نص'
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from typing import Any

JSON = dict[str, Any]


@dataclass
class Source:
    """Where an article came from: a file path or URL, the sha256 of the raw bytes, and the format."""

    sha256: str
    format: str
    path: str | None = None
    url: str | None = None
    # Position inside a multi-record file (JSONL line, CSV row, JSON array index), 1-based.
    record: int | None = None
    encoding: str | None = None
    # Provenance of a web capture (a WARC record, a feed entry, a fetched URL):
    record_id: str | None = None  # the WARC-Record-ID, or a feed entry's id
    captured: str | None = None  # when it was captured or fetched (ISO 8601)
    http_status: int | None = None  # the HTTP status of the capture
    offset: int | None = None  # byte offset of the record in its (compressed) WARC file

    def as_dict(self) -> JSON:
        return {k: v for k, v in asdict(self).items() if v is not None}

    @property
    def name(self) -> str:
        """A human-readable name for messages: `path#record` or the URL."""
        base = self.path or self.url or "<unknown>"
        return f"{base}#{self.record}" if self.record is not None else base


@dataclass
class RawDocument:
    """What ingest produces: decoded text plus whatever metadata the container carried."""

    source: Source
    text: str
    title: str | None = None
    published: str | None = None  # as found in metadata (any format); resolved later
    url: str | None = None
    site_name: str | None = None
    lang_hint: str | None = None
    author: str | None = None


@dataclass
class InputMeta:
    """What the input's container said about the article (HTML meta tags, JSON/CSV fields), as found.

    Stages read it instead of the raw document, and it is written to `articles.jsonl`, so any
    stage can be re-run from that file.

    >>> InputMeta(published="2023-05-14", site_name="SANA").as_dict()
    {'published': '2023-05-14', 'site_name': 'SANA'}
    """

    published: str | None = None  # any format; the metadata stage resolves it
    url: str | None = None
    site_name: str | None = None
    lang_hint: str | None = None
    author: str | None = None

    def as_dict(self) -> JSON:
        return {k: v for k, v in asdict(self).items() if v is not None}

    @classmethod
    def from_raw(cls, raw: RawDocument) -> InputMeta:
        return cls(raw.published, raw.url, raw.site_name, raw.lang_hint, raw.author)


@dataclass
class Span:
    start: int
    end: int
    text: str


@dataclass
class Paragraph:
    start: int
    end: int
    lang: str = "und"


@dataclass
class Sentence:
    start: int
    end: int
    paragraph: int = 0


@dataclass
class Removed:
    """Text cut by cleaning, kept so an analyst can see what was removed and why."""

    kind: str  # boilerplate | repeated_paragraph | ticker | footer | share | ...
    text: str
    rule: str | None = None  # the pattern or rule that matched

    def as_dict(self) -> JSON:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass
class Dateline:
    """An inline dateline such as `السيمر / فيينا / الثلاثاء 25 . 01 . 2022`."""

    start: int
    end: int
    text: str
    place: str | None = None
    outlet: str | None = None
    weekday: str | None = None
    date: str | None = None  # ISO value
    rule: str | None = None  # the dateline form that matched, e.g. `dateline:place-outlet`


@dataclass
class OutletCitation:
    """Evidence for an outlet or a cited outlet: the matched text and the rule."""

    outlet: str  # canonical English name
    start: int
    end: int
    text: str
    role: str  # "publisher" | "cited"
    rule: str


@dataclass
class Entity:
    start: int
    end: int
    text: str
    type: str  # PER, ORG, LOC, GPE, FAC, EVENT, MISC
    entity_id: str | None = None
    source: str = "model"  # model | gazetteer | pattern
    rule: str | None = None  # what found the span, e.g. `ner:crf-ar`, `gazetteer:kb`, `en:title-name`
    score: float | None = None  # the model's confidence in the span (NER: lowest tag marginal)
    link_rule: str | None = None  # how entity_id was chosen: kb:alias | kb:geonames | geonames | ...


@dataclass
class TimeExpression:
    start: int
    end: int
    text: str
    value: str | None  # YYYY-MM-DD, YYYY-MM, YYYY, --MM-DD, or START/END
    calendar: str = "gregorian"  # gregorian | solar_hijri | hijri
    granularity: str | None = None  # day | month | year | interval | time
    relative: bool = False
    rule: str | None = None  # the pattern family that matched, e.g. `timex:levantine-month`


@dataclass
class Quantity:
    start: int
    end: int
    text: str
    value: float | None
    approximate: bool = False
    counted: str | None = None
    kind: str = "count"  # count | year | date | time | ordinal | percent | money | other
    low: float | None = None
    high: float | None = None
    counted_text: str | None = None  # the noun phrase in the article
    rule: str | None = None  # how the number was read and labelled, e.g. `quantity:digits+noun`


@dataclass
class Attribution:
    start: int
    end: int
    text: str
    source: str
    source_kind: str  # named_person | official | outlet | anonymous | document
    source_start: int | None = None  # the source phrase inside the text
    source_end: int | None = None
    verb: str | None = None  # the reporting cue, in English ("said", "according to")
    cited_outlet: str | None = None  # the outlet credited for it in the same sentence
    entity_id: str | None = None  # the source's entity (a named person, an official body)
    chain: list[dict[str, str]] = field(default_factory=list)  # outlet → cited outlet → source
    rule: str | None = None  # the cue form that matched, e.g. `ar:verb-source`


@dataclass
class LoadedTerm:
    """A loaded label from the framing lexicon (`lang/<iso>/loaded_terms.tsv`) and its neutral wording.

    `term` is the lexicon entry that matched (inflected forms in the text share it)."""

    start: int
    end: int
    text: str
    neutral: str  # an English neutral counterpart ("US forces" for الاحتلال الأمريكي)
    category: str  # occupation | terror-label | militia-label | delegitimising | dehumanising | ...
    term: str = ""
    rule: str | None = None  # `framing:lexicon-<lang>`


@dataclass
class PersuasionParagraph:
    """The persuasion techniques a model finds in one paragraph: `[{name, score}]`, best first."""

    start: int
    end: int
    techniques: list[JSON] = field(default_factory=list)
    rule: str | None = None  # `framing:persuasion-<model>`


@dataclass
class Article:
    """The central record. Stages read and fill it; ingest creates it from a `RawDocument`."""

    source: Source
    text: str
    id: str = ""
    lang: str = "und"
    title: str | None = None
    outlet: str | None = None
    country: str | None = None  # the outlet's country (ISO 3166 alpha-2) from the outlet registry
    state_affiliation: str | None = None  # the outlet's documented state affiliation, from the registry
    cited_outlets: list[str] = field(default_factory=list)
    published: str | None = None
    removed: list[Removed] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    claims: list[JSON] = field(default_factory=list)
    title_en: str | None = None  # rendered from the claims and entities (no translation model)
    summary_en: str | None = None
    loaded_terms: list[LoadedTerm] = field(default_factory=list)  # framing: loaded labels
    persuasion: list[PersuasionParagraph] = field(default_factory=list)  # framing: techniques per paragraph
    # Extra fields (allowed by the contract):
    lang_scores: dict[str, float] = field(default_factory=dict)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    dateline: Dateline | None = None
    outlet_evidence: list[OutletCitation] = field(default_factory=list)
    published_source: str | None = None  # metadata | dateline | url | text | lead
    normalization: dict[str, int] = field(default_factory=dict)  # counts of what cleanup changed
    input_meta: InputMeta = field(default_factory=InputMeta)  # what the input's container said

    @classmethod
    def from_raw(cls, raw: RawDocument) -> Article:
        return cls(source=raw.source, text=raw.text, title=raw.title, input_meta=InputMeta.from_raw(raw))

    def as_dict(self) -> JSON:
        """The `articles.jsonl` record (contract fields first, then extras)."""
        out: JSON = {
            "id": self.id,
            "source": self.source.as_dict(),
            "lang": self.lang,
            "title": self.title,
            "outlet": self.outlet,
            "country": self.country,
            "state_affiliation": self.state_affiliation,
            "cited_outlets": list(self.cited_outlets),
            "published": self.published,
            "text": self.text,
            "removed": [r.as_dict() for r in self.removed],
            "entities": [_as_dict(e) for e in self.entities],
            "times": [_as_dict(t) for t in self.times],
            "quantities": [_as_dict(q) for q in self.quantities],
            "attributions": [_as_dict(a) for a in self.attributions],
            "claims": list(self.claims),
            "title_en": self.title_en,
            "summary_en": self.summary_en,
            "loaded_terms": [_as_dict(t) for t in self.loaded_terms],
            "persuasion": [_as_dict(p) for p in self.persuasion],
            "lang_scores": dict(self.lang_scores),
            "paragraphs": [_as_dict(p) for p in self.paragraphs],
            "sentences": [_as_dict(s) for s in self.sentences],
            "dateline": asdict(self.dateline) if self.dateline else None,
            "outlet_evidence": [_as_dict(o) for o in self.outlet_evidence],
            "published_source": self.published_source,
            "normalization": dict(self.normalization),
            "input_meta": self.input_meta.as_dict(),
        }
        return out

    @classmethod
    def from_dict(cls, d: JSON) -> Article:
        """Read back a record written by `as_dict` (unknown keys are ignored)."""

        def build(kind: type, items: list[JSON] | None) -> list[Any]:
            names = {f.name for f in fields(kind)}
            return [kind(**{k: v for k, v in item.items() if k in names}) for item in items or []]

        src = d["source"]
        dl = d.get("dateline")
        return cls(
            id=d["id"],
            source=Source(**{k: v for k, v in src.items() if k in {f.name for f in fields(Source)}}),
            lang=d.get("lang", "und"),
            title=d.get("title"),
            outlet=d.get("outlet"),
            country=d.get("country"),
            state_affiliation=d.get("state_affiliation"),
            cited_outlets=list(d.get("cited_outlets") or []),
            published=d.get("published"),
            text=d["text"],
            removed=build(Removed, d.get("removed")),
            entities=build(Entity, d.get("entities")),
            times=build(TimeExpression, d.get("times")),
            quantities=build(Quantity, d.get("quantities")),
            attributions=build(Attribution, d.get("attributions")),
            claims=list(d.get("claims") or []),
            title_en=d.get("title_en"),
            summary_en=d.get("summary_en"),
            loaded_terms=build(LoadedTerm, d.get("loaded_terms")),
            persuasion=build(PersuasionParagraph, d.get("persuasion")),
            lang_scores=dict(d.get("lang_scores") or {}),
            paragraphs=build(Paragraph, d.get("paragraphs")),
            sentences=build(Sentence, d.get("sentences")),
            dateline=Dateline(**dl) if dl else None,
            outlet_evidence=build(OutletCitation, d.get("outlet_evidence")),
            published_source=d.get("published_source"),
            normalization=dict(d.get("normalization") or {}),
            input_meta=InputMeta(**{k: v for k, v in (d.get("input_meta") or {}).items() if k in _INPUT_META}),
        )


_INPUT_META = frozenset(f.name for f in fields(InputMeta))


def content_id(text: str) -> str:
    """Content-derived article id: sha256 of the text after NFC and whitespace folding.

    >>> content_id("a  b") == content_id(" a b\\n")
    True
    """
    folded = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:16]


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_PLAIN = (str, int, float, bool, type(None))


def _as_dict(obj: Any) -> JSON:
    """`dataclasses.asdict(obj)`, faster for the common span whose fields are all plain values
    (asdict deep-copies each value; plain values need no copy).

    >>> _as_dict(Paragraph(0, 4, "ar")) == asdict(Paragraph(0, 4, "ar"))
    True
    """
    out = {f.name: getattr(obj, f.name) for f in fields(obj)}
    if all(type(v) in _PLAIN for v in out.values()):
        return out
    return asdict(obj)
