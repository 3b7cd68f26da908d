"""The docs stay true: their pictures exist and the script that draws them runs."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


class TestPictures:
    @pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
    def test_every_linked_file_exists(self, page):
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#\s]+)\)", text):
            if "://" in target:
                continue
            assert (page.parent / target).exists(), f"{page.name} links to missing {target}"

    @pytest.mark.exe
    def test_make_images_draws_every_picture(self, tmp_path):
        out = subprocess.run(
            [sys.executable, str(ROOT / "docs" / "make_images.py"), str(tmp_path)],
            capture_output=True, text=True, cwd=ROOT,
        )
        assert out.returncode == 0, out.stderr
        # report.png and report-*.png are browser screenshots, taken by tests/test_browser.py
        committed = {p.name for p in (ROOT / "docs" / "images").iterdir() if not p.name.startswith("report")}
        drawn = {p.name for p in tmp_path.iterdir()}
        assert drawn == committed
        assert all(p.stat().st_size > 500 for p in tmp_path.iterdir())
