"""argmap.render.to_mermaid: golden files, escaping, and `argmap render --format mermaid`.

Golden files live in tests/data/golden/*.mmd; regenerate them after an
intended change with ARGMAP_REGEN_GOLDEN=1.  tests/test_browser.py also
renders them with mermaid.js when ARGMAP_MERMAID_JS names a copy of it.
"""

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from test_render import GOLDEN, MAPS, REGEN, chain, hostile_map

import argmap
from argmap import ArgmapError, ArgumentMap, Claim, Kind, Relation, ValidationError
from argmap.cli import main
from argmap.render import render, to_mermaid
from argmap.render.dot import wrap
from argmap.render.mermaid import escape
from argmap.strategies import argument_maps

LINE = re.compile(
    r"flowchart (BT|TB|LR|RL)"
    r"|    %% [^\n]*"
    r'|    [nj]\d+\["[^"\n]*"\]:::\w+'
    r'|    j\d+\(\(" "\)\):::\w+'
    r"|    [nj]\d+ (-->|--x|---|-\.->|-\.-x|-\.-|==>\|entails\||==x\|contrary\||x==x\|contradictory\||===) [nj]\d+"
    r"|    linkStyle [\d,]+ stroke:#\w+,stroke-width:[\d.]+px(,stroke-dasharray:5 4)?"
    r"|    classDef \w+ fill:#\w+,stroke:#\w+(,stroke-width:[\d.]+px,color:#\w+)?"
)


@pytest.mark.parametrize("name", sorted(MAPS))
def test_golden(name):
    text = to_mermaid(MAPS[name]())
    path = GOLDEN / f"{name}.mmd"
    if REGEN:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {path}; run with ARGMAP_REGEN_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(MAPS))
def test_every_line_has_a_known_shape(name):
    for line in to_mermaid(MAPS[name]()).splitlines():
        assert LINE.fullmatch(line), line


def test_arrow_kinds():
    text = to_mermaid(MAPS["undercut"]())
    assert " --> " in text and " -.-x " in text and "stroke-dasharray" in text
    strict = to_mermaid(MAPS["strict"]())
    for arrow in ("==>|entails|", "==x|contrary|", "x==x|contradictory|"):
        assert arrow in strict
    assert " --x " in to_mermaid(MAPS["attack"]())


def test_linked_premises_meet_in_a_junction():
    text = to_mermaid(MAPS["linked"]())
    assert text.count("---") == 2 and 'j0((" ")):::supportjunction' in text and "j0 --> n0" in text


def test_roles_are_classes():
    text = to_mermaid(MAPS["rebuttal"]())
    for role in ("thesis", "objection", "rebuttal"):
        assert f":::{role}" in text and f"classDef {role} " in text


def test_hostile_text_is_escaped():
    text = to_mermaid(hostile_map())
    body = "\n".join(line for line in text.splitlines() if '["' in line)
    for label in re.findall(r'\["(.*)"\]', body):
        assert not set(label.replace("<br/>", "")) & set('"<>`'), label
    assert "She said #quot;no#quot; #amp; left" in text
    assert "#lt;b#gt;bold#lt;/b#gt;" in text
    assert "    %% #lt;Hostile#gt; #amp; #quot;quoted#quot;\\\n" in text  # the title is only a comment


def test_escape_is_reversible():
    s = 'a "b" <c> & #d; `e`'
    back = escape(s)
    assert unescape(back) == s


def test_options():
    m = MAPS["support"]()
    assert to_mermaid(m, direction="right").startswith("flowchart LR\n")
    with pytest.raises(ArgmapError, match="direction"):
        to_mermaid(m, direction="sideways")
    with pytest.raises(ArgmapError, match="wrap"):
        to_mermaid(m, wrap=0)


def test_deep_chain():
    text = to_mermaid(chain(20_000))
    assert text.count("\n") > 40_000


