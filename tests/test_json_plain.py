"""The straight path of ``argmap render MAP.json --layout tree``: a plain,
certainly valid argmap JSON map read as columns (argmap.formats._json_plain)
and drawn from them, without the model, exactly as the model's path draws
it; anything else declined (None), so that the usual path reads it and
reports what is wrong."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap import MapBuilder, dump, dumps
from argmap.cli import main
from argmap.errors import ArgmapError
from argmap.formats._json_plain import count_literals, plain_map
from argmap.formats.json import to_data
from argmap.model import ArgumentMap, Kind
from argmap.render.layout import to_tree_svg
from argmap.render.layout._svg import tree_svg
from argmap.render.layout._view import view_of, view_of_columns
from argmap.strategies import argument_maps, ids

DIRECTIONS = ("up", "down", "left", "right")

#: Texts of letters, digits, punctuation, symbols and single spaces: what the
#: straight path reads (it leaves tabs, line breaks and other spaces to the
#: model's path).
plain_texts = st.lists(
    st.text(st.characters(categories=("L", "N", "P", "S"), exclude_characters="\ufffe\uffff"), min_size=1, max_size=8),
    min_size=1,
    max_size=5,
).map(" ".join)

any_maps = st.one_of(
    argument_maps(max_claims=25, shared_claims=True, cycles=True, undercuts=True, kinds=tuple(Kind)),
    argument_maps(max_claims=12, cycles=True, kinds=tuple(Kind), with_metadata=True, ids=ids()),
)
plain_maps = argument_maps(
    max_claims=25, shared_claims=True, cycles=True, undercuts=True, kinds=tuple(Kind), texts=plain_texts
)


def straight_svg(data: bytes, **options: Any) -> str | None:
    """The straight path's drawing of the document *data*, or None if it declines."""
    plain = plain_map(data)
    return None if plain is None else tree_svg(view_of_columns(*plain), **options)


def printable(text: str) -> bool:
    return text.isprintable() and not text.isspace()


def is_plain(m: ArgumentMap) -> bool:
    """Whether *m* is of the shape the straight path reads (a map is valid)."""
    return (
        m.source is None
        and not m.data
        and (m.title is None or printable(m.title))
        and all(
            c.quote is None and not c.tags and not c.data and c.base_score is None and printable(c.text)
            for c in m.claims
        )
        and all(item.id.isprintable() for item in (*m.claims, *m.relations))
        and all(
            r.scheme is None and not r.data and r.base_score is None and r.target not in r.premises for r in m.relations
        )
    )


class TestSameDrawing:
    @given(plain_maps, st.sampled_from(DIRECTIONS))
    def test_plain_maps_are_read_and_drawn_as_the_model_draws_them(self, m, direction):
        assert is_plain(m)
        svg = straight_svg(dumps(m).encode("utf-8"), direction=direction)
        assert svg is not None
        assert svg == to_tree_svg(m, direction=direction)

    @given(any_maps, st.sampled_from(DIRECTIONS), st.integers(1, 40))
    def test_any_map_declined_or_drawn_alike(self, m, direction, wrap):
        svg = straight_svg(dumps(m).encode("utf-8"), direction=direction, wrap=wrap)
        if is_plain(m):
            assert svg is not None
        if svg is not None:
            assert svg == to_tree_svg(m, direction=direction, wrap=wrap)

    @given(plain_maps)
    def test_the_view_is_the_model_s(self, m):
        plain = plain_map(dumps(m).encode("utf-8"))
        assert plain is not None
        view, model = view_of_columns(*plain), view_of(m)
        assert view.roles == model.roles == [m.roles[c.id] for c in m.claims]
        assert (view.title, view.claim_ids, view.texts) == (model.title, model.claim_ids, model.texts)
        fields = ("id", "kind", "premises", "target", "scheme")
        assert [[getattr(r, f) for f in fields] for r in view.relations] == [
            [getattr(r, f) for f in fields] for r in model.relations
        ]
        assert {t: [r.id for r in rs] for t, rs in view.into.items()} == {
            t: [r.id for r in rs] for t, rs in model.into.items()
        }


# --------------------------------------------------------------------------
# Mutated documents: declined, or (if the model reads them) drawn alike


def _pick(draw: Any, items: list[Any]) -> Any:
    return items[draw(st.integers(0, len(items) - 1))]


_WRONG = [None, 0, 1.5, True, [], {}, ["c1"], "", " ", "x "]
_BAD_TEXTS = ["", "   ", "a\tb", "a\nb", "\x00", "a\u2028b", "\ud800", "\u00a0x", "x" * 20_000, "é" * 3, "\ufeff"]


