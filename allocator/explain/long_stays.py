"""Temporary stays over 12 months (domain rule 12), flagged rather than decided.

Source: BL's reading of almenlejeloven § 86 a: a temporary rehousing that lasts more than 12 months gives the
household a right to permanent rehousing. genhus does not change the household's kind on its own (that is the
household's choice); it names the households whose planned stay is longer (in a phased case from its stay's
dates, otherwise the "Varighed (måneder)" column or the budget's ``stay_months`` setting for all), so the
coordinator can offer it.
"""

from __future__ import annotations

from allocator.budget import stay_months
from allocator.domain import Instance, Kind, Settings
from allocator.notice import Notice

LIMIT_MONTHS = 12.0
SHOWN = 10


def long_temporary_stays(instance: Instance, settings: Settings) -> tuple[str, ...]:
    long = [
        h.household_id
        for h in instance.households
        if h.kind is Kind.TEMPORARY and stay_months(h, settings) > LIMIT_MONTHS
    ]
    if not long:
        return ()
    more = len(long) - SHOWN
    shown_en = ", ".join(long[:SHOWN]) + (f" and {more} more" if more > 0 else "")
    shown_da = ", ".join(long[:SHOWN]) + (f" og {more} til" if more > 0 else "")
    n = len(long)
    return (
        Notice(
            f"{n} temporary household{'s' if n != 1 else ''} stay{'' if n != 1 else 's'} more than "
            f"{LIMIT_MONTHS:.0f} months ({shown_en}): by BL's reading of almenlejeloven § 86 a "
            f"{'they have' if n != 1 else 'it has'} a right to permanent rehousing; offer it",
            f"{n} midlertidig{'e' if n != 1 else ''} husstand{'e' if n != 1 else ''} bor midlertidigt i mere end "
            f"{LIMIT_MONTHS:.0f} måneder ({shown_da}): efter BL's læsning af almenlejeloven § 86 a har "
            f"{'de' if n != 1 else 'den'} ret til permanent genhusning; tilbyd den",
        ),
    )
