"""The report in a real browser: Debian's Chromium, headless, driven by Playwright.

These tests carry the ``browser`` marker and skip when Chromium
(``/usr/bin/chromium``, or ARGMAP_CHROMIUM) or the ``playwright`` package is
missing.  Playwright drives the system's Chromium (``executable_path``): it
never downloads a browser of its own.  ``make test`` installs Chromium with
apt where it can (.ci/install-chromium).

Set ARGMAP_REGEN_SCREENSHOT=1 to write the screenshot the docs show
(docs/images/report.png).  Set ARGMAP_MERMAID_JS to a copy of mermaid.min.js
(from the npm package ``mermaid``) to check that Mermaid parses every golden
flowchart.
"""

import importlib.util
import os
import shutil
import time
from pathlib import Path

import pytest

from argmap import MapBuilder, Source
from argmap.report import write_report

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("ARGMAP_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(f"Chromium is not installed ({CHROMIUM}); run .ci/install-chromium", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

# Without the background-networking flags, Chromium's own connections fail
# (and log errors) on a closed network.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT = ROOT / "docs" / "images" / "report.png"


def _seed_map():
    spec = importlib.util.spec_from_file_location("syria_airstrikes_example", ROOT / "examples" / "syria_airstrikes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build_map()


@pytest.fixture(scope="module")
def seed():
    return _seed_map()


@pytest.fixture(scope="module")
def playwright():
    with sync_api.sync_playwright() as p:
        yield p


def launch(playwright, user_data_dir, **options):
    """A fresh Chromium with its own profile folder."""
    return playwright.chromium.launch_persistent_context(
        str(user_data_dir),
        executable_path=CHROMIUM,
        headless=True,
        args=FLAGS,
        viewport={"width": 1400, "height": 900},
        **options,
    )


@pytest.fixture(scope="module")
def browser(playwright, tmp_path_factory):
    context = launch(playwright, tmp_path_factory.mktemp("profile"))
    yield context
    context.close()


class Page:
    """A page with everything it logged and asked for."""

    def __init__(self, context, path):
        self.page = context.new_page()
        self.console = []
        self.errors = []
        self.requests = []
        self.dialogs = []
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.url = path.as_uri()
        start = time.perf_counter()
        self.page.goto(self.url, wait_until="load")
        self.load_seconds = time.perf_counter() - start

    def close(self):
        self.page.close()


@pytest.fixture(scope="module")
def seed_report(seed, tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "syria_airstrikes.html"
    write_report(seed, path, direction="left")
    return path


@pytest.fixture
def page(browser, seed_report):
    p = Page(browser, seed_report)
    yield p
    p.close()


def sentence_of(m, claim_id):
    """The text of the sentence that holds the claim's quote."""
    from argmap.source import sentences

    q = m.claim(claim_id).quote
    (s,) = [s for s in sentences(m.source) if s.start <= q.start < s.end]
    return s.text


def claim_index(m, claim_id):
    return [c.id for c in m.claims].index(claim_id)


def highlighted(page, selector):
    return page.page.eval_on_selector_all(selector, "els => els.map(e => e.textContent)")


# --------------------------------------------------------------------------


def test_opens_without_errors_or_requests(page):
    assert page.errors == []
    assert [m for m in page.console if m[0] in ("error", "warning")] == []
    assert page.requests == [page.url]
    assert page.load_seconds < 2


@pytest.mark.exe
def test_click_claim_box_highlights_its_sentence(page, seed):
    k = claim_index(seed, "regime-welcomes")
    page.page.click(f'g.claim[data-c="{k}"]')
    assert highlighted(page, ".sentence.hl") == [sentence_of(seed, "regime-welcomes")]
    assert highlighted(page, "a.q.hl") == [seed.claim("regime-welcomes").quote.text]
    assert page.page.eval_on_selector(f"#claim-{k}", "e => e.classList.contains('hl')")
    # the sentence was scrolled into view in the article pane
    assert page.page.eval_on_selector(
        "a.q.hl",
        "e => { const r = e.getBoundingClientRect(), p = document.getElementById('article').getBoundingClientRect();"
        " return r.top >= p.top && r.bottom <= p.bottom; }",
    )
    # another click moves the highlight
    k2 = claim_index(seed, "hold-cities")
    page.page.click(f'g.claim[data-c="{k2}"]')
    assert highlighted(page, ".sentence.hl") == [sentence_of(seed, "hold-cities")]
    assert page.errors == []


def test_click_claim_card_highlights_its_sentence(page, seed):
    k = claim_index(seed, "report-221")
    page.page.click(f"#claim-{k} .text")
    assert highlighted(page, ".sentence.hl") == [sentence_of(seed, "report-221")]


def test_click_sentence_highlights_its_claim(page, seed):
    k = claim_index(seed, "aleppo-advances")
    page.page.click(f'a.q[data-c="{k}"]')
    assert page.page.eval_on_selector(f"#claim-{k}", "e => e.classList.contains('hl')")
    if page.page.query_selector("svg"):
        assert page.page.eval_on_selector_all("g.claim.hl", "els => els.map(e => e.dataset.c)") == [str(k)]
    assert page.page.url == page.url  # the script handled the click: no navigation


def test_unmapped_sentences_are_marked(page):
    unmapped = highlighted(page, ".sentence.unmapped")
    assert len(unmapped) == 1 and unmapped[0].startswith("Ironically")
    style = page.page.eval_on_selector(".sentence.unmapped", "e => getComputedStyle(e).borderBottomStyle")
    assert style == "dashed"


def test_reads_without_javascript(playwright, seed_report, seed, tmp_path):
    context = launch(playwright, tmp_path / "profile", java_script_enabled=False)
    try:
        p = Page(context, seed_report)
        k = claim_index(seed, "aleppo-advances")
        p.page.click(f'a.q[data-c="{k}"]')
        assert p.page.url.endswith(f"#claim-{k}")
        p.page.click(f"#claim-{k} blockquote a")
        assert p.page.url.endswith(f"#q-{k}")
        assert p.errors == [] and p.requests == [p.url]
    finally:
        context.close()


def test_print_stylesheet(page):
    page.page.emulate_media(media="print")
    assert page.page.eval_on_selector("main", "e => getComputedStyle(e).display") == "block"
    assert page.page.eval_on_selector("#article", "e => getComputedStyle(e).overflow") == "visible"
    pdf = page.page.pdf()
    assert pdf.startswith(b"%PDF")


def test_hostile_text_runs_nothing(browser, tmp_path):
    hostile = [
        "<script>window.pwned = 1; alert(1)</script>",
        '<img src="x" onerror="window.pwned = 2">',
        '" onmouseover="window.pwned = 3" x="',
        "</title></svg><svg onload=window.pwned=4>",
        "javascript:window.pwned=5",
    ]
    text = " ".join(f"Sentence {i}: {h}." for i, h in enumerate(hostile))
    b = MapBuilder(title=hostile[0], source=Source(text, title=hostile[1], url=hostile[4]))
    t = b.claim(hostile[0], id=hostile[3], quote=hostile[0])
    for h in hostile[1:]:
        b.attack(t, b.claim(h, id="c:" + h, quote=h), id="r:" + h)
    path = tmp_path / "hostile.html"
    write_report(b.build(), path)
    p = Page(browser, path)
    try:
        for sel in ("g.claim", "a.q", "li.claim .text", "#outline li"):
            for i in range(p.page.locator(sel).count()):  # (the map redraws its boxes on a click)
                p.page.locator(sel).nth(i).hover()
                p.page.locator(sel).nth(i).click()
        assert p.page.evaluate("window.pwned") is None
        assert p.dialogs == [] and p.errors == []
        assert [m for m in p.console if m[0] == "error"] == []  # no script even tried (CSP would log it)
        assert p.requests == [p.url]  # no <img src=x> was made
        body = p.page.inner_text("body")
        for h in hostile[:4]:
            assert h in body  # shown as text
    finally:
        p.close()


def test_screenshot_of_the_seed_report(page, seed, tmp_path):
    k = claim_index(seed, "regime-welcomes")
    page.page.click(f"a.q[data-c~='{k}']")
    page.page.evaluate("window.scrollTo(0, 0)")
    out = SCREENSHOT if os.environ.get("ARGMAP_REGEN_SCREENSHOT") == "1" else tmp_path / "report.png"
    png = page.page.screenshot(path=str(out))
    assert png.startswith(b"\x89PNG")
    assert len(png) > 50_000  # a picture, not a blank page


@pytest.mark.skipif(not os.environ.get("ARGMAP_MERMAID_JS"), reason="set ARGMAP_MERMAID_JS to mermaid.min.js")
def test_mermaid_parses_every_golden_file(browser):
    js = Path(os.environ["ARGMAP_MERMAID_JS"]).read_text(encoding="utf-8")
    page = browser.new_page()
    try:
        page.set_content("<div id=out></div>")
        page.add_script_tag(content=js)
        page.evaluate("mermaid.initialize({startOnLoad: false, securityLevel: 'strict'})")
        for path in sorted((ROOT / "tests" / "data" / "golden").glob("*.mmd")):
            result = page.evaluate(
                "async src => { try { const r = await mermaid.render('g', src); return r.svg.length; }"
                " catch (e) { return 'error: ' + e.message; } }",
                path.read_text(encoding="utf-8"),
            )
            assert isinstance(result, int), (path.name, result)
    finally:
        page.close()
