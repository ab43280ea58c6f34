"""The outlet registry: data checks, name and domain lookups, mention scanning."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from rasad.kb.outlets import KINDS, Outlet, fold_chars, fold_text, match_key, registry


def test_registry_is_large_and_well_formed() -> None:
    reg = registry()
    assert len(reg) >= 40
    for outlet in reg.outlets:
        assert isinstance(outlet, Outlet)
        assert outlet.kind in KINDS
        assert outlet.names("en"), outlet.name
        assert outlet.names("ar") or outlet.names("fa"), outlet.name


def test_every_alias_key_belongs_to_one_outlet() -> None:
    shared = {key: names for key, names in registry().key_owners().items() if len(names) > 1}
    assert shared == {}


def test_every_domain_belongs_to_one_outlet() -> None:
    seen: dict[str, str] = {}
    for outlet in registry().outlets:
        for domain in outlet.domains:
            assert domain not in seen, f"{domain} listed for {seen.get(domain)} and {outlet.name}"
            seen[domain] = outlet.name


def test_registry_is_loaded_once() -> None:
    assert registry() is registry()


@pytest.mark.parametrize(
    ("name", "affiliation_word"),
    [("SANA", "Syrian state"), ("Sputnik", "Russian state"), ("RT", "Russian state"),
     ("IRNA", "Iranian state"), ("Press TV", "Iranian state"), ("Al-Alam", "Iranian state"),
     ("Tasnim", "IRGC"), ("Fars News", "IRGC"), ("Defa Press", "IRGC"), ("Al-Manar", "Hezbollah"),
     ("Anadolu Agency", "Turkish state")],
)
def test_state_affiliations(name: str, affiliation_word: str) -> None:
    outlet = registry().get(name)
    assert outlet is not None
    assert affiliation_word in (outlet.state_affiliation or "")


@pytest.mark.parametrize("name", ["Reuters", "AFP", "Associated Press", "Enab Baladi", "Al Mayadeen"])
def test_no_affiliation_without_public_documentation(name: str) -> None:
    outlet = registry().get(name)
    assert outlet is not None and outlet.state_affiliation is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Arabic, with proclitics, tatweel and quotes
        ("سانا", "SANA"),
        ("لسانا", "SANA"),
        ("لـ سانا", "SANA"),
        ("وسانا", "SANA"),
        ("وكالة “سانا”", "SANA"),
        ("سبوتنيك", "Sputnik"),
        ("لسبوتنيك", "Sputnik"),
        ("سبوتنك", "Sputnik"),
        ("روسيا اليوم", "RT"),
        ("آر تي", "RT"),
        ("الميادين", "Al Mayadeen"),
        ("للميادين", "Al Mayadeen"),
        ("بالجزيرة", "Al Jazeera"),
        ("قناة العالم", "Al-Alam"),
        ("المنار", "Al-Manar"),
        ("العربية", "Al Arabiya"),
        ("بي بي سي", "BBC"),
        ("الشرق الاوسط", "Asharq Al-Awsat"),
        ("عنب بلدي", "Enab Baladi"),
        ("المرصد السوري لحقوق الانسان", "Syrian Observatory for Human Rights"),
        ("هاوار", "Hawar News Agency"),
        ("روداو", "Rudaw"),
        ("كوردستان 24", "Kurdistan 24"),
        ("كوردستان ٢٤", "Kurdistan 24"),
        ("الاناضول", "Anadolu Agency"),
        ("رويترز", "Reuters"),
        ("فرانس برس", "AFP"),
        ("أ ف ب", "AFP"),
        ("أ.ف.ب", "AFP"),
        ("أسوشيتد برس", "Associated Press"),
        ("الثورة", "Al-Thawra"),
        ("صحيفة الوطن", "Al-Watan (Syria)"),
        ("السيمر", "Al-Sumer"),
        ("إرنا", "IRNA"),
        ("شينخوا", "Xinhua"),
        ("وكالة تاس", "TASS"),
        # Persian, with and without ZWNJ
        ("دفاع‌پرس", "Defa Press"),
        ("دفاعپرس", "Defa Press"),
        ("دفاع پرس", "Defa Press"),
        ("اسپوتنیک", "Sputnik"),
        ("سپوتنیک", "Sputnik"),
        ("خبرگزاری اسپوتنیک", "Sputnik"),
        ("تسنیم", "Tasnim"),
        ("خبرگزاری فارس", "Fars News"),
        ("ایرنا", "IRNA"),
        ("پرس‌تی‌وی", "Press TV"),
        ("پرس تی وی", "Press TV"),
        ("بی‌بی‌سی فارسی", "BBC Persian"),
        ("صداوسیما", "IRIB"),
        ("کیهان", "Kayhan"),
        ("ایسنا", "ISNA"),
        ("مهر", "Mehr News"),
        # English
        ("Reuters", "Reuters"),
        ("AFP", "AFP"),
        ("Agence France-Presse", "AFP"),
        ("Al-Jazeera", "Al Jazeera"),
        ("al jazeera", "Al Jazeera"),
        ("Press TV", "Press TV"),
        ("PressTV", "Press TV"),
        ("Tehran Times", "Tehran Times"),
        ("Xinhua", "Xinhua"),
        ("North Press", "North Press Agency"),
        ("Syria TV", "Syria TV"),
        ("Al-Ahed", "Al-Ahed"),
        ("Al-Quds Al-Arabi", "Al-Quds Al-Arabi"),
    ],
)
def test_by_name(text: str, expected: str) -> None:
    outlet = registry().by_name(text)
    assert outlet is not None, text
    assert outlet.name == expected


@pytest.mark.parametrize("text", ["", "  ", "سانا الجديدة", "الحكومة", "مدرسة", "The Times of Nowhere", "ل"])
def test_by_name_unknown(text: str) -> None:
    assert registry().by_name(text) is None


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("sana.sy", "SANA"),
        ("www.sana.sy", "SANA"),
        ("https://sana.sy/?p=12345", "SANA"),
        ("http://www.sana.sy:8080/en/?p=1", "SANA"),
        ("arabic.sputniknews.com", "Sputnik"),
        ("https://sputnikarabic.ae/20220125/x.html", "Sputnik"),
        ("defapress.ir", "Defa Press"),
        ("https://www.tasnimnews.com/fa/news/1400/11/05/1", "Tasnim"),
        ("farsnews.ir", "Fars News"),
        ("www.irna.ir", "IRNA"),
        ("presstv.ir", "Press TV"),
        ("alalam.ir", "Al-Alam"),
        ("almayadeen.net", "Al Mayadeen"),
        ("english.almanar.com.lb", "Al-Manar"),
        ("www.aljazeera.net", "Al Jazeera"),
        ("alarabiya.net", "Al Arabiya"),
        ("https://www.bbc.com/arabic/middleeast-1", "BBC Arabic"),
        ("https://www.bbc.com/persian/iran-1", "BBC Persian"),
        ("https://www.bbc.com/news/world-1", "BBC"),
        ("aawsat.com", "Asharq Al-Awsat"),
        ("enabbaladi.net", "Enab Baladi"),
        ("syriahr.com", "Syrian Observatory for Human Rights"),
        ("hawarnews.com", "Hawar News Agency"),
        ("rudaw.net", "Rudaw"),
        ("kurdistan24.net", "Kurdistan 24"),
        ("aa.com.tr", "Anadolu Agency"),
        ("www.reuters.com", "Reuters"),
        ("afp.com", "AFP"),
        ("apnews.com", "Associated Press"),
        ("thawra.sy", "Al-Thawra"),
        ("WWW.SANA.SY", "SANA"),
    ],
)
def test_by_domain(host: str, expected: str) -> None:
    outlet = registry().by_domain(host)
    assert outlet is not None, host
    assert outlet.name == expected


@pytest.mark.parametrize("host", ["", "notsana.sy", "sana.sy.example.com", "example.com", "https://", "sy"])
def test_by_domain_unknown(host: str) -> None:
    assert registry().by_domain(host) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قال مسؤول لسانا إن الطريق مفتوح", [("سانا", "SANA")]),
        ("في حديث لـ “سبوتنيك” أمس", [("سبوتنيك", "Sputnik")]),
        ("به خبرگزاری اسپوتنیک گفتند", [("اسپوتنیک", "Sputnik")]),
        ("گزارش دفاعپرس و تسنیم", [("دفاعپرس", "Defa Press")]),  # تسنیم alone is ambiguous
        ("گزارش خبرگزاری تسنیم", [("تسنیم", "Tasnim")]),
        ("بثت الميادين وقناة المنار", [("قناة المنار", "Al-Manar")]),  # the longest alias wins
        ("بثت الميادين وصحيفة المنار", [("المنار", "Al-Manar")]),  # an outlet noun before a name
        ("شاهد على بي بي سي وروسيا اليوم", [("بي بي سي", "BBC"), ("روسيا اليوم", "RT")]),
        ("Reuters and AFP reported; the AP too", [("Reuters", "Reuters"), ("AFP", "AFP")]),
        ("the tap and map", []),
        ("قادة الثورة في العالم العربي", []),
        ("منطقة الجزيرة السورية", []),
        ("وكالة أنباء فارس", [("وكالة أنباء فارس", "Fars News")]),
        ("للسيمر وبالجزيرة نت", [("لسيمر", "Al-Sumer"), ("الجزيرة نت", "Al Jazeera")]),
        ("گزارش دفاع پرس و دفاع‌پرس", [("دفاع پرس", "Defa Press"), ("دفاع‌پرس", "Defa Press")]),
        ("نقلت أ.ف.ب و(أ ف ب)", [("أ.ف.ب", "AFP"), ("أ ف ب", "AFP")]),
        ("SANA said; Sanaa is a city", [("SANA", "SANA")]),
    ],
)
def test_find_mentions(text: str, expected: list[tuple[str, str]]) -> None:
    found = [(text[s:e], o.name) for s, e, o in registry().find_mentions(text)]
    assert found == expected


def test_find_mentions_with_ambiguous() -> None:
    text = "قادة الثورة في العالم"
    names = [o.name for _, _, o in registry().find_mentions(text, include_ambiguous=True)]
    assert names == ["Al-Thawra", "Al-Alam"]


def test_is_ambiguous() -> None:
    reg = registry()
    assert reg.is_ambiguous("الثورة") and reg.is_ambiguous("العالم") and reg.is_ambiguous("AP")
    assert reg.is_ambiguous("والعالم") and reg.is_ambiguous("للثورة")
    assert not reg.is_ambiguous("سانا") and not reg.is_ambiguous("Reuters")
    assert not reg.is_ambiguous("صحيفة الثورة") and not reg.is_ambiguous("مدرسة")


@pytest.mark.parametrize(
    ("a", "b"),
    [("دفاع‌پرس", "دفاعپرس"), ("دفاع پرس", "دفاعپرس"), ("إرنا", "ارنا"), ("الجزيرة", "الجزیره"),
     ("Al-Jazeera", "AL JAZEERA"), ("كوردستان ۲۴", "کوردستان 24")],
)
def test_match_key_folds_spellings(a: str, b: str) -> None:
    assert match_key(a) == match_key(b)


_TEXT = st.text(
    alphabet=st.sampled_from(list("سانابيرتكةىیکأإآل ءًٌَُِّـ\u200c\n.،-0123٤۵")), max_size=60
)


@given(_TEXT)
def test_fold_text_offsets_point_into_the_original(text: str) -> None:
    folded = fold_text(text)
    assert len(folded.index) == len(folded.folded)
    assert list(folded.index) == sorted(set(folded.index))
    for i, pos in enumerate(folded.index):
        assert 0 <= pos < len(text)
        assert fold_chars(text[pos]) == folded.folded[i]
    assert folded.folded == fold_chars(text)


@given(st.sampled_from(["سانا", "سبوتنيك", "دفاع‌پرس", "Reuters", "روداو", "عنب بلدي"]),
       st.sampled_from(["", "ل", "و", "لـ ", "“"]),
       st.text(alphabet=st.sampled_from(list("قال مسؤول إن .")), max_size=20))
def test_mention_offsets_cover_the_name(name: str, prefix: str, filler: str) -> None:
    filler = filler.strip() + " " if filler.strip() else ""
    assume(not registry().find_mentions(filler))  # the filler's letters can spell an outlet: "سانا"
    if prefix and not ("\u0600" <= name[0] <= "\u06ff"):
        prefix = "" if prefix != "“" else prefix
    text = f"{filler}{prefix}{name} ."
    mentions = registry().find_mentions(text)
    assert [(text[s:e]) for s, e, _ in mentions] == [name]
