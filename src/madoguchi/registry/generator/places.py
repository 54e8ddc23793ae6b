"""Addresses built on the real prefecture and municipality codes shipped in ``registry/data``."""

import csv
import io
from bisect import bisect
from dataclasses import dataclass
from functools import cache
from importlib import resources
from random import Random

from jaconv import hira2kata

from madoguchi.registry.generator import vocabulary as vocab
from madoguchi.registry.generator.text import full_width, title


@dataclass(frozen=True, slots=True)
class Place:
    """A municipality (or a ward of a designated city) where a corporation can have its address."""

    lgcode: str  # 6 digits: prefecture, city, check digit
    prefecture_code: str
    city_code: str
    prefecture_name: str
    city_name: str  # as the NTA writes it: 札幌市中央区 (no space)
    prefecture_en: str
    city_en: str  # Chiyoda ku; Chuo ku, Sapporo shi
    urban: bool  # 市 and 区 get 丁目 addresses, 町 and 村 get 大字 addresses
    post_prefix: str  # 3 digits, consistent within the prefecture


@dataclass(frozen=True, slots=True)
class LocalGovernment:
    """A prefecture or municipality (地方公共団体) and the place of its office."""

    name: str
    furigana: str
    en_name: str
    lgcode: str
    place: Place


@dataclass(frozen=True, slots=True)
class Address:
    prefecture_name: str = ""
    city_name: str = ""
    street_number: str = ""
    prefecture_code: str = ""
    city_code: str = ""
    post_code: str = ""
    address_outside: str = ""
    en_prefecture_name: str = ""
    en_city_name: str = ""
    en_address_outside: str = ""


@dataclass(frozen=True, slots=True)
class Atlas:
    places: tuple[Place, ...]
    cumulative: tuple[float, ...]  # cumulative weights of places, for a weighted pick
    by_prefecture: dict[str, tuple[Place, ...]]
    governments: tuple[LocalGovernment, ...]
    chiyoda: Place  # where the ministries are (霞が関)

    def pick(self, rng: Random) -> Place:
        index = bisect(self.cumulative, rng.random() * self.cumulative[-1])
        return self.places[min(index, len(self.places) - 1)]


# The suffix of a municipality's name, its reading and how the NTA writes it in English.
_SUFFIXES = {
    "市": (("シ", "shi", "City"),),
    "区": (("ク", "ku", "City"),),
    "町": (("チョウ", "cho", "Town"), ("マチ", "machi", "Town")),
    "村": (("ムラ", "mura", "Village"), ("ソン", "son", "Village")),
}


def _split_suffix(name: str, kana: str) -> tuple[str, str, str]:
    """(romaji of the name without its suffix, the suffix in romaji, English word): 千代田区 → Chiyoda."""
    for suffix_kana, suffix_romaji, word in _SUFFIXES.get(name[-1:], ()):
        if kana.endswith(suffix_kana) and len(kana) > len(suffix_kana):
            return title(kana[: -len(suffix_kana)]), suffix_romaji, word
    return title(kana), "", ""


def _city_en(name: str, kana: str) -> str:
    parts = []
    for part_name, part_kana in zip(name.split(" "), kana.split(" "), strict=False):
        base, suffix, _ = _split_suffix(part_name, part_kana)
        parts.append(f"{base} {suffix}".strip())
    return ", ".join(reversed(parts))  # 札幌市 中央区 → Chuo ku, Sapporo shi


def _read(filename: str) -> list[dict[str, str]]:
    text = resources.files("madoguchi.registry").joinpath("data", filename).read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _katakana(hiragana: str) -> str:
    return hira2kata(hiragana.replace(" ", ""))


def _post_prefixes(prefecture_code: str) -> list[str]:
    return [f"{n:03d}" for lo, hi in vocab.POST_RANGES[prefecture_code] for n in range(lo, hi + 1)]


@cache
def atlas() -> Atlas:
    prefectures = {f"{int(row['pid']):02d}": row for row in _read("prefectures.csv")}
    rows = _read("municipalities.csv")
    designated = {(row["pref"], row["city"].split(" ")[0]) for row in rows if " " in row["city"]}
    places: list[Place] = []
    weights: list[float] = []
    wards: dict[tuple[str, str], list[Place]] = {}
    governments: list[LocalGovernment] = []
    parents: list[tuple[dict[str, str], str]] = []
    for row in rows:
        code = f"{int(row['pid']):02d}"
        lgcode = row["lgcode"].zfill(6)
        if (row["pref"], row["city"]) in designated:  # a designated city: its wards hold addresses
            parents.append((row, lgcode))
            continue
        prefixes = _post_prefixes(code)
        place = Place(
            lgcode=lgcode,
            prefecture_code=code,
            city_code=lgcode[2:5],
            prefecture_name=row["pref"],
            city_name=row["city"].replace(" ", ""),
            prefecture_en=prefectures[code]["pref_en"],
            city_en=_city_en(row["city"], hira2kata(row["citykana"])),
            urban=row["city"][-1] in "市区",
            post_prefix=prefixes[int(lgcode) % len(prefixes)],
        )
        if row["city"][-1] in "市区" and code == "13" and lgcode < "132000":
            weight = 12.0  # the 23 special wards of Tokyo
        else:
            weight = vocab.CITY_WEIGHTS[row["city"][-1]]
        places.append(place)
        weights.append(weight)
        if " " in row["city"]:
            wards.setdefault((row["pref"], row["city"].split(" ")[0]), []).append(place)
        else:
            governments.append(_government(row["city"], row["citykana"], lgcode, place))
    for row, lgcode in parents:
        ward = _office_ward(wards[(row["pref"], row["city"])])
        governments.append(_government(row["city"], row["citykana"], lgcode, ward))
    by_prefecture: dict[str, list[Place]] = {}
    for place in places:
        by_prefecture.setdefault(place.prefecture_code, []).append(place)
    for code, pref in prefectures.items():
        capital = [p for p in by_prefecture[code] if p.city_name.startswith(pref["capital"])]
        governments.append(
            LocalGovernment(
                name=pref["pref"],
                furigana=_katakana(pref["prefkana"]),
                en_name=vocab.PREFECTURE_GOVERNMENT_EN.get(code, f"{pref['pref_en']} Prefecture"),
                lgcode=pref["lgcode"].zfill(6),
                place=_office_ward(capital or by_prefecture[code]),
            )
        )
    # Weight each place by its prefecture's share of corporations and its own size.
    totals: dict[str, float] = {}
    for place, weight in zip(places, weights, strict=True):
        totals[place.prefecture_code] = totals.get(place.prefecture_code, 0.0) + weight
    cumulative, running = [], 0.0
    for place, weight in zip(places, weights, strict=True):
        share = vocab.PREFECTURE_SHARES.get(place.prefecture_code, 0.8)
        running += share * weight / totals[place.prefecture_code]
        cumulative.append(running)
    chiyoda = next(p for p in places if p.lgcode == "131016")
    return Atlas(
        places=tuple(places),
        cumulative=tuple(cumulative),
        by_prefecture={code: tuple(ps) for code, ps in by_prefecture.items()},
        governments=tuple(sorted(governments, key=lambda g: g.lgcode)),
        chiyoda=chiyoda,
    )


