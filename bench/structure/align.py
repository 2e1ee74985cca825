"""The monotone one-to-one alignment of gold and output blocks.

Two blocks may be paired when their types agree and the token F1 of their texts (bags of
:func:`bench.structure.blocks.tokens`) is at least :data:`THRESHOLD`. Among all alignments
that keep both orders, the one with the most pairs is chosen, ties broken by the larger sum of
token F1 (then by the earliest output blocks): the longest common subsequence under that
match rule, found on the candidate pairs only (a Fenwick tree of prefix maxima,
``O(k log m)`` for ``k`` candidate pairs), so a 1,000-block output costs little.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from bench.structure.blocks import Block, tokens

THRESHOLD = 0.8


@dataclass(frozen=True, slots=True)
class Pair:
    """Gold block ``gold`` paired with output block ``output`` (indices), ``f1`` their token
    F1."""

    gold: int
    output: int
    f1: float


def token_bag(block: Block) -> Counter[str]:
    return _bag(block.text)


@functools.lru_cache(maxsize=8192)
def _bag(text: str) -> Counter[str]:
    # remembered: every extractor's output is aligned with the same gold blocks (callers
    # must not change the bag)
    return Counter(tokens(text))


@functools.lru_cache(maxsize=8192)
def _elements_of(text: str) -> tuple[tuple[str, int], ...]:
    """A bag as a set: the k-th copy of a token is the element ``(token, k)``."""
    return tuple((token, k) for token, count in _bag(text).items() for k in range(count))


def token_f1(a: Counter[str], b: Counter[str]) -> float:
    """F1 of two token bags (multiset overlap); two empty bags score 0."""
    total = sum(a.values()) + sum(b.values())
    if not total:
        return 0.0
    return 2 * sum((a & b).values()) / total


def _overlap(a: Counter[str], b: Counter[str]) -> int:
    if len(a) > len(b):
        a, b = b, a
    return sum(min(count, b[token]) for token, count in a.items() if token in b)


def _prefix_size(n: int) -> int:
    # a partner with token F1 >= 0.8 shares at least 2n/3 of a block's n tokens, so it shares
    # one of any n - ceil(2n/3) + 1 of them (the prefix filter of set-similarity joins)
    return n - -(-2 * n // 3) + 1


def _candidates(gold: Sequence[Block], output: Sequence[Block]) -> list[Pair]:
    """Every pair that may match, sorted by gold index, then output index descending. Pairs
    are looked up through the rarest tokens of each block (prefix filtering), then checked."""
    shared = {b.type for b in gold} & {b.type for b in output}
    both = [b if b.type in shared else None for b in (*gold, *output)]
    bags = [token_bag(b) if b is not None else Counter() for b in both]
    # one order of all elements for every block: rarest token first (blocks holding it)
    frequency: Counter[str] = Counter(token for bag in bags for token in bag)

    def prefix(index: int) -> list[tuple[str, int]]:
        block = both[index]
        assert block is not None
        rarest = sorted(_elements_of(block.text), key=lambda e: (frequency[e[0]], e))
        return rarest[: _prefix_size(len(rarest))]

    n_gold = len(gold)
    index: dict[tuple[str, tuple[str, int]], list[int]] = {}
    for j, block in enumerate(output):
        if both[n_gold + j] is not None:
            for element in prefix(n_gold + j):
                index.setdefault((block.type, element), []).append(j)
    found: list[Pair] = []
    for i, block in enumerate(gold):
        bag = bags[i]
        n = sum(bag.values())
        if both[i] is None or not n:
            continue
        seen: set[int] = set()
        for element in prefix(i):
            seen.update(index.get((block.type, element), ()))
        for j in seen:
            other = bags[n_gold + j]
            m = sum(other.values())
            if 3 * m < 2 * n or 2 * m > 3 * n:  # m outside [2n/3, 3n/2]: F1 < 0.8
                continue
            overlap = _overlap(bag, other)
            if 5 * overlap >= 2 * (n + m):  # F1 >= 0.8 in integers
                found.append(Pair(i, j, 2 * overlap / (n + m)))
    found.sort(key=lambda p: (p.gold, -p.output))
    return found


def align(gold: Sequence[Block], output: Sequence[Block]) -> list[Pair]:
    """The pairs of the best monotone one-to-one alignment, in order."""
    candidates = _candidates(gold, output)
    if not candidates:
        return []
    size = len(output)
    # tree[k]: the best (pairs, f1 sum, -candidate) of a chain ending at an output index
    # covered by Fenwick node k; chains end strictly before the queried output index.
    tree: list[tuple[int, float, int]] = [(0, 0.0, 1)] * (size + 1)
    previous: list[int] = []
    best: tuple[int, float, int] = (0, 0.0, 1)
    for index, pair in enumerate(candidates):
        k, top = pair.output, (0, 0.0, 1)
        while k > 0:  # prefix maximum over output indices < pair.output
            top = max(top, tree[k])
            k -= k & -k
        value = (top[0] + 1, top[1] + pair.f1, -index)
        previous.append(-top[2] if top[0] else -1)
        best = max(best, value)
        k = pair.output + 1
        while k <= size:
            if value > tree[k]:
                tree[k] = value
            k += k & -k
    chain = []
    at = -best[2] if best[0] else -1
    while at >= 0:
        chain.append(candidates[at])
        at = previous[at]
    return chain[::-1]
