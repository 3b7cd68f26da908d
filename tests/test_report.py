"""argmap.report: the offline HTML page (structure, escaping, offline), and `argmap report`.

tests/test_browser.py opens the page in headless Chromium.
"""

import base64
import hashlib
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from _seed import seed_map as _seed_map
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap import ArgumentMap, Claim, Kind, MapBuilder, Relation, Source
from argmap.cli import main
from argmap.report import report, write_report
from argmap.report.html import LIST_MAX_CLAIMS
from argmap.strategies import argument_maps

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)"> & "q" \'s\''


@pytest.fixture(scope="module")
def seed():
    return _seed_map()


def hostile_map():
    text = f"Intro. {HOSTILE} is quoted here. The end </div></span>."
    b = MapBuilder(title=HOSTILE, source=Source(text, title=HOSTILE, url="javascript:alert(3)"))
    t = b.claim(HOSTILE, id=HOSTILE, quote=HOSTILE)
    b.attack(t, "Plain </textarea><svg onload=alert(4)>", quote="The end </div></span>.")
    return b.build()


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of scripts."""

    def __init__(self):
        super().__init__()
        self.tags = []
        self.scripts = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def map_data(page):
    import json

    text = page.split('<script type="application/json" id="map-data">')[1].split("</script>")[0]
    return json.loads(text)


def parse(page):
    p = Tags()
    p.feed(page)
    return p


class TestPage:
    def test_structure(self, seed):
        page = report(seed, diagram=False)
        assert page.startswith("<!DOCTYPE html>")
        for anchor in ('id="article"', 'id="map"', 'id="claims"', 'id="unmapped"', 'id="coverage"'):
            assert anchor in page
        assert "30 of 31 sentences (96.8%)" in page
        assert "35 of 35 verified" in page
        assert page.count('<li id="claim-') == len(seed.claims)

    def test_every_quote_is_highlighted_with_its_role(self, seed):
        page = report(seed, diagram=False)
        roles = seed.roles
        for k, c in enumerate(seed.claims):
            assert f'<span id="q-{k}" class="anchor"></span>' in page, c.id
            marks = re.findall(
                rf'<a class="q role-(\w+)[^"]*" href="#claim-(\d+)" data-c="(?:\d+ )*{k}(?: \d+)*">', page
            )
            assert marks, c.id
        first = re.search(r'<a class="q role-(\w+)[^"]*" href="#claim-(\d+)"', page)
        assert first.group(1) == roles[seed.claims[int(first.group(2))].id].value

    def test_quoted_text_reads_as_the_article(self, seed):
        page = report(seed, diagram=False)
        article = page[page.index('<div class="text">') : page.index("</div>", page.index('<div class="text">'))]
        text = html.unescape(re.sub(r"<br>", "\n", re.sub(r"<(?!br>)[^>]+>", "", article)))
        assert text == seed.source.text

    def test_unmapped_sentences_are_marked(self, seed):
        page = report(seed, diagram=False)
        unmapped = re.findall(r'<span id="s-(\d+)" class="sentence unmapped"', page)
        assert unmapped == ["13"]
        assert 'class="sentence heading"' in page
        assert '<li><span class="num">14</span> <a href="#s-13">Ironically' in page
        assert "<li value=" not in page  # (Chromium renumbers a list at each explicit value: quadratic)

    def test_claims_show_quote_and_distance(self, seed):
        page = report(seed, diagram=False)
        card = page[page.index('<li id="claim-0"') : page.index("</li>", page.index('<li id="claim-0"'))]
        assert "both ISIS and Assad may be the beneficiaries" in card
        assert re.search(r'distance <span class="distance">0\.\d\d</span>', card)
        assert '<span class="status ok">ok</span>' in card

    def test_map_is_shipped_as_data(self, seed):
        page = report(seed)
        assert page.count("<svg") == 1 and "<?xml" not in page and "<!DOCTYPE svg" not in page
        data = map_data(page)
        assert data["id"] == [c.id for c in seed.claims]
        n = len(seed.claims)
        assert all(len(data[key]) == n for key in ("t", "r", "w", "h", "p", "k"))
        assert sorted(data["o"]) == list(range(n))
        assert data["cap"] is None  # the page writes ROLE · id
        evaluated = map_data(report(seed, evaluation={"thesis": 0.625}))["cap"]
        assert evaluated[0].startswith("THESIS · thesis") and "0.62" in evaluated[0]
        # each claim's parent comes before it in the tree's order; the roots are the theses
        seen = set()
        for k in data["o"]:
            assert data["p"][k] == -1 or data["p"][k] in seen
            seen.add(k)
        roots = {seed.claims[k].id for k in range(n) if data["p"][k] == -1}
        assert roots == {c.id for c, r in zip(seed.claims, seed.roles.values()) if r.value == "thesis"}
        # every relation is a tree line or an extra line
        lines = sum(len(r.premises) for r in seed.relations)
        assert sum(p >= 0 for p in data["p"]) + len(data["x"]) == lines

    def test_every_claim_is_in_the_data_whatever_its_id(self):
        from test_render import MAPS
        from test_render import hostile_map as odd_ids

        for m in [odd_ids(), hostile_map(), *(f() for f in MAPS.values())]:
            data = map_data(report(m))
            assert data["id"] == [c.id for c in m.claims]
            assert sorted(data["o"]) == list(range(len(m.claims)))

    def test_a_long_article_of_a_large_map_is_read_lazily(self):
        import json

        sentences = [f"Reason {i} says {HOSTILE}." for i in range(LIST_MAX_CLAIMS + 1)]
        b = MapBuilder(source=Source("\n".join(sentences)))
        t = b.claim("Root", quote=sentences[0])
        for s in sentences[1:]:
            b.support(t, s[:20], quote=s)
        m = b.build()
        page = report(m)
        blocks = re.findall(
            r'<div class="ch lazy" data-ch="(\d+)" style="height:\d+px"><script type="text/plain">(.*?)</script></div>',
            page,
            re.S,
        )
        assert len(blocks) > 1 and [int(i) for i, _ in blocks] == list(range(len(blocks)))
        assert "".join(body for _, body in blocks).count('class="q ') >= len(sentences)
        assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in blocks[0][1]
        data = map_data(page)
        assert data["qch"][0] == 0 and data["qch"] == sorted(data["qch"])
        for k, i in enumerate(data["qch"]):
            assert re.search(f'data-c="([0-9 ]* )?{k}( [0-9 ]*)?"', blocks[i][1]), (
                k
            )  # the block holds the claim's quote
        # small maps, and the page without a drawing, keep the article in place
        assert 'class="ch lazy"' not in report(m, diagram=False) and json.dumps(None) == "null"

    def test_folded_claims_start_folded(self, seed):
        data = map_data(report(seed, folded=["assad-benefits", "no-such-claim"]))
        assert data["f"] == [[c.id for c in seed.claims].index("assad-benefits")]

    def test_large_map_lists_no_cards(self):
        b = MapBuilder()
        t = b.claim("Root")
        for i in range(LIST_MAX_CLAIMS):
            b.support(t, f"Reason {i}")
        page = report(b.build())
        assert 'id="card"' in page and 'class="claims"' not in page and "<noscript>" not in page

    def test_header_names_both_theses(self, seed):
        page = report(seed, diagram=False)
        assert "<dt>Theses</dt>" in page and "2 theses, 28 premises, 3 objections, 1 rebuttal, 1 undercutter" in page

    def test_without_dot_still_draws_the_map(self, seed, monkeypatch):
        from argmap.render import backend

        monkeypatch.setattr(backend, "have_dot", lambda: False)
        page = report(seed)
        assert 'id="map-data"' in page and '<noscript><pre class="tree">' in page
        assert '<pre class="tree">' in report(seed, diagram=False) and "<svg" not in report(seed, diagram=False)

    def test_strengths_when_evaluated(self, seed):
        page = report(seed, evaluation={"thesis": 0.625, "assad-benefits": 0.5}, diagram=False)
        assert page.count("strength 0.62") == 2  # header and card
        assert "strength 0.50" in page
        assert 'class="strength"' not in report(seed, diagram=False)

        class Result:
            def __init__(self):
                self.strengths = {"thesis": 0.25}

        assert "strength 0.25" in report(seed, evaluation=Result(), diagram=False)
        with pytest.raises(TypeError, match="evaluation"):
            report(seed, evaluation=3, diagram=False)

    def test_map_without_source(self):
        m = ArgumentMap([Claim("a", "A"), Claim("b", "B")], [Relation("r", Kind.SUPPORT, ("b",), "a")])
        page = report(m, diagram=False)
        assert "The map has no source text." in page and 'id="unmapped"' not in page

    def test_deterministic(self, seed):
        assert report(seed, diagram=False) == report(seed, diagram=False)


def expert_map(scheme="Argument from expert opinion"):
    """A linked argument (with a scheme) whose inference is undercut, and a
    plain reason with a scheme of its own."""
    b = MapBuilder(title="Is the drug safe?")
    t = b.claim("The new drug is safe", id="safe")
    r = b.support(
        t,
        [b.claim("Dr. Ames is an expert in pharmacology", id="expert"), b.claim("Dr. Ames says it is safe", id="says")],
        id="from-expert",
        scheme=scheme,
    )
    b.undercut(r, b.claim("Dr. Ames is paid by the drug's maker", id="bias"))
    b.support(t, b.claim("Ten trials found no serious side effects", id="trials"), scheme="Argument from evidence")
    b.attack(t, b.claim("Two patients fell ill", id="ill"))
    return b.build()


def check_junctions(m, data):
    """The junctions and schemes of the map's data agree with the map."""
    ids = [c.id for c in m.claims]
    relations = {r.id: r for r in m.relations}

    def conclusion(rid):
        seen = set()
        while rid in relations and rid not in seen:
            seen.add(rid)
            rid = relations[rid].target
        return rid if rid not in relations else None

    targeted = {r.target for r in m.relations}
    joined = [r for r in m.relations if (len(r.premises) > 1 or r.id in targeted) and conclusion(r.id) is not None]
    junctions = data["j"]
    assert len(junctions) == len(joined)
    assert sorted(j[1] for j in junctions) == sorted(int(r.kind.is_attack) for r in joined)

    def end(j):  # the claim a junction's chain of targets ends at
        for _ in range(len(junctions) + 1):
            t = junctions[j][0]
            if t >= 0:
                return t
            j = -1 - t
        raise AssertionError("a cycle of junctions")

    for t, kind, scheme in junctions:
        assert -len(junctions) <= t < len(ids) and kind in (0, 1) and -1 <= scheme < len(data["sn"])
    assert len(set(data["sn"])) == len(data["sn"])
    assert set(data["sn"]) == {r.scheme for r in m.relations if r.scheme and conclusion(r.id) is not None}
    via = data["v"] or [-1] * len(ids)
    for k, (p, w) in enumerate(zip(data["p"], via)):
        if p < 0:
            assert w == -1
        elif w >= 0:
            j = w >> 1
            assert end(j) == p  # the line goes into a junction of its own conclusion
            if w & 1:  # onto an inference: dashed, its head at the junction
                assert data["k"][k] >= 2
            else:  # one of the junction's premises: the junction has the line's kind
                assert data["k"][k] % 2 == junctions[j][1]
                assert data["k"][k] >= 2 if junctions[j][0] < 0 else data["k"][k] < 2
    # every scheme is drawn once for each line it belongs to: on a junction, or on the line itself
    want = sum(1 for r in joined if r.scheme) + sum(
        sum(1 for p in r.premises if p != conclusion(r.id))
        for r in m.relations
        if r.scheme and r not in joined and conclusion(r.id) is not None
    )
    carried = sum(1 for j in junctions if j[2] >= 0)
    carried += sum(1 for sch in data["s"] or () if sch >= 0) + sum(1 for x in data["x"] if len(x) > 4)
    assert carried == want


