"""What earlier rounds and coordinators decided, read against the instance and the assignment.

A fixed pair (an accepted offer, an offer still out, a coordinator's pin) is given: it is not judged by the
suitability rules, and its household and dwelling are outside the open part that coverage, priority, waste and
trade cycles judge. A forbidden pair (a refused offer, a coordinator's "must not get") is unsuitable everywhere.

Breaches found here:

- ``decision_unknown_id``: a fixed pair names a household or dwelling that is not in the instance. Such a pair
  fixes nothing: its known side, if any, stays in the open part;
- ``decision_broken``: a fixed household is not assigned exactly its fixed dwelling (one finding per fixed pair);
- ``forbidden_pair``: the assignment maps a household to a dwelling it must not get (one finding per pair).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from allocator.check.audit import Finding
from allocator.domain import Decisions, Instance

_DECIDED = "was decided (accepted offer, offer still out or coordinator's pin)"


@dataclass(frozen=True, eq=False)
class Resolved:
    """The decisions in index terms.

    ``fixed_home[h]`` is the fixed dwelling index of household h or -1, ``fixed_holder[d]`` the household index
    fixed to dwelling d or -1; ``forbidden`` the (household index, dwelling index) pairs that must never be
    assigned, both ids known; ``forbidden_ids`` every distinct forbidden pair of ids; ``unknown`` the
    ``decision_unknown_id`` findings.
    """

    fixed_home: np.ndarray
    fixed_holder: np.ndarray
    forbidden: frozenset[tuple[int, int]]
    forbidden_ids: frozenset[tuple[str, str]]
    unknown: tuple[Finding, ...]

    @property
    def fixed_households(self) -> np.ndarray:
        return np.flatnonzero(self.fixed_home >= 0)

    def open_mask(self, suitable: np.ndarray) -> np.ndarray:
        """``suitable`` without the forbidden pairs, the fixed households' rows and the fixed dwellings' columns."""
        judged = suitable.copy()
        if self.forbidden:
            h, d = np.array(sorted(self.forbidden), np.intp).T
            judged[h, d] = False
        judged[self.fixed_home >= 0, :] = False
        judged[:, self.fixed_holder >= 0] = False
        return judged


def resolve(instance: Instance, decisions: Decisions) -> Resolved:
    h_index = {h.household_id: i for i, h in enumerate(instance.households)}
    d_index = {v.dwelling_id: j for j, v in enumerate(instance.vacancies)}
    fixed_home = np.full(len(instance.households), -1, np.intp)
    fixed_holder = np.full(len(instance.vacancies), -1, np.intp)
    unknown: list[Finding] = []
    for household_id, dwelling_id in decisions.fixed:
        h, d = h_index.get(household_id), d_index.get(dwelling_id)
        if h is None or d is None:
            missing = " and ".join(
                f"{what} {name} is not in this case"
                for what, name, index in (("household", household_id, h), ("dwelling", dwelling_id, d))
                if index is None
            )
            unknown.append(
                Finding(
                    "decision_unknown_id",
                    (str(household_id),),
                    (str(dwelling_id),),
                    f"{household_id} -> {dwelling_id} {_DECIDED}, but {missing}",
                )
            )
            continue
        fixed_home[h] = d
        fixed_holder[d] = h
    forbidden = {(h_index[h], d_index[d]) for h, d in decisions.forbidden if h in h_index and d in d_index}
    return Resolved(
        fixed_home=fixed_home,
        fixed_holder=fixed_holder,
        forbidden=frozenset(forbidden),
        forbidden_ids=frozenset((str(h), str(d)) for h, d in decisions.forbidden),
        unknown=tuple(unknown),
    )


def broken_decisions(
    instance: Instance, resolved: Resolved, assignment: Mapping[str, str]
) -> tuple[int, tuple[Finding, ...]]:
    """``(fixed pairs honoured, one decision_broken finding per fixed pair that is not)``, in household order."""
    hs, vs = instance.households, instance.vacancies
    holders: dict[object, list[str]] = {}
    for household_id, dwelling_id in assignment.items():
        try:
            holders.setdefault(dwelling_id, []).append(str(household_id))
        except TypeError:  # an unhashable value is no dwelling id
            pass
    honoured = 0
    found: list[Finding] = []
    for h in resolved.fixed_households:
        household_id, dwelling_id = hs[h].household_id, vs[resolved.fixed_home[h]].dwelling_id
        given = assignment.get(household_id, None)
        if given == dwelling_id:
            honoured += 1
            continue
        where = "unhoused" if household_id not in assignment else f"assigned {given}"
        others = sorted(o for o in holders.get(dwelling_id, ()) if o != household_id)
        taken = f"; {dwelling_id} is assigned to {', '.join(others)}" if others else ""
        found.append(
            Finding(
                "decision_broken",
                (household_id,),
                (dwelling_id,) if household_id not in assignment else (dwelling_id, str(given)),
                f"{household_id} -> {dwelling_id} {_DECIDED}, but {household_id} is {where}{taken}",
            )
        )
    return honoured, tuple(found)


def forbidden_assigned(resolved: Resolved, assignment: Mapping[str, str]) -> tuple[Finding, ...]:
    """One ``forbidden_pair`` finding per assigned pair that must never be assigned."""
    found: list[Finding] = []
    for household_id, dwelling_id in assignment.items():
        try:
            pair = (household_id, dwelling_id)
            hit = pair in resolved.forbidden_ids
        except TypeError:  # unhashable values are no ids
            hit = False
        if hit:
            found.append(
                Finding(
                    "forbidden_pair",
                    (str(household_id),),
                    (str(dwelling_id),),
                    f"{household_id} -> {dwelling_id}: {household_id} must not get {dwelling_id} "
                    "(refused offer or coordinator's decision)",
                )
            )
    return tuple(found)
