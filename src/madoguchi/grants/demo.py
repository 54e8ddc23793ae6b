"""Demo subsidies: five carefully written programmes and ``DEMO_GENERATED`` generated ones, with real PDFs.

The PDFs are rendered once per font into ``VAR_DIR/demo/grants/<font fingerprint>/`` (core.pdf) and
copied into the media storage; later loads reuse them, so the demo stays quick. A load after the font
changed — or after an older version wrote the PDFs without a Japanese font — renders them again and
replaces the stored copies. Loading twice adds nothing.
"""

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from madoguchi.core.pdf import pdf_font
from madoguchi.grants import generator
from madoguchi.grants.enums import (
    NATIONWIDE,
    DocumentKind,
    EmployeeBracket,
    GrantType,
    Industry,
    UsePurpose,
)
from madoguchi.grants.models import Subsidy
from madoguchi.grants.pdf import document_pdf
from madoguchi.grants.services import (
    RoundInput,
    SubsidyInput,
    subsidies_bulk_load,
    subsidy_document_sizes_set,
)
from madoguchi.identity import demo as identity_demo

# The division (部署, identity.demo.DIVISIONS) of each written programme, in order, and of the
# generated ones by institution (others: the generated catalogue's division).
HANDWRITTEN_DIVISIONS = (
    "chusho-keiei",
    "shomu-joho",
    "chusho-keiei",
    "chusho-zaimu",
    "tokyo-sangyo",
)
GENERATED_DIVISIONS = {"中小企業庁": "chusho-keiei", "経済産業省": "shomu-joho"}
GENERATED_DIVISION = "catalogue"
DEMO_GENERATED = 240
DEMO_SEED = 2026
FIRST_HANDWRITTEN = 1_100_001
GENERIC_VARIANTS = 3

_P = UsePurpose
_I = Industry


