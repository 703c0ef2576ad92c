"""Cases for the board (domain rule 9): where seniority plainly works against a larger household's needs.

A case is a pair: a *small* household (at most ``settings.board_max_members`` persons) given a dwelling of at
least ``settings.board_min_rooms`` rooms, and a *larger* household (more than ``board_max_members`` persons)
in the dwelling's municipality for whom that dwelling was suitable and who fared worse: it was not housed, or
it got a worse wish rank than the dwelling would have been for it. The allocation itself is not changed; the
case is shown to the board rather than hidden (seed 001's elderly single person with long seniority in a
family dwelling).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from allocator.domain import Decisions, Instance, Settings, wish_rank
from allocator.engine.eligibility import Eligibility, compute
from allocator.result import Reason


@dataclass(frozen=True, slots=True)
class BoardCase:
    """One (small household, larger household) case.

    ``small_rank`` is the wish rank the small household got; ``large_rank`` the rank the larger household got
    (``None``: not housed); ``large_rank_here`` the rank the dwelling would have been for the larger
    household.
    """

    small_id: str
    small_members: int
    small_rank: int
    dwelling_id: str
    rooms: int
    municipality: str
    large_id: str
    large_members: int
    large_rank: int | None
    large_rank_here: int


def board_rule(settings: Settings) -> Reason:
    """The rule used, with the two setting values, for a line above the table."""
    small, rooms = settings.board_max_members, settings.board_min_rooms
    return Reason(
        code="board_rule",
        en=f"Flagged: a household of at most {small} {_persons(small, 'en')} given a dwelling of at least "
        f"{rooms} rooms, while a household of more than {small} {_persons(small, 'en')} in the same "
        f"municipality, for whom the dwelling was suitable, was not housed or got a worse wish than this "
        f"dwelling would have been for it (settings board_max_members = {small}, board_min_rooms = {rooms}).",
        da=f"Markeret: en husstand på højst {small} {_persons(small, 'da')} har fået en bolig på mindst "
        f"{rooms} rum, mens en husstand på mere end {small} {_persons(small, 'da')} i samme kommune, for "
        f"hvem boligen var egnet, ikke blev genhuset eller fik et dårligere ønske end denne bolig ville have "
        f"været for den (indstillinger board_max_members = {small}, board_min_rooms = {rooms}).",
    )


def board_cases(
    instance: Instance,
    settings: Settings,
    assignment: Mapping[str, str],
    *,
    decisions: Decisions | None = None,
    eligibility: Eligibility | None = None,
) -> tuple[BoardCase, ...]:
    """All cases, in small-household then larger-household input order.

    A dwelling the larger household refused earlier, or was excluded from (``decisions.forbidden``), does not
    count as suitable for it.
    """
    forbidden = decisions.forbidden if decisions is not None else ()
    elig = eligibility if eligibility is not None else compute(instance, settings, forbidden)
    households, vacancies = instance.households, instance.vacancies
    index_of_dwelling = {v.dwelling_id: j for j, v in enumerate(vacancies)}
    home = {h: index_of_dwelling[d] for h, d in assignment.items() if d in index_of_dwelling}
    # A household housed in a dwelling outside this run's vacancies (fixed earlier) is not compared.
    larger = [
        i
        for i, h in enumerate(households)
        if h.members > settings.board_max_members
        and (h.household_id in home or h.household_id not in assignment)
    ]

    cases: list[BoardCase] = []
    for small in households:
        j = home.get(small.household_id)
        if j is None or small.members > settings.board_max_members:
            continue
        dwelling = vacancies[j]
        if dwelling.rooms < settings.board_min_rooms:
            continue
        for i in larger:
            large = households[i]
            if large.municipality != dwelling.municipality or not elig.is_suitable(i, j):
                continue
            here = wish_rank(large, dwelling.department)
            own = home.get(large.household_id)
            got = None if own is None else wish_rank(large, vacancies[own].department)
            if got is not None and got <= here:
                continue
            cases.append(
                BoardCase(
                    small_id=small.household_id,
                    small_members=small.members,
                    small_rank=wish_rank(small, dwelling.department),
                    dwelling_id=dwelling.dwelling_id,
                    rooms=dwelling.rooms,
                    municipality=dwelling.municipality,
                    large_id=large.household_id,
                    large_members=large.members,
                    large_rank=got,
                    large_rank_here=here,
                )
            )
    return tuple(cases)


def _persons(n: int, lang: str) -> str:
    if lang == "da":
        return "person" if n == 1 else "personer"
    return "person" if n == 1 else "persons"
