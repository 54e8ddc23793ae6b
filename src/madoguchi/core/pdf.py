"""The one PDF renderer: WeasyPrint with a Japanese font that the project brings itself.

Every PDF the platform writes (subsidy documents, notices, procedure copies) goes through
``render_pdf``. The font is not looked up in the system: its files (Noto Sans CJK JP Regular and
Bold, from the ``noto-cjk-sans-jp-*`` packages, SIL Open Font License) are registered with
``@font-face { src: url(file://…) }`` in a stylesheet the renderer adds, so a machine without any
Japanese font — or without any font at all — writes the same PDF (docs/decisions/0011-pdf-font-bundled.md).

Before WeasyPrint runs, the font files are checked: they exist, are OpenType, and map a sample of
kana and kanji. When they do not, ``PdfFontError`` is raised instead of writing empty boxes; the
system check ``core.E001`` reports the same at start-up. The check and the font's fingerprint are
cached per file (path, size, modification time).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import logging
import warnings
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from django.conf import settings
from django.core.checks import CheckMessage, Error
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from madoguchi.core.errors import MadoguchiError

logger = logging.getLogger(__name__)

# Hiragana, katakana, kanji and full-width forms of the documents' own words: a font that lacks
# one of them would write boxes into every notice.
JAPANESE_SAMPLE = (
    "あいうをんアイウヲン・ー「」、。（）０１窓口補助金交付決定通知書申請額令和年月日様式第号"
)
# The family the font is registered under in the PDFs' stylesheet (and so the name the PDF embeds).
FAMILY = "Noto Sans JP"
# WeasyPrint warns about an empty fontconfig before it sees our @font-face rules; the PDF does not
# depend on fontconfig, so the warning would only mislead.
warnings.filterwarnings("ignore", message="No fonts configured in FontConfig", category=UserWarning)


class PdfErrorCode(StrEnum):
    FONT_MISSING = "font_missing"
    FONT_UNREADABLE = "font_unreadable"
    FONT_NOT_JAPANESE = "font_not_japanese"


class PdfFontError(MadoguchiError):
    """The font for PDFs is missing or does not cover Japanese: no PDF is written."""


@dataclass(frozen=True)
class PdfFont:
    regular: Path
    bold: Path
    fingerprint: str  # 16 hex digits of the SHA-256 of both files: part of cache keys


def _bundled(style: str) -> str:
    """The path of the bundled Noto Sans CJK JP file, or "" when its package is not installed."""
    try:
        from noto_cjk import FontNotInstalled, font_path
    except ImportError:
        return ""
    try:
        return str(font_path("sans", "jp", style))
    except FontNotInstalled:
        return ""


def font_paths() -> tuple[str, str]:
    """(regular, bold) as configured: ``PDF_FONT`` and ``PDF_FONT_BOLD``, else the bundled files.

    A configured regular font without a bold one is used for both weights.
    """
    regular = str(settings.PDF_FONT or "")
    bold = str(settings.PDF_FONT_BOLD or "")
    if not regular:
        return _bundled("regular"), bold or _bundled("bold")
    return regular, bold or regular


@functools.lru_cache(maxsize=8)
def _missing(path: str, size: int, mtime_ns: int) -> str:
    """The sample characters one font file does not map; raises on a file that is not a font."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True, fontNumber=0) as font:
        cmap = font.getBestCmap() or {}
    return "".join(dict.fromkeys(c for c in JAPANESE_SAMPLE if ord(c) not in cmap))


