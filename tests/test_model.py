import pytest

from argmap import (
    ArgumentMap,
    Claim,
    Kind,
    MapBuilder,
    Quote,
    Relation,
    Role,
    Source,
    UnknownIdError,
    ValidationError,
)
from argmap.model import freeze


def small_map():
    b = MapBuilder(title="t")
    t = b.claim("thesis")
    r = b.support(t, "premise")
    o = b.attack(r.premise, "objection")
    b.attack(o.premise, "rebuttal")
    b.undercut(r, "undercutter")
    b.support(t, ["linked a", "linked b"])
    return b.build()


class TestRoles:
    def test_roles_follow_structure(self):
        m = small_map()
        roles = {m.claim(i).text: str(role) for i, role in m.roles.items()}
        assert roles == {
            "thesis": "thesis",
            "premise": "premise",
            "objection": "objection",
            "rebuttal": "rebuttal",
            "undercutter": "undercutter",
            "linked a": "premise",
            "linked b": "premise",
        }

    def test_roots(self):
        assert [c.text for c in small_map().roots] == ["thesis"]

    def test_cycle_is_legal(self):
        m = ArgumentMap(
            [Claim("a", "A"), Claim("b", "B")],
            [Relation("r1", Kind.ATTACK, ["a"], "b"), Relation("r2", Kind.ATTACK, ["b"], "a")],
        )
        assert m.roots == ()
        assert set(m.roles.values()) == {Role.REBUTTAL}


class TestValidation:
    def test_every_problem_is_reported(self):
        with pytest.raises(ValidationError) as e:
            ArgumentMap(
                [Claim("a", ""), Claim("a", "dup"), Claim("b", "bad\x00char", base_score=2)],
                [
                    Relation("r1", Kind.SUPPORT, ["zz"], "a"),
                    Relation("r2", Kind.SUPPORT, ["b"], "b"),
                    Relation("r3", "nonsense", ["b"], "a"),
                ],
            )
        codes = {(p.id, p.code) for p in e.value.problems}
        assert codes == {
            ("a", "empty-text"),
            ("a", "duplicate-id"),
            ("b", "bad-char"),
            ("b", "bad-score"),
            ("r1", "dangling-id"),
            ("r2", "self-target"),
            ("r3", "bad-kind"),
        }

    def test_quote_checked_against_source(self):
        src = Source("Alpha beta gamma.")
        ArgumentMap([Claim("a", "A", quote=Quote("beta", 6, 10))], source=src)
        with pytest.raises(ValidationError) as e:
            ArgumentMap([Claim("a", "A", quote=Quote("beta", 0, 4))], source=src)
        assert e.value.problems[0].code == "quote-mismatch"
        assert "6..10" in str(e.value)

    def test_builder_collects_problems(self):
        b = MapBuilder(source=Source("Some text."))
        t = b.claim("x", quote="not there")
        b.support(t, "")
        with pytest.raises(ValidationError) as e:
            b.build()
        assert [p.code for p in e.value.problems] == ["quote-not-in-source", "empty-text"]
        assert e.value.ids == ("c1", "c2")

    def test_unknown_id(self):
        m = small_map()
        with pytest.raises(UnknownIdError, match="nope"):
            m["nope"]
        with pytest.raises(KeyError):
            m.claim("r1")  # a relation, not a claim


class TestValues:
    def test_equal_by_value_and_hashable(self):
        assert small_map() == small_map()
        assert hash(small_map()) == hash(small_map())

    def test_data_is_frozen(self):
        c = Claim("a", "A", data={"k": [1, {"x": 2}]})
        assert c.data == {"k": (1, {"x": 2})}
        with pytest.raises(TypeError):
            c.data["k"] = 3

    def test_freeze_rejects_non_json(self):
        with pytest.raises(ValidationError, match="set is not a JSON value"):
            freeze({"k": {1, 2}})
        loop = []
        loop.append(loop)
        with pytest.raises(ValidationError, match="contains itself"):
            freeze({"k": loop})
        with pytest.raises(ValidationError, match="nan"):
            freeze({"k": float("nan")})

    def test_deep_chain_no_recursion(self):
        b = MapBuilder()
        prev = b.claim("c0")
        for i in range(1, 100_000):
            prev = b.support(prev, f"c{i}").premise
        m = b.build()
        assert len(m.claims) == 100_000
        assert m.role(prev.id) is Role.PREMISE
