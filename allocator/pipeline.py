"""One allocation run as a library call: solve, check independently, and write the outputs.

The ``allocate`` command, scenario runs and offer rounds all go through here, so the checker runs on every result
genhus writes, and nothing is written when it rejects one.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from allocator.check import Audit, check
from allocator.domain import Decisions, Instance, Settings
from allocator.explain.fixed import fixed_kinds
from allocator.explain.long_stays import long_temporary_stays
from allocator.explain.wishes import WishFacts, explain_wishes
from allocator.provenance import Provenance
from allocator.result import Result
from allocator.rounds import RoundPlan, RoundReport
from allocator.solve import solve
from allocator.timing import stage
from allocator.write import write_json
from allocator.write.atomic import atomic_paths
from allocator.write.workbook import write_workbook

log = logging.getLogger(__name__)
NO_DECISIONS = Decisions()


@dataclass(frozen=True, slots=True)
class Outcome:
    result: Result
    audit: Audit
    provenance: Provenance
    rounds: RoundReport | None = None
    fixed_as: Mapping[str, str] = field(default_factory=dict)  # fixed household -> accepted, pending, pinned

    @property
    def passed(self) -> bool:
        """The checker's verdict for the priority mode the run used."""
        return self.audit.passes(self.result.settings.priority)

    def verdict_lines(self) -> list[str]:
        return self.audit.verdict_lines(priority=self.result.settings.priority)


def run(
    instance: Instance,
    settings: Settings,
    provenance: Provenance,
    *,
    decisions: Decisions = NO_DECISIONS,
    warnings: tuple[str, ...] = (),
    rounds: RoundPlan | None = None,
) -> Outcome:
    """Solve and check. ``rounds`` is an offer round from ``allocator.rounds.plan_round``: pass its ``instance``
    and ``decisions`` as well; the outcome then carries each household's standing in the rounds."""
    if rounds is not None and (decisions != rounds.decisions or instance is not rounds.instance):
        raise ValueError("run the round's own instance and decisions (rounds.instance, rounds.decisions)")
    flags = long_temporary_stays(instance, settings)
    for flag in flags:
        log.warning("%s", flag)
    fixed_as = fixed_kinds(rounds) if rounds is not None else {}
    result = solve(instance, settings, decisions=decisions, warnings=warnings + flags, fixed_as=fixed_as)
    if rounds is not None:
        result = rounds.keep_pending(result)
    log.info("checking the allocation independently")
    with stage("check"):
        audit = check(instance, settings, result.assignment_map, decisions=decisions)
    report = rounds.report(result) if rounds is not None else None
    return Outcome(result=result, audit=audit, provenance=provenance, rounds=report, fixed_as=fixed_as)


def write(outcome: Outcome, *, out: str | Path | None = None, json_path: str | Path | None = None) -> None:
    """Write the JSON and the workbook as one transaction: both are written to temporary files in their target
    folders and then renamed; if anything fails, the temporaries are removed and the old files stay as they
    were. Refuses an outcome the checker rejected."""
    if not outcome.passed:
        raise ValueError("the checker rejected this allocation; it must not be written")
    targets = [(kind, Path(p)) for kind, p in (("json", json_path), ("xlsx", out)) if p]
    if not targets:
        return
    explained = explain(outcome) if out else None
    with stage("write"), atomic_paths(*(p for _, p in targets)) as temps:
        for (kind, target), tmp in zip(targets, temps, strict=True):
            log.info("writing %s", target.name)
            if kind == "json":
                write_json(tmp, outcome.result, outcome.audit.as_dict())
            else:
                _write_workbook(tmp, outcome, name=target.name, explained=explained)


def explain(outcome: Outcome) -> WishFacts:
    """Why households did not get a better wish (the Begrundelser sheet), as the stage "explain"."""
    r = outcome.result
    with stage("explain"):
        facts = explain_wishes(
            r.instance, r.settings, r.assignment_map, decisions=r.decisions, fixed_as=outcome.fixed_as
        )
        facts.summaries()  # the sentences too, so that the write only lays them out
    return facts


def _write_workbook(
    out: str | Path, outcome: Outcome, *, name: str | None = None, explained: WishFacts | None = None
) -> None:
    write_workbook(
        out,
        outcome.result,
        outcome.audit,
        outcome.provenance,
        lang=outcome.result.settings.lang,
        rounds=outcome.rounds,
        out_name=name,
        explained=explained,
    )