def _handwritten(now: dt.datetime) -> list[tuple[SubsidyInput, str, list[tuple[str, str]]]]:
    """(data, id, PDF sections) of the five written programmes, windows relative to ``now``."""
    day = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)

    def at(days: int, hour: int = 17) -> dt.datetime:
        return day + dt.timedelta(days=days, hours=hour)

    return [
        (
            SubsidyInput(
                title="小規模事業者販路開拓支援補助金（一般型）",
                subsidy_catch_phrase="小規模事業者の販路開拓と生産性向上を後押しします",
                detail=(
                    "<p>小規模事業者が商工会・商工会議所の助言を受けて作成した経営計画に基づいて行う、"
                    "販路開拓や業務効率化の取組に要する経費の一部を補助します。</p>"
                    "<ul><li>対象経費：広報費、ウェブサイト関連費、展示会等出展費、機械装置等費、開発費 ほか</li>"
                    "<li>補助率：2/3（賃金引上げ特例の赤字事業者は3/4）</li>"
                    "<li>補助上限額：50万円（インボイス特例・賃金引上げ特例の適用で最大250万円）</li></ul>"
                    "<p>申請には、地域の商工会・商工会議所が発行する「事業支援計画書」が必要です。</p>"
                ),
                use_purpose=[_P.SALES_CHANNEL, _P.NEW_BUSINESS],
                industry=list(Industry.values),
                target_area_search=[NATIONWIDE],
                target_area_detail="全国",
                target_number_of_employees=EmployeeBracket.UP_TO_20,
                subsidy_rate="2/3（一部3/4）",
                subsidy_max_limit=2_500_000,
                acceptance_start_datetime=at(-30, 9),
                acceptance_end_datetime=at(23),
                project_end_deadline=at(260),
                request_reception_presence=True,
                is_enable_multiple_request=False,
                institution_name="中小企業庁",
                granttype=GrantType.SUBSIDY,
                rounds=[
                    RoundInput(
                        fiscal_year_round="令和8年度 第17回",
                        target_area_search=[NATIONWIDE],
                        acceptance_start_datetime=at(-150, 9),
                        acceptance_end_datetime=at(-95),
                        project_end_deadline=at(140),
                    ),
                    RoundInput(
                        fiscal_year_round="令和8年度 第18回",
                        target_area_search=[NATIONWIDE],
                        acceptance_start_datetime=at(-30, 9),
                        acceptance_end_datetime=at(23),
                        project_end_deadline=at(260),
                    ),
                ],
            ),
            "a0W5h00000HandSal1",
            [
                (
                    "1. 事業の目的",
                    "小規模事業者が自ら作成した経営計画に基づき、商工会・商工会議所の支援を受けながら行う販路開拓等の取組を支援します。",
                ),
                (
                    "2. 補助対象者",
                    "常時使用する従業員が20人以下（商業・サービス業は5人以下）の法人・個人事業主。",
                ),
                (
                    "3. 補助対象経費",
                    "機械装置等費、広報費、ウェブサイト関連費、展示会等出展費、旅費、開発費、資料購入費、雑役務費、借料、設備処分費、委託・外注費。",
                ),
                (
                    "4. 申請方法",
                    "電子申請（窓口）により申請してください。事業支援計画書（様式4）の発行には時間を要します。",
                ),
            ],
        ),
        (
            SubsidyInput(
                title="中小企業デジタル化・IT導入補助金（通常枠）",
                subsidy_catch_phrase="業務効率化・売上向上につながる ITツールの導入を支援します",
                detail=(
                    "<p>中小企業・小規模事業者等が、自社の課題やニーズに合った ITツール（ソフトウェア、クラウド利用料、"
                    "導入関連経費）を導入する経費の一部を補助し、業務効率化・DX の推進を図ります。</p>"
                    "<ul><li>補助率：1/2以内（最低賃金近傍の事業者は2/3以内）</li><li>補助額：5万円〜450万円</li>"
                    "<li>ITツールは事前に登録された「IT導入支援事業者」と共同で申請します。</li></ul>"
                ),
                use_purpose=[_P.EQUIPMENT_IT],
                industry=list(Industry.values),
                target_area_search=[NATIONWIDE],
                target_area_detail="全国",
                target_number_of_employees=EmployeeBracket.UP_TO_300,
                subsidy_rate="1/2以内（一部2/3以内）",
                subsidy_max_limit=4_500_000,
                acceptance_start_datetime=at(-20, 10),
                acceptance_end_datetime=at(9),
                project_end_deadline=at(200),
                institution_name="中小企業庁",
                rounds=[
                    RoundInput(
                        fiscal_year_round="令和8年度 5次締切",
                        target_area_search=[NATIONWIDE],
                        acceptance_start_datetime=at(-20, 10),
                        acceptance_end_datetime=at(9),
                        project_end_deadline=at(200),
                    )
                ],
            ),
            "a0W5h00000HandIT02",
            [
                (
                    "1. 目的",
                    "中小企業・小規模事業者等の労働生産性の向上を目的として、業務効率化や DX 等に向けた ITツールの導入を支援します。",
                ),
                (
                    "2. 補助対象",
                    "IT導入支援事業者が登録した ITツール（ソフトウェア、クラウド利用料最大2年分、導入関連経費）。",
                ),
                (
                    "3. 補助率・補助額",
                    "補助率1/2以内、1プロセス以上で5万円以上150万円未満、4プロセス以上で150万円以上450万円以下。",
                ),
                (
                    "4. 注意事項",
                    "交付決定前に契約・発注・支払を行った ITツールは補助対象になりません。",
                ),
            ],
        ),
        (
            SubsidyInput(
                title="ものづくり・商業・サービス生産性向上促進補助金",
                subsidy_catch_phrase="革新的な製品・サービスの開発や生産プロセスの改善を支援します",
                detail=(
                    "<p>中小企業・小規模事業者等が取り組む、革新的な製品・サービスの開発や、生産プロセス・"
                    "サービス提供方法の改善に必要な設備投資等を支援します。</p>"
                    "<ul><li>補助率：1/2（小規模事業者・再生事業者は2/3）</li><li>補助上限額：750万円〜2,500万円（従業員規模による）</li>"
                    "<li>付加価値額年率3%以上、給与支給総額年率1.5%以上の増加を含む3〜5年の事業計画が必要です。</li></ul>"
                ),
                use_purpose=[_P.EQUIPMENT_IT, _P.NEW_BUSINESS, _P.RESEARCH],
                industry=[
                    _I.MANUFACTURING,
                    _I.CONSTRUCTION,
                    _I.INFORMATION,
                    _I.TRADE,
                    _I.HOSPITALITY,
                    _I.LIFESTYLE,
                    _I.OTHER_SERVICES,
                ],
                target_area_search=[NATIONWIDE],
                target_area_detail="全国",
                target_number_of_employees=EmployeeBracket.UP_TO_300,
                subsidy_rate="1/2（小規模事業者は2/3）",
                subsidy_max_limit=25_000_000,
                acceptance_start_datetime=at(14, 10),
                acceptance_end_datetime=at(75),
                project_end_deadline=at(380),
                institution_name="中小企業庁",
                is_enable_multiple_request=False,
                rounds=[
                    RoundInput(
                        fiscal_year_round="令和8年度 第21次公募",
                        target_area_search=[NATIONWIDE],
                        acceptance_start_datetime=at(14, 10),
                        acceptance_end_datetime=at(75),
                        project_end_deadline=at(380),
                    )
                ],
            ),
            "a0W5h00000HandMono",
            [
                (
                    "1. 事業の目的",
                    "中小企業・小規模事業者等が今後複数年にわたり直面する制度変更等に対応するため、生産性向上に資する革新的な製品・サービスの開発等を支援します。",
                ),
                (
                    "2. 基本要件",
                    "事業計画期間において、付加価値額の年平均成長率3%以上、給与支給総額の年平均成長率1.5%以上の増加を達成すること。",
                ),
                (
                    "3. 補助対象経費",
                    "機械装置・システム構築費（必須）、技術導入費、専門家経費、運搬費、クラウドサービス利用費、原材料費、外注費、知的財産権等関連経費。",
                ),
                (
                    "4. スケジュール",
                    "公募開始から締切までの期間に電子申請で受け付けます。採択発表後に交付申請を行い、交付決定後に事業を開始してください。",
                ),
            ],
        ),
        (
            SubsidyInput(
                title="事業承継・引継ぎ促進補助金（経営革新事業）",
                subsidy_catch_phrase="事業を引き継いだ後の新たな挑戦を支援します",
                detail=(
                    "<p>事業承継や M&amp;A（経営資源の引継ぎ）を契機として、経営革新等に取り組む中小企業・小規模事業者に対し、"
                    "その取組に要する経費の一部を補助します。あわせて、M&amp;A 時の専門家活用費用や、廃業・再チャレンジに"
                    "伴う費用も対象とします。</p>"
                    "<ul><li>補助率：1/2〜2/3</li><li>補助上限額：600万円（一定の賃上げで800万円）</li></ul>"
                ),
                use_purpose=[_P.SUCCESSION, _P.NEW_BUSINESS],
                industry=list(Industry.values),
                target_area_search=[NATIONWIDE],
                target_area_detail="全国",
                target_number_of_employees=EmployeeBracket.ANY,
                subsidy_rate="1/2〜2/3",
                subsidy_max_limit=8_000_000,
                acceptance_start_datetime=at(-5, 10),
                acceptance_end_datetime=at(40),
                project_end_deadline=at(330),
                institution_name="中小企業庁",
                rounds=[
                    RoundInput(
                        fiscal_year_round="令和8年度 11次公募",
                        target_area_search=[NATIONWIDE],
                        acceptance_start_datetime=at(-5, 10),
                        acceptance_end_datetime=at(40),
                        project_end_deadline=at(330),
                    )
                ],
            ),
            "a0W5h00000HandSho4",
            [
                (
                    "1. 目的",
                    "事業承継やM&Aを契機とした経営革新等への挑戦や、M&Aによる経営資源の引継ぎを後押しします。",
                ),
                (
                    "2. 対象となる事業承継",
                    "補助事業期間の前後一定期間内に、親族内承継、従業員承継、M&A等により代表者の交代等が行われること。",
                ),
                (
                    "3. 対象経費",
                    "設備費、産業財産権等関連経費、謝金、旅費、外注費、委託費、廃業費。",
                ),
            ],
        ),
        (
            SubsidyInput(
                title="東京都 中小企業省エネルギー設備導入支援事業",
                subsidy_catch_phrase="高効率な空調・照明・ボイラー等への更新で、光熱費と CO2 を削減",
                detail=(
                    "<p>都内の中小企業者が、省エネルギー診断に基づき高効率な設備へ更新する経費の一部を助成します。</p>"
                    "<ul><li>対象設備：高効率空調、LED 照明、高効率ボイラー、変圧器、冷凍冷蔵設備、断熱改修 等</li>"
                    "<li>助成率：2/3以内（小規模企業者は3/4以内）</li><li>助成上限額：1,500万円</li></ul>"
                    "<p>今年度の第1回募集は終了しました。第2回の募集開始まで、しばらくお待ちください。</p>"
                ),
                use_purpose=[_P.ECO_SDGS, _P.EQUIPMENT_IT],
                industry=list(Industry.values),
                target_area_search=["東京都"],
                target_area_detail="東京都内に事業所を有する中小企業者",
                target_number_of_employees=EmployeeBracket.UP_TO_300,
                subsidy_rate="2/3以内（小規模企業者は3/4以内）",
                subsidy_max_limit=15_000_000,
                acceptance_start_datetime=at(-70, 9),
                acceptance_end_datetime=at(-10),
                project_end_deadline=at(300),
                institution_name="東京都産業労働局",
                granttype=GrantType.GRANT,
                is_enable_multiple_request=True,
                rounds=[
                    RoundInput(
                        fiscal_year_round="令和8年度 第1回",
                        target_area_search=["東京都"],
                        target_area_detail="東京都内",
                        acceptance_start_datetime=at(-70, 9),
                        acceptance_end_datetime=at(-10),
                        project_end_deadline=at(300),
                    ),
                    RoundInput(
                        fiscal_year_round="令和8年度 第2回",
                        target_area_search=["東京都"],
                        target_area_detail="東京都内",
                        acceptance_start_datetime=at(45, 9),
                        acceptance_end_datetime=at(105),
                        project_end_deadline=at(420),
                    ),
                ],
            ),
            "a0W5h00000HandEco5",
            [
                (
                    "1. 目的",
                    "都内中小企業者の省エネルギー化とエネルギーコストの削減、脱炭素化を推進します。",
                ),
                (
                    "2. 助成対象",
                    "省エネルギー診断の結果に基づく高効率設備への更新（新設は対象外）。",
                ),
                (
                    "3. 助成率・上限額",
                    "助成対象経費の2/3以内（小規模企業者は3/4以内）、上限1,500万円。",
                ),
                (
                    "4. 申請の流れ",
                    "事前に省エネルギー診断を受診し、診断報告書を添えて申請してください。",
                ),
            ],
        ),
    ]


