"""Fixtures for the grants tests: uploaded files in a temporary media root, officers, subsidies."""

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from madoguchi.grants import services
from madoguchi.grants.models import Subsidy
from madoguchi.grants.services import SubsidyInput
from madoguchi.identity.enums import StaffRole
from madoguchi.identity.models import Division
from tests.staff import make_staff

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PASSWORD = "officer-password-2026"


@pytest.fixture(autouse=True)
def no_response_cache(settings: Any) -> None:
    """The jGrants list cache keeps a process-wide state; tests of it turn it on themselves."""
    settings.GRANTS_API_CACHE = False


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def officer(division: Division) -> Any:
    """A programme officer of ``division`` (the role group, as in production); subsidies made by
    ``make_subsidy`` are that division's."""
    return make_staff(
        "officer",
        StaffRole.PROGRAMME_OFFICER,
        division,
        password=PASSWORD,
        email="officer@example.jp",
    )


@pytest.fixture
def plain_staff(db: None) -> Any:
    """Staff with no role."""
    return make_staff("clerk", password=PASSWORD, email="clerk@example.jp")


NOW = timezone.now().replace(microsecond=0)


def subsidy_input(**overrides: Any) -> SubsidyInput:
    now = NOW
    values: dict[str, Any] = {
        "title": "小規模事業者販路開拓支援補助金",
        "subsidy_catch_phrase": "販路開拓を後押しします",
        "detail": "<p>小規模事業者の販路開拓を支援します。</p>",
        "use_purpose": ["販路拡大・海外展開をしたい"],
        "industry": ["製造業", "卸売業、小売業"],
        "target_area_search": ["全国"],
        "target_area_detail": "全国",
        "target_number_of_employees": "20名以下",
        "subsidy_rate": "2/3以内",
        "subsidy_max_limit": 2_000_000,
        "acceptance_start_datetime": now - dt.timedelta(days=10),
        "acceptance_end_datetime": now + dt.timedelta(days=20),
        "project_end_deadline": now + dt.timedelta(days=200),
        "institution_name": "中小企業庁",
    }
    values.update(overrides)
    return SubsidyInput(**values)


@pytest.fixture
def make_subsidy(officer: Any) -> Callable[..., Subsidy]:
    def make(*, publish: bool = True, **overrides: Any) -> Subsidy:
        subsidy = services.subsidy_create(actor=officer, data=subsidy_input(**overrides))
        if publish:
            subsidy = services.subsidy_publish(actor=officer, subsidy=subsidy)
        return subsidy

    return make


def pdf_upload(name: str = "公募要領.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")
