"""The open part of a case, grouped so that no check needs a households x dwellings matrix.

Two households of the same *type* (the same values of every field a hard rule reads) are suitable for the same
dwellings; two dwellings of the same *class* (same department and suitable for the same types) look alike to
every household: same rules, same wish rank. Every later check works on types and classes, so its size is the
number of distinct kinds of household and dwelling, not their product.

Suitable pairs only exist within a municipality, except for temporary households that may move to another one
(``other_municipality_allowed``). The types x dwellings matrices are therefore filled one municipality at a time
(its own types and the "any municipality" types against its dwellings), never for the whole case. A *block* is
a set of classes no household's chain of moves can leave: one per municipality, or one for the whole case when
some open household may move to another municipality.

Decisions: fixed households have no type (-1) and fixed dwellings no class (-1), so they take no part; a
household with a forbidden pair gets a type of its own and the pair is removed from the matrix, so its
dwelling's column, and hence its class, differs from the dwellings it may take.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from allocator.check.coverage import column_classes
from allocator.check.decisions import Resolved
from allocator.check.suitability import RULES, Tables

_CHUNK = 512


@dataclass(frozen=True, eq=False)
class Classes:
    """Types, classes and the suitable (type, class) pairs of the open part.

    ``h_type[h]`` is the type of household h (-1 when fixed); ``d_class[d]`` the class of dwelling d (-1 when
    fixed). ``c_department``, ``c_block`` and ``c_size`` describe each class; classes of one block are numbered
    contiguously, ``block_start[b]:block_start[b + 1]``. ``type_ptr``/``type_classes`` list, per type, its
    suitable classes in increasing order (CSR); ``pair_keys`` is the sorted ``type * n_classes + class`` of
    every suitable pair, for ``suits``.
    """

    h_type: np.ndarray
    d_class: np.ndarray
    c_department: np.ndarray
    c_block: np.ndarray
    c_size: np.ndarray
    block_start: np.ndarray
    type_ptr: np.ndarray
    type_classes: np.ndarray
    type_kind_temporary: np.ndarray
    type_count: np.ndarray
    pair_keys: np.ndarray

    @property
    def n_classes(self) -> int:
        return len(self.c_department)

    @property
    def n_blocks(self) -> int:
        return len(self.block_start) - 1

    def classes_of(self, households: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(position in households, class)`` of every suitable pair of the given households (open ones)."""
        types = self.h_type[households]
        types = np.where(types >= 0, types, 0)
        lo, hi = self.type_ptr[types], self.type_ptr[types + 1]
        lengths = np.where(self.h_type[households] >= 0, hi - lo, 0)
        rows = np.repeat(np.arange(len(households)), lengths)
        offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        return rows, self.type_classes[np.repeat(lo, lengths) + offsets]

    def suits(self, households: np.ndarray, classes: np.ndarray) -> np.ndarray:
        """Whether each household may take a dwelling of the paired class (open part)."""
        households, classes = np.broadcast_arrays(np.asarray(households), np.asarray(classes))
        types = self.h_type[households]
        key = types.astype(np.int64) * self.n_classes + classes
        at = np.searchsorted(self.pair_keys, key)
        found = at < len(self.pair_keys)
        found[found] = self.pair_keys[at[found]] == key[found]
        return found & (types >= 0) & (classes >= 0)


def household_types(t: Tables, resolved: Resolved) -> np.ndarray:
    """One int per household: equal for households every hard rule treats alike; -1 for fixed households."""
    n = len(t.h_municipality)
    if n == 0:
        return np.zeros(0, np.intp)
    wished = (t.rank <= t.h_wish_count[:, None]) & t.h_wishes_bind[:, None]
    own = np.full(n, -1, np.int64)
    if resolved.forbidden:
        banned = np.array(sorted({h for h, _ in resolved.forbidden}), np.intp)
        own[banned] = banned  # a forbidden pair concerns one household, not its whole type
    exact = t.h_exact
    columns = [
        np.where(t.h_any_municipality, -1, t.h_municipality),
        t.h_lower,
        t.h_upper,
        exact.astype(np.int64),
        np.where(exact, t.h_one_more, 0),
        np.where(exact, t.h_current, 0),
        t.h_step_free.astype(np.int64),
        t.h_max_rent.view(np.int64),
        t.h_temporary.astype(np.int64),
        t.h_move_by,
        t.h_wishes_bind.astype(np.int64),
        own,
    ]
    parts = [np.stack(columns, axis=1).astype(">i8").view(np.uint8).reshape(n, -1)]
    if wished.shape[1]:
        parts.append(np.packbits(wished, axis=1))
    rows = np.ascontiguousarray(np.concatenate(parts, axis=1))
    keys = rows.view(np.dtype((np.void, rows.shape[1]))).ravel()
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")  # number types by their first household
    relabel = np.empty_like(order)
    relabel[order] = np.arange(len(order))
    types = relabel[inverse.ravel()].astype(np.intp)
    types[resolved.fixed_home >= 0] = -1
    return types