GENERIC_SECTIONS = {
    DocumentKind.APPLICATION_GUIDELINES: [
        (
            "1. 事業の目的",
            "本事業は、事業者が取り組む生産性向上・販路開拓等の取組に要する経費の一部を補助するものです。",
        ),
        ("2. 補助対象者", "公募要領に定める要件を満たす中小企業者・小規模事業者等。"),
        ("3. 申請方法", "電子申請により、募集期間内に必要書類を添えて申請してください。"),
    ],
    DocumentKind.OUTLINE_OF_GRANT: [
        (
            "第1条（通則）",
            "補助金の交付については、補助金等に係る予算の執行の適正化に関する法律その他の法令及びこの要綱の定めるところによる。",
        ),
        (
            "第2条（交付の目的）",
            "この補助金は、事業者の経営基盤の強化に資する取組を支援することを目的とする。",
        ),
        (
            "第3条（交付の対象）",
            "交付の対象は、別表に掲げる経費のうち、交付決定日以降に発生したものとする。",
        ),
    ],
    DocumentKind.APPLICATION_FORM: [
        (
            "様式第1号 交付申請書",
            "申請者の名称、所在地、代表者氏名、事業の名称、補助事業に要する経費、補助金交付申請額を記入してください。",
        ),
        (
            "様式第2号 事業計画書",
            "現状の課題、取組内容、期待される効果、実施スケジュールを記入してください。",
        ),
    ],
}


