"""The wished departments of every household, from numbered wish columns or one separated list column."""

from __future__ import annotations

import re

from allocator.read.columnwise import Columnar

_WISH_SEPARATORS = re.compile(r"[,;]")


def read_wishes(cols: Columnar) -> list[tuple[str, ...]]:
    """Each row's wishes in order; a repeated wish is a problem, a gap before a later wish a warning."""
    columns = cols.wish_texts()
    if not columns:
        return [()] * cols.n
    listed = cols.columns.wish_list is not None
    result: list[tuple[str, ...]] = []
    for k in range(cols.n):
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
                    cols.warn(
                        k,
                        f"a wish column before '{cols.table.header[i]}' is empty; the later wishes move up in order",
                    )
                    gap = False
                found.append((value, i))
        wishes: list[str] = []
        for wish, i in found:
            if wish in wishes:
                cols.report(k, i, f"wish '{wish}' is repeated; name each department once")
            else:
                wishes.append(wish)
        result.append(tuple(wishes))
    return result


def _blank(cols: Columnar, i: int, k: int) -> bool:
    cell = cols.table.columns[i][k]
    return cell is None or (isinstance(cell, str) and not cell.strip())
