"""What the checker found: one ``Finding`` per problem and the ``Audit`` that sums them up."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_SHOWN_PER_CHECK = 3
_FINDINGS_IN_DICT = 50
_PRIORITY_MODES = ("strict", "weighted")
_NOT_REQUIRED = "reported, not required in weighted mode"
_DECISION_KINDS = ("decision_broken", "decision_unknown_id", "forbidden_pair")
_PARTIAL_OVER_TIME = ("priority violations", "seniority", "trade cycles")  # exact only in small components


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in an allocation, with the households and dwellings it concerns.

    ``kind`` names the rule or check (``suitable_size``, ``dwelling_assigned_twice``, ``priority_envy``,
    ``trade_cycle`` ...); ``text`` says it in plain English and names the ids.
    """

    kind: str
    household_ids: tuple[str, ...]
    dwelling_ids: tuple[str, ...]
    text: str


@dataclass(frozen=True, slots=True)
class TimeChecks:
    """The time checks of a phased case (``phased.py``): stays outside their dwelling's window, overlapping
    stays, whether the coverage optimisations were proved optimal (``coverage_certified`` of the components by
    the LP certificate of ``time_coverage.py``), and how far the exact housed-set and
    seniority questions reached (components of at most ``exact_limit`` households; the ``large_components``
    had only the direct checks). ``undecided`` counts the CP-SAT questions the time limit cut short."""

    stay_windows: tuple[Finding, ...] = ()
    stay_overlaps: tuple[Finding, ...] = ()
    coverage_decided: bool = True
    coverage_certified: int = 0
    exact_limit: int = 0
    components: int = 0
    exact_components: int = 0
    exact_households: int = 0
    large_components: tuple[int, ...] = ()
    undecided: int = 0

    @property
    def ok(self) -> bool:
        return not self.stay_windows and not self.stay_overlaps and self.undecided == 0

    @property
    def partial(self) -> bool:
        return bool(self.large_components)

    def lines(self) -> list[str]:
        lines = []
        for label, found in (("stay windows", self.stay_windows), ("stay overlaps", self.stay_overlaps)):
            lines.append(f"{label}: {len(found)} - {'ok' if not found else 'FAILED'}")
            lines.extend(f"  - {f.text}" for f in found[:_SHOWN_PER_CHECK])
            if len(found) > _SHOWN_PER_CHECK:
                lines.append(f"  - ... and {len(found) - _SHOWN_PER_CHECK} more")
        by_lp = self.coverage_certified
        lines.append(
            f"time coverage: maximum proved in {self.components if self.coverage_decided else 'not all'} "
            f"components ({by_lp} by LP certificate, the others by CP-SAT)"
        )
        if not self.coverage_decided:
            lines.append(
                "time coverage: not decided - FAILED (the CP-SAT time limit hit before the maximum was proved; "
                "the figures above are the best allocation found, and the housed-set and seniority questions "
                "of that component were not asked)"
            )
        reach = (
            f"exact in {self.exact_components} of {self.components} components "
            f"({self.exact_households} households, components of at most {self.exact_limit})"
        )
        if self.large_components:
            sizes = ", ".join(str(n) for n in self.large_components)
            reach += (
                f"; partial in the larger ones ({sizes} households), as one question per household takes "
                "too long there: only single moves to a dwelling "
                "free for the whole stay, swaps, a move on to such a dwelling, and direct take-overs by "
                "unhoused households are checked, not longer chains"
            )
        lines.append(f"housed set, seniority and trade cycles over time: {reach}")
        if self.undecided:
            lines.append(f"time questions not decided: {self.undecided} (CP-SAT time limit) - FAILED")
        return lines

    def as_dict(self) -> dict[str, Any]:
        return {
            "stay_windows": len(self.stay_windows),
            "stay_overlaps": len(self.stay_overlaps),
            "coverage_decided": self.coverage_decided,
            "coverage_certified": self.coverage_certified,
            "exact_limit": self.exact_limit,
            "components": self.components,
            "exact_components": self.exact_components,
            "exact_households": self.exact_households,
            "large_components": list(self.large_components),
            "undecided": self.undecided,
        }


