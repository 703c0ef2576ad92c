"""The outcome of one allocation run: what a writer, the checker and the explanations need."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from allocator.domain import Decisions, Instance, Settings


@dataclass(frozen=True, slots=True)
class Reason:
    """A reason in words a coordinator can repeat to the resident, in both output languages."""

    code: str
    en: str
    da: str

    def text(self, lang: str) -> str:
        return self.da if lang == "da" else self.en


@dataclass(frozen=True, slots=True)
class Assignment:
    """A household's dwelling and its wish rank; in a phased case also the stay (``allocator.stays``):
    ``stay_from`` the first day it holds the dwelling, ``stay_until`` the day it moves back (``None``: for
    good, or a case without phases)."""

    household_id: str
    dwelling_id: str
    rank: int
    stay_from: dt.date | None = None
    stay_until: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Unassigned:
    household_id: str
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class SolverStats:
    """How the allocation was found and how sure we are of it."""

    status: str
    objective: int
    bound: float | None  # None when CP-SAT reached no bound (time limit)
    cp_sat_status: str
    exchanges: int
    dwelling_types: int
    suitable_pairs: int
    seconds: float


@dataclass(frozen=True, slots=True)
class Result:
    """Assignments in household input order, the unassigned with reasons, and figures per rule."""

    instance: Instance
    settings: Settings
    assignments: tuple[Assignment, ...]
    unassigned: tuple[Unassigned, ...]
    stats: SolverStats
    rule_figures: dict[str, dict[str, int]] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    decisions: Decisions = field(default_factory=Decisions)

    @property
    def assignment_map(self) -> dict[str, str]:
        return {a.household_id: a.dwelling_id for a in self.assignments}

    def as_dict(self, audit: dict[str, Any] | None = None) -> dict[str, Any]:
        """The JSON document of the issue: English, ids exactly as in the input."""
        return {
            "status": self.stats.status,
            "settings": self.settings.as_dict(),
            "assignments": [_assignment_dict(a, phased=self.instance.phased) for a in self.assignments],
            "unassigned": [
                {"household_id": u.household_id, "reasons": [r.en for r in u.reasons]}
                for u in self.unassigned
            ],
            "audit": audit if audit is not None else {},
            "solver": {
                "cp_sat_status": self.stats.cp_sat_status,
                "objective": self.stats.objective,
                "bound": self.stats.bound,
                "exchanges": self.stats.exchanges,
                "dwelling_types": self.stats.dwelling_types,
                "suitable_pairs": self.stats.suitable_pairs,
            },
            "rule_figures": self.rule_figures,
            "warnings": list(self.warnings),
            **({"phases": self._phases_dict()} if self.instance.phased else {}),
        }

    def _phases_dict(self) -> dict[str, Any]:
        return {
            "turnaround_days": self.settings.turnaround_days,
            "phases": [
                {
                    "phase": p.phase_id,
                    "name": p.name,
                    "construction_start": p.construction_start.isoformat(),
                    "ready": p.ready.isoformat() if p.ready else None,
                }
                for p in self.instance.phases
            ],
        }


def _assignment_dict(a: Assignment, *, phased: bool) -> dict[str, Any]:
    entry: dict[str, Any] = {"household_id": a.household_id, "dwelling_id": a.dwelling_id, "rank": a.rank}
    if phased:
        entry["stay"] = {
            "from": a.stay_from.isoformat() if a.stay_from else None,
            "until": a.stay_until.isoformat() if a.stay_until else None,
        }
    return entry