@given(argument_maps())
def test_any_map(m):
    text = to_mermaid(m)
    assert text == to_mermaid(m)
    for line in text.splitlines():
        assert LINE.fullmatch(line), line


def test_render_file_and_cli(tmp_path, capsys):
    m = MAPS["support"]()
    assert render(m, tmp_path / "m.mmd").read_text() == to_mermaid(m)
    path = tmp_path / "m.json"
    argmap.dump(m, path)
    assert main(["render", str(path), "--format", "mermaid", "-o", "-"]) == 0
    assert capsys.readouterr().out == to_mermaid(m)
    assert main(["render", str(path), "--format", "mermaid"]) == 0
    assert (tmp_path / "m.mmd").read_text() == to_mermaid(m)
    assert main(["render", str(path), "-o", str(tmp_path / "x.mmd"), "--direction", "left"]) == 0
    assert (tmp_path / "x.mmd").read_text().startswith("flowchart RL\n")


def test_claim_ids_never_reach_node_ids():
    m = argmap.ArgumentMap([Claim('a"]; click n0 call alert(1)', "text")])
    assert to_mermaid(m).splitlines()[1].startswith('    n0["THESIS · a#quot;]; click')


def test_undercut_kind_order():
    assert Kind.ATTACK.is_attack  # the arrow table covers every kind
    from argmap.render.mermaid import _arrows

    for kind in Kind:
        for onto in (False, True):
            head, line = _arrows(kind, onto)
            assert head and line


# --------------------------------------------------------------------------
# Injection: no user string may form a directive, a comment, a statement or
# markup (issue 17: a Mermaid 11 page fetched an attacker's URL from a claim).

ATTACKS = [
    "%%{init: {'theme': 'dark', 'themeCSS': '@import url(https://evil.example/x.css);'}}%%",
    '%%{init: {"securityLevel": "loose"}}%%',
    "%%{wrap}%%",
    "%% a comment",
    '"]; click n0 call alert(1); n9["',
    '"]\nclick n0 href "javascript:alert(1)"\nn9["',
    "\nstyle n0 fill:#f00\nclassDef thesis fill:#f00;",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "`**md**`",
    "#quot;]; click n0 call alert(1)",
    "\ufb02\u00b0lt\u00b6\u00dfb\ufb02\u00b0gt\u00b6\u00df",  # Mermaid's own stand-ins for "&lt;b&gt;"
    "style x:#quot;a#quot;",
    "a\u2028%%{init: {}}%%\u2029b",
]


def unescape(label: str) -> str:
    """The text an escaped label stands for (Mermaid's entity codes decoded)."""
    return html.unescape(re.sub(r"#(\w+);", lambda m: f"&#{m[1]};" if m[1].isdigit() else f"&{m[1]};", label))


def attack_map(title: str, cid: str, text: str) -> ArgumentMap:
    claims = [Claim(cid, text), Claim("c2", text), Claim("c3", "plain")]
    relations = [
        Relation("r1", Kind.ATTACK, (cid,), "c2"),
        Relation("r2", Kind.SUPPORT, ("c3", "c2"), cid),
    ]
    return ArgumentMap(claims, relations, title=title)


def check_injection_free(m: ArgumentMap, text: str) -> None:
    """The invariants of Mermaid output: every line has a known shape, each
    node's label is one quoted string that stands for the claim's caption
    and wrapped text, and '%%' occurs only where argmap writes its comment."""
    lines = text.splitlines()
    comments = [n for n, line in enumerate(lines) if line.startswith("    %% ")]
    assert comments == ([1] if m.title and m.title.strip() else [])
    assert text.count("%%") == len(comments)
    assert "%" not in text.replace("    %% ", "", 1)
    for line in lines:
        assert LINE.fullmatch(line), line
    roles = m.roles
    labels = [line for line in lines if re.match(r'    n\d+\["', line)]
    assert len(labels) == len(m.claims)
    for c, line in zip(m.claims, labels):
        label = re.fullmatch(r'    n\d+\["([^"]*)"\]:::\w+', line)[1]
        parts = [unescape(p) for p in label.split("<br/>")]
        assert parts == [f"{roles[c.id].value.upper()} · {' '.join(c.id.split())}", *wrap(c.text, 28)]
    if m.title and m.title.strip():
        assert unescape(lines[1][len("    %% ") :]) == " ".join(m.title.split())


