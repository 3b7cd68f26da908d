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
import math
import os
import shutil
import time
from pathlib import Path

import pytest
from _seed import seed_map as _seed_map

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
        b.attack(t, b.claim(h, id="c:" + h, quote=h), id="r:" + h, scheme=h)
    path = tmp_path / "hostile.html"
    write_report(b.build(), path)
    p = Page(browser, path)
    try:
        settle(p)  # the schemes' names are drawn as text (cut to 32 characters, the whole name their tooltip)
        names = p.page.eval_on_selector_all("#edges text.sch", "els => els.map(e => e.textContent)")
        assert names and all(any(h in n or n[:-1] in h for h in hostile) for n in names)
        p.page.click("#fit")  # every box in the pane, to hover and click
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


# --------------------------------------------------------------------------
# Navigating the map: the seed report and a generated 10,000-claim map, one
# page each for the module (the tests leave the view as they found it enough
# for the next: each one selects, folds or zooms what it checks).

IMAGES = ROOT / "docs" / "images"
BIG = 10_000


def shot(p, name, tmp_path, element=None):
    """A screenshot of the page, or of one element (into docs/images with ARGMAP_REGEN_SCREENSHOT=1)."""
    folder = IMAGES if os.environ.get("ARGMAP_REGEN_SCREENSHOT") == "1" else tmp_path
    where = p.page.locator(element) if element else p.page
    png = where.screenshot(path=str(folder / f"report-{name}.png"))
    assert png.startswith(b"\x89PNG") and len(png) > 30_000


def settle(p):
    """Wait for the map's next drawing (it redraws on an animation frame)."""
    p.page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def drawn(p):
    return p.page.eval_on_selector_all("#boxes g.claim", "els => els.map(e => +e.dataset.c)")


def selected(p):
    return p.page.eval_on_selector_all("#boxes g.claim.hl", "els => els.map(e => +e.dataset.c)")


def scale(p):
    return float(p.page.get_attribute("#world", "transform").split("scale(")[1].rstrip(")"))


def inside_view(p, k):
    return p.page.evaluate(
        "k => { const b = document.querySelector('#boxes g.claim[data-c=\"' + k + '\"]'); if (!b) return false;"
        " const r = b.getBoundingClientRect(), v = document.getElementById('view').getBoundingClientRect();"
        " return r.left >= v.left - 1 && r.right <= v.right + 1 && r.top >= v.top - 1 && r.bottom <= v.bottom + 1; }",
        k,
    )


