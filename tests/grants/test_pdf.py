"""Subsidy documents (公募要領・交付要綱・申請様式) read their Japanese titles in the bundled font; the
demo renders them once per font and replaces stored copies an older version wrote in boxes.

These tests run again with an empty fontconfig (tests/core/test_fresh_machine.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from madoguchi.core.pdf import PdfFont, pdf_font
from madoguchi.grants import demo
from madoguchi.grants.enums import DocumentKind
from madoguchi.grants.models import SubsidyDocument
from madoguchi.grants.pdf import document_pdf
from madoguchi.grants.services import subsidy_document_sizes_set
from tests.pdftext import assert_japanese_pdf, pdf_in_boxes


@pytest.mark.parametrize("kind", list(DocumentKind))
def test_each_document_kind_reads_its_title(kind: DocumentKind) -> None:
    content = document_pdf(
        title="小規模事業者販路開拓支援補助金",
        kind_label=kind.label,
        institution="中小企業庁",
        sections=demo.GENERIC_SECTIONS[kind],
    )
    heading, text = demo.GENERIC_SECTIONS[kind][0]
    assert_japanese_pdf(
        content, "小規模事業者販路開拓支援補助金", kind.label, "中小企業庁", heading, text[:20]
    )


def test_demo_documents_are_rendered_once_per_font_and_replace_boxes(
    settings: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    settings.VAR_DIR = tmp_path / "var"
    renders: list[str] = []

    def render() -> bytes:
        renders.append("x")
        return document_pdf(title="見本", kind_label="公募要領", institution="窓口", sections=[])

    # What an older version left: a flat cache file and a stored copy, both in boxes.
    boxes = pdf_in_boxes(tmp_path, "見本")
    flat = settings.VAR_DIR / "demo" / "grants" / "sample.pdf"
    flat.parent.mkdir(parents=True)
    flat.write_bytes(boxes)
    default_storage.save("grants/demo/sample.pdf", ContentFile(boxes))

    replaced: set[str] = set()
    stored, size = demo._stored_pdf("sample.pdf", render, replaced)
    assert stored == "grants/demo/sample.pdf" and len(renders) == 1
    assert replaced == {stored}
    with default_storage.open(stored, "rb") as handle:
        content = handle.read()
    assert len(content) == size
    assert_japanese_pdf(content, "見本", "公募要領")
    assert not flat.exists()
    assert (settings.VAR_DIR / "demo" / "grants" / pdf_font().fingerprint / "sample.pdf").exists()

    replaced.clear()
    assert demo._stored_pdf("sample.pdf", render, replaced) == (stored, size)
    assert len(renders) == 1 and not replaced  # cached for this font, stored copy current

    other = PdfFont(regular=Path("a"), bold=Path("b"), fingerprint="0123456789abcdef")
    monkeypatch.setattr(demo, "pdf_font", lambda: other)
    demo._stored_pdf("sample.pdf", render)
    assert len(renders) == 2  # another font: rendered again
    assert [p.name for p in (settings.VAR_DIR / "demo" / "grants").iterdir()] == [other.fingerprint]


@pytest.mark.django_db
def test_new_sizes_of_rendered_again_documents_are_recorded(make_subsidy: Any) -> None:
    subsidy = make_subsidy()
    document = SubsidyDocument.objects.create(
        subsidy=subsidy, kind=DocumentKind.APPLICATION_GUIDELINES, name="公募要領.pdf", size=2285
    )
    document.file.name = "grants/demo/sample.pdf"
    document.save(update_fields=["file"])
    assert subsidy_document_sizes_set(sizes={"grants/demo/sample.pdf": 197_000}) == 1
    assert subsidy_document_sizes_set(sizes={"grants/demo/sample.pdf": 197_000}) == 0
    document.refresh_from_db()
    assert document.size == 197_000
