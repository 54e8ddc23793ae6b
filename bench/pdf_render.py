"""PDF rendering: seconds and bytes per PDF in the bundled Noto Sans CJK JP (core.pdf), against a
baseline of the same HTML rendered by WeasyPrint in a one-glyph Latin font (layout alone, no CJK
font to subset). Says which subsetter WeasyPrint uses: the system's HarfBuzz-Subset or fontTools.

    .venv/bin/python bench/pdf_render.py [--runs 3]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.pdftext: the Latin-only font
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "madoguchi.config.settings")
os.environ.setdefault("MADOGUCHI_MODE", "test")


def timed(render, runs: int) -> tuple[float, int]:
    render()  # warm: fonts loaded, caches filled
    times, size = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        size = len(render())
        times.append(time.perf_counter() - start)
    return statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    import django

    django.setup()
    from tests.pdftext import latin_only_font
    from weasyprint import CSS, HTML

    from madoguchi.core.pdf import _subset_for, harfbuzz_subset_available, render_pdf
    from madoguchi.grants import demo
    from madoguchi.grants.enums import DocumentKind

    sections = demo.GENERIC_SECTIONS[DocumentKind.OUTLINE_OF_GRANT] * 4
    body = "".join(f"<h2>{h}</h2><p>{t}</p>" for h, t in sections)
    html = f"<html lang='ja'><body><h1>補助金交付要綱</h1>{body}</body></html>"
    with tempfile.TemporaryDirectory() as scratch:
        latin = latin_only_font(Path(scratch) / "latin.ttf")
        baseline_css = CSS(
            string=f"@font-face {{ font-family: L; src: url({latin.as_uri()}); }} "
            "html { font-family: L; }"
        )
        base_s, base_b = timed(
            lambda: HTML(string=html).write_pdf(stylesheets=[baseline_css]), args.runs
        )

    def render_cold() -> bytes:
        _subset_for.cache_clear()  # every run cuts the font again, as a new document would
        return render_pdf(html)

    cjk_s, cjk_b = timed(render_cold, args.runs)
    subsetter = (
        "HarfBuzz-Subset"
        if harfbuzz_subset_available()
        else "fontTools (no libharfbuzz-subset): core.pdf cuts the font to the page's characters first"
    )
    print(f"subsetter: {subsetter}; median of {args.runs} runs, one A4 page of {len(html)} chars")
    print(f"baseline (Latin one-glyph font): {base_s:.2f} s, {base_b / 1000:.0f} kB")
    print(f"core.pdf (Noto Sans CJK JP):      {cjk_s:.2f} s, {cjk_b / 1000:.0f} kB")
    print(f"ratio: {cjk_s / base_s:.1f}x the baseline's time")


if __name__ == "__main__":
    main()
