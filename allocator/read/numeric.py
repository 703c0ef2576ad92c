"""Plain numbers of a whole column at once, with numpy; everything else is left to the exact per-cell parser.

"Plain" is chosen so that numpy and :mod:`allocator.read.values` cannot disagree: ASCII digits with at most
one decimal mark (the file's own; in a comma file a three-digit fraction such as ``8.500`` is ambiguous and so
not plain), and xlsx numbers. A plain number outside the column's range is also left to the parser, which
says what is wrong with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from allocator.read.columnwise import Number

# Longer digit strings could overflow int64 here; they are far out of every column's range anyway.
_MAX_DIGITS = 15
_EXACT = 2.0**53


def plain_numbers(cells: tuple[Any, ...], mark: str | None, spec: Number) -> tuple[list[Any], list[int]]:
    """The values of the plain, in-range cells (``None`` elsewhere) and the positions of all other cells."""
    import numpy as np

    values: list[Any] = [None] * len(cells)
    rest: list[int] = []
    text_at: list[int] = []
    texts: list[str] = []
    number_at: list[int] = []
    numbers: list[float] = []
    if set(map(type, cells)) == {str}:
        # A CSV column: all text, so no sorting out cell by cell.
        found, parsed = _plain_texts(np, list(cells), mark, spec)
        _keep(np, values, rest, np.arange(len(cells)), found, parsed, spec)
        return values, rest
    for k, c in enumerate(cells):
        kind = c.__class__
        if kind is str:
            text_at.append(k)
            texts.append(c)
        elif kind is float or kind is int:
            number_at.append(k)
            numbers.append(c)
        else:
            rest.append(k)
    if texts:
        found, parsed = _plain_texts(np, texts, mark, spec)
        _keep(np, values, rest, np.asarray(text_at), found, parsed, spec)
    if numbers:
        arr = np.asarray(numbers, dtype=np.float64)
        found = np.isfinite(arr) & (np.abs(arr) < _EXACT)
        if spec.whole:
            found &= np.floor(arr) == arr
        _keep(np, values, rest, np.asarray(number_at), found, arr, spec)
    rest.sort()
    return values, rest


def _plain_texts(np: Any, texts: list[str], mark: str | None, spec: Number) -> tuple[Any, Any]:
    # np.char rather than np.strings: the same C loops on numpy 2, and there on numpy 1.26 too.
    ch = np.char
    s = ch.strip(np.asarray(texts, dtype=np.str_))
    if mark == ",":
        found = ch.find(s, ".") < 0
        t = ch.replace(s, ",", ".")
    else:
        t = ch.replace(s, ",", ".")
        dot = ch.find(t, ".")
        tail = ch.str_len(t) - dot - 1
        ambiguous = (dot >= 1) & (dot <= 3) & (tail == 3) & ~((dot == 1) & ch.startswith(t, "0"))
        found = ~ambiguous
    has_fraction = ch.find(t, ".") >= 0
    found &= ch.isdecimal(ch.replace(t, ".", "", 1)) & ~ch.startswith(t, ".") & ~ch.endswith(t, ".")
    found &= ch.str_len(t) <= _MAX_DIGITS
    if spec.whole:
        found &= ~has_fraction
    if not "".join(texts).isascii():
        # isdecimal accepts any script's digits; the parser reads them too, numpy's conversion may not.
        found &= np.asarray([x.isascii() for x in texts])
    parsed = np.zeros(len(texts), dtype=np.float64)
    parsed[found] = t[found].astype(np.float64)
    return found, parsed


def _keep(
    np: Any, values: list[Any], rest: list[int], at: Any, found: Any, parsed: Any, spec: Number
) -> None:
    low_ok = parsed > spec.low if spec.open_low else parsed >= spec.low
    ok = found & low_ok & (parsed <= spec.high)
    good = at[ok].tolist()
    got = parsed[ok].astype(np.int64).tolist() if spec.whole else parsed[ok].tolist()
    for k, value in zip(good, got, strict=True):
        values[k] = value
    rest.extend(at[~ok].tolist())