@pytest.mark.parametrize("attack", ATTACKS)
def test_attacks_in_title_id_and_text_are_defused(attack):
    m = attack_map(attack, "x" + " ".join(attack.split()), attack)
    text = to_mermaid(m)
    check_injection_free(m, text)
    assert "{init" not in text.replace("{init#58;", "")


def test_directive_is_written_as_entities():
    m = attack_map("%%{init: {'theme':'dark'}}%%", "c1", "%%{init: {'theme':'dark'}}%%")
    text = to_mermaid(m)
    assert "    %% #37;#37;{init#58; {'theme'#58;'dark'}}#37;#37;\n" in text
    assert "<br/>#37;#37;{init#58; {'theme'#58;'dark'}}#37;#37;\"]:::" in text


_PIECES = st.sampled_from(
    ATTACKS
    + ["%", "%%", "{", "}", "'", '"', "`", "<", ">", "&", "#", ";", ":", "[", "]", "(", ")", "|", "\\", "-->", " "]
    + ["\n", "\t", "\r", "\u2028", "\x85", "\u202e", "\ufb02", "\u00b6", "\u00df", "click", "style", "end", "init"]
)
_REFUSED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")  # by the model
_HOSTILE = st.lists(_PIECES | st.text(max_size=4), min_size=1, max_size=6).map(lambda p: _REFUSED.sub("", "".join(p)))


@given(
    title=st.none() | _HOSTILE,
    ids=st.lists(_HOSTILE, min_size=1, max_size=4, unique=True),
    texts=st.lists(_HOSTILE, min_size=4, max_size=4),
)
def test_any_title_ids_and_texts(title, ids, texts):
    ids = list(dict.fromkeys("".join(ch for ch in i if ch.isprintable()).strip() for i in ids))
    ids = [i for i in ids if i] or ["c1"]
    texts = [t if t.strip() else "text" for t in texts]
    claims = [Claim(i, t) for i, t in zip(ids, texts)]
    relations = [
        Relation(f"r {k}", Kind.ATTACK if k % 2 else Kind.SUPPORT, (ids[k],), ids[k - 1]) for k in range(1, len(ids))
    ]
    try:
        m = ArgumentMap(claims, relations, title=title)
    except ValidationError:
        assume(False)
    check_injection_free(m, to_mermaid(m))


@given(argument_maps(with_metadata=True, kinds=tuple(Kind)))
def test_any_map_is_injection_free(m):
    check_injection_free(m, to_mermaid(m))


# --------------------------------------------------------------------------
# Mermaid's own parser (node and the npm package mermaid): skipped when absent.
# ARGMAP_MERMAID_DIR names a folder whose node_modules holds mermaid (npm
# install mermaid@11 there); by default the repository's own folder.

MERMAID_DIR = Path(os.environ.get("ARGMAP_MERMAID_DIR", Path(__file__).resolve().parent.parent))

_PARSE_JS = r"""
import readline from "node:readline";
import DOMPurify from "dompurify";
// Parsing needs no DOM; DOMPurify without a window has no hooks to install.
DOMPurify.addHook ??= () => {};
DOMPurify.sanitize ??= (x) => x;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
const decode = (t) => t.replace(/\ufb02\u00b0\u00b0/g, "&#").replace(/\ufb02\u00b0/g, "&").replace(/\u00b6\u00df/g, ";");
for await (const line of readline.createInterface({ input: process.stdin })) {
  let out;
  try {
    const text = JSON.parse(line);
    const { config } = await mermaid.parse(text);
    const d = await mermaid.mermaidAPI.getDiagramFromText(text);
    const vertices = [...d.db.getVertices().values()].map((v) => ({
      id: v.id, text: decode(v.text), classes: v.classes, styles: v.styles, link: v.link ?? null,
    }));
    out = {
      config, vertices, edges: d.db.getEdges().length, funs: d.db.funs.length,
      tooltips: Object.keys(d.db.tooltips ?? {}).length, classes: [...d.db.getClasses().keys()],
    };
  } catch (e) {
    out = { error: String(e && e.message) };
  }
  process.stdout.write(JSON.stringify(out) + "\n");
}
"""