class TestJunctionsAndSchemes:
    def test_the_seed_linked_argument_meets_at_a_junction_its_undercut_points_at(self, seed):
        data = map_data(report(seed))
        ids = data["id"]
        k = ids.index
        check_junctions(seed, data)
        # both-benefit, gains-territory, isis-intact-and-spread and instability are linked;
        # gains-territory is also undercut (by resource-constraints)
        assert [ids[j[0]] for j in data["j"]] == [
            "thesis",
            "assad-benefits",
            "isis-benefits",
            "ripe-for-radicalization",
        ]
        (gains,) = [j for j, (t, _, _) in enumerate(data["j"]) if ids[t] == "assad-benefits"]
        for premise in ("isis-retreats", "rebels-cannot-exploit", "army-best-placed"):
            assert data["v"][k(premise)] == 2 * gains and data["p"][k(premise)] == k("assad-benefits")
        assert data["v"][k("resource-constraints")] == 2 * gains + 1  # its head at the junction
        assert data["k"][k("resource-constraints")] == 3  # an attack onto an inference
        assert data["v"][k("balance-unchanged")] == -1  # a plain objection: straight to its target
        # the undercutter stands right after the premises it cuts off
        kids = [v for v in data["o"] if data["p"][v] == k("assad-benefits")]
        assert [ids[v] for v in kids[:4]] == [
            "isis-retreats",
            "rebels-cannot-exploit",
            "army-best-placed",
            "resource-constraints",
        ]
        assert data["sn"] == [] and data["s"] is None

    def test_schemes_are_shipped_and_listed(self):
        m = expert_map()
        page = report(m)
        data = map_data(page)
        check_junctions(m, data)
        assert data["sn"] == ["Argument from expert opinion", "Argument from evidence"]
        ((t, kind, scheme),) = data["j"]
        assert data["id"][t] == "safe" and kind == 0 and data["sn"][scheme] == "Argument from expert opinion"
        ids = data["id"]
        assert data["sn"][data["s"][ids.index("trials")]] == "Argument from evidence"
        assert data["s"][ids.index("ill")] == -1 and data["v"][ids.index("bias")] == 1
        # each claim's entry says what it bears on, with the scheme
        entry = page[page.index('<li id="claim-1"') : page.index("</li>", page.index('<li id="claim-1"'))]
        assert '<p class="meta bears">supports <a href="#claim-0"><code>safe</code></a>' in entry
        assert '(linked with <a href="#claim-2"><code>says</code></a>)' in entry
        assert '· scheme <span class="scheme">Argument from expert opinion</span>' in entry
        bias = page[page.index('<li id="claim-3"') : page.index("</li>", page.index('<li id="claim-3"'))]
        assert "undercuts the inference from" in bias and "<code>expert</code>" in bias

    def test_a_hostile_scheme_is_text(self):
        page = report(expert_map(scheme=HOSTILE))
        assert HOSTILE in map_data(page)["sn"]
        assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        data = page.split('<script type="application/json" id="map-data">')[1].split("</script>")[0]
        assert "<" not in data and ">" not in data and "&" not in data

    def test_undercuts_of_undercuts_and_cycles(self):
        b = MapBuilder()
        t = b.claim("T", id="t")
        r = b.support(t, "A", id="ra")
        u = b.undercut(r, "U", id="ru")
        b.undercut(u, ["V", "W"], id="rv")
        m = b.build()
        data = map_data(report(m))
        check_junctions(m, data)
        ids = data["id"]
        # ra and ru are undercut, rv is linked: three junctions, ru's pointing at ra's, rv's at ru's
        assert len(data["j"]) == 3
        by_target = {j[0] for j in data["j"]}
        assert ids.index("t") in by_target and -1 - 0 in by_target and -1 - 1 in by_target

    @given(
        argument_maps(max_claims=12, shared_claims=True, cycles=True, with_metadata=True),
        st.sampled_from(["up", "left"]),
    )
    def test_every_line_and_scheme_is_accounted_for(self, m, direction):
        data = map_data(report(m, direction=direction))
        check_junctions(m, data)
        lines = 0
        relations = {r.id: r for r in m.relations}
        for r in m.relations:
            t, seen = r.id, set()
            while t in relations and t not in seen:
                seen.add(t)
                t = relations[t].target
            if t not in relations:
                lines += sum(1 for p in r.premises if p != t)
        assert sum(p >= 0 for p in data["p"]) + len(data["x"]) == lines


