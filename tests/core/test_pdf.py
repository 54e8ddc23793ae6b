"""The one PDF renderer: Japanese in the font the project brings, a refusal (not boxes) without it,
the system check core.E001, and telling apart the PDFs an older version wrote in boxes.

These tests run again with an empty fontconfig (tests/core/test_fresh_machine.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from madoguchi.core import pdf
from madoguchi.core.pdf import PdfErrorCode, PdfFontError, check_pdf_font, render_pdf
from tests.pdftext import assert_japanese_pdf, latin_only_font, pdf_in_boxes

HTML = "<h1>窓口の通知書</h1><p>本文 ABC 123 <b>太字の行</b></p>"


def test_renders_japanese_in_the_bundled_font() -> None:
    content = render_pdf(HTML)
    assert_japanese_pdf(content, "窓口の通知書", "本文ABC123", "太字の行")
    assert pdf.pdf_font_names(content) == {"Noto-Sans-JP", "Noto-Sans-JP-Bold"}
    assert pdf.pdf_is_current(content)
    assert check_pdf_font() == []
    assert pdf.pdf_font().regular.name == "NotoSansCJKjp-Regular.otf"


def test_a_missing_font_stops_start_up_and_rendering(settings: Any, tmp_path: Path) -> None:
    missing = tmp_path / "NotoSansCJKjp-Regular.otf"
    settings.PDF_FONT = str(missing)
    errors = check_pdf_font()
    assert [e.id for e in errors] == ["core.E001"]
    assert f"PDF 用の日本語フォント（標準）のファイル {missing} がありません。" in errors[0].msg
    assert "MADOGUCHI_PDF_FONT" in errors[0].msg and "noto-cjk" in (errors[0].hint or "")
    with pytest.raises(SystemCheckError, match=r"core\.E001"):
        call_command("check")
    with pytest.raises(PdfFontError) as caught:
        render_pdf(HTML)
    assert caught.value.code == PdfErrorCode.FONT_MISSING


def test_without_the_font_package_the_message_says_how_to_install(monkeypatch: Any) -> None:
    monkeypatch.setattr(pdf, "_bundled", lambda style: "")
    errors = check_pdf_font()
    assert [e.id for e in errors] == ["core.E001"]
    assert "`make install` で依存パッケージ（noto-cjk-sans-jp-*）を入れるか" in errors[0].msg


def test_a_font_without_japanese_is_refused_rather_than_boxes(
    settings: Any, tmp_path: Path
) -> None:
    settings.PDF_FONT = str(latin_only_font(tmp_path / "latin.ttf"))
    errors = check_pdf_font()
    assert [e.id for e in errors] == ["core.E001"]  # the bold weight is the same file
    assert "は日本語の文字（あいうをんアイウヲン）を含みません" in errors[0].msg
    with pytest.raises(PdfFontError) as caught:
        render_pdf(HTML)
    assert caught.value.code == PdfErrorCode.FONT_NOT_JAPANESE
    assert "PDF を作りません" in caught.value.message


def test_a_file_that_is_not_a_font_is_refused(settings: Any, tmp_path: Path) -> None:
    text = tmp_path / "font.otf"
    text.write_text("not a font")
    settings.PDF_FONT = str(text)
    with pytest.raises(PdfFontError) as caught:
        render_pdf(HTML)
    assert caught.value.code == PdfErrorCode.FONT_UNREADABLE


def test_a_configured_japanese_font_is_used_for_both_weights(settings: Any) -> None:
    regular, _bold = pdf.font_paths()
    settings.PDF_FONT = regular
    assert pdf.font_paths() == (regular, regular)
    assert check_pdf_font() == []


def test_pdfs_written_in_boxes_are_told_apart(tmp_path: Path) -> None:
    old = pdf_in_boxes(tmp_path)
    assert not pdf.pdf_is_current(old)
    assert not pdf.pdf_is_current(b"%PDF-1.7 not really")
    assert pdf.pdf_is_current(render_pdf(HTML))