def _stored_pdf(name: str, render: Any, replaced: set[str] | None = None) -> tuple[str, int]:
    """The storage name and size of a demo PDF, rendering it into the cache once per font.

    The stored copy is replaced when it differs from the cache (an older render, e.g. without a
    Japanese font; its name is added to ``replaced``); its storage name stays, so the documents'
    rows keep pointing at it.
    """
    cache_dir = Path(settings.VAR_DIR) / "demo" / "grants"
    fingerprint = pdf_font().fingerprint
    cache = cache_dir / fingerprint / name
    if not cache.exists():
        for old in cache_dir.glob("*"):  # earlier renders: other fonts, or the flat layout before
            if old.name != fingerprint:
                shutil.rmtree(old) if old.is_dir() else old.unlink()
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_bytes(render())
    content = cache.read_bytes()
    stored = f"grants/demo/{name}"
    if default_storage.exists(stored):
        with default_storage.open(stored, "rb") as handle:
            if handle.read() == content:
                return stored, len(content)
        default_storage.delete(stored)
        if replaced is not None:
            replaced.add(stored)
    default_storage.save(stored, ContentFile(content))
    return stored, len(content)


def _generic_documents(
    variant: int, replaced: set[str] | None = None
) -> dict[str, tuple[str, int]]:
    out = {}
    for kind in DocumentKind:
        out[kind.value] = _stored_pdf(
            f"generic-{kind.value}-{variant}.pdf",
            lambda kind=kind: document_pdf(
                title=f"補助事業（見本 {variant + 1}）",
                kind_label=kind.label,
                institution="窓口デモ",
                sections=GENERIC_SECTIONS[kind],
            ),
            replaced,
        )
    return out