@dataclass(frozen=True, slots=True)
class Audit:
    """The independent verdict on one allocation.

    ``housed`` and ``permanent_housed`` count only the pairs that break no rule, kept fixed pairs included.
    ``max_housed`` is the most households any allocation can house with the fixed pairs given (their number plus
    the maximum matching of the open part); ``max_permanent_housed`` the most permanent households among the
    allocations that house ``max_housed``. The tuples list the findings of each check; broken decisions
    are rule breaches. ``seniority`` has one ``seniority_chain`` finding per housed household that could have a
    better wish through a chain of moves in which no higher-priority household gets a worse one (serial
    dictatorship with ties, ``seniority.py``). ``fixed`` is the number of fixed pairs the assignment keeps,
    ``forbidden`` the number of
    forbidden pairs it respects.
    """

    housed: int
    max_housed: int
    permanent_housed: int
    max_permanent_housed: int
    priority_violations: tuple[Finding, ...] = ()
    seniority: tuple[Finding, ...] = ()
    waste: tuple[Finding, ...] = ()
    trade_cycles: tuple[Finding, ...] = ()
    rule_breaches: tuple[Finding, ...] = ()
    fixed: int = 0
    forbidden: int = 0
    time: TimeChecks | None = None  # a phased case's time checks; None without phases

    @property
    def coverage_ok(self) -> bool:
        return self.housed == self.max_housed and self._coverage_proved

    @property
    def permanent_ok(self) -> bool:
        return self.permanent_housed == self.max_permanent_housed and self._coverage_proved

    @property
    def _coverage_proved(self) -> bool:
        return self.time is None or self.time.coverage_decided

    @property
    def ok(self) -> bool:
        return (
            self.coverage_ok
            and self.permanent_ok
            and not self.rule_breaches
            and not self.priority_violations
            and not self.seniority
            and not self.waste
            and not self.trade_cycles
            and self._time_ok
        )

    @property
    def _time_ok(self) -> bool:
        return self.time is None or self.time.ok

    def passes(self, priority: str) -> bool:
        """Whether the allocation is good under the ``priority`` mode of the run.

        ``strict``: the same as ``ok``. ``weighted``: seniority is only a weight in one objective, so priority
        violations, seniority chains and fewer permanent households than possible are expected and only
        reported; coverage, no
        rule breaches, no waste and no trade cycles are still required.
        """
        _require_mode(priority)
        if priority == "strict":
            return self.ok
        return (
            self.coverage_ok
            and not self.rule_breaches
            and not self.waste
            and not self.trade_cycles
            and self._time_ok
        )

    def findings(self) -> tuple[Finding, ...]:
        """All findings, most serious check first: rule breaches, priority, seniority, waste, trade cycles."""
        time = self.time.stay_windows + self.time.stay_overlaps if self.time is not None else ()
        return (
            self.rule_breaches
            + time
            + self.priority_violations
            + self.seniority
            + self.waste
            + self.trade_cycles
        )

    def verdict_lines(self, priority: str = "strict") -> list[str]:
        """One line per check, each followed by its first few findings when it fails.

        With ``priority="weighted"`` the permanent-households, priority-violation and seniority checks are not
        required
        (see ``passes``): when they find something, their lines say it is reported, not that it failed, and
        still give the counts and the first findings.
        """
        _require_mode(priority)
        weighted = priority == "weighted"

        def verdict(good: bool, required: bool = True) -> str:
            return "ok" if good else "FAILED" if required else _NOT_REQUIRED

        lines = [
            f"coverage: {self.housed} of at most {self.max_housed} housed - {verdict(self.coverage_ok)}",
            f"permanent households: {self.permanent_housed} of at most {self.max_permanent_housed} housed "
            f"(among allocations with maximum coverage) - {verdict(self.permanent_ok, not weighted)}",
        ]
        decisions = self._decisions_line()
        if decisions:
            lines.append(decisions)
        for label, found, required in (
            ("rule breaches", self.rule_breaches, True),
            ("priority violations", self.priority_violations, not weighted),
            ("seniority", self.seniority, not weighted),
            ("waste", self.waste, True),
            ("trade cycles", self.trade_cycles, True),
        ):
            if label == "seniority":
                lines.append(f"seniority: {_seniority_summary(len(found))} - {verdict(not found, required)}")
            else:
                lines.append(f"{label}: {len(found)} - {verdict(not found, required)}")
            if self.time is not None and self.time.partial and label in _PARTIAL_OVER_TIME:
                lines[-1] += (
                    " (partial in a phased case: see 'housed set, seniority and trade cycles over time')"
                )
            lines.extend(f"  - {f.text}" for f in found[:_SHOWN_PER_CHECK])
            if len(found) > _SHOWN_PER_CHECK:
                lines.append(f"  - ... and {len(found) - _SHOWN_PER_CHECK} more")
        if self.time is not None:
            lines.extend(self.time.lines())
        return lines

    def _decisions_line(self) -> str | None:
        """``decisions: 12 fixed pairs kept, 30 forbidden pairs respected - ok``; None without decisions."""
        count = {kind: 0 for kind in _DECISION_KINDS}
        for finding in self.rule_breaches:
            if finding.kind in count:
                count[finding.kind] += 1
        fixed_total = self.fixed + count["decision_broken"] + count["decision_unknown_id"]
        forbidden_total = self.forbidden + count["forbidden_pair"]
        if fixed_total == 0 and forbidden_total == 0:
            return None

        def part(done: int, total: int, noun: str, verb: str) -> str:
            of = "" if done == total else f" of {total}"
            return f"{done}{of} {noun} pair{'' if total == 1 else 's'} {verb}"

        good = not any(count.values())
        return (
            f"decisions: {part(self.fixed, fixed_total, 'fixed', 'kept')}, "
            f"{part(self.forbidden, forbidden_total, 'forbidden', 'respected')} - {'ok' if good else 'FAILED'}"
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "housed": self.housed,
            "max_housed": self.max_housed,
            "permanent_housed": self.permanent_housed,
            "max_permanent_housed": self.max_permanent_housed,
            "priority_violations": len(self.priority_violations),
            "seniority": len(self.seniority),
            "waste": len(self.waste),
            "trade_cycles": len(self.trade_cycles),
            "rule_breaches": len(self.rule_breaches),
            "fixed": self.fixed,
            "forbidden": self.forbidden,
            "ok": self.ok,
            "findings": [f.text for f in self.findings()[:_FINDINGS_IN_DICT]],
            **({"time": self.time.as_dict()} if self.time is not None else {}),
        }


def _seniority_summary(count: int) -> str:
    if count == 0:
        return "every household has the best wish its seniority allows"
    households = "household" if count == 1 else "households"
    return f"{count} {households} could have a better wish without any higher-priority household getting a worse one"


def _require_mode(priority: str) -> None:
    if priority not in _PRIORITY_MODES:
        raise ValueError(f"priority must be one of {', '.join(_PRIORITY_MODES)}, not {priority!r}")
