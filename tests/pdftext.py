"""Reading PDFs back in tests (pypdf, pure Python): their text, and a PDF as an older version wrote
it on a machine without a Japanese font (for the tests that such files are rendered again)."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader


def pdf_text(content: bytes) -> str:
    """The text of every page without whitespace, so letter-spaced titles (採 択 通 知) read whole."""
    reader = PdfReader(io.BytesIO(content))
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


def latin_only_font(path: Path) -> Path:
    """A real TrueType font with one glyph (A) and no Japanese, made with fontTools."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", "A"])
    builder.setupCharacterMap({ord("A"): "A"})
    pen = TTGlyphPen(None)
    pen.moveTo((100, 0))
    pen.lineTo((500, 700))
    pen.lineTo((900, 0))
    pen.closePath()
    builder.setupGlyf({".notdef": TTGlyphPen(None).glyph(), "A": pen.glyph()})
    builder.setupHorizontalMetrics({".notdef": (500, 0), "A": (1000, 100)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Latin Only", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=800, usWinAscent=800, usWinDescent=200)
    builder.setupPost()
    builder.save(str(path))
    return path


def pdf_in_boxes(tmp_path: Path, title: str = "採択通知") -> bytes:
    """A PDF whose Japanese came out as empty boxes: WeasyPrint with a font that has no Japanese,
    as the old templates did when fontconfig had no Japanese font."""
    from weasyprint import HTML

    font = latin_only_font(tmp_path / "latin-only.ttf")
    style = f"@font-face {{ font-family: Old; src: url({font.as_uri()}); }} body {{ font-family: Old; }}"
    html = f"<style>{style}</style><h1>{title}</h1>"
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf


def assert_japanese_pdf(content: bytes, *texts: str) -> str:
    """The PDF shows ``texts`` in Japanese: its extracted text holds them, every font it uses is the
    renderer's, and that font has a glyph for every character of the text (no empty boxes).

    The text alone would not do: a PDF whose glyphs are boxes may still map them to the characters.
    """
    from madoguchi.core.pdf import FAMILY, font_paths, pdf_font_names

    assert content.startswith(b"%PDF-")
    text = pdf_text(content)
    for expected in texts:
        assert "".join(expected.split()) in text, (expected, text[:300])
    family = FAMILY.replace(" ", "-")
    assert pdf_font_names(content) <= {family, f"{family}-Bold"}, pdf_font_names(content)
    assert not set(text) - _covered(font_paths()[0]), set(text) - _covered(font_paths()[0])
    return text


def _covered(path: str) -> set[str]:
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True, fontNumber=0) as font:
        return {chr(code) for code in font.getBestCmap()}