@functools.lru_cache(maxsize=8)
def _digest(path: str, size: int, mtime_ns: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _key(path: str) -> tuple[str, int, int]:
    """The cache key of a font file: a changed file is read again."""
    stat = Path(path).stat()
    return path, stat.st_size, stat.st_mtime_ns


def _weights() -> dict[str, str]:
    """{path: weight label} of the configured files (one entry when both weights share a file)."""
    regular, bold = font_paths()
    weights = {regular: "regular"}
    weights.setdefault(bold, "bold")
    return weights


def font_problem(path: str, *, weight: str) -> PdfFontError | None:
    """Why ``path`` cannot be the PDFs' font (missing, unreadable, no Japanese), or None."""
    style = _("標準") if weight == "regular" else _("太字")
    if not path:
        return PdfFontError(
            PdfErrorCode.FONT_MISSING,
            _(
                "PDF 用の日本語フォント（{style}）がありません。`make install` で依存パッケージ"
                "（noto-cjk-sans-jp-*）を入れるか、MADOGUCHI_PDF_FONT に日本語を含むフォントを指定してください。"
            ).format(style=style),
        )
    file = Path(path)
    if not file.is_file():
        return PdfFontError(
            PdfErrorCode.FONT_MISSING,
            _(
                "PDF 用の日本語フォント（{style}）のファイル {path} がありません。`make install` で"
                "依存パッケージを入れ直すか、MADOGUCHI_PDF_FONT に日本語を含むフォントを指定してください。"
            ).format(style=style, path=path),
        )
    try:
        missing = _missing(*_key(path))
    except Exception as error:  # fontTools raises many kinds on a file that is not a font
        return PdfFontError(
            PdfErrorCode.FONT_UNREADABLE,
            _(
                "PDF 用の日本語フォント（{style}）のファイル {path} をフォントとして読めません（{error}）。"
            ).format(style=style, path=path, error=type(error).__name__),
        )
    if missing:
        return PdfFontError(
            PdfErrorCode.FONT_NOT_JAPANESE,
            _(
                "PDF 用のフォント（{style}） {path} は日本語の文字（{missing}）を含みません。"
                "このままでは PDF の日本語が空白の四角になるため、PDF を作りません。"
                "MADOGUCHI_PDF_FONT に日本語を含むフォント（例: Noto Sans CJK JP）を指定してください。"
            ).format(style=style, path=path, missing=missing[:10]),
        )
    return None


def pdf_font() -> PdfFont:
    """The checked font of every PDF; raises ``PdfFontError`` rather than let boxes be written."""
    for path, weight in _weights().items():
        problem = font_problem(path, weight=weight)
        if problem is not None:
            raise problem
    regular, bold = font_paths()
    digests = "".join(_digest(*_key(path)) for path in (regular, bold))
    fingerprint = hashlib.sha256(digests.encode()).hexdigest()[:16]
    return PdfFont(regular=Path(regular), bold=Path(bold), fingerprint=fingerprint)


def font_stylesheet(font: PdfFont, *, text: str | None = None) -> str:
    """The @font-face rules (file URLs, never fontconfig) and the one family of every PDF.

    With ``text``, each weight is a subset of the font holding just those characters (a data: URL),
    for machines without HarfBuzz-Subset (see ``_subset_for``)."""

    def source(path: Path) -> str:
        if text is None:
            return path.resolve().as_uri()
        data = base64.b64encode(_subset_for(*_key(str(path)), _charset(text))).decode("ascii")
        return f"data:font/otf;base64,{data}"

    return (
        f'@font-face {{ font-family: "{FAMILY}"; font-weight: normal; '
        f'src: url("{source(font.regular)}"); }}\n'
        f'@font-face {{ font-family: "{FAMILY}"; font-weight: bold; '
        f'src: url("{source(font.bold)}"); }}\n'
        f'html {{ font-family: "{FAMILY}"; }}\n'
        f'@page {{ font-family: "{FAMILY}"; }}\n'
    )


# Characters every document may get from the renderer rather than from its text: page counters,
# hyphens, ellipses, list markers.
_ALWAYS = "".join(chr(c) for c in range(0x20, 0x7F)) + "‐‑–—…・ー－，．：；０１２３４５６７８９•◦▪"


def _charset(text: str) -> str:
    return "".join(sorted(set(text) | set(_ALWAYS)))


@functools.lru_cache(maxsize=16)
def _subset_for(path: str, size: int, mtime_ns: int, charset: str) -> bytes:
    """The font file cut down to ``charset`` (fontTools, layout features and names kept).

    WeasyPrint embeds a subset of each font. It makes that subset with the system's HarfBuzz-Subset
    when present; otherwise with fontTools, keeping glyph ids, which for Noto Sans CJK JP's 65,535
    glyphs takes 8–40 s per PDF. Cutting the font to the document's own characters first (under a
    second) leaves WeasyPrint a font of a few hundred glyphs, so every PDF takes about a second on a
    fresh machine too (docs/performance.md, "PDF rendering").
    """
    from fontTools import subset

    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.font_number = 0
    font = subset.load_font(path, options)
    try:
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=charset)
        subsetter.subset(font)
        out = io.BytesIO()
        font.save(out)
    finally:
        font.close()
    return out.getvalue()


@functools.cache
def harfbuzz_subset_available() -> bool:
    """Whether WeasyPrint found the system's HarfBuzz-Subset (≥ 4.1, the version it uses)."""
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    return harfbuzz_subset is not None and bool(harfbuzz.hb_version_atleast(4, 1, 0))


def render_pdf(html: str) -> bytes:
    """The PDF of an HTML document (its own styles, with the font family left to the renderer)."""
    font = pdf_font()
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    text = None if harfbuzz_subset_available() else html
    stylesheet = CSS(string=font_stylesheet(font, text=text), font_config=font_config)
    pdf: bytes = HTML(string=html).write_pdf(stylesheets=[stylesheet], font_config=font_config)
    return pdf


def pdf_font_names(content: bytes) -> set[str]:
    """The fonts a PDF uses (its /BaseFont names without the subset prefix ``ABCDEF+``)."""
    from pypdf import PdfReader

    names: set[str] = set()
    for page in PdfReader(io.BytesIO(content)).pages:
        fonts = page.get("/Resources", {}).get_object().get("/Font", {})
        for font in fonts.get_object().values():
            base = str(font.get_object().get("/BaseFont", ""))
            names.add(base.lstrip("/").split("+", 1)[-1])
    return names


def pdf_is_current(content: bytes) -> bool:
    """Whether a stored PDF was written in the renderer's Japanese font (older ones may show boxes)."""
    try:
        names = pdf_font_names(content)
    except Exception:  # not a PDF pypdf can read: render it again
        logger.info("core.pdf_unreadable")
        return False
    family = FAMILY.replace(" ", "-")
    return any(name == family or name.startswith(f"{family}-") for name in names)


def stored_pdf_is_current(file: FieldFile) -> bool:
    """Whether a stored PDF exists and was written in the renderer's Japanese font."""
    name = file.name if file else None
    if not name or not file.storage.exists(name):
        return False
    with file.storage.open(name, "rb") as handle:
        return pdf_is_current(handle.read())


def check_pdf_font(**kwargs: object) -> list[CheckMessage]:
    """System check core.E001: the PDFs' font exists and covers Japanese (Japanese and English)."""
    from django.utils import translation

    errors: list[CheckMessage] = []
    for path, weight in _weights().items():
        if font_problem(path, weight=weight) is None:
            continue
        with translation.override("ja"):
            japanese = str(font_problem(path, weight=weight))
        with translation.override("en"):
            english = str(font_problem(path, weight=weight))
        errors.append(
            Error(
                japanese if japanese == english else f"{japanese}\n{english}",
                hint="pip install 'noto-cjk[sans-jp]' (make install), or MADOGUCHI_PDF_FONT=/path/to/a/Japanese/font.otf",
                id="core.E001",
            )
        )
    return errors