@st.composite
def mutated(draw: Any) -> tuple[ArgumentMap, str]:
    """A plain map and its document with one or more defects (or oddities)."""
    m = draw(plain_maps)
    doc = to_data(m)
    claims, relations = doc["claims"], doc["relations"]
    ids_ = [c["id"] for c in claims] + [r["id"] for r in relations]
    for _ in range(draw(st.integers(1, 3))):
        what = draw(
            st.sampled_from(
                ["top", "version", "title", "claim", "claim-id", "claim-text", "relation", "rel-field", "premises"]
            )
        )
        if what == "top":
            key = draw(st.sampled_from(["argmap", "claims", "relations", "title", "source", "data", "extra"]))
            if key in doc and draw(st.booleans()):
                del doc[key]
            else:
                doc[key] = _pick(draw, [*_WRONG, {"text": "s"}, [{"id": "c1", "text": "t"}]])
        elif what == "version":
            doc["argmap"] = _pick(draw, [2, "1", 1.0, True, 10**30, -1, None])
        elif what == "title":
            doc["title"] = _pick(draw, [*_WRONG, *_BAD_TEXTS, "A title"])
        elif what == "claim" and claims:
            c = _pick(draw, claims)
            key = draw(st.sampled_from(["id", "text", "tags", "quote", "data", "base_score", "other"]))
            if key in c and draw(st.booleans()):
                del c[key]
            else:
                c[key] = _pick(draw, [*_WRONG, ["t"], 0.5, {"k": 1}])
        elif what == "claim-id" and claims:
            _pick(draw, claims)["id"] = _pick(draw, [*_WRONG, *ids_, "c\u200b", " c1", "c1\t", "\ud800", "new"])
        elif what == "claim-text" and claims:
            _pick(draw, claims)["text"] = _pick(draw, [*_WRONG, *_BAD_TEXTS, "fine text"])
        elif what == "relation" and relations:
            r = _pick(draw, relations)
            key = draw(st.sampled_from(["id", "kind", "premises", "target", "scheme", "data", "base_score"]))
            if key in r and draw(st.booleans()):
                del r[key]
            else:
                r[key] = _pick(draw, [*_WRONG, *ids_, "attack", "supports", "SUPPORT", "dangling", 0.5])
        elif what == "rel-field" and relations:
            r = _pick(draw, relations)
            # (an earlier step may have taken the relation's id or premises away)
            ps = r["premises"] if isinstance(r.get("premises"), list) else []
            r["target"] = _pick(draw, [r.get("id", "dangling"), *ps, *ids_, "dangling"])
        elif what == "premises" and relations:
            r = _pick(draw, relations)
            ps = r["premises"] if isinstance(r.get("premises"), list) and r["premises"] else ["c1"]
            r["premises"] = _pick(
                draw, [[], [*ps, *ps], [*ps, "dangling"], [*ps, 1], ps[0], [r.get("target")], ids_[-1:]]
            )
    text = json.dumps(doc, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, 2])))
    edit = draw(st.sampled_from(["", "duplicate", "nan", "huge", "bom", "tail", "bytes"]))
    if edit == "duplicate" and '"text": ' in text:
        text = text.replace('"text": ', '"text": "dup", "text": ', 1)
    elif edit == "nan":
        text = text.replace('"argmap": 1', '"argmap": 1, "extra": NaN', 1)
    elif edit == "huge":
        text = text.replace('"argmap": 1', '"argmap": 1' + "0" * 5000, 1)
    elif edit == "bom":
        text = "\ufeff" + text
    elif edit == "tail":
        text += " x"
    return m, text


