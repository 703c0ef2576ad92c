"""The wished departments of every household, from numbered wish columns or one separated list column."""

from __future__ import annotations

import re

from allocator.read.columnwise import Columnar
from allocator.read.words import warning

_WISH_SEPARATORS = re.compile(r"[,;]")


def read_wishes(cols: Columnar) -> list[tuple[str, ...]]:
    """Each row's wishes in order; a repeated wish is a problem, a gap before a later wish a warning."""
    columns = cols.wish_texts()
    if not columns:
        return [()] * cols.n
    listed = cols.columns.wish_list is not None
    if not listed:
        # Most rows have their wishes from the first column on, each once: those need no closer look.
        rows = list(zip(*(texts for _, texts in columns), strict=True))
        result = [tuple(filter(None, row)) for row in rows]
        odd = [
            k
            for k, (row, t) in enumerate(zip(rows, result, strict=True))
            if row[: len(t)] != t or len(set(t)) < len(t)
        ]
        for k in odd:
            result[k] = _row_wishes(cols, columns, listed, k)
        return result
    return [_row_wishes(cols, columns, listed, k) for k in range(cols.n)]


def _row_wishes(
    cols: Columnar, columns: list[tuple[int, list[str | None]]], listed: bool, k: int
) -> tuple[str, ...]:
    """The wishes of data row ``k``, looked at cell by cell."""
    found: list[tuple[str, int]] = []
    if listed:
        i, texts = columns[0]
        if texts[k]:
            found = [(w.strip(), i) for w in _WISH_SEPARATORS.split(texts[k]) if w.strip()]
    else:
        gap = False
        for i, texts in columns:
            value = texts[k]
            if not value:
                # An empty cell, or a bad one (already reported), leaves a gap.
                gap = gap or _blank(cols, i, k)
                continue
            if gap:
                cols.warn(k, warning("wish_gap", column=cols.table.header[i]))
                gap = False
            found.append((value, i))
    wishes: list[str] = []
    for wish, i in found:
        if wish in wishes:
            cols.report(k, i, f"wish '{wish}' is repeated; name each department once")
        else:
            wishes.append(wish)
    return tuple(wishes)


def _blank(cols: Columnar, i: int, k: int) -> bool:
    cell = cols.table.columns[i][k]
    return cell is None or (isinstance(cell, str) and not cell.strip())
