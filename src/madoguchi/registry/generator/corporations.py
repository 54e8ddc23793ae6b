"""Synthetic corporations and their histories, as rows of the NTA file (oldest version first)."""

import random
from bisect import bisect
from collections import deque
from collections.abc import Iterator
from itertools import accumulate

from madoguchi.registry.generator import vocabulary as vocab
from madoguchi.registry.generator.names import ENGLISH_SHARE, Name, corporation_name, rename
from madoguchi.registry.generator.places import (
    Address,
    Place,
    abroad_address,
    atlas,
    domestic_address,
    kasumigaseki_address,
)
from madoguchi.registry.generator.text import FIRST, LAST, iso
from madoguchi.registry.nta_format import FIELD_NAMES
from madoguchi.registry.numbers import check_digit

_COLUMN = {field: position for position, field in enumerate(FIELD_NAMES)}
SEQUENCE, NUMBER = _COLUMN["sequence_number"], _COLUMN["corporate_number"]
PROCESS, CORRECT, KIND = _COLUMN["process"], _COLUMN["correct"], _COLUMN["kind"]
UPDATE, CHANGE = _COLUMN["update_date"], _COLUMN["change_date"]
ASSIGNMENT, LATEST, HIHYOJI = _COLUMN["assignment_date"], _COLUMN["latest"], _COLUMN["hihyoji"]
NAME, FURIGANA, EN_NAME = _COLUMN["name"], _COLUMN["furigana"], _COLUMN["en_name"]
CLOSE_DATE, CLOSE_CAUSE = _COLUMN["close_date"], _COLUMN["close_cause"]
SUCCESSOR = _COLUMN["successor_corporate_number"]
_ADDRESS = tuple((_COLUMN[field], field) for field in Address.__slots__)

# 法人種別 and its share of corporations (percent).
_KINDS = (
    ("301", 47.7), ("302", 27.0), ("305", 7.0), ("399", 13.0), ("303", 1.0), ("304", 1.0),
    ("401", 1.5), ("499", 1.5), ("101", 0.005), ("201", 0.2),
)  # fmt: skip
_KIND_CUMULATIVE = tuple(accumulate(share for _, share in _KINDS))
# The 2 digits after the registry office code in 会社法人等番号: 01 株式会社, 02 特例有限会社,
# 03 合名・合資・合同会社, 04 外国会社, 05 other registered corporations.
_REGISTRY_TYPE = {"301": "01", "302": "02", "303": "03", "304": "03", "305": "03", "399": "05"}
_COMPANIES = frozenset(("301", "302", "303", "304", "305"))
# How many changes (rename or move) a corporation goes through: P(0), P(1), … (cumulative).
_CHANGES_CUMULATIVE = (0.55, 0.80, 0.92, 0.97, 0.99, 1.0)
_NEW_BATCH_SHARE = 0.62  # corporations that already existed on 2015-10-05
_CLOSE, _MERGE, _DELETE = 0.085, 0.105, 0.106  # cumulative chances of the last event
_CLOSE_CAUSES = (("01", 0.7), ("31", 0.8), ("21", 1.0))  # closeCause, cumulative chance
_REVIVAL = {"01": 0.03, "31": 0.03, "21": 0.15}  # chance a closure is undone (process 22)
_ABROAD_SHARE = {"401": 0.5, "499": 0.03}  # head office outside Japan (国外所在地)
_NTA_ASSIGNED = "700150"  # base prefix for numbers the NTA assigns to bodies without a registration