def _office_ward(candidates: list[Place]) -> Place:
    """The ward of a designated city where its office is (中央区 if it has one, else the first)."""
    central = [p for p in candidates if p.city_name.endswith("中央区")]
    return (central or candidates)[0]


def _government(name: str, kana: str, lgcode: str, place: Place) -> LocalGovernment:
    furigana = _katakana(kana)
    base, _, word = _split_suffix(name, furigana)
    return LocalGovernment(
        name=name, furigana=furigana, en_name=f"{base} {word}".strip(), lgcode=lgcode, place=place
    )


def _street(rng: Random, place: Place) -> tuple[str, str]:
    """丁目番地 in the NTA's full-width style and its English form: 本町２丁目５番８号 / 2-5-8, Honmachi."""
    if place.urban and (place.city_name[-1] == "区" or rng.random() < 0.9):
        town, town_kana, town_en = rng.choice(vocab.TOWNS)
        town_en = town_en or title(town_kana)
        chome, ban, go = rng.randint(1, 6), rng.randint(1, 30), rng.randint(1, 25)
        form = rng.random()
        if form < 0.3:
            jp = f"{town}{chome}丁目{ban}番{go}号"
        elif form < 0.6:
            jp = f"{town}{chome}丁目{ban}-{go}"
        elif form < 0.75:
            jp = f"{town}{chome}-{ban}-{go}"
        else:
            ban = rng.randint(1, 2500)
            if form < 0.9:
                return full_width(f"{town}{ban}番地{go}"), f"{ban}-{go}, {town_en}"
            return full_width(f"{town}{ban}番地"), f"{ban}, {town_en}"
        return full_width(jp), f"{chome}-{ban}-{go}, {town_en}"
    village, village_kana, village_en = rng.choice(vocab.VILLAGES)
    village_en = village_en or title(village_kana)
    number, form = rng.randint(1, 3500), rng.random()
    if form < 0.7:
        return full_width(f"大字{village}{number}番地"), f"{number}, Oaza {village_en}"
    if form < 0.85:
        sub = rng.randint(1, 20)
        return full_width(f"大字{village}{number}番地{sub}"), f"{number}-{sub}, Oaza {village_en}"
    return full_width(f"{village}{number}"), f"{number}, {village_en}"


def domestic_address(rng: Random, place: Place, *, english: bool) -> Address:
    street, street_en = _street(rng, place)
    return _address(rng, place, street, street_en, english=english)


def kasumigaseki_address(rng: Random, place: Place, *, english: bool) -> Address:
    """An address in 霞が関 (where the ministries are)."""
    chome, ban, go = rng.randint(1, 3), rng.randint(1, 5), rng.randint(1, 3)
    street = full_width(f"霞が関{chome}丁目{ban}-{go}")
    return _address(rng, place, street, f"{chome}-{ban}-{go}, Kasumigaseki", english=english)


def _address(rng: Random, place: Place, street: str, street_en: str, *, english: bool) -> Address:
    return Address(
        prefecture_name=place.prefecture_name,
        city_name=place.city_name,
        street_number=street,
        prefecture_code=place.prefecture_code,
        city_code=place.city_code,
        post_code=f"{place.post_prefix}{rng.randrange(10000):04d}",
        en_prefecture_name=place.prefecture_en if english else "",
        en_city_name=f"{street_en}, {place.city_en}" if english else "",
    )


def abroad_address(rng: Random, *, english: bool) -> Address:
    """A head office outside Japan (国外所在地): no prefecture, city or post code."""
    locality, locality_en = rng.choice(vocab.ABROAD)
    street, street_en = rng.choice(vocab.ABROAD_STREETS)
    number = rng.randint(1, 2999)
    return Address(
        address_outside=f"{locality}{street}{full_width(str(number))}",
        en_address_outside=f"{number} {street_en}, {locality_en}" if english else "",
    )