class TestLinearTime:
    def test_a_chain_of_undercuts(self):
        # each junction once walked the chain down to its claim: 8,000 undercuts took 7.9 s
        # (these 30,000 about 110 s), now about 1 s
        from _guards import hang_guard

        b = MapBuilder()
        r = b.support(b.claim("Tea is better"), "Tea calms")
        for i in range(30_000):
            r = b.undercut(r, f"Not always {i}")
        m = b.build()
        with hang_guard(60):
            page = report(m)
        data = map_data(page)
        assert len(data["j"]) == 30_000

    def test_a_short_chain_of_undercuts_is_drawn_as_before(self):
        b = MapBuilder()
        r = b.support(b.claim("Tea is better"), "Tea calms")
        for i in range(5):
            r = b.undercut(r, f"Not always {i}")
        m = b.build()
        check_junctions(m, map_data(report(m)))


class TestQuietBranches:
    def test_a_branch_folds_when_nothing_in_it_matters(self):
        from argmap.report import quiet_branches

        b = MapBuilder()
        t = b.claim("Go", id="t")
        a = b.claim("Too far", id="a")
        b.attack(t, a)
        b.attack(a, b.claim("It is near", id="n"))
        assert quiet_branches(b.build()) == []
        assert quiet_branches(b.build(), threshold=2.0) == ["a"]  # nothing reaches 2; a thesis stays open

    def test_a_claim_that_matters_keeps_its_ancestors_open(self, seed):
        from argmap.report import quiet_branches
        from argmap.semantics import sensitivity

        quiet = set(quiet_branches(seed))
        roles = seed.roles
        matters = set()
        for c in seed.claims:
            if roles[c.id].value == "thesis":
                matters |= {i.argument for i in sensitivity(seed, c.id) if abs(i.impact) >= 0.01}
        for r in seed.relations:
            if any(p in matters for p in r.premises) and r.target in roles:
                assert r.target not in quiet

    def test_a_cycle_ends(self):
        from argmap.report import quiet_branches

        m = ArgumentMap(
            [Claim("a", "A"), Claim("b", "B"), Claim("t", "T")],
            [
                Relation("r1", Kind.ATTACK, ("a",), "b"),
                Relation("r2", Kind.ATTACK, ("b",), "a"),
                Relation("r3", Kind.SUPPORT, ("a",), "t"),
            ],
        )
        assert set(quiet_branches(m, threshold=2.0)) == {"a", "b"}

    def test_a_thesis_is_never_folded(self, seed):
        from argmap.report import quiet_branches

        theses = {c.id for c in seed.claims if seed.roles[c.id].value == "thesis"}
        assert theses and not theses & set(quiet_branches(seed, threshold=2.0))


