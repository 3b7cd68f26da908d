"""Walker's tree layout in linear time (Buchheim, Jünger and Leipert 2002),
for nodes of different breadths, without recursion: the across coordinate of
every node of :mod:`argmap.render.layout._geometry`'s spanning forest."""

from __future__ import annotations

__all__ = ["GAP", "walker"]

#: Space between neighbouring nodes of one level (points).
GAP = 16.0


def walker(children: list[list[int]], order: list[int], breadth: list[float]) -> list[float]:
    """The breadth coordinate of every node's centre: Walker's algorithm in
    linear time (Buchheim, Jünger and Leipert 2002), without recursion.

    *order* lists the nodes parents first (its first node is the root);
    *breadth* is each node's size across the levels.
    """
    n = len(children)
    prelim = [0.0] * n
    mod = [0.0] * n
    shift = [0.0] * n
    change = [0.0] * n
    midpoint = [0.0] * n
    thread = [-1] * n
    ancestor = list(range(n))
    number = [0] * n
    parent = [-1] * n
    for v in order:
        for i, w in enumerate(children[v]):
            number[w] = i
            parent[w] = v

    def apportion(v: int, w: int, leftmost: int, default: int) -> int:
        # v's subtree against the forest of its left siblings (w the nearest),
        # level by level along the contours: inside/outside, right (p)/left (m).
        vip = vop = v
        vim = w
        vom = leftmost
        sip = mod[vip]
        sop = mod[vop]
        sim = mod[vim]
        som = mod[vom]
        c = children[vim]
        nr = c[-1] if c else thread[vim]
        c = children[vip]
        nl = c[0] if c else thread[vip]
        while nr >= 0 and nl >= 0:
            vim = nr
            vip = nl
            c = children[vom]
            vom = c[0] if c else thread[vom]
            c = children[vop]
            vop = c[-1] if c else thread[vop]
            ancestor[vop] = v
            gap = (prelim[vim] + sim) - (prelim[vip] + sip) + (breadth[vim] + breadth[vip]) / 2 + GAP
            if gap > 0:
                a = ancestor[vim]
                if parent[a] != parent[v]:
                    a = default
                share = gap / (number[v] - number[a])
                change[v] -= share
                shift[v] += gap
                change[a] += share
                prelim[v] += gap
                mod[v] += gap
                sip += gap
                sop += gap
            sim += mod[vim]
            sip += mod[vip]
            som += mod[vom]
            sop += mod[vop]
            c = children[vim]
            nr = c[-1] if c else thread[vim]
            c = children[vip]
            nl = c[0] if c else thread[vip]
        if nr >= 0:
            c = children[vop]
            if not c and thread[vop] < 0:
                thread[vop] = nr
                mod[vop] += sim - sop
        if nl >= 0:
            c = children[vom]
            if not c and thread[vom] < 0:
                thread[vom] = nl
                mod[vom] += sip - som
                default = v
        return default

    # First walk, children before parents: a node's own subtree is laid out
    # (its midpoint known) before its parent places it beside its siblings.
    for v in reversed(order):
        kids = children[v]
        if not kids:
            continue
        first = kids[0]
        default = first
        prev = -1
        for w in kids:
            if prev < 0:
                prelim[w] = midpoint[w] if children[w] else 0.0
            else:
                prelim[w] = prelim[prev] + (breadth[prev] + breadth[w]) / 2 + GAP
                if children[w]:
                    mod[w] = prelim[w] - midpoint[w]
                default = apportion(w, prev, first, default)
            prev = w
        # Execute the shifts that apportion spread over the children.
        total = acc = 0.0
        for w in reversed(kids):
            prelim[w] += total
            mod[w] += total
            acc += change[w]
            total += shift[w] + acc
        midpoint[v] = (prelim[first] + prelim[kids[-1]]) / 2
    # Second walk, parents first: add up the modifiers.
    root = order[0]
    prelim[root] = midpoint[root]
    x = [0.0] * n
    modsum = [0.0] * n
    for v in order:
        x[v] = prelim[v] + modsum[v]
        s = modsum[v] + mod[v]
        for w in children[v]:
            modsum[w] = s
    return x
