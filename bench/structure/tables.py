"""Table scores: cells as ``(row, column, text)`` triples, and TEDS (tree edit distance
similarity, Zhong et al. 2020, as PubTabNet and WebMainBench compute it).

A table is the tree ``table → tr → td`` (header cells are ``td`` too; markdown has no spans).
Inserting or deleting a node costs 1; renaming a ``td`` into a ``td`` costs the normalised
Levenshtein distance of their texts, any other rename 1 (0 for equal tags). TEDS = 1 −
distance ÷ the larger tree's node count. The exact distance comes from ``apted`` (APTED,
Pawlik & Augsten) for trees of up to :data:`EXACT_NODES` nodes; beyond that (a 60 × 8 table)
APTED's cubic time is minutes in Python, so the distance of the best edit script that maps
rows to rows and cells to cells in order is used instead (an upper bound of the exact
distance, so a lower bound of TEDS; equal when rows are never split or merged).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz.distance import Levenshtein

from bench.structure.align import token_bag, token_f1
from bench.structure.blocks import Block

EXACT_NODES = 200


def pair_tables(gold: Sequence[Block], output: Sequence[Block]) -> list[tuple[int, int]]:
    """Gold and output tables paired in order (monotone, one to one), maximising the summed
    token F1 of the pairs; tables sharing no token are not paired."""
    n, m = len(gold), len(output)
    if not n or not m:
        return []
    bags_g = [token_bag(t) for t in gold]
    bags_o = [token_bag(t) for t in output]
    sim = [[token_f1(a, b) for b in bags_o] for a in bags_g]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = sim[i][j] + best[i + 1][j + 1] if sim[i][j] > 0 else -1.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if sim[i][j] > 0 and best[i][j] == sim[i][j] + best[i + 1][j + 1]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def cells(table: Block) -> Counter[tuple[int, int, str]]:
    """The ``(row, column, text)`` triples of a table's non-empty cells."""
    return Counter(
        (r, c, text) for r, row in enumerate(table.rows) for c, text in enumerate(row) if text
    )


@dataclass(frozen=True, slots=True)
class CellCounts:
    """Cells of a page's gold tables, of its output tables, and those in both."""

    gold: int
    output: int
    matched: int


def cell_counts(
    gold: Sequence[Block], output: Sequence[Block], pairs: Sequence[tuple[int, int]]
) -> CellCounts:
    """Cell triples over all tables of a page: a cell counts as matched when its paired table
    has the same text at the same row and column."""
    matched = sum(sum((cells(gold[i]) & cells(output[j])).values()) for i, j in pairs)
    return CellCounts(
        sum(sum(cells(t).values()) for t in gold),
        sum(sum(cells(t).values()) for t in output),
        matched,
    )


def _nodes(table: Block) -> int:
    return 1 + len(table.rows) + sum(len(row) for row in table.rows)


def _cell_cost(a: str, b: str) -> float:
    return Levenshtein.normalized_distance(a, b) if (a or b) else 0.0


class _Node:
    __slots__ = ("children", "tag", "text")

    def __init__(self, tag: str, text: str = "", children: list[_Node] | None = None) -> None:
        self.tag, self.text, self.children = tag, text, children or []


def _tree(table: Block) -> _Node:
    return _Node(
        "table",
        children=[_Node("tr", children=[_Node("td", cell) for cell in row]) for row in table.rows],
    )


def _apted_distance(a: Block, b: Block) -> float:
    from apted import APTED, Config

    class _Costs(Config):  # type: ignore[misc]
        def rename(self, x: Any, y: Any) -> float:
            if x.tag != y.tag:
                return 1.0
            return _cell_cost(x.text, y.text) if x.tag == "td" else 0.0

        def children(self, node: Any) -> list[Any]:
            return node.children  # type: ignore[no-any-return]

    return float(APTED(_tree(a), _tree(b), _Costs()).compute_edit_distance())


def _sequence_distance(
    a: Sequence[Any], b: Sequence[Any], sub: Any, delete: Any, insert: Any
) -> float:
    """Edit distance of two sequences with the given costs."""
    prev = [0.0]
    for y in b:
        prev.append(prev[-1] + insert(y))
    for x in a:
        row = [prev[0] + delete(x)]
        for j, y in enumerate(b, 1):
            row.append(min(prev[j - 1] + sub(x, y), prev[j] + delete(x), row[j - 1] + insert(y)))
        prev = row
    return prev[-1]


def _row_distance(a: Block, b: Block) -> float:
    """The cost of the best row-to-row, cell-to-cell edit script (see the module)."""

    def cells_apart(x: Sequence[str], y: Sequence[str]) -> float:
        return _sequence_distance(x, y, _cell_cost, lambda _: 1.0, lambda _: 1.0)

    return _sequence_distance(
        a.rows, b.rows, cells_apart, lambda r: 1.0 + len(r), lambda r: 1.0 + len(r)
    )


def teds(gold: Block, output: Block) -> float:
    """TEDS of two tables, 0–1."""
    if gold.rows == output.rows:
        return 1.0
    size = max(_nodes(gold), _nodes(output))
    exact = size <= EXACT_NODES
    distance = _apted_distance(gold, output) if exact else _row_distance(gold, output)
    return max(0.0, 1.0 - distance / size)