class TestSafety:
    @pytest.mark.parametrize("diagram", [False, True])
    def test_user_text_is_escaped(self, diagram):
        page = report(hostile_map(), diagram=diagram)
        parsed = parse(page)
        scripts = [a for t, a in parsed.tags if t == "script"]
        assert len(scripts) == 1 + diagram and all(a.get("type") == "application/json" for a in scripts[:-1])
        if diagram:  # the map's data cannot end its script element, nor is it run
            data = page.split('<script type="application/json" id="map-data">')[1].split("</script>")[0]
            assert "<" not in data and ">" not in data and "&" not in data
            assert HOSTILE in map_data(page)["id"]
        assert not [t for t, _ in parsed.tags if t in ("img", "textarea", "iframe", "object", "embed")]
        for tag, attrs in parsed.tags:
            assert not any(name.startswith("on") for name in attrs), (tag, attrs)
            for name in ("href", "src", "xlink:href"):
                value = attrs.get(name)
                assert value is None or value.startswith("#"), (tag, attrs)
        assert "alert(" not in parsed.scripts[-1]
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page

    def test_offline(self, seed):
        page = report(seed, diagram=False)
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
        assert "@import" not in page and "url(" not in page

    def test_only_the_page_script_may_run(self, seed):
        page = report(seed, diagram=False)
        csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
        assert "default-src 'none'" in csp
        (script,) = parse(page).scripts
        assert '<script type="application/json" id="map-data">' in report(seed)
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"script-src 'sha256-{digest}'" in csp

    def test_source_url_link_only_for_http(self, seed):
        assert "javascript:" not in re.findall(r'href="([^"]*)"', report(hostile_map(), diagram=False))
        m = MapBuilder(source=Source("Text.", url="https://example.org/a?b=1&c=2")).build()
        page = report(m, diagram=False)
        assert '<a href="https://example.org/a?b=1&amp;c=2" rel="noreferrer">' in page


