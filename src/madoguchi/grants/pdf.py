"""Small real PDF documents (公募要領 and the like), written by the one renderer (core.pdf)."""

from django.utils.html import escape

from madoguchi.core.pdf import render_pdf

CSS = """
@page { size: A4; margin: 20mm 18mm; @bottom-center { content: counter(page); font-size: 9pt; } }
body { font-size: 10.5pt; line-height: 1.7; }
h1 { font-size: 16pt; border-bottom: 2px solid #333; padding-bottom: 4pt; }
h2 { font-size: 12pt; margin-top: 14pt; }
.meta { color: #555; font-size: 9pt; }
"""


def document_pdf(
    *, title: str, kind_label: str, institution: str, sections: list[tuple[str, str]]
) -> bytes:
    """A one- or two-page PDF: the document kind, the programme's title and its sections."""
    body = "".join(f"<h2>{escape(heading)}</h2><p>{escape(text)}</p>" for heading, text in sections)
    html = (
        f"<html lang='ja'><head><meta charset='utf-8'><title>{escape(title)} {escape(kind_label)}</title>"
        f"<style>{CSS}</style></head><body><p class='meta'>{escape(institution)}</p>"
        f"<h1>{escape(title)}<br>{escape(kind_label)}</h1>{body}"
        "<p class='meta'>この資料は窓口（Madoguchi）のデモ用に作成した架空のものです。</p></body></html>"
    )
    return render_pdf(html)
