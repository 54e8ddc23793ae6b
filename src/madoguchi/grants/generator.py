"""A deterministic generator of realistic (fictional) subsidies for the demo and the benchmarks.

Same seed and same ``now``, same subsidies: ministries and prefectures as institutions, plausible titles,
rates and amounts, acceptance windows spread over the past, the present and the future relative to
``now``, one to three application rounds. Yields ``(SubsidyInput, extra)`` pairs; ``extra`` holds the
number, the id, the creation time and which shared demo documents to attach.
"""

import dataclasses
import datetime as dt
import random
import string
from collections.abc import Iterator

from madoguchi.grants.enums import (
    NATIONWIDE,
    PREFECTURES,
    REGION_OF,
    REGIONS,
    EmployeeBracket,
    GrantType,
    Industry,
    UsePurpose,
)
from madoguchi.grants.services.validation import RoundInput, SubsidyInput

MINISTRIES = (
    ("経済産業省", ("販路", "省エネ", "研究開発", "事業再構築", "IT")),
    ("中小企業庁", ("販路", "IT", "事業承継", "生産性", "創業")),
    ("農林水産省", ("農業", "6次産業化", "輸出", "省エネ")),
    ("厚生労働省", ("雇用", "人材育成", "働き方改革", "福祉")),
    ("環境省", ("脱炭素", "省エネ", "資源循環")),
    ("国土交通省", ("物流", "観光", "防災", "まちづくり")),
    ("観光庁", ("観光", "インバウンド")),
    ("総務省", ("地域DX", "IT")),
    ("文部科学省", ("研究開発", "文化", "スポーツ")),
    ("内閣府", ("地域振興", "子育て")),
)
PREFECTURE_BUREAUS = (
    "産業労働局",
    "商工労働部",
    "経済産業部",
    "農林水産部",
    "環境局",
    "観光振興課",
)
THEMES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    # theme: (title phrase, purposes, industries; empty = every industry)
    "販路": ("販路開拓支援", (UsePurpose.SALES_CHANNEL, UsePurpose.NEW_BUSINESS), ()),
    "省エネ": (
        "省エネルギー設備導入支援",
        (UsePurpose.ECO_SDGS, UsePurpose.EQUIPMENT_IT),
        (Industry.MANUFACTURING, Industry.TRADE, Industry.HOSPITALITY, Industry.TRANSPORT),
    ),
    "研究開発": (
        "研究開発・実証支援",
        (UsePurpose.RESEARCH,),
        (Industry.MANUFACTURING, Industry.INFORMATION, Industry.PROFESSIONAL),
    ),
    "事業再構築": ("事業転換促進", (UsePurpose.NEW_BUSINESS,), ()),
    "IT": ("デジタル化・IT導入支援", (UsePurpose.EQUIPMENT_IT,), ()),
    "事業承継": ("事業承継・引継ぎ支援", (UsePurpose.SUCCESSION,), ()),
    "生産性": (
        "生産性向上設備投資支援",
        (UsePurpose.EQUIPMENT_IT, UsePurpose.NEW_BUSINESS),
        (Industry.MANUFACTURING, Industry.CONSTRUCTION),
    ),
    "創業": ("創業・スタートアップ支援", (UsePurpose.NEW_BUSINESS, UsePurpose.CASH_FLOW), ()),
    "農業": (
        "スマート農業導入支援",
        (UsePurpose.EQUIPMENT_IT, UsePurpose.RESEARCH),
        (Industry.AGRICULTURE,),
    ),
    "6次産業化": (
        "6次産業化推進",
        (UsePurpose.NEW_BUSINESS, UsePurpose.SALES_CHANNEL),
        (Industry.AGRICULTURE, Industry.FISHERY),
    ),
    "輸出": (
        "農林水産物・食品輸出促進",
        (UsePurpose.SALES_CHANNEL,),
        (Industry.AGRICULTURE, Industry.FISHERY, Industry.MANUFACTURING),
    ),
    "雇用": ("雇用環境改善助成", (UsePurpose.EMPLOYMENT,), ()),
    "人材育成": ("人材育成・リスキリング支援", (UsePurpose.HUMAN_RESOURCES,), ()),
    "働き方改革": ("働き方改革推進支援", (UsePurpose.EMPLOYMENT,), ()),
    "福祉": (
        "介護・福祉職場環境整備",
        (UsePurpose.EMPLOYMENT, UsePurpose.EQUIPMENT_IT),
        (Industry.MEDICAL,),
    ),
    "脱炭素": ("脱炭素化設備導入支援", (UsePurpose.ECO_SDGS,), ()),
    "資源循環": (
        "プラスチック資源循環促進",
        (UsePurpose.ECO_SDGS, UsePurpose.RESEARCH),
        (Industry.MANUFACTURING, Industry.TRADE),
    ),
    "物流": ("物流効率化推進", (UsePurpose.EQUIPMENT_IT,), (Industry.TRANSPORT, Industry.TRADE)),
    "観光": (
        "観光地魅力向上支援",
        (UsePurpose.COMMUNITY, UsePurpose.EVENT),
        (Industry.HOSPITALITY, Industry.LIFESTYLE),
    ),
    "インバウンド": (
        "訪日外国人受入環境整備",
        (UsePurpose.SALES_CHANNEL, UsePurpose.COMMUNITY),
        (Industry.HOSPITALITY, Industry.TRANSPORT, Industry.LIFESTYLE),
    ),
    "防災": ("事業継続力強化（BCP）支援", (UsePurpose.SAFETY, UsePurpose.DISASTER), ()),
    "まちづくり": (
        "商店街にぎわい創出",
        (UsePurpose.COMMUNITY, UsePurpose.EVENT),
        (Industry.TRADE, Industry.HOSPITALITY, Industry.LIFESTYLE),
    ),
    "地域DX": ("地域DX推進", (UsePurpose.EQUIPMENT_IT, UsePurpose.COMMUNITY), ()),
    "文化": (
        "文化芸術活動支援",
        (UsePurpose.SPORTS_CULTURE, UsePurpose.EVENT),
        (Industry.LIFESTYLE, Industry.EDUCATION),
    ),
    "スポーツ": (
        "スポーツ産業振興",
        (UsePurpose.SPORTS_CULTURE,),
        (Industry.LIFESTYLE, Industry.EDUCATION),
    ),
    "地域振興": ("地域未来投資促進", (UsePurpose.COMMUNITY, UsePurpose.NEW_BUSINESS), ()),
    "子育て": (
        "子育て支援環境整備",
        (UsePurpose.EDUCATION, UsePurpose.EMPLOYMENT),
        (Industry.EDUCATION, Industry.MEDICAL),
    ),
    "ものづくり": (
        "ものづくり技術高度化",
        (UsePurpose.EQUIPMENT_IT, UsePurpose.RESEARCH),
        (Industry.MANUFACTURING,),
    ),
    "IoT": (
        "IoT・AI活用推進",
        (UsePurpose.EQUIPMENT_IT, UsePurpose.RESEARCH),
        (Industry.MANUFACTURING, Industry.INFORMATION),
    ),
}
PREFECTURE_THEMES = (
    "販路",
    "省エネ",
    "IT",
    "事業承継",
    "創業",
    "雇用",
    "観光",
    "防災",
    "まちづくり",
    "ものづくり",
    "IoT",
    "脱炭素",
    "人材育成",
)
TARGETS = ("中小企業", "小規模事業者", "中小企業・小規模事業者", "中堅・中小企業", "個人事業主", "")
SUFFIXES = ("補助金", "事業費補助金", "助成金", "支援事業", "補助事業", "奨励金")
RATES = ("1/2以内", "2/3以内", "3/4以内", "1/3以内", "定額", "10/10", "1/2（小規模事業者は2/3）")
AMOUNTS = (
    300_000,
    500_000,
    1_000_000,
    1_500_000,
    2_000_000,
    3_000_000,
    5_000_000,
    10_000_000,
    12_500_000,
    20_000_000,
    30_000_000,
    50_000_000,
    100_000_000,
    300_000_000,
)
EMPLOYEES = (
    (EmployeeBracket.ANY, 5),
    (EmployeeBracket.UP_TO_5, 1),
    (EmployeeBracket.UP_TO_20, 3),
    (EmployeeBracket.UP_TO_50, 1),
    (EmployeeBracket.UP_TO_100, 1),
    (EmployeeBracket.UP_TO_300, 4),
    (EmployeeBracket.UP_TO_900, 1),
    (EmployeeBracket.OVER_900, 1),
)
_ID_ALPHABET = string.ascii_letters + string.digits


