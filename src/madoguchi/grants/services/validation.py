"""What a subsidy must satisfy before it is saved, with a Japanese message naming each field."""

import dataclasses
import datetime as dt
from pathlib import Path

import nh3
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from madoguchi.grants.enums import (
    EMPLOYEE_RANK,
    SEPARATOR,
    TARGET_AREAS,
    DocumentKind,
    EmployeeBracket,
    GrantsErrorCode,
    GrantType,
    Industry,
    UsePurpose,
    bitmask,
)
from madoguchi.grants.errors import GrantsError, SubsidyInvalid, field_error

LABELS = {
    "title": "補助金名",
    "subsidy_catch_phrase": "キャッチコピー",
    "detail": "概要",
    "use_purpose": "利用目的",
    "industry": "業種",
    "target_area_search": "補助対象地域",
    "target_area_detail": "補助対象地域詳細",
    "target_number_of_employees": "従業員数",
    "subsidy_rate": "補助率",
    "subsidy_max_limit": "補助額上限",
    "acceptance_start_datetime": "募集開始日時",
    "acceptance_end_datetime": "募集終了日時",
    "project_end_deadline": "事業終了期限",
    "request_reception_presence": "申請受付（電子申請）",
    "is_enable_multiple_request": "複数回申請",
    "institution_name": "実施機関",
    "granttype": "種別",
}
MAX_LENGTHS = {
    "title": 100,
    "subsidy_catch_phrase": 255,
    "detail": 131072,
    "target_area_detail": 255,
    "subsidy_rate": 255,
    "institution_name": 255,
}
MAX_AMOUNT = 999_999_999_999_999  # the spec allows up to 9.99e17; a trillion yen is plenty
ALLOWED_EXTENSIONS = {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".zip", ".txt", ".csv"}
DETAIL_TAGS = {
    "p",
    "br",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "b",
    "i",
    "a",
    "h3",
    "h4",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "dl",
    "dt",
    "dd",
    "span",
}


@dataclasses.dataclass(kw_only=True)
class RoundInput:
    fiscal_year_round: str
    target_area_search: list[str] = dataclasses.field(default_factory=list)
    target_area_detail: str = ""
    acceptance_start_datetime: dt.datetime | None = None
    acceptance_end_datetime: dt.datetime | None = None
    project_end_deadline: dt.datetime | None = None


@dataclasses.dataclass(kw_only=True)
class SubsidyInput:
    """Everything a programme officer types for a subsidy. Lists hold vocabulary values."""

    title: str
    subsidy_catch_phrase: str = ""
    detail: str = ""
    use_purpose: list[str] = dataclasses.field(default_factory=list)
    industry: list[str] = dataclasses.field(default_factory=list)
    target_area_search: list[str] = dataclasses.field(default_factory=list)
    target_area_detail: str = ""
    target_number_of_employees: str = ""
    subsidy_rate: str = ""
    subsidy_max_limit: int | None = None
    acceptance_start_datetime: dt.datetime | None = None
    acceptance_end_datetime: dt.datetime | None = None
    project_end_deadline: dt.datetime | None = None
    request_reception_presence: bool = True
    is_enable_multiple_request: bool = False
    institution_name: str = ""
    granttype: str = GrantType.SUBSIDY
    rounds: list[RoundInput] | None = None  # None: leave the rounds as they are


def _unknown(
    field: str, values: list[str], allowed: tuple[str, ...] | list[str]
) -> GrantsError | None:
    unknown = [value for value in values if value not in allowed]
    if not unknown:
        return None
    return field_error(
        field,
        f"{LABELS[field]}: 「{'」「'.join(unknown)}」は選べる値ではありません。一覧から選んでください。",
    )


def _window_errors(
    prefix: str, field_prefix: str, item: SubsidyInput | RoundInput
) -> list[GrantsError]:
    errors = []
    start, end, deadline = (
        item.acceptance_start_datetime,
        item.acceptance_end_datetime,
        item.project_end_deadline,
    )
    if start and end and end <= start:
        errors.append(
            field_error(
                f"{field_prefix}acceptance_end_datetime",
                f"{prefix}募集終了日時: 募集開始日時（{_jst(start)}）より後の日時にしてください。",
            )
        )
    if deadline and end and deadline < end:
        errors.append(
            field_error(
                f"{field_prefix}project_end_deadline",
                f"{prefix}事業終了期限: 募集終了日時（{_jst(end)}）以後の日時にしてください。",
            )
        )
    return errors


def _jst(value: dt.datetime) -> str:
    from django.utils import timezone

    return f"{timezone.localtime(value):%Y年%-m月%-d日 %H:%M}"


