"""Japanese corporation names with their furigana (reading without the legal form) and English name."""

from bisect import bisect
from dataclasses import dataclass
from itertools import accumulate
from random import Random

from madoguchi.registry.generator import vocabulary as vocab
from madoguchi.registry.generator.text import title
from madoguchi.registry.generator.vocabulary import Word


@dataclass(frozen=True, slots=True)
class Name:
    name: str  # 商号又は名称, with the legal form
    furigana: str  # katakana, without the legal form: 株式会社山田商事 → ヤマダショウジ
    en: str  # English name, or "" when none is registered
    core: Word  # the name without the legal form (kept across a change of legal form)


# Share of corporations of each kind that registered an English name.
ENGLISH_SHARE = {
    "101": 1.0, "201": 0.3, "301": 0.3, "302": 0.1, "303": 0.05, "304": 0.05, "305": 0.4,
    "399": 0.2, "401": 0.9, "499": 0.1,
}  # fmt: skip
QUOTED_SHARE = 0.03  # English names with a nickname in double quotes

_KANJI_HEADS = vocab.SURNAMES + vocab.AUSPICIOUS + vocab.REGIONS
_PLACE_HEADS = vocab.REGIONS + vocab.AUSPICIOUS
_LOCAL_HEADS = vocab.TOWNS + vocab.VILLAGES  # 本町町内会, 山田土地改良区
_OTHER_KINDS: tuple[tuple[str, float], ...] = (
    ("association", 45),
    ("kai", 20),
    ("school", 3),
    ("profession", 6),
    ("cooperative", 10),
    ("religious", 12),
)
_OTHER_CUMULATIVE = tuple(accumulate(weight for _, weight in _OTHER_KINDS))


def head_en(word: Word) -> str:
    """A name part in English: its given English form, else the romaji of its reading."""
    return word[2] or title(word[1])


def business_en(word: Word, *, translate: bool) -> str:
    """A business word in English: translated (Trading) or in romaji (Shoji)."""
    if word[2] and (translate or word[0] == word[1]):
        return word[2]
    return title(word[1])


def _join(*words: Word, en: str) -> Word:
    return "".join(w[0] for w in words), "".join(w[1] for w in words), en


def _company_core(rng: Random) -> Word:
    r, translate = rng.random(), rng.random() < 0.5
    if r < 0.55:
        head, business = rng.choice(_KANJI_HEADS), rng.choice(vocab.BUSINESS)
    elif r < 0.7:
        head, business = rng.choice(vocab.KATAKANA_HEADS), rng.choice(vocab.KATAKANA_BUSINESS)
    elif r < 0.85:
        head, business = rng.choice(_KANJI_HEADS), rng.choice(vocab.KATAKANA_BUSINESS)
    elif r < 0.93:
        head = rng.choice(vocab.KATAKANA_HEADS)
        return head[0], head[1], head_en(head)
    else:
        first, head = rng.choice(vocab.REGIONS), rng.choice(vocab.AUSPICIOUS)
        business = rng.choice(vocab.BUSINESS)
        en = f"{head_en(first)} {head_en(head)} {business_en(business, translate=translate)}"
        return _join(first, head, business, en=en)
    return _join(head, business, en=f"{head_en(head)} {business_en(business, translate=translate)}")


def with_company_form(rng: Random, kind: str, core: Word, *, english: bool) -> Name:
    """株式会社 + core or core + 株式会社 (前株 / 後株), and the English name with its suffix."""
    form, suffixes, front_share = vocab.COMPANY_FORMS[kind]
    name = form + core[0] if rng.random() < front_share else core[0] + form
    en = ""
    if english:
        core_en = f'"{core[2]}"' if rng.random() < QUOTED_SHARE else core[2]
        en = f"{core_en} {rng.choice(suffixes)}"
    return Name(name=name, furigana=core[1], en=en, core=core)