class RegistryGenerator:
    """Yields the rows of a synthetic NTA file; memory stays the same however many rows are made."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)  # noqa: S311 (synthetic data, not security)
        self.atlas = atlas()
        self.governments = list(self.atlas.governments)
        self.rng.shuffle(self.governments)
        self.agencies = list(vocab.NATIONAL_AGENCIES)
        self.serials: dict[str, int] = {}  # last serial per registry office and type (bounded)
        # Recently made corporations that may absorb another one: (number, assigned, closed).
        self.recent: dict[bool, deque[tuple[str, int, int]]] = {
            True: deque(maxlen=256),
            False: deque(maxlen=256),
        }

    def rows(self, count: int) -> Iterator[list[str]]:
        """Exactly ``count`` rows, grouped by corporation, numbered 1..count."""
        sequence = 0
        while sequence < count:
            for row in self.corporation(limit=count - sequence):
                sequence += 1
                row[SEQUENCE] = str(sequence)
                yield row

    # --- one corporation ---------------------------------------------------------------------

    def corporation(self, *, limit: int) -> list[list[str]]:
        """Every version of one new corporation (at most ``limit``), the last one marked latest."""
        rng = self.rng
        kind = _KINDS[bisect(_KIND_CUMULATIVE, rng.random() * _KIND_CUMULATIVE[-1])][0]
        place: Place | None = None
        if kind == "101" and self.agencies:
            name_text, furigana, en, base = self.agencies.pop(0)
            if not base:
                base = f"000012{10 + len(self.agencies):02d}0001"
            name = Name(name=name_text, furigana=furigana, en=en, core=(name_text, furigana, en))
            place = self.atlas.chiyoda
            address = kasumigaseki_address(rng, place, english=True)
        elif kind == "201" and self.governments:
            government = self.governments.pop()
            english = rng.random() < ENGLISH_SHARE["201"]
            en = government.en_name if english else ""
            core = (government.name, government.furigana, en)
            name = Name(name=government.name, furigana=government.furigana, en=en, core=core)
            base = f"000020{government.lgcode}"
            place = government.place
            address = domestic_address(rng, place, english=english)
        else:
            if kind in ("101", "201"):  # every agency and local government is already made
                kind = "301"
            name = corporation_name(rng, kind)
            if rng.random() < _ABROAD_SHARE.get(kind, 0.0):
                address = abroad_address(rng, english=bool(name.en))
            else:
                place = self.atlas.pick(rng)
                address = domestic_address(rng, place, english=bool(name.en))
            base = self._base_number(kind, place)
        number = f"{check_digit(base)}{base}"

        row = [""] * len(FIELD_NAMES)
        row[NUMBER], row[PROCESS], row[CORRECT], row[KIND] = number, "01", "0", kind
        row[LATEST], row[HIHYOJI] = "0", "1" if rng.random() < 0.003 else "0"
        _set_name(row, name)
        _set_address(row, address)
        if kind in ("101", "201") or rng.random() < _NEW_BATCH_SHARE:
            change = update = FIRST
        else:
            change = rng.randint(FIRST + 1, LAST - 30)
            update = change + rng.randint(2, 10)
        row[CHANGE], row[UPDATE], row[ASSIGNMENT] = iso(change), iso(update), iso(update)
        assigned, closed = update, LAST + 1
        english_address = bool(address.en_city_name or address.en_address_outside)
        versions = [row]

        plan = self._plan(kind)
        step = 0
        while step < len(plan) and len(versions) < limit:
            event = plan[step]
            step += 1
            change = update + rng.randint(30, 400 if event == "revive" else 1000)
            update = change + rng.randint(1, 10)
            if update > LAST:
                break
            row = row.copy()
            row[CHANGE], row[UPDATE], row[CORRECT] = iso(change), iso(update), "0"
            if event == "change":
                name, place = self._change(row, kind, name, place, english=english_address)
                kind = row[KIND]
            elif event == "merge" and (successor := self._successor(kind, number, change)):
                row[PROCESS], row[CLOSE_DATE], row[CLOSE_CAUSE] = "71", iso(change), "11"
                row[SUCCESSOR] = successor
                closed = change
            elif event in ("close", "merge"):
                r = rng.random()
                cause = next(code for code, chance in _CLOSE_CAUSES if r < chance)
                row[PROCESS], row[CLOSE_DATE], row[CLOSE_CAUSE] = "21", iso(change), cause
                closed = change
                if rng.random() < _REVIVAL[cause]:
                    plan[step:step] = ["revive", "change"] if rng.random() < 0.5 else ["revive"]
            elif event == "revive":
                row[PROCESS], row[CLOSE_DATE], row[CLOSE_CAUSE] = "22", "", ""
                closed = LAST + 1
            else:
                row[PROCESS] = "99"
                closed = change
            versions.append(row)
        versions[-1][LATEST] = "1"
        if kind in _COMPANIES or kind == "399":
            self.recent[kind in _COMPANIES].append((number, assigned, closed))
        return versions

    def _plan(self, kind: str) -> list[str]:
        """The events after the first version: changes, then perhaps a closure, merger or deletion."""
        rng = self.rng
        if kind in ("101", "201"):
            return ["change"] if rng.random() < 0.05 else []
        plan = ["change"] * bisect(_CHANGES_CUMULATIVE, rng.random())
        last = rng.random()
        if last < _CLOSE:
            plan.append("close")
        elif last < _MERGE:
            plan.append("merge" if kind in _COMPANIES or kind == "399" else "close")
        elif last < _DELETE:
            plan.append("delete")
        return plan

    def _change(
        self, row: list[str], kind: str, name: Name, place: Place | None, *, english: bool
    ) -> tuple[Name, Place | None]:
        """A rename (process 11) or a move (12 in Japan, 13 abroad); returns the new name and place."""
        rng = self.rng
        row[CORRECT] = "1" if rng.random() < 0.01 else "0"  # 訂正: corrects the previous version
        if kind not in ("101", "201") and rng.random() < 0.4:
            new_kind, name = rename(rng, kind, name)
            row[PROCESS], row[KIND] = "11", new_kind
            _set_name(row, name)
        elif place is None:
            row[PROCESS] = "13"
            _set_address(row, abroad_address(rng, english=english))
        else:
            row[PROCESS] = "12"
            if kind not in ("101", "201"):
                if rng.random() < 0.7:
                    place = rng.choice(self.atlas.by_prefecture[place.prefecture_code])
                else:
                    place = self.atlas.pick(rng)
            _set_address(row, domestic_address(rng, place, english=english))
        return name, place

    def _successor(self, kind: str, number: str, day: int) -> str:
        """A corporation made earlier in the file that existed and was open on ``day``."""
        pool = self.recent[kind in _COMPANIES]
        for _ in range(4):
            if not pool:
                break
            candidate, assigned, closed = pool[self.rng.randrange(len(pool))]
            if candidate != number and assigned < day < closed:
                return candidate
        return ""

    def _base_number(self, kind: str, place: Place | None) -> str:
        """12 digits: a 会社法人等番号 (registry office, type, serial) or an NTA-assigned number."""
        rng = self.rng
        if kind in _REGISTRY_TYPE and place is not None:
            prefix = f"{place.prefecture_code}{rng.randrange(6):02d}{_REGISTRY_TYPE[kind]}"
        elif kind == "401" and place is not None:
            prefix = f"{place.prefecture_code}{rng.randrange(6):02d}04"
        else:
            prefix = _NTA_ASSIGNED
        while True:
            serial = self.serials.get(prefix)
            serial = (rng.randrange(1, 20_000) if serial is None else serial) + rng.randint(1, 8)
            if serial <= 999_999:
                break
            if prefix == _NTA_ASSIGNED:
                prefix = "700151"
            elif int(prefix[2:4]) < 90:
                prefix = f"{prefix[:2]}{int(prefix[2:4]) + 10:02d}{prefix[4:]}"
            else:
                raise OverflowError("too many corporations for the synthetic numbering")
        self.serials[prefix] = serial
        return f"{prefix}{serial:06d}"


def _set_name(row: list[str], name: Name) -> None:
    row[NAME], row[FURIGANA], row[EN_NAME] = name.name, name.furigana, name.en


def _set_address(row: list[str], address: Address) -> None:
    for position, field in _ADDRESS:
        row[position] = getattr(address, field)