@dataclasses.dataclass
class Extra:
    id: str
    number: str
    created_at: dt.datetime
    theme: str
    documents: tuple[str, ...]  # document kinds to attach


def _reiwa(year: int) -> str:
    return f"令和{year - 2018}年度"


def _fiscal_year(moment: dt.datetime) -> int:
    return moment.year if moment.month >= 4 else moment.year - 1


def _at(day: dt.datetime, hour: int) -> dt.datetime:
    return day.replace(hour=hour, minute=0, second=0, microsecond=0)


def generate(
    count: int, *, seed: int, now: dt.datetime, first_number: int = 1_200_001
) -> Iterator[tuple[SubsidyInput, Extra]]:
    rng = random.Random(seed)  # noqa: S311 - deterministic demo data, not secrets
    jst = dt.timezone(dt.timedelta(hours=9))
    today = now.astimezone(jst).replace(hour=0, minute=0, second=0, microsecond=0)
    for index in range(count):
        if rng.random() < 0.45:
            institution, themes = rng.choice(MINISTRIES)
            theme = rng.choice(themes)
            areas = [NATIONWIDE] if rng.random() < 0.85 else [rng.choice(list(REGIONS))]
            place = ""
        else:
            prefecture = rng.choice(PREFECTURES)
            institution = f"{prefecture}{rng.choice(PREFECTURE_BUREAUS)}"
            theme = rng.choice(PREFECTURE_THEMES)
            areas = [prefecture]
            place = prefecture.rstrip("都府県") if prefecture != "北海道" else "北海道"
        phrase, purposes, industries = THEMES[theme]
        target = rng.choice(TARGETS)
        suffix = rng.choice(SUFFIXES)
        # About a third open now, half closed, the rest opening later.
        phase = rng.random()
        offset = (
            rng.randint(-60, -1)
            if phase < 0.3
            else rng.randint(-420, -110)
            if phase < 0.8
            else rng.randint(1, 150)
        )
        start = _at(today + dt.timedelta(days=offset), rng.choice((0, 9, 10)))
        length = rng.randint(21, 100)
        if phase < 0.3:
            length = max(length, -offset + rng.randint(1, 45))
        end = _at(start + dt.timedelta(days=length), 17)
        project_end = _at(end + dt.timedelta(days=rng.randint(150, 330)), 17)
        title = f"{_reiwa(_fiscal_year(start))} {place}{target}{phrase}{suffix}".replace("  ", " ")[
            :100
        ]
        extra_purposes = rng.sample(UsePurpose.values, k=rng.choice((0, 0, 1)))
        chosen_industries = list(industries) or Industry.values
        if not industries and rng.random() < 0.3:
            chosen_industries = rng.sample(Industry.values, k=rng.randint(3, 8))
        amount = rng.choice(AMOUNTS)
        rounds = []
        n_rounds = rng.choice((1, 1, 2, 3))
        for r in range(n_rounds, 0, -1):
            shift = dt.timedelta(days=120 * (r - 1))
            rounds.append(
                RoundInput(
                    fiscal_year_round=f"{_reiwa(_fiscal_year(start - shift))} 第{n_rounds - r + 1}回",
                    target_area_search=areas,
                    target_area_detail="",
                    acceptance_start_datetime=start - shift,
                    acceptance_end_datetime=end - shift,
                    project_end_deadline=project_end - shift,
                )
            )
        detail = (
            f"<p>{institution}は、{target or '事業者'}が取り組む{phrase.replace('支援', '')}の取組に要する経費の一部を補助します。</p>"
            f"<ul><li>補助率：{(rate := rng.choice(RATES))}</li><li>補助上限額：{amount // 10_000:,}万円</li>"
            f"<li>対象経費：機械装置費、システム構築費、外注費、専門家経費、広報費 ほか</li></ul>"
            "<p>申請にあたっては、公募要領をよくお読みください。採択後、交付決定前に着手した経費は対象になりません。</p>"
        )
        data = SubsidyInput(
            title=title,
            subsidy_catch_phrase=f"{target or '事業者'}の{phrase.replace('支援', '')}を後押しします"[
                :255
            ],
            detail=detail,
            use_purpose=sorted({*purposes, *extra_purposes}, key=UsePurpose.values.index),
            industry=sorted(set(chosen_industries), key=Industry.values.index),
            target_area_search=areas,
            target_area_detail=(
                "全国" if areas == [NATIONWIDE] else f"{areas[0]}内に事業所を有する事業者"
            ),
            target_number_of_employees=rng.choices(
                [e for e, _ in EMPLOYEES], weights=[w for _, w in EMPLOYEES]
            )[0],
            subsidy_rate=rate,
            subsidy_max_limit=amount,
            acceptance_start_datetime=start,
            acceptance_end_datetime=end,
            project_end_deadline=project_end,
            request_reception_presence=rng.random() < 0.8,
            is_enable_multiple_request=rng.random() < 0.2,
            institution_name=institution,
            granttype=GrantType.GRANT
            if "助成" in suffix
            else (GrantType.INCENTIVE if "奨励" in suffix else GrantType.SUBSIDY),
            rounds=rounds,
        )
        documents = (
            ("application_guidelines",)
            + (("outline_of_grant",) if rng.random() < 0.7 else ())
            + (("application_form",) if rng.random() < 0.8 else ())
        )
        yield (
            data,
            Extra(
                id="".join(rng.choice(_ID_ALPHABET) for _ in range(18)),
                number=f"S-{first_number + index:08d}",
                created_at=start
                - dt.timedelta(days=rng.randint(7, 45), minutes=rng.randint(0, 1440)),
                theme=theme,
                documents=documents,
            ),
        )


__all__ = ["REGION_OF", "Extra", "generate"]