def _other_registered(rng: Random, *, english: bool) -> Name:
    """その他の設立登記法人 (399): associations, foundations, NPOs, medical, welfare, schools …"""
    category = _OTHER_KINDS[bisect(_OTHER_CUMULATIVE, rng.random() * _OTHER_CUMULATIVE[-1])][0]
    form, pattern = "", "{core}"
    if category == "association":
        form, suffixes, pattern, _ = rng.choice(vocab.ASSOCIATIONS)
        region = rng.choice(vocab.FOUNDATION_REGIONS if rng.random() < 0.5 else _PLACE_HEADS)
        topic, suffix = rng.choice(vocab.TOPICS), rng.choice(suffixes)
        core = _join(region, topic, suffix, en=f"{head_en(region)} {topic[2]} {suffix[2]}")
    elif category == "kai":
        form, pattern = rng.choice(vocab.KAI_FORMS)
        kai = rng.choice(vocab.KAI_NAMES)
        core = kai[0], kai[1], head_en(kai)
    elif category == "school":
        form, pattern = "学校法人", "{core}"
        head, suffix = rng.choice(_KANJI_HEADS), rng.choice(vocab.SCHOOL_SUFFIXES)
        core = _join(head, suffix, en=f"{head_en(head)} {suffix[2]}")
    elif category == "profession":
        form, pattern = rng.choice(vocab.PROFESSIONS)
        head, suffix = rng.choice(vocab.SURNAMES), rng.choice(vocab.PROFESSION_SUFFIXES)
        core = _join(head, suffix, en=f"{head_en(head)} {suffix[2]}".strip())
    elif category == "cooperative":
        head, kind = rng.choice(_PLACE_HEADS), rng.choice(vocab.COOPERATIVES)
        core = _join(head, kind, en=f"{head_en(head)} {kind[2]}")
    else:
        core = rng.choice(vocab.RELIGIOUS)
    en = pattern.format(core=core[2]) if english else ""
    return Name(name=form + core[0], furigana=core[1], en=en, core=core)


def _other(rng: Random, *, english: bool) -> Name:
    """その他 (499): bodies without a registration, such as land improvement districts."""
    head, body = rng.choice(_LOCAL_HEADS), rng.choice(vocab.OTHER_BODIES)
    core = _join(head, body, en=f"{head_en(head)} {body[2]}")
    return Name(name=core[0], furigana=core[1], en=core[2] if english else "", core=core)


def _foreign(rng: Random, *, english: bool) -> Name:
    """外国会社等 (401): アトラス・テクノロジーズ・インコーポレイテッド, furigana without the form."""
    head = rng.choice(vocab.FOREIGN_HEADS)
    parts = [head]
    if rng.random() < 0.6:
        parts.append(rng.choice(vocab.FOREIGN_BUSINESS))
    form, form_en = rng.choice(vocab.FOREIGN_FORMS)
    core_en = " ".join(p[2] for p in parts)
    core = "・".join(p[0] for p in parts), "".join(p[1] for p in parts), core_en
    en = ""
    if english:
        en = f'"{core_en}" {form_en}' if rng.random() < QUOTED_SHARE else f"{core_en} {form_en}"
    return Name(name=f"{core[0]}・{form}", furigana=core[1], en=en, core=core)


def corporation_name(rng: Random, kind: str) -> Name:
    """A new name for a corporation of the kind (301–305, 399, 401, 499)."""
    english = rng.random() < ENGLISH_SHARE[kind]
    if kind in vocab.COMPANY_FORMS:
        return with_company_form(rng, kind, _company_core(rng), english=english)
    if kind == "399":
        return _other_registered(rng, english=english)
    if kind == "401":
        return _foreign(rng, english=english)
    return _other(rng, english=english)


def rename(rng: Random, kind: str, old: Name) -> tuple[str, Name]:
    """A change of name (process 11): a 特例有限会社 may become a 株式会社 under the same name."""
    english = bool(old.en)
    if kind == "302" and rng.random() < 0.4:
        return "301", with_company_form(rng, "301", old.core, english=english)
    if kind in vocab.COMPANY_FORMS:
        return kind, with_company_form(rng, kind, _company_core(rng), english=english)
    return kind, corporation_name(rng, kind)
