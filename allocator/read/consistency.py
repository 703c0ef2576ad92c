"""Checks across the two files that warn rather than refuse."""

from __future__ import annotations

from allocator.domain import Household, Vacancy
from allocator.read.words import warning

SHOWN_ROWS = 10


def unknown_wish_departments(
    households: tuple[Household, ...], vacancies: tuple[Vacancy, ...], file: str
) -> list[str]:
    """Warn once for each wished department found in neither file, naming the rows that wish it.

    Such a wish is legal (the department may get vacancies later) but is most often a typing error, and it
    would silently make the household's other wishes count for less. A name that differs only in case or
    spaces from a known department is pointed out, since ids and names are otherwise matched exactly.

    Parameters
    ----------
    households, vacancies
        What was read.
    file
        The households file as the user named it.
    """
    known = {h.department for h in households} | {v.department for v in vacancies}
    folded = {" ".join(d.split()).casefold(): d for d in sorted(known)}
    rows: dict[str, list[int]] = {}
    for h in households:
        for wish in h.wishes:
            if wish not in known:
                rows.setdefault(wish, []).append(h.row)
    warnings = []
    # One line per unknown department, not per row: at organisation size a per-row list would bury the point.
    for wish, where in rows.items():
        near = folded.get(" ".join(wish.split()).casefold())
        if near is not None:
            warnings.append(warning("unknown_wish_near", file=file, rows=where, wish=wish, near=near))
        else:
            warnings.append(warning("unknown_wish", file=file, rows=where, wish=wish))
    return warnings
