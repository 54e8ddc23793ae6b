"""A fresh machine: no font at all in fontconfig (``FONTCONFIG_FILE`` names a configuration without
font directories). Every PDF test runs again there, in a child process (fontconfig reads the
environment once, when it starts): the PDFs still read Japanese, from the font the project brings.

Before the one renderer (core.pdf), such a machine wrote boxes when it had fonts but no Japanese one,
and WeasyPrint crashed (SIGSEGV in Pango) when it had none at all: Pango shaped the text with no font
(a NULL PangoFont) and WeasyPrint passed it on to pango_font_get_hb_font. The renderer always adds
the bundled font with @font-face, so Pango always has one, and refuses to start without it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PDF_TESTS = [
    "tests/core/test_pdf.py",
    "tests/grants/test_pdf.py",
    "tests/grants/review/test_notice_pdfs.py",
    "tests/grants/review/test_notices.py",
    "tests/forms/test_pdf.py",
    "tests/forms/test_demo.py",
    "tests/test_demo.py",  # `madoguchi demo`, which crashed in Pango there
]
EMPTY_FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig></fontconfig>
"""


def fresh_machine_env(tmp_path: Path) -> dict[str, str]:
    config = tmp_path / "fonts.conf"
    config.write_text(EMPTY_FONTCONFIG)
    env = {**os.environ, "FONTCONFIG_FILE": str(config), "MADOGUCHI_VAR_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)  # SQLite: the parent's PostgreSQL test database stays its own
    return env


def test_fontconfig_has_no_font_there(tmp_path: Path) -> None:
    probe = "from weasyprint.text.fonts import FontConfiguration; FontConfiguration()"
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-W", "always", "-c", probe],
        env=fresh_machine_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "No fonts configured in FontConfig" in result.stderr, result.stderr[-2000:]


@pytest.mark.skipif(
    os.environ.get("MADOGUCHI_DB_LABEL") == "postgresql",
    reason="the child process runs on SQLite; `make pytest` ran it in the SQLite pass",
)
def test_every_pdf_test_passes_without_any_system_font(tmp_path: Path) -> None:
    result = subprocess.run(  # noqa: S603 - our own interpreter and tests
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *PDF_TESTS],
        cwd=ROOT,
        env=fresh_machine_env(tmp_path),
        capture_output=True,
        text=True,
        # ~3 min with HarfBuzz-Subset; without it every PDF takes 8-40 s (docs/performance.md).
        timeout=3600,
        check=False,
    )
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in summary and "failed" not in summary and "error" not in summary, summary