def _have_mermaid() -> bool:
    if shutil.which("node") is None:
        return False
    probe = subprocess.run(
        ["node", "-e", "require.resolve('mermaid'); require.resolve('dompurify')"],
        cwd=MERMAID_DIR,
        capture_output=True,
        timeout=60,
    )
    return probe.returncode == 0


@pytest.fixture(scope="module")
def mermaid_parse():
    if not _have_mermaid():
        pytest.skip(
            f"node and the npm package mermaid are needed (npm install mermaid@11 in {MERMAID_DIR}, or set ARGMAP_MERMAID_DIR)"
        )
    proc = subprocess.Popen(
        ["node", "--input-type=module", "-e", _PARSE_JS],
        cwd=MERMAID_DIR,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )

    def parse(text: str) -> dict:
        proc.stdin.write(json.dumps(text) + "\n")
        proc.stdin.flush()
        return json.loads(proc.stdout.readline())

    yield parse
    proc.stdin.close()
    proc.wait(timeout=60)


def check_with_mermaid(parse, m: ArgumentMap) -> None:
    text = to_mermaid(m)
    result = parse(text)
    assert "error" not in result, result
    assert result["config"] == {}  # no directive took effect
    assert result["funs"] == 1 and result["tooltips"] == 0  # its own tooltip set-up, no click callback
    roles = m.roles
    vertices = {v["id"]: v for v in result["vertices"]}
    claims = {f"n{k}": c for k, c in enumerate(m.claims)}
    assert set(claims) <= set(vertices)
    assert all(re.fullmatch(r"[nj]\d+", v) for v in vertices)
    for vid, v in vertices.items():
        assert v["link"] is None and "clickable" not in v["classes"] and v["styles"] == [], v
        if vid in claims:
            c = claims[vid]
            assert v["classes"] == [roles[c.id].value]
            parts = [html.unescape(p) for p in v["text"].split("<br/>")]
            assert parts == [f"{roles[c.id].value.upper()} · {' '.join(c.id.split())}", *wrap(c.text, 28)]
    assert set(result["classes"]) <= {r.value for r in argmap.Role} | {"attackjunction", "supportjunction"}


def test_mermaid_sees_what_it_is_meant_to(mermaid_parse):
    result = mermaid_parse("flowchart BT\n    n0[\"a %%{init: {'theme':'dark'}}%%\"] --> n1[\"b\"]\n")
    assert result["config"] == {"theme": "dark"}  # the attack the escaping defuses


@pytest.mark.parametrize("name", sorted(MAPS))
def test_mermaid_parses_golden_maps(mermaid_parse, name):
    check_with_mermaid(mermaid_parse, MAPS[name]())


@pytest.mark.parametrize("attack", ATTACKS)
def test_mermaid_parses_attacks(mermaid_parse, attack):
    check_with_mermaid(mermaid_parse, attack_map(attack, "x" + " ".join(attack.split()), attack))


@given(title=st.none() | _HOSTILE, texts=st.lists(_HOSTILE, min_size=3, max_size=3))
def test_mermaid_parses_any_text(mermaid_parse, title, texts):
    cid = "x" + "".join(ch for ch in texts[0] if ch.isprintable()).strip()
    try:
        m = attack_map(title, cid, texts[1] if texts[1].strip() else "text")
    except ValidationError:
        assume(False)
    check_with_mermaid(mermaid_parse, m)
