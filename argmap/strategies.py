"""Hypothesis strategies for argument maps (the extra ``argmap[strategies]``).

This is the only module of argmap that imports hypothesis.
"""

from __future__ import annotations

from hypothesis import strategies as st

from argmap.model import ArgumentMap, Claim, Kind, Relation

__all__ = ["argument_maps", "claim_texts"]


def claim_texts() -> st.SearchStrategy[str]:
    """Texts the model accepts as claim texts."""
    return st.text(
        st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufffe\uffff"),
        min_size=1,
        max_size=60,
    ).filter(lambda s: s.strip())


@st.composite
def argument_maps(draw: st.DrawFn, *, min_claims: int = 1, max_claims: int = 12) -> ArgumentMap:
    """Valid maps: a forest of claims where each non-root claim bears on an
    earlier claim or relation."""
    n = draw(st.integers(min_claims, max_claims))
    claims = [Claim(f"c{i + 1}", draw(claim_texts())) for i in range(n)]
    relations: list[Relation] = []
    for i in range(1, n):
        if draw(st.booleans()):
            continue  # another root
        target = draw(st.sampled_from([c.id for c in claims[:i]] + [r.id for r in relations]))
        kind = draw(st.sampled_from([Kind.SUPPORT, Kind.ATTACK]))
        relations.append(Relation(f"r{len(relations) + 1}", kind, (claims[i].id,), target))
    return ArgumentMap(claims, relations)


def _hypothesis_setup_hook() -> None:
    st.register_type_strategy(ArgumentMap, argument_maps())
    st.register_type_strategy(Claim, st.builds(Claim, id=st.just("c1"), text=claim_texts()))