def _handwritten_documents(
    data: SubsidyInput,
    subsidy_id: str,
    sections: list[tuple[str, str]],
    replaced: set[str] | None = None,
) -> dict[str, list[tuple[str, str, int]]]:
    documents = {}
    for kind in DocumentKind:
        stored, size = _stored_pdf(
            f"{subsidy_id}-{kind.value}.pdf",
            lambda kind=kind: document_pdf(
                title=data.title,
                kind_label=kind.label,
                institution=data.institution_name,
                sections=sections
                if kind == DocumentKind.APPLICATION_GUIDELINES
                else GENERIC_SECTIONS[kind],
            ),
            replaced,
        )
        documents[kind.value] = [(f"{data.title[:20]}_{kind.label}.pdf", stored, size)]
    return documents


def _refresh_documents(now: dt.datetime) -> int:
    """On a loaded demo: make every document current (rendered again where the font changed, or
    where an older version wrote it in boxes); how many stored files were replaced."""
    sizes: dict[str, int] = {}
    replaced: set[str] = set()
    for data, subsidy_id, sections in _handwritten(now):
        for files in _handwritten_documents(data, subsidy_id, sections, replaced).values():
            sizes.update((stored, size) for _, stored, size in files)
    for variant in range(GENERIC_VARIANTS):
        sizes.update(_generic_documents(variant, replaced).values())
    subsidy_document_sizes_set(sizes={name: sizes[name] for name in replaced})
    return len(replaced)


def load(*, generated: int = DEMO_GENERATED) -> Iterator[str]:
    now = timezone.now()
    if Subsidy.objects.filter(name=f"S-{FIRST_HANDWRITTEN:08d}").exists():
        refreshed = _refresh_documents(now)
        yield f"補助金: デモデータは読み込み済みです（{Subsidy.objects.count():,} 件）" + (
            f"。PDF 資料 {refreshed} 件を作り直しました" if refreshed else ""
        )
        return
    by_code = identity_demo.divisions()
    items: list[tuple[SubsidyInput, dict[str, Any]]] = []
    for index, (data, subsidy_id, sections) in enumerate(_handwritten(now)):
        documents = _handwritten_documents(data, subsidy_id, sections)
        items.append(
            (
                data,
                {
                    "id": subsidy_id,
                    "number": f"S-{FIRST_HANDWRITTEN + index:08d}",
                    "created_at": now - dt.timedelta(days=40 - index),
                    "documents": documents,
                    "division": by_code[HANDWRITTEN_DIVISIONS[index]],
                },
            )
        )
    generic = [_generic_documents(v) for v in range(GENERIC_VARIANTS)]
    for data, extra in generator.generate(generated, seed=DEMO_SEED, now=now):
        files = generic[len(extra.theme) % GENERIC_VARIANTS]
        documents = {
            kind: [(f"{DocumentKind(kind).label}.pdf", *files[kind])] for kind in extra.documents
        }
        items.append(
            (
                data,
                {
                    "id": extra.id,
                    "number": extra.number,
                    "created_at": extra.created_at,
                    "documents": documents,
                    "division": by_code[
                        GENERATED_DIVISIONS.get(data.institution_name, GENERATED_DIVISION)
                    ],
                },
            )
        )
    count = subsidies_bulk_load(items=items)
    accepting = sum(
        1
        for s in Subsidy.objects.only("acceptance_start_datetime", "acceptance_end_datetime")
        if s.is_accepting(now)
    )
    yield f"補助金: {count:,} 件を公開しました（うち募集中 {accepting:,} 件）。/subsidies/ と /exp/v1/public/subsidies で確認できます"
