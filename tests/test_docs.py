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
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        assert out.returncode == 0, out.stderr
        # report.png and report-*.png are browser screenshots, taken by tests/test_browser.py
        committed = {p.name for p in (ROOT / "docs" / "images").iterdir() if not p.name.startswith("report")}
        drawn = {p.name for p in tmp_path.iterdir()}
        assert drawn == committed
        assert all(p.stat().st_size > 500 for p in tmp_path.iterdir())


# The public modules the API reference documents, one page each
# (docs/api/*.md); every name in their __all__ must be on the site.
API_MODULES = [
    "argmap",
    "argmap.source",
    "argmap.formats",
    "argmap.formats.json",
    "argmap.formats.argdown",
    "argmap.formats.argdown_json",
    "argmap.formats.aif",
    "argmap.formats.sadface",
    "argmap.formats.kialo",
    "argmap.formats.nx",
    "argmap.formats.iccma",
    "argmap.formats.microtext",
    "argmap.formats.brat",
    "argmap.render",
    "argmap.report",
    "argmap.semantics",
    "argmap.analysis",
    "argmap.corpus",
    "argmap.strategies",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The documentation site, built as `make docs` builds it."""
    if subprocess.run([sys.executable, "-c", "import sphinx, myst_parser, furo"], capture_output=True).returncode:
        pytest.fail("the docs extra is not installed: pip install -e '.[docs]'")
    out = tmp_path_factory.mktemp("site")
    build = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html", "docs", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    return out


def _documented(site) -> set[str]:
    ids: set[str] = set()
    for page in (site / "api").glob("*.html"):
        ids.update(re.findall(r'<dt class="sig sig-object py" id="([^"]+)"', page.read_text(encoding="utf-8")))
    return ids


@pytest.mark.docs
class TestSite:
    def test_builds_without_warnings_and_has_every_page(self, site):
        pages = {p.stem for p in (ROOT / "docs").glob("*.md")}
        built = {p.stem for p in site.glob("*.html")}
        assert pages <= built, f"not on the site: {sorted(pages - built)}"
        index = (site / "index.html").read_text(encoding="utf-8")
        for page in sorted(pages - {"index"}):
            assert f'href="{page}.html' in index, f"index.html does not link to {page}"

    @pytest.mark.parametrize("module", API_MODULES)
    def test_every_public_name_is_in_the_api_reference(self, site, module):
        import importlib

        names = importlib.import_module(module).__all__
        documented = _documented(site)
        missing = [n for n in names if f"{module}.{n}" not in documented]
        assert not missing, f"{module}: no entry in docs/api for {missing}"

    def test_api_reference_shows_docstrings(self, site):
        page = (site / "api" / "argmap.html").read_text(encoding="utf-8")
        # the first line of MapBuilder's docstring, rendered
        import argmap

        first = argmap.MapBuilder.__doc__.strip().splitlines()[0]
        words = re.sub(r"[^\w ]", " ", first).split()[:4]
        text = re.sub(r"<[^>]+>", " ", page)
        assert all(w in text for w in words), (words, first)
