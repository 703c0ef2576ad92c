"""Temporary stays over 12 months (domain rule 12), flagged rather than decided.

Source: BL's reading of almenlejeloven § 86 a: a temporary rehousing that lasts more than 12 months gives the
household a right to permanent rehousing. genhus does not change the household's kind on its own (that is the
household's choice); it names the households whose planned stay (the "Varighed (måneder)" column, or the budget's
``stay_months`` setting for all) is longer, so the coordinator can offer it.
"""

from __future__ import annotations

from allocator.domain import Instance, Kind, Settings

LIMIT_MONTHS = 12.0
SHOWN = 10


def long_temporary_stays(instance: Instance, settings: Settings) -> tuple[str, ...]:
    long = [
        h.household_id
        for h in instance.households
        if h.kind is Kind.TEMPORARY
        and (h.stay_months if h.stay_months is not None else settings.budget.stay_months) > LIMIT_MONTHS
    ]
    if not long:
        return ()
    shown = ", ".join(long[:SHOWN]) + (f" and {len(long) - SHOWN} more" if len(long) > SHOWN else "")
    return (
        f"{len(long)} temporary households stay more than {LIMIT_MONTHS:.0f} months ({shown}): by BL's reading of "
        "almenlejeloven § 86 a they have a right to permanent rehousing; offer it to them",
    )
