"""Refuse a case too big for one run before reading it, with advice instead of being killed for memory.

100,000 households x 110,000 vacancies was killed at 18 GB; the solver is being made sparse for 50,000 x 65,000
in 4 GB, so the limits below are set generously above that, on the counts a reader can know cheaply (rows of a
file before its cells are parsed) rather than on a guess of the solver's memory.
"""

from __future__ import annotations

MAX_ROWS = 200_000
"""Most rows one households or vacancies file may have."""

MAX_PAIRS = 20_000_000_000
"""Most households x vacancies in one case (e.g. 140,000 x 140,000)."""

_SPLIT = (
    "split the case by municipality (one households and one vacancies file per municipality, run one by "
    "one): a household is only ever rehoused in its own municipality, except a temporary one that agreed to "
    "another"
)


def too_many_rows(rows: int, limit: int) -> str:
    return f"about {rows:,} rows; genhus reads at most {limit:,} in one run; {_SPLIT}"


def too_many_pairs(households: int, vacancies: int, limit: int | None = None) -> str | None:
    """The refusal for a case whose households x vacancies exceed ``limit`` (default MAX_PAIRS), or ``None``."""
    limit = MAX_PAIRS if limit is None else limit
    if households * vacancies <= limit:
        return None
    return (
        f"{households:,} households x {vacancies:,} vacancies is too big for one run (at most "
        f"{limit:,} pairs); {_SPLIT}"
    )