def build_classes(t: Tables, resolved: Resolved) -> Classes:
    h_type = household_types(t, resolved)
    n_types = int(h_type.max(initial=-1)) + 1
    open_h = np.flatnonzero(h_type >= 0)
    representative = np.zeros(n_types, np.intp)
    representative[h_type[open_h][::-1]] = open_h[::-1]  # the first household of each type
    type_count = np.bincount(h_type[open_h], minlength=n_types)
    type_temporary = t.h_temporary[representative] if n_types else np.zeros(0, bool)
    type_any = t.h_any_municipality[representative] if n_types else np.zeros(0, bool)
    type_municipality = t.h_municipality[representative] if n_types else np.zeros(0, np.int64)
    forbidden_by_dwelling: dict[int, list[int]] = {}
    for h, d in resolved.forbidden:
        if h_type[h] >= 0:
            forbidden_by_dwelling.setdefault(d, []).append(int(h_type[h]))

    m = len(t.d_municipality)
    d_class = np.full(m, -1, np.intp)
    open_d = resolved.fixed_holder < 0
    any_types = np.flatnonzero(type_any)
    departments, blocks, sizes, pair_types, pair_classes = [], [], [], [], []
    one_block = len(any_types) > 0
    municipalities = np.unique(t.d_municipality[open_d]) if m else np.zeros(0, np.int64)
    n_classes = 0
    block_start = [0]
    for k, municipality in enumerate(municipalities.tolist()):
        dwellings = np.flatnonzero(open_d & (t.d_municipality == municipality))
        types = np.concatenate([np.flatnonzero(~type_any & (type_municipality == municipality)), any_types])
        matrix = _fill(t, representative[types], dwellings)
        if forbidden_by_dwelling:
            row_of = {int(ty): r for r, ty in enumerate(types.tolist())}
            for c, d in enumerate(dwellings.tolist()):
                for ty in forbidden_by_dwelling.get(d, ()):
                    if ty in row_of:
                        matrix[row_of[ty], c] = False
        labels, first, counts = column_classes(matrix, key=t.d_department[dwellings])
        d_class[dwellings] = n_classes + labels
        departments.append(t.d_department[dwellings[first]])
        sizes.append(counts)
        blocks.append(np.full(len(first), 0 if one_block else k, np.intp))
        rows, cols = np.nonzero(matrix[:, first])
        pair_types.append(types[rows])
        pair_classes.append(n_classes + cols)
        n_classes += len(first)
        if not one_block:
            block_start.append(n_classes)
    if one_block:
        block_start.append(n_classes)

    def joined(parts: list[np.ndarray], dtype) -> np.ndarray:
        return np.concatenate(parts).astype(dtype) if parts else np.zeros(0, dtype)

    p_types, p_classes = joined(pair_types, np.int64), joined(pair_classes, np.int64)
    keys = np.unique(p_types * max(n_classes, 1) + p_classes)
    p_types, p_classes = keys // max(n_classes, 1), keys % max(n_classes, 1)
    type_ptr = np.searchsorted(p_types, np.arange(n_types + 1)).astype(np.intp)
    return Classes(
        h_type=h_type,
        d_class=d_class,
        c_department=joined(departments, np.intp),
        c_block=joined(blocks, np.intp),
        c_size=joined(sizes, np.intp),
        block_start=np.array(block_start, np.intp),
        type_ptr=type_ptr,
        type_classes=p_classes.astype(np.intp),
        type_kind_temporary=type_temporary,
        type_count=type_count,
        pair_keys=keys,
    )


def _fill(t: Tables, households: np.ndarray, dwellings: np.ndarray) -> np.ndarray:
    """The bool matrix of suitable pairs of the given households x dwellings, a block of rows at a time."""
    matrix = np.ones((len(households), len(dwellings)), bool)
    for lo in range(0, len(households), _CHUNK):
        rows = households[lo : lo + _CHUNK, None]
        block = matrix[lo : lo + _CHUNK]
        for rule in RULES:
            block &= rule.test(t, rows, dwellings[None, :])
    return matrix