def subsidy_input_validate(*, data: SubsidyInput) -> None:
    """Raise SubsidyInvalid listing every problem (each naming its field), or return None."""
    errors: list[GrantsError] = []
    if not data.title.strip():
        errors.append(
            field_error("title", "補助金名: 入力してください。", GrantsErrorCode.REQUIRED)
        )
    for field, limit in MAX_LENGTHS.items():
        value = getattr(data, field)
        if len(value) > limit:
            errors.append(
                field_error(
                    field,
                    f"{LABELS[field]}: {limit:,} 文字以内で入力してください（現在 {len(value):,} 文字）。",
                )
            )
    for field, allowed in (
        ("use_purpose", UsePurpose.values),
        ("industry", Industry.values),
        ("target_area_search", TARGET_AREAS),
    ):
        error = _unknown(field, getattr(data, field), allowed)
        if error:
            errors.append(error)
    if not data.target_area_search:
        errors.append(
            field_error(
                "target_area_search",
                "補助対象地域: 1つ以上選んでください。",
                GrantsErrorCode.REQUIRED,
            )
        )
    if (
        data.target_number_of_employees
        and data.target_number_of_employees not in EmployeeBracket.values
    ):
        errors.append(
            field_error("target_number_of_employees", "従業員数: 一覧から選んでください。")
        )
    if data.granttype not in GrantType.values:
        errors.append(field_error("granttype", "種別: 一覧から選んでください。"))
    if data.subsidy_max_limit is not None and not 0 <= data.subsidy_max_limit <= MAX_AMOUNT:
        errors.append(
            field_error(
                "subsidy_max_limit", "補助額上限: 0 円以上、999兆円以下の金額を入力してください。"
            )
        )
    errors.extend(_window_errors("", "", data))
    for index, round_ in enumerate(data.rounds or []):
        prefix = f"公募回 {index + 1}（{round_.fiscal_year_round or '名称なし'}）の"
        if not round_.fiscal_year_round.strip():
            errors.append(
                field_error(
                    f"rounds-{index}-fiscal_year_round", f"{prefix}年度・回: 入力してください。"
                )
            )
        unknown = _unknown("target_area_search", round_.target_area_search, TARGET_AREAS)
        if unknown:
            errors.append(
                field_error(f"rounds-{index}-target_area_search", prefix + unknown.message)
            )
        errors.extend(_window_errors(prefix, f"rounds-{index}-", round_))
    if errors:
        raise SubsidyInvalid(errors)


def publish_requirements(*, title: str, start: dt.datetime | None, end: dt.datetime | None) -> None:
    errors = []
    if start is None:
        errors.append(
            field_error(
                "acceptance_start_datetime",
                "募集開始日時: 公開する前に入力してください。",
                GrantsErrorCode.REQUIRED,
            )
        )
    if end is None:
        errors.append(
            field_error(
                "acceptance_end_datetime",
                "募集終了日時: 公開する前に入力してください。",
                GrantsErrorCode.REQUIRED,
            )
        )
    if errors:
        raise SubsidyInvalid(errors)


def sanitize_detail(html: str) -> str:
    """The detail is rich text: keep simple formatting, drop scripts, styles and event handlers."""
    return nh3.clean(
        html,
        tags=DETAIL_TAGS,
        attributes={"a": {"href", "title"}, "td": {"colspan"}, "th": {"colspan", "scope"}},
    )


def derived_fields(*, data: SubsidyInput, number: str) -> dict[str, object]:
    """The columns the services compute: joined text, masks, rank and the folded search text."""
    from madoguchi.grants.selectors.search import search_text_of

    detail = sanitize_detail(data.detail)
    return {
        "detail": detail,
        "use_purpose": SEPARATOR.join(v for v in UsePurpose.values if v in data.use_purpose),
        "industry": SEPARATOR.join(v for v in Industry.values if v in data.industry),
        "target_area_search": SEPARATOR.join(
            v for v in TARGET_AREAS if v in data.target_area_search
        ),
        "purpose_mask": bitmask(data.use_purpose, UsePurpose.values),
        "industry_mask": bitmask(data.industry, Industry.values),
        "area_mask": bitmask(data.target_area_search, TARGET_AREAS),
        "employee_rank": EMPLOYEE_RANK.get(data.target_number_of_employees, 0),
        "search_text": search_text_of(
            title=data.title,
            catch_phrase=data.subsidy_catch_phrase,
            detail=detail,
            institution=data.institution_name,
            number=number,
            area_detail=data.target_area_detail,
        ),
    }


def document_validate(*, kind: str, upload: UploadedFile) -> str:
    """Check one uploaded document; return its clean file name."""
    label = DocumentKind(kind).label if kind in DocumentKind.values else "添付資料"
    field = f"document_{kind}" if kind in DocumentKind.values else "kind"
    if kind not in DocumentKind.values:
        raise field_error(
            "kind", "添付資料の種類: 公募要領・交付要綱・申請様式のいずれかを選んでください。"
        )
    name = Path(upload.name or "").name.strip()
    if not name:
        raise field_error(field, f"{label}: ファイルを選んでください。", GrantsErrorCode.REQUIRED)
    if len(name) > 200:
        raise field_error(field, f"{label}: ファイル名は 200 文字以内にしてください。")
    limit = settings.GRANTS_MAX_DOCUMENT_BYTES
    size = upload.size or 0
    if size > limit:
        raise field_error(
            field,
            f"{label}: ファイルの大きさは {limit / 1024 / 1024:.0f} MB までです"
            f"（選んだファイル「{name}」は {size / 1024 / 1024:.1f} MB）。",
            GrantsErrorCode.FILE_TOO_LARGE,
        )
    if size == 0:
        raise field_error(
            field, f"{label}: 「{name}」は空のファイルです。", GrantsErrorCode.FILE_TYPE
        )
    extension = Path(name).suffix.lower()
    if extension not in ALLOWED_EXTENSIONS:
        raise field_error(
            field,
            f"{label}: 「{name}」の形式は登録できません。PDF、Word、Excel、ZIP、テキストのファイルを選んでください。",
            GrantsErrorCode.FILE_TYPE,
        )
    if extension == ".pdf":
        upload.seek(0)
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            raise field_error(
                field,
                f"{label}: 「{name}」は PDF ファイルではないようです。",
                GrantsErrorCode.FILE_TYPE,
            )
    return name