class TestDeclined:
    @given(mutated(), st.sampled_from(DIRECTIONS))
    def test_declined_or_drawn_alike(self, case, direction):
        _, text = case
        data = text.encode("utf-8", "surrogatepass")
        svg = straight_svg(data, direction=direction)
        try:
            m = argmap.loads(data)
        except ArgmapError:
            assert svg is None
            return
        if svg is not None:
            assert svg == to_tree_svg(m, direction=direction)

    @pytest.mark.parametrize(
        "doc",
        [
            b"",
            b"[]",
            b"\xff\xfe",
            b'{"argmap": 1, "claims": [], "relations": []} x',
            b'{"argmap": 1, "argmap": 1, "claims": [], "relations": []}',
            b'{"argmap": 1, "claims": [{"id": "a", "text": "A", "text": "B"}], "relations": []}',
            b'{"argmap": 1, "claims": [{"id": "a", "text": "A"}], "relations": [], "title": ""}',
            b'{"argmap": 1, "claims": [{"id": "a", "text": "A"}, {"id": "a", "text": "B"}], "relations": []}',
            b'{"argmap": 1, "claims": [{"id": "a", "text": "A"}], "relations": '
            b'[{"id": "r", "kind": "attack", "premises": ["a"], "target": "a"}]}',
            b'{"argmap": 1, "claims": [{"id": "a", "text": "A"}], "relations": '
            b'[{"id": "r", "kind": "support", "premises": ["a"], "target": "r"}]}',
            b'{"argmap": 1, "claims": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}], "relations": '
            b'[{"id": "r", "kind": "support", "premises": ["a", "a"], "target": "b"}]}',
            b'{"argmap": 1, "claims": [{"id": "a", "text": "A"}], "relations": '
            b'[{"id": "r", "kind": "support", "premises": ["x"], "target": "a"}]}',
            b'{"argmap": 1, "claims": [{"id": "a", "text": "A\\u0000"}], "relations": []}',
            b'{"argmap": 1, "claims": [{"id": "a", "text": "A\\ud800"}], "relations": []}',
            b'{"argmap": 1, "claims": [{"id": "a", "text": "A"}], "relations": [], "extra": NaN}',
        ],
    )
    def test_documents_in_doubt_are_declined(self, doc):
        assert plain_map(doc) is None

    def test_the_plainest_documents_are_read(self):
        doc = b'\xef\xbb\xbf{"argmap": 1, "title": null, "claims": [], "relations": []}'
        assert plain_map(doc) == (None, [], [], [], [], [], [])
        b = MapBuilder(title="Tea")
        b.attack(b.claim('A "quoted" \\ text'), "Objection")
        assert straight_svg(dumps(b.build()).encode()) == to_tree_svg(b.build())

    @given(
        st.lists(
            st.sampled_from([b'"', b":", b" ", b"source", b"data", b"quote", b"tags", b"base_score", b"scheme", b"x"])
        ).map(b"".join)
    )
    def test_a_richer_map_s_field_is_found_anywhere(self, data):
        from argmap.formats._json_plain import _OTHER_KEY, _OTHER_KEYS

        assert (_OTHER_KEY.search(data) is not None) == any(key in data for key in _OTHER_KEYS)

    @given(st.lists(st.text(), max_size=5))
    def test_count_literals(self, strings):
        for ascii_only in (True, False):
            assert count_literals(json.dumps(strings, ensure_ascii=ascii_only)) == len(strings)


# --------------------------------------------------------------------------
# Through the command


class TestCommand:
    def test_same_file_as_the_model_s_drawing(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        b = MapBuilder(title="Tea")
        t = b.claim("Tea is better")
        r = b.support(t, ["Less caffeine", "More flavour"])
        b.undercut(r, "Not for everyone")
        b.attack(t, "Coffee is stronger")
        dump(b.build(), "m.json")
        assert main(["render", "m.json", "--layout", "tree", "--direction", "left"]) == 0
        assert Path("m.svg").read_text(encoding="utf-8") == to_tree_svg(b.build(), direction="left")
        assert main(["render", "m.json", "-o", "x.svg", "--layout", "auto"]) == 0  # auto: dot, or the tree

    def test_bad_documents_reported_as_before(self, tmp_path, monkeypatch, capsys):
        monkeypatch.chdir(tmp_path)
        bad = '{"argmap": 1, "claims": [{"id": "a", "text": "A"}], "relations": [{"id": "r", "kind": "support", "premises": ["x"], "target": "a"}]}'
        Path("m.json").write_text(bad)
        assert main(["render", "m.json", "-o", "m.svg", "--layout", "tree"]) == 1
        assert "r: premise 'x' is not a claim of the map" in capsys.readouterr().err
        assert not Path("m.svg").exists()
        Path("d.json").write_text('{"argmap": 1, "argmap": 1, "claims": [], "relations": []}')
        assert main(["render", "d.json", "-o", "d.svg", "--layout", "tree"]) == 1
        assert "d.json:1:15: error: duplicate key 'argmap'" in capsys.readouterr().err

    def test_limit_and_pipes_left_to_the_usual_way(self, tmp_path, monkeypatch, capsys):
        monkeypatch.chdir(tmp_path)
        b = MapBuilder()
        b.claim("Tea")
        dump(b.build(), "m.json")
        assert main(["render", "m.json", "-o", "m.svg", "--layout", "tree", "--max-bytes", "10"]) == 1
        assert "max_bytes=10" in capsys.readouterr().err
        if hasattr(os, "mkfifo"):
            os.mkfifo("p.json")
            # a FIFO is read once, by the usual way (here: nothing written to it yet would block,
            # so only check that the straight path does not open it)
            from argmap.cli._commands import _straight_tree_svg
            from argmap.cli._parser import _parser

            args = _parser("render").parse_args(["render", "p.json", "-o", "p.svg", "--layout", "tree"])
            assert _straight_tree_svg(args, ".svg") is None


def test_golden_drawing_from_the_file():
    # the tree layout's golden drawing, made straight from the map's JSON
    from test_layout import GOLDEN, grove

    svg = straight_svg(dumps(grove()).encode("utf-8"))
    assert svg is not None
    assert svg.encode("utf-8") == (GOLDEN / "tree-grove-up.svg").read_bytes()
