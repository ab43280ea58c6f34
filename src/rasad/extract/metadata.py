"""The `metadata` stage: title, dateline, publication date, publishing outlet and cited outlets.

The publisher comes from the strongest evidence available, in this order: the HTML/JSON
`site_name`, the URL's domain, the dateline's outlet (`السيمر / فيينا / …`, `الثورة:`,
`WASHINGTON (Reuters) -`), a lead credit opening the body (`به گزارش گروه بین‌الملل دفاع‌پرس،`, after
at most a headline, a date line and a dateline). Cited outlets are
the outlets the text credits (`المصدر / سبوتنيك`, `لـ سانا`, `according to Reuters`), in order of first
mention, without the publisher. Every decision is recorded in `article.outlet_evidence`.

>>> from rasad.article import RawDocument, Source
>>> from rasad.settings import Settings
>>> raw = RawDocument(source=Source(sha256="0", format="txt"),
...                   text="دمشق - سانا\\nوقال مسؤول في حديث لـ “سبوتنيك” إن الطريق مفتوح.")
>>> a = metadata_stage(Article.from_raw(raw), Settings(workers=1))
>>> a.outlet, a.cited_outlets, a.dateline.place
('SANA', ['Sputnik'], 'دمشق')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from urllib.parse import urlsplit

from rasad.article import Article, Dateline, OutletCitation
from rasad.extract.dateline import DateLine, find_date_line, find_dateline
from rasad.extract.outlets_cited import Credit, find_credits
from rasad.extract.published import date_from_url, date_in_lead, date_stated_as_today, parse_published
from rasad.extract.title import headline_title
from rasad.kb.outlets import FoldedText, Outlet, fold_text, match_key, registry
from rasad.pipeline import article_stage
from rasad.settings import Settings
from rasad.text.data import read_words
from rasad.text.normalize import matching_key


@dataclass(frozen=True)
class _Candidate:
    """A piece of evidence naming the publisher; `in_text` ones become citations if outvoted."""

    outlet: str
    evidence: OutletCitation
    in_text: bool


def _site_name_outlet(site_name: str) -> str | None:
    reg = registry()
    outlet = reg.by_name(site_name)
    if outlet:
        return outlet.name
    names = {o.name for _, _, o in reg.find_mentions(site_name, include_ambiguous=True)}
    return names.pop() if len(names) == 1 else None


def _shared_site_name(site_name: str, outlet_name: str, by_domain: Outlet | None, url: str) -> bool:
    """Whether `site_name` is a name several outlets share ("الوطن", "alwatan") and the URL says it is
    not `outlet_name`: the domain belongs to another outlet, or its country code is another country
    (the Saudi al-Watan, alwatan.com.sa, is not the Syrian one)."""
    if not registry().is_ambiguous(site_name):
        return False
    if by_domain is not None:
        return by_domain.name != outlet_name
    outlet = registry().get(outlet_name)
    country = domain_country(url)
    return outlet is not None and outlet.country is not None and country is not None and country != outlet.country


# Country-code domains used worldwide as generic ones (.co, .io, .tv, …): they name no country.
_GENERIC_CCTLDS = frozenset({"co", "io", "tv", "me", "fm", "ai", "cc", "ws", "to", "gg", "am"})


def domain_country(url: str) -> str | None:
    """The country of a URL's country-code top-level domain, or None.

    >>> domain_country("https://www.alwatan.com.sa/article/1"), domain_country("https://sabq.org/x")
    ('SA', None)
    """
    host = (urlsplit(url if "//" in url else "//" + url).hostname or "").rstrip(".")
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    return tld.upper() if len(tld) == 2 and tld.isalpha() and tld not in _GENERIC_CCTLDS else None


def publisher_candidates(
    article: Article, dateline: Dateline | None, credits: list[Credit]
) -> list[_Candidate]:
    """All evidence for the publishing outlet, strongest first."""
    meta = article.input_meta
    site_name = (meta.site_name or "").strip()
    url = meta.url or article.source.url or ""
    out: list[_Candidate] = []
    known_site = _site_name_outlet(site_name) if site_name else None
    by_domain = registry().by_domain(url) if url else None
    shared_name = known_site is not None and _shared_site_name(site_name, known_site, by_domain, url)
    if known_site and not shared_name:
        out.append(_Candidate(known_site, OutletCitation(known_site, 0, 0, site_name, "publisher",
                                                         "html:site_name"), False))
    if by_domain:
        out.append(_Candidate(by_domain.name, OutletCitation(by_domain.name, 0, 0, url, "publisher",
                                                             "url:domain"), False))
    dateline_known = dateline is not None and dateline.outlet is not None and registry().get(
        dateline.outlet) is not None
    if dateline is not None and dateline.outlet and dateline_known:
        out.append(_Candidate(dateline.outlet, OutletCitation(
            dateline.outlet, dateline.start, dateline.end, dateline.text, "publisher", "dateline"), True))
    for credit in credits:
        if credit.kind == "lead":
            out.append(_Candidate(credit.outlet, OutletCitation(
                credit.outlet, credit.start, credit.end, credit.text, "publisher", credit.rule), True))
    footer = copyright_holder(article)
    if footer is not None:
        out.append(_Candidate(footer[0], OutletCitation(footer[0], 0, 0, footer[1], "publisher",
                                                        "footer:copyright"), False))
    # Names not in the registry, kept as written: weaker than any registered evidence.
    if site_name and not known_site and not shared_name:
        out.append(_Candidate(site_name, OutletCitation(site_name, 0, 0, site_name, "publisher",
                                                        "html:site_name:unregistered"), False))
    if dateline is not None and dateline.outlet and not dateline_known:
        out.append(_Candidate(dateline.outlet, OutletCitation(
            dateline.outlet, dateline.start, dateline.end, dateline.text, "publisher",
            "dateline:unregistered"), True))
    return out


@cache
def _copyright_cues() -> tuple[str, ...]:
    """The folded phrases of a copyright line in every language (`lang/<iso>/copyright_cues.txt`)."""
    phrases = (cue for lang in ("ar", "fa", "en") for cue in sorted(read_words(lang, "copyright_cues.txt")))
    return tuple(matching_key(cue) for cue in phrases)


def copyright_holder(article: Article) -> tuple[str, str] | None:
    """`(outlet, footer line)` when a copyright footer that cleaning removed names a registered outlet
    (`جميع الحقوق محفوظة لوكالة سبوتنيك 2024`), else None.

    >>> from rasad.article import Removed, Source
    >>> footer = Removed("boilerplate", "جميع الحقوق محفوظة لوكالة سبوتنيك 2024")
    >>> a = Article(Source(sha256="0", format="txt"), "نص", removed=[footer])
    >>> copyright_holder(a)[0]
    'Sputnik'
    """
    for item in article.removed:
        line = matching_key(item.text)
        if any(cue in line for cue in _copyright_cues()):
            mentions = registry().find_mentions(item.text, include_ambiguous=True)
            if mentions:
                return mentions[0].outlet.name, item.text
    return None


def _shares_name_with(cited: str, publisher: str | None) -> bool:
    """Whether `cited` was named by a short name that the publisher also goes by: `قال لـ"الوطن"` in
    the Saudi al-Watan ("الوطن السعودية") credits the paper itself, not the Syrian al-Watan."""
    pub = registry().get(publisher) if publisher else None
    other = registry().get(cited)
    if pub is None or other is None:
        return False
    shared = {match_key(a.text) for a in other.aliases if a.ambiguous}
    own = [match_key(a.text) for a in pub.aliases]
    return any(name.startswith(key) and name != key for name in own for key in shared if key)


def resolve_outlets(
    article: Article, dateline: Dateline | None, credits: list[Credit]
) -> tuple[str | None, list[str], list[OutletCitation]]:
    """`(publisher, cited outlets, evidence)` from the metadata, the dateline and the credits."""
    candidates = publisher_candidates(article, dateline, credits)
    publisher = candidates[0].outlet if candidates else None
    evidence = [c.evidence for c in candidates if c.outlet == publisher]
    cited: list[OutletCitation] = []
    for candidate in candidates:
        if candidate.outlet != publisher and candidate.in_text:
            cited.append(replace(candidate.evidence, role="cited"))
    for credit in credits:
        if credit.kind != "credit":
            continue
        own = credit.outlet == publisher or _shares_name_with(credit.outlet, publisher)
        role = "publisher" if own else "cited"
        item = OutletCitation(publisher if own and publisher else credit.outlet, credit.start, credit.end,
                              credit.text, role, credit.rule)
        (evidence if role == "publisher" else cited).append(item)
    cited.sort(key=lambda c: c.start)
    names = list(dict.fromkeys(c.outlet for c in cited))
    return publisher, names, evidence + cited


def resolve_published(
    article: Article, dateline: Dateline | None, date_line: DateLine | None = None
) -> tuple[str | None, str | None]:
    """`(YYYY-MM-DD, source)` from metadata, else the dateline's date, else a date standing alone on a
    line at the top of the text (`date_line`, source "text"), else a full date stated as "today" near
    the top (`اليوم الثلاثاء 11 نيسان 2023`, source "text"), else a Persian lead sentence's date with its
    weekday (`روز سه‌شنبه ۲ خرداد ۱۴۰۲`, source "lead"), else the URL; never the run date."""
    meta = article.input_meta
    from_metadata = parse_published(meta.published)
    if from_metadata:
        return from_metadata, "metadata"
    if dateline is not None and dateline.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", dateline.date):
        return dateline.date, "dateline"
    if date_line is not None:
        return date_line.date, "text"
    today = date_stated_as_today(article.text, article.lang if article.lang != "und" else None)
    if today is not None:
        return today[0], "text"
    lead = date_in_lead(article.text, article.lang)
    if lead is not None:
        return lead[0], "lead"
    from_url = date_from_url(meta.url or article.source.url)
    if from_url:
        return from_url, "url"
    return article.published, article.published_source


@article_stage(
    "metadata",
    requires=("text", "lang", "source", "input_meta", "removed"),
    assigns=("title", "dateline", "published", "published_source", "outlet", "country", "state_affiliation",
             "cited_outlets", "outlet_evidence"),
)
def metadata_stage(article: Article, settings: Settings) -> Article:
    """Title, dateline, publication date, publishing outlet and cited outlets, with evidence."""
    folded: FoldedText = fold_text(article.text)
    lang = article.lang if article.lang != "und" else None
    dateline = find_dateline(folded, lang)
    skip = ((dateline.start, dateline.end),) if dateline else ()
    credits = find_credits(folded, skip=skip)
    outlet, cited, evidence = resolve_outlets(article, dateline, credits)
    published, published_source = resolve_published(article, dateline, find_date_line(article.text, lang))
    title = article.title.strip() if article.title and article.title.strip() else None
    if title is None:
        title = headline_title(article.text, skip=(dateline.start, dateline.end) if dateline else None)
    registered = registry().get(outlet) if outlet else None
    return replace(
        article,
        title=title,
        dateline=dateline,
        published=published,
        published_source=published_source,
        outlet=outlet,
        country=registered.country if registered else None,
        state_affiliation=registered.state_affiliation if registered else None,
        cited_outlets=cited,
        outlet_evidence=evidence,
    )
