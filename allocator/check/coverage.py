"""How many households any allocation could house, and how many permanent ones among those.

``max_housed`` is a maximum bipartite matching on the suitable pairs, solved as a max flow on the grouping of
``classes.py``: households of one type and dwellings of one class are interchangeable, so each group is one
node with its count as capacity. ``column_classes`` is the grouping of identical matrix columns it uses.

``max_permanent_housed`` is the maximum matching of the permanent households alone: augmenting a matching
never unhouses a household it houses, so a largest matching of the permanent households grows into a maximum
matching of everyone that still houses all of them, and no maximum matching can house more permanent
households than that.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from ortools.graph.python import max_flow

if TYPE_CHECKING:
    from allocator.check.classes import Classes


def column_classes(
    matrix: np.ndarray, key: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Group the columns of a bool matrix that are identical (and share ``key``, an int per column).

    Returns ``(label per column, first column of each class, size of each class)``; classes are numbered in
    the order of their first column.
    """
    n, m = matrix.shape
    if m == 0:
        empty = np.zeros(0, np.intp)
        return empty, empty, empty
    parts = [np.ascontiguousarray(np.packbits(matrix, axis=0).T)] if n else []
    if key is not None:
        parts.append(np.ascontiguousarray(key.astype(">i8")).view(np.uint8).reshape(m, 8))
    if not parts:
        return np.zeros(m, np.intp), np.zeros(1, np.intp), np.array([m], np.intp)
    rows = np.ascontiguousarray(np.concatenate(parts, axis=1))
    keys = rows.view(np.dtype((np.void, rows.shape[1]))).ravel()
    _, first, inverse, counts = np.unique(keys, return_index=True, return_inverse=True, return_counts=True)
    order = np.argsort(first, kind="stable")  # renumber classes by first appearance
    relabel = np.empty_like(order)
    relabel[order] = np.arange(len(order))
    return (
        relabel[inverse.ravel()].astype(np.intp),
        first[order].astype(np.intp),
        counts[order].astype(np.intp),
    )


def best_coverage(classes: Classes) -> tuple[int, int]:
    """``(max_housed, max_permanent_housed)`` over all matchings of the open part's suitable pairs.

    Households of one type are interchangeable, so the flow runs source -> type (its number of open
    households) -> class -> sink (the class size)."""
    c = classes
    types = np.repeat(np.arange(len(c.type_count)), np.diff(c.type_ptr))
    everyone = _max_matching(c.type_count, types, c.type_classes, c.c_size)
    permanent = ~c.type_kind_temporary[types]
    return everyone, _max_matching(c.type_count, types[permanent], c.type_classes[permanent], c.c_size)


def _max_matching(
    supply: np.ndarray, households: np.ndarray, classes: np.ndarray, capacity: np.ndarray
) -> int:
    """Max flow source -> household group (its supply) -> dwelling class -> sink (class size)."""
    if len(households) == 0:
        return 0
    n, c = len(supply), len(capacity)
    source, sink = n + c, n + c + 1
    tails = np.concatenate([np.full(n, source), households, n + np.arange(c)]).astype(np.int32)
    heads = np.concatenate([np.arange(n), n + classes, np.full(c, sink)]).astype(np.int32)
    caps = np.concatenate(
        [supply.astype(np.int64), np.full(len(households), 2**40, np.int64), capacity.astype(np.int64)]
    )
    flow = max_flow.SimpleMaxFlow()
    flow.add_arcs_with_capacity(tails, heads, caps)
    status = flow.solve(source, sink)
    if status != flow.OPTIMAL:  # pragma: no cover - a bipartite unit network always solves
        raise RuntimeError(f"max flow failed with status {status}")
    return int(flow.optimal_flow())