class TestCommand:
    def test_writes_the_report(self, seed, tmp_path, capsys):
        path = tmp_path / "seed.json"
        argmap.dump(seed, path)
        assert main(["report", str(path), "--no-diagram"]) == 0
        out = capsys.readouterr().out
        assert out == f"wrote {tmp_path / 'seed.html'}\ncoverage: 30 of 31 sentences (96.8%), 73.2% of the characters\n"
        assert (tmp_path / "seed.html").read_text(encoding="utf-8") == report(seed, diagram=False)
        assert main(["report", str(path), "-o", str(tmp_path / "r.html"), "--no-diagram"]) == 0

    def test_semantics_shows_the_strengths(self, seed, tmp_path, capsys):
        from argmap.semantics import GRADUAL_SEMANTICS, evaluate

        path = tmp_path / "seed.json"
        argmap.dump(seed, path)
        assert main(["report", str(path), "--no-diagram", "--semantics", "euler"]) == 0
        page = (tmp_path / "seed.html").read_text(encoding="utf-8")
        assert page == report(seed, diagram=False, evaluation=evaluate(seed, "euler"))
        assert page != report(seed, diagram=False)
        # Dung semantics give labels, not strengths: a usage error.
        assert main(["report", str(path), "--semantics", "grounded"]) == 2
        assert "invalid choice: 'grounded'" in capsys.readouterr().err
        from argmap import cli

        assert cli._GRADUAL == GRADUAL_SEMANTICS

    def test_semantics_folds_the_quiet_branches(self, seed, tmp_path):
        from argmap.report import quiet_branches

        path = tmp_path / "seed.json"
        argmap.dump(seed, path)
        assert main(["report", str(path), "--semantics", "df-quad"]) == 0
        data = map_data((tmp_path / "seed.html").read_text(encoding="utf-8"))
        quiet = quiet_branches(seed, "df-quad")
        assert quiet and [data["id"][k] for k in data["f"]] == quiet

    def test_bad_map(self, tmp_path, capsys):
        assert main(["report", str(tmp_path / "none.json")]) == 1
        assert "none.json: error: cannot read" in capsys.readouterr().err

    def test_would_replace(self, tmp_path, capsys):
        assert main(["report", str(tmp_path / "x.html"), "--from", "json"]) == 2

    def test_write_report(self, seed, tmp_path):
        path = write_report(seed, tmp_path / "r.html", diagram=False)
        assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def _char_share_by_hand(cov):
    n = len(cov.text)
    inside = [False] * n
    for a, b in cov.spans.values():
        start, end = max(0, min(a, n)), max(0, min(b, n))
        inside[start:end] = [True] * (end - start)
    total = hit = 0
    for s in cov.body:
        for i in range(s.start, s.end):
            if not cov.text[i].isspace():
                total += 1
                hit += inside[i]
    return hit / total if total else 1.0


@given(
    text=st.text(alphabet=st.sampled_from("ab. \n\t\u00a0\u2003\x1cXY?!"), max_size=80),
    spans=st.lists(st.tuples(st.integers(-5, 90), st.integers(-5, 90)), max_size=6),
)
def test_char_share_counts_each_character_once(text, spans):
    """The coverage's character share (swept over merged spans, the pieces
    counted at once) is the share counted character by character."""
    import attrs

    from argmap.source import coverage

    cov = coverage(MapBuilder(source=Source(text)).build())
    cov = attrs.evolve(cov, spans={f"c{i}": span for i, span in enumerate(spans)})
    assert cov.char_share == _char_share_by_hand(cov)