def big_map():
    spec = importlib.util.spec_from_file_location("report_benchmark", ROOT / "tests" / "benchmarks" / "report.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.synthetic(BIG)


@pytest.fixture(scope="module")
def nav(browser, seed_report):
    p = Page(browser, seed_report)
    yield p
    p.close()


@pytest.fixture(scope="module")
def big_m():
    return big_map()


@pytest.fixture(scope="module")
def big(browser, big_m, tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "big.html"
    write_report(big_m, path)
    assert path.stat().st_size <= 5 * 1024 * 1024
    p = Page(browser, path)
    yield p
    p.close()


def text_sizes(p):
    """The size on screen of every claim text drawn (not captions): its font
    size times the map's scale, and the height of its bounding box."""
    return p.page.evaluate(
        "() => Array.from(document.querySelectorAll('#boxes g.claim text:not(.cap)'),"
        " t => [parseFloat(t.getAttribute('font-size')) * t.getScreenCTM().a, t.getBoundingClientRect().height])"
    )


def world_inside_view(p):
    return p.page.evaluate(
        "() => { const w = document.getElementById('world').getBoundingClientRect(),"
        " v = document.getElementById('view').getBoundingClientRect();"
        " return w.left >= v.left && w.right <= v.right && w.top >= v.top && w.bottom <= v.bottom; }"
    )


def test_seed_map_opens_readable_on_its_thesis(nav, seed, tmp_path):
    assert nav.errors == []
    # The whole map would be drawn at a third of its size: it opens at full size on the first
    # thesis instead, at the edge of the pane, with its direct reason above it in view.
    sizes = text_sizes(nav)
    assert len(sizes) >= 5
    assert min(size for size, _ in sizes) >= 11 and min(height for _, height in sizes) >= 11
    assert scale(nav) == 1
    assert inside_view(nav, claim_index(seed, "thesis")) and inside_view(nav, claim_index(seed, "assad-benefits"))
    thesis = nav.page.query_selector(f'#boxes g.claim[data-c="{claim_index(seed, "thesis")}"]').bounding_box()
    view = nav.page.query_selector("#view").bounding_box()
    assert thesis["x"] - view["x"] == pytest.approx(
        20, abs=2
    )  # the direction is "left": the thesis on the left (its border aside)
    # the pane is too narrow for the thesis and its reasons beside the outline, so the outline starts hidden
    assert not nav.page.is_visible("#outline")
    assert nav.page.get_attribute("#outline-toggle", "aria-pressed") == "false"
    for control in ("#zoom-in", "#zoom-out", "#fit", "input[type=search]", "#minimap", "#outline-toggle"):
        assert nav.page.is_visible(control), control
    shot(nav, "seed", tmp_path)
    nav.page.click("#outline-toggle")
    assert nav.page.is_visible("#outline")
    # Fit shows the whole map, however small
    nav.page.click("#fit")
    settle(nav)
    assert len(drawn(nav)) == 35 and world_inside_view(nav)  # the seed map is small enough to open unfolded
    assert scale(nav) < 0.5


def test_small_map_opens_fitted(browser, tmp_path):
    b = MapBuilder()
    t = b.claim("Cats are good pets", id="t")
    b.support(t, "Cats are clean")
    b.attack(t, "Cats scratch furniture")
    path = tmp_path / "small.html"
    write_report(b.build(), path)
    p = Page(browser, path)
    try:
        settle(p)
        assert len(drawn(p)) == 3 and world_inside_view(p) and scale(p) == 1
        assert min(size for size, _ in text_sizes(p)) >= 11 and p.page.is_visible("#outline")
    finally:
        p.close()


def path_ends(p):
    """data-from -> (class, first point, last point) of every line drawn."""
    return p.page.evaluate(
        "() => Object.fromEntries(Array.from(document.querySelectorAll('#edges path.e[data-from]'), e => {"
        " const n = e.getAttribute('d').match(/-?[0-9.]+/g).map(Number);"
        " return [e.dataset.from, [e.getAttribute('class'), n.slice(0, 2), n.slice(-2)]]; }))"
    )


def junctions(p):
    """data-j -> (centre, fill, title) of every junction dot drawn."""
    return p.page.evaluate(
        "() => Object.fromEntries(Array.from(document.querySelectorAll('#edges circle.j'), c => [c.dataset.j,"
        " [[+c.getAttribute('cx'), +c.getAttribute('cy')], getComputedStyle(c).fill, c.textContent]]))"
    )


def test_seed_linked_argument_meets_at_a_junction_its_undercut_points_at(nav, seed, tmp_path):
    nav.page.fill("#find", "resource-constraints")
    nav.page.press("#find", "Enter")
    settle(nav)
    data = nav.page.evaluate("JSON.parse(document.getElementById('map-data').textContent)")
    premises = [claim_index(seed, c) for c in ("isis-retreats", "rebels-cannot-exploit", "army-best-placed")]
    cutter = claim_index(seed, "resource-constraints")
    (j,) = {data["v"][k] // 2 for k in premises}
    ends, dots = path_ends(nav), junctions(nav)
    centre, fill, title = dots[str(j)]
    assert fill == "rgb(46, 125, 50)" and title == "support"  # a support's junction: green, as in the diagrams
    for k in premises:  # the linked premises' lines meet at the dot, with no head of their own
        assert ends[str(k)][0].split() == ["e", "s"]
        assert ends[str(k)][2] == pytest.approx(centre, abs=0.11)
    # the undercut: a dashed attack whose head touches the dot
    cls, _, end = ends[str(cutter)]
    assert cls.split() == ["e", "a", "u"]
    assert 3.5 <= math.dist(end, centre) <= 4.2
    dash = nav.page.eval_on_selector(f'#edges path[data-from="{cutter}"]', "e => getComputedStyle(e).strokeDasharray")
    assert dash != "none"
    # one line from the dot to the conclusion carries the head
    cls, start, _ = ends[f"j{j}"]
    assert cls.split() == ["e", "s"] and start == pytest.approx(centre, abs=0.11)
    out = tmp_path / "junction.png"
    nav.page.locator("#view").screenshot(path=str(out))


def test_schemes_are_drawn_when_legible(browser, tmp_path):
    from test_report import expert_map

    path = tmp_path / "expert.html"
    m = expert_map()
    write_report(m, path, direction="left")
    p = Page(browser, path)
    try:
        settle(p)
        assert p.errors == [] and scale(p) == 1
        names = p.page.eval_on_selector_all("#edges text.sch", "els => els.map(e => e.textContent)")
        assert sorted(names) == ["Argument from evidence", "Argument from expert opinion"]
        # the linked argument's scheme is written beside its junction, which names it too
        ((centre, _, title),) = junctions(p).values()
        assert title == "support: Argument from expert opinion"
        label = p.page.eval_on_selector_all(
            "#edges text.sch",
            "els => els.filter(e => e.textContent.includes('expert')).map(e => [+e.getAttribute('x'), +e.getAttribute('y')])",
        )
        assert len(label) == 1 and label[0][0] == pytest.approx(centre[0], abs=1) and 0 < centre[1] - label[0][1] <= 12
        # no box hides a name: they stand in the room left between the levels
        overlaps = p.page.evaluate(
            "() => { const boxes = Array.from(document.querySelectorAll('#boxes rect.box'), b => b.getBoundingClientRect());"
            " return Array.from(document.querySelectorAll('#edges text.sch'), t => t.getBoundingClientRect())"
            ".filter(r => boxes.some(b => r.left < b.right && b.left < r.right && r.top < b.bottom && b.top < r.bottom)).length; }"
        )
        assert overlaps == 0
        # and the claims list says it in words
        entry = p.page.inner_text(f"#claim-{[c.id for c in m.claims].index('expert')} .bears")
        assert entry == "supports safe (linked with says) · scheme Argument from expert opinion"
        shot(p, "junction", tmp_path, "#map")
        # zoomed out until the names would be too small to read, they are left out
        p.page.focus("#view")
        for _ in range(3):
            p.page.keyboard.press("-")
        settle(p)
        assert scale(p) < 0.65
        assert p.page.eval_on_selector_all("#edges text.sch", "els => els.length") == 0
        assert len(junctions(p)) == 1  # the dot stays
    finally:
        p.close()


def test_seed_search_by_words(nav, seed):
    nav.page.fill("#find", "Moallem")
    nav.page.press("#find", "Enter")
    first = selected(nav)
    assert len(first) == 1 and "moallem" in seed.claims[first[0]].text.lower()
    assert nav.page.inner_text("#hits").startswith("1 / ")
    nav.page.click("#next")
    assert nav.page.inner_text("#hits").startswith("2 / ") and selected(nav) != first
    nav.page.press("#find", "Shift+Enter")
    assert selected(nav) == first
    # the article follows the map
    assert nav.page.eval_on_selector_all("a.q.hl", "els => els.length") >= 1


def test_big_map_opens_on_its_thesis_with_a_small_dom(big, tmp_path):
    assert big.errors == [] and big.requests == [big.url]
    assert big.load_seconds < 10  # a hang guard; the speed is measured in tests/benchmarks/report.py
    boxes = drawn(big)
    assert 0 in boxes and len(boxes) <= 100
    assert inside_view(big, 0)
    assert big.page.evaluate("document.querySelectorAll('#nav *').length") < 3000
    # the folded claims carry a badge counting what they hide
    badges = big.page.eval_on_selector_all("#boxes g.badge text", "els => els.map(e => e.textContent)")
    assert "+363" in badges  # a claim at depth 3 of the ternary tree hides 3 + 9 + 27 + 81 + 243 claims
    shot(big, "large", tmp_path)


def test_big_map_fold_and_unfold(big):
    before = len(big.page.query_selector_all("#outline li"))
    k = 13  # depth 3: folded at first
    big.page.click(f'#outline li[data-o="{k}"]')  # selects and centres it
    below, level = 0, [k]
    while level:
        level = [c for v in level for c in range(3 * v + 1, 3 * v + 4) if c < BIG]
        below += len(level)
    assert below == 363 + 159  # the first claim of its level holds the 159 of the last, partial level
    assert big.page.text_content(f'g.badge[data-b="{k}"] text') == f"+{below}"
    big.page.click(f'g.badge[data-b="{k}"]')
    assert len(big.page.query_selector_all("#outline li")) == before + 3
    assert {40, 41, 42} <= set(drawn(big))
    assert big.page.text_content(f'g.badge[data-b="{k}"] text') == "\u2212"
    big.page.click(f'g.badge[data-b="{k}"]')
    assert len(big.page.query_selector_all("#outline li")) == before
    assert not {40, 41, 42} & set(drawn(big))


def test_big_map_search_unfolds_the_path_and_centres(big, big_m, tmp_path):
    big.page.fill("#find", "c9877")  # claim 9876, nine levels down
    big.page.press("#find", "Enter")
    settle(big)
    assert selected(big) == [9876] and inside_view(big, 9876)
    assert big.page.inner_text("#hits") == "1 / 1"
    path = [9876]
    while path[-1]:
        path.append((path[-1] - 1) // 3)
    rows = big.page.eval_on_selector_all("#outline li[data-o]", "els => els.map(e => +e.dataset.o)")
    assert set(path) <= set(rows)
    assert big.page.eval_on_selector("#outline li.sel", "e => +e.dataset.o") == 9876
    # its passage was read into the (lazily read) article and highlighted
    assert highlighted(big, "a.q.hl") == [big_m.claims[9876].quote.text]
    shot(big, "searched", tmp_path)
    big.page.fill("#find", "Claim 5000:")
    big.page.press("#find", "Enter")
    assert selected(big) == [5000]
    big.page.fill("#find", "no such words at all")
    big.page.press("#find", "Enter")
    assert big.page.inner_text("#hits") == "no match"


def test_big_map_outline_selects_and_folds(big):
    big.page.click('#outline li[data-o="2"]')
    assert selected(big) == [2]
    assert big.page.eval_on_selector("#outline li.sel", "e => +e.dataset.o") == 2
    rows = len(big.page.query_selector_all("#outline li"))
    big.page.click('#outline li[data-o="2"] .tw')  # fold claim 2
    assert len(big.page.query_selector_all("#outline li")) < rows
    big.page.click('#outline li[data-o="2"] .tw')
    assert len(big.page.query_selector_all("#outline li")) == rows


def test_big_map_pan_and_zoom(big):
    big.page.click("#fit")
    settle(big)
    s0 = scale(big)
    big.page.focus("#view")
    big.page.keyboard.press("+")
    settle(big)
    assert scale(big) > s0
    big.page.keyboard.press("-")
    big.page.keyboard.press("-")
    settle(big)
    assert scale(big) < s0
    big.page.keyboard.press("0")
    settle(big)
    assert scale(big) == pytest.approx(s0)
    box = big.page.query_selector("#view").bounding_box()
    big.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    big.page.mouse.wheel(0, -300)
    settle(big)
    assert scale(big) > s0
    before = big.page.get_attribute("#world", "transform")
    big.page.mouse.move(box["x"] + 100, box["y"] + 100)
    big.page.mouse.down()
    big.page.mouse.move(box["x"] + 180, box["y"] + 150, steps=4)
    big.page.mouse.up()
    settle(big)
    assert big.page.get_attribute("#world", "transform") != before
    # the minimap: a click there moves the view
    before = big.page.get_attribute("#world", "transform")
    mini = big.page.query_selector("#minimap").bounding_box()
    big.page.mouse.click(mini["x"] + 20, mini["y"] + mini["height"] / 2)
    settle(big)
    assert big.page.get_attribute("#world", "transform") != before
    big.page.click("#fit")


def test_big_map_arrow_keys_walk_the_tree(big):
    big.page.click('#outline li[data-o="1"]')
    big.page.focus("#view")
    big.page.keyboard.press("ArrowDown")
    assert selected(big) == [4]  # claim 1's first premise
    big.page.keyboard.press("ArrowRight")
    assert selected(big) == [5]
    big.page.keyboard.press("ArrowLeft")
    assert selected(big) == [4]
    big.page.keyboard.press("ArrowUp")
    assert selected(big) == [1]
    big.page.keyboard.press("ArrowUp")
    assert selected(big) == [0]


def test_big_map_focus_mode(big, tmp_path):
    big.page.fill("#find", "c122")  # claim 121: parent 40, premises 364-366
    big.page.press("#find", "Enter")
    big.page.fill("#focus-k", "1")
    big.page.check("#focus")
    settle(big)
    assert set(drawn(big)) == {121, 40, 364, 365, 366}
    shot(big, "focused", tmp_path)
    big.page.fill("#focus-k", "2")
    big.page.dispatch_event("#focus-k", "change")
    settle(big)
    rows = big.page.eval_on_selector_all("#outline li[data-o]", "els => els.map(e => +e.dataset.o)")
    assert set(rows) == {121, 40, 13, 122, 123, 364, 365, 366, *range(1093, 1102)}
    assert set(drawn(big)) <= set(rows)
    big.page.uncheck("#focus")
    settle(big)
    # the rest of the map is back in the outline (what is drawn depends on
    # where the view is, which the tests before this one moved)
    back = big.page.eval_on_selector_all("#outline li[data-o]", "els => els.map(e => +e.dataset.o)")
    assert len(back) > len(rows) and not set(back) <= set(rows)
    assert drawn(big) and set(drawn(big)) <= set(back)
