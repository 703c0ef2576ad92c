"""Why a household did not get a better wish, department by department, in words a coordinator can repeat.

For every household housed outside its first wished department (wish rank > 1), and every unhoused household
that has wishes, each wished department better than the wish it got is explained: its first wish always, a later
one where some dwelling there suits the household. Every dwelling of such a department gets a verdict, each
from a fact established here:

- the dwelling is not suitable: the first hard rule it fails (``allocator.rules``, in ``HARD_RULES`` order);
- the household refused it earlier, or a coordinator excluded it (a forbidden pair of the decisions);
- it is held by an earlier decision (an accepted offer, an offer still out, a coordinator's pin), named for what
  it is and for the household it is held for, and whether that household comes first;
- it went to a household with higher priority, and why that one came first: permanent before temporary, an
  earlier seniority date, or the same kind and date decided by the seeded draw;
- it went to a household with lower priority, and why that does not help: either some chain of moves would give
  the household this dwelling with everyone else still housed (then, by the serial dictatorship the checker
  verifies, a household ahead of it would get a worse wish), or none would (then giving it the dwelling would
  leave a household without a home); which of the two is settled by a search per dwelling type
  (``allocator.explain.freeing``); under weighted priority the objective decided, and no more is claimed;
- it was left free (not expected after an allocation the checker accepts; said plainly rather than hidden).

In a phased case (issue 12) a dwelling holds several stays over time: the holder is the one whose stay overlaps
this household's (``allocator.explain.held``), named with its phase and until or from which day it holds the
dwelling (a holder fixed by an earlier decision too: it holds the dwelling for its own stay only); a
lower-priority holder is said to be one, with no more claimed (the search above knows no time); the sentence's
head gives the household's own stay, and dwellings that only their own window rules out are said to
be free too late ("ledig først fra") or to be given back too early ("kun ledig til").

The verdicts are computed per department as arrays (the rules on the households x dwellings of that department,
the allocation's holders, priorities and kinds compared by broadcasting); only the sentences are made per
household. ``explain_wishes`` returns the facts; ``WishFacts.summaries`` gives one row per household for the
sheet, ``WishFacts.lines`` one line per dwelling (for tests and for anyone who wants the detail).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

import numpy as np

from allocator.domain import (
    Decisions,
    Household,
    Instance,
    Settings,
    Use,
    Vacancy,
    priority_order,
    wish_rank,
)
from allocator.engine.eligibility import Eligibility, compute
from allocator.explain.freeing import Freeing
from allocator.explain.held import (
    HeldOverTime,
    stay_span,
    time_keys,
    when_text,
    window,
    window_clauses,
)
from allocator.explain.words import count, id_list, ordinal, phrase
from allocator.result import Reason
from allocator.rules import HARD_RULES

CODES = (
    "unsuitable",
    "excluded",
    "left_free",
    "fixed_elsewhere",
    "permanent_first",
    "earlier_seniority",
    "seeded_draw",
    "ahead_would_lose_wish",
    "needed_elsewhere",
    "weighted_objective",
    "shared_over_time",
)
"""Verdict codes of one dwelling, by number."""
(
    UNSUITABLE,
    EXCLUDED,
    LEFT_FREE,
    FIXED_ELSEWHERE,
    PERMANENT_FIRST,
    EARLIER_SENIORITY,
    SEEDED_DRAW,
    WOULD_LOSE_WISH,
    WOULD_LOSE_HOME,
    WEIGHTED,
    SHARED_OVER_TIME,
) = range(len(CODES))
_BEHIND = len(CODES)  # lower priority, before the search says which of the two
AHEAD = (PERMANENT_FIRST, EARLIER_SENIORITY, SEEDED_DRAW)
FIXED_KINDS = ("accepted", "pending", "pinned", "decided")
"""How a fixed pair came about (``fixed_as``); ``decided`` when it is not known."""
SHOWN_IDS = 8


@dataclass(frozen=True, slots=True)
class WishExplanation:
    """Why ``household_id`` did not get ``dwelling_id`` in its wished ``department`` (wish number ``wish``).

    ``dwelling_id`` is ``None`` when the department has no vacancies at all, or when the household's own
    dwelling was fixed; ``holder_id`` is the household that holds the dwelling (``None`` when it was unsuitable
    for this household or left free). ``reason.code`` is one of ``CODES``, or ``no_vacancies`` / ``fixed``.
    """

    household_id: str
    department: str
    dwelling_id: str | None
    holder_id: str | None
    reason: Reason
    rule_title: dict[str, str] | None = None  # for ``unsuitable``: the first rule the dwelling fails
    wish: int = 1


@dataclass(frozen=True, slots=True)
class WishSummary:
    """All of one household's departments in one readable reason, and the counts of its first wish."""

    household_id: str
    department: str
    dwellings: int
    to_higher_priority: int
    not_suitable: int
    other: int
    reason: Reason


@dataclass(frozen=True, slots=True, eq=False)
class Block:
    """The verdicts on the dwellings of one wished department of one household.

    ``dwellings`` are vacancy indices in input order; per dwelling, ``codes`` (``CODES``), ``holders``
    (household index, -1 for none; in a phased case the holder during this household's stay) and ``rules``
    (index into ``HARD_RULES`` of the first rule it fails, ``len(HARD_RULES)`` when it passes all). ``own``
    is set (a ``FIXED_KINDS`` word) instead when the household's own dwelling was fixed by a decision.
    ``tally`` counts the dwellings per code, and ``unsuitable`` the unsuitable ones per first failed rule, in
    the order the rules first occur.
    """

    household: int
    wish: int
    department: str
    dwellings: np.ndarray
    codes: np.ndarray
    holders: np.ndarray
    rules: np.ndarray
    own: str | None = None
    tally: tuple[int, ...] = (0,) * len(CODES)
    unsuitable: tuple[tuple[int, int], ...] = ()


_NONE = np.zeros(0, dtype=np.int64)


@dataclass(frozen=True, slots=True, eq=False)
class WishFacts:
    """The verdicts of one allocation, household by household (input order), department by wish."""

    instance: Instance
    settings: Settings
    eligibility: Eligibility
    blocks: tuple[Block, ...]
    fixed_as: Mapping[int, str]  # household index -> FIXED_KINDS word, for every fixed household
    position: np.ndarray  # household index -> place in the priority order
    held: HeldOverTime | None = None  # a phased case's stays, for what holds a dwelling when
    made: list = field(default_factory=list)  # the summaries, once made

    def summaries(self) -> tuple[WishSummary, ...]:
        """One summary per household, in input order (made once)."""
        if not self.made:
            self.made.append(self._summaries())
        return self.made[0]

    def _summaries(self) -> tuple[WishSummary, ...]:
        out: list[WishSummary] = []
        grouped: dict[int, list[Block]] = {}
        for block in self.blocks:
            grouped.setdefault(block.household, []).append(block)
        for household, blocks in grouped.items():
            texts = [self._texts(b) for b in blocks]
            first = blocks[0]
            n = len(first.dwellings)
            ahead = sum(first.tally[c] for c in AHEAD)
            unsuitable = first.tally[UNSUITABLE]
            out.append(
                WishSummary(
                    household_id=self.instance.households[household].household_id,
                    department=first.department,
                    dwellings=n,
                    to_higher_priority=ahead,
                    not_suitable=unsuitable,
                    other=n - ahead - unsuitable,
                    reason=Reason(
                        code="first_wish_summary",
                        en="\n".join(t[0] for t in texts),
                        da="\n".join(t[1] for t in texts),
                    ),
                )
            )
        return tuple(out)

    def _texts(self, block: Block) -> tuple[str, str]:
        """The block's sentence in English and Danish."""
        if block.own is not None:
            return phrase(f"own_{block.own}", "en"), phrase(f"own_{block.own}", "da")
        if len(block.dwellings) == 0:
            return tuple(
                phrase("no_vacancies_in", lang, department=block.department) for lang in ("en", "da")
            )
        households = self.instance.households
        codes, holders = block.codes, block.holders
        tally = block.tally
        parts: dict[str, list[str]] = {"en": [], "da": []}

        def holder_ids(mask: np.ndarray) -> list[str]:
            return [households[h].household_id for h in holders[mask].tolist()]

        def add(key: str, n: int, ids: list[str] | None = None, **fields) -> None:
            for lang, out in parts.items():
                extra = {k: (v(lang) if callable(v) else v) for k, v in fields.items()}
                if ids is not None:
                    extra["ids"] = id_list(ids, lang, SHOWN_IDS)
                out.append(phrase(key, lang, n, **extra))

        for code in AHEAD:
            if tally[code]:
                for mask, when in self._by_time(block, codes == code):
                    add(
                        "ahead",
                        int(mask.sum()),
                        holder_ids(mask),
                        why=lambda lang, c=code: phrase(CODES[c], lang),
                        when=when,
                    )
        if tally[UNSUITABLE]:
            n = tally[UNSUITABLE]
            timed = self.held is not None and any(
                HARD_RULES[r].NAME == "in_time" for r, _ in block.unsuitable
            )
            windows = self._windows(block) if timed else None
            for lang, out in parts.items():
                titles = ", ".join(
                    f"{HARD_RULES[rule].TITLE[lang]}: {c}"
                    if windows is None or HARD_RULES[rule].NAME != "in_time"
                    else windows[lang]
                    for rule, c in block.unsuitable
                )
                out.append(f"{n} {phrase('unsuitable', lang, n)} ({titles})")
        if tally[FIXED_ELSEWHERE]:
            fixed = codes == FIXED_ELSEWHERE
            me = self.position[block.household]
            kinds = np.array([self.fixed_as.get(h, "decided") if h >= 0 else "" for h in holders.tolist()])
            behind = np.array([h >= 0 and self.position[h] > me for h in holders.tolist()], dtype=bool)
            for kind in FIXED_KINDS:
                for later in (False, True):
                    for mask, when in self._by_time(block, fixed & (kinds == kind) & (behind == later)):
                        n = int(mask.sum())
                        if n:
                            rel = f"rel_{'behind' if later else 'ahead'}_{'one' if n == 1 else 'many'}"
                            add(kind, n, holder_ids(mask), rel=lambda lang, r=rel: phrase(r, lang), when=when)
        for code, why in ((WOULD_LOSE_WISH, "would_lose_wish"), (WOULD_LOSE_HOME, "would_lose_home")):
            n = tally[code]
            if n:
                add("behind", n, holder_ids(codes == code), why=lambda lang, w=why, k=n: phrase(w, lang, k))
        if tally[WEIGHTED]:
            add("weighted", tally[WEIGHTED], holder_ids(codes == WEIGHTED))
        if tally[SHARED_OVER_TIME]:
            for mask, when in self._by_time(block, codes == SHARED_OVER_TIME):
                add("shared", int(mask.sum()), holder_ids(mask), when=when)
        if tally[EXCLUDED]:
            for lang, out in parts.items():
                out.append(f"{tally[EXCLUDED]} {phrase('excluded', lang)}")
        if tally[LEFT_FREE]:
            add("left_free" if self.held is None else "left_free_during", tally[LEFT_FREE])
        size = len(block.dwellings)
        texts = []
        for lang in ("en", "da"):
            where = (
                block.department
                if block.wish == 1
                else phrase(
                    "wish_head",
                    lang,
                    k=str(block.wish),
                    ordinal=ordinal(block.wish),
                    department=block.department,
                )
            )
            head = f"{where}, {count(size, phrase('dwelling', lang), phrase('dwellings', lang))}"
            if self.held is not None:
                head += f" ({stay_span(self.held, block.household, lang)})"
            texts.append(head + ": " + "; ".join(parts[lang]))
        return texts[0], texts[1]

    def _by_time(self, block: Block, mask: np.ndarray):
        """The dwellings of ``mask`` as groups held alike during the household's stay (a phased case: the
        holder's phase, and until or from which day), each with its clause; without phases one group."""
        if self.held is None:
            yield mask, ""
            return
        chosen = np.flatnonzero(mask)
        keys = time_keys(self.held, block.household, block.holders[chosen])
        unique, group = np.unique(keys, return_inverse=True)
        for g, key in enumerate(unique.tolist()):
            sub = np.zeros_like(mask)
            sub[chosen[group == g]] = True
            yield sub, lambda lang, k=key: ", " + when_text(k, self.held, lang)

    def _windows(self, block: Block) -> dict[str, str]:
        """The dwellings ruled out by their own window (the time rule), in those terms."""
        time_rule = next(k for k, rule in enumerate(HARD_RULES) if rule.NAME == "in_time")
        cols = block.dwellings[block.rules == time_rule]
        held, i = self.held, block.household
        free_from, free_until = held.free_from[cols], held.free_until[cols]
        side = window(int(held.start[i]), int(held.until[i]), free_from, free_until)
        return window_clauses(side, free_from, free_until)

    def lines(self, *, detailed: bool = True) -> tuple[WishExplanation, ...]:
        """One line per dwelling of every explained department (one per household whose dwelling was fixed,
        or whose first wish has no vacancies), in household, wish, then vacancy input order. ``detailed``
        gives an unsuitable dwelling every rule it fails, with what the household needs and what it has."""
        hs, vs = self.instance.households, self.instance.vacancies
        out: list[WishExplanation] = []
        for b in self.blocks:
            h = hs[b.household]
            if b.own is not None:
                reason = Reason("fixed", phrase(f"own_{b.own}", "en"), phrase(f"own_{b.own}", "da"))
                out.append(WishExplanation(h.household_id, b.department, None, None, reason, wish=b.wish))
                continue
            if len(b.dwellings) == 0:
                out.append(
                    WishExplanation(h.household_id, b.department, None, None, _no_vacancies(b.department))
                )
                continue
            for j, code, holder, rule in zip(
                b.dwellings.tolist(), b.codes.tolist(), b.holders.tolist(), b.rules.tolist(), strict=True
            ):
                other = hs[holder] if holder >= 0 and code != UNSUITABLE and code != EXCLUDED else None
                title = HARD_RULES[rule].TITLE if code == UNSUITABLE else None
                if code == UNSUITABLE:
                    reason = self._unsuitable(b.household, j, detailed)
                elif code == EXCLUDED:
                    reason = _EXCLUDED
                elif code == LEFT_FREE:
                    reason = _LEFT_FREE
                elif code == FIXED_ELSEWHERE:
                    later = self.position[holder] > self.position[b.household]
                    reason = _fixed_for(other.household_id, self.fixed_as.get(holder, "decided"), later)
                    if self.held is not None:
                        reason = self._when(reason, b.household, holder)
                elif code in AHEAD:
                    reason = _came_first(other, h, self.settings, CODES[code])
                    if self.held is not None:
                        reason = self._when(reason, b.household, holder)
                elif code == WEIGHTED:
                    reason = _single("weighted", code, other.household_id)
                elif code == SHARED_OVER_TIME:
                    reason = self._when(_single("shared_line", code, other.household_id), b.household, holder)
                else:
                    why = "would_lose_wish" if code == WOULD_LOSE_WISH else "would_lose_home"
                    reason = _single("behind", code, other.household_id, why=why)
                out.append(
                    WishExplanation(
                        h.household_id,
                        b.department,
                        vs[j].dwelling_id,
                        None if other is None else other.household_id,
                        reason,
                        title,
                        b.wish,
                    )
                )
        return tuple(out)

    def _when(self, reason: Reason, i: int, holder: int) -> Reason:
        """``reason`` with what the holder's stay is during household ``i``'s (a phased case)."""
        key = time_keys(self.held, i, np.array([holder]))[0]
        return Reason(
            reason.code,
            f"{reason.en}, {when_text(key, self.held, 'en')}",
            f"{reason.da}, {when_text(key, self.held, 'da')}",
        )

    def _unsuitable(self, i: int, j: int, detailed: bool) -> Reason:
        tables = self.eligibility.tables
        one_h, one_v = tables.households.take([i]), tables.vacancies.take([j])
        failed = [rule for rule in HARD_RULES if not rule.suitable(one_h, one_v, self.settings)[0, 0]]
        if not detailed:
            title = failed[0].TITLE
            return Reason("unsuitable", f"not suitable: {title['en']}", f"ikke egnet: {title['da']}")
        household, vacancy = self.instance.households[i], self.instance.vacancies[j]
        return _unsuitable(failed, household, vacancy, self.settings, self.held is not None)


def explain_wishes(
    instance: Instance,
    settings: Settings,
    assignment: Mapping[str, str],
    *,
    decisions: Decisions | None = None,
    eligibility: Eligibility | None = None,
    fixed_as: Mapping[str, str] | None = None,
) -> WishFacts:
    """The verdicts for every household that did not get its first wish.

    ``assignment`` maps household id to dwelling id (absent = unhoused), as ``Result.assignment_map``;
    ``decisions`` are the run's fixed and forbidden pairs (``Result.decisions``); ``fixed_as`` says per fixed
    household how its pair came about (``accepted``, ``pending``, ``pinned``; default ``decided``: not known).
    ``eligibility`` may be passed when already computed on ``instance`` with the same forbidden pairs.
    """
    decisions = decisions if decisions is not None else Decisions()
    elig = eligibility if eligibility is not None else compute(instance, settings, decisions.forbidden)
    households, vacancies = instance.households, instance.vacancies
    n = len(households)
    index_of_household = {h.household_id: i for i, h in enumerate(households)}
    index_of_dwelling = {v.dwelling_id: j for j, v in enumerate(vacancies)}
    # A dwelling fixed in an earlier round may be missing from the vacancies: it then competes with nothing.
    home = {
        index_of_household[h]: index_of_dwelling[d]
        for h, d in assignment.items()
        if d in index_of_dwelling and h in index_of_household
    }
    holder = np.full(len(vacancies), -1, dtype=np.int64)
    holder[list(home.values())] = list(home.keys())
    kinds = dict(fixed_as or {})
    fixed = {
        index_of_household[h]: kinds.get(h, "decided") for h, _ in decisions.fixed if h in index_of_household
    }
    is_fixed = np.zeros(n + 1, dtype=bool)  # the extra last entry stands for "no holder" (-1)
    is_fixed[list(fixed)] = True
    position = np.empty(n + 1, dtype=np.int64)
    position[priority_order(households, settings.tie_break_seed)] = np.arange(n)
    position[n] = n
    permanent = np.append(elig.tables.households.permanent, False)
    seniority = np.array([h.seniority_date.toordinal() for h in households] + [0], dtype=np.int64)
    held = HeldOverTime.build(instance, settings, home, fixed, position) if instance.phased else None

    by_department: dict[str, list[int]] = {}
    for j, v in enumerate(vacancies):
        by_department.setdefault(v.department, []).append(j)
    wanted: dict[str, list[tuple[int, int]]] = {}
    own_blocks: dict[int, Block] = {}
    for i, household in enumerate(households):
        if not household.wishes:
            continue
        housed = i in home
        rank = wish_rank(household, vacancies[home[i]].department) if housed else len(household.wishes) + 1
        if rank == 1:
            continue
        first = household.wishes[0]
        if i in fixed or (not housed and household.household_id in assignment):
            own_blocks[i] = Block(i, 1, first, _NONE, _NONE, _NONE, _NONE, own=fixed.get(i, "decided"))
            continue
        seen: set[str] = set()
        for k, department in enumerate(household.wishes[: rank - 1], start=1):
            if department in seen:
                continue  # a department wished twice has the rank of its first mention
            seen.add(department)
            if department in by_department:
                wanted.setdefault(department, []).append((i, k))
            elif k == 1:
                own_blocks[i] = Block(i, 1, first, _NONE, _NONE, _NONE, _NONE)

    forbidden_by_department: dict[str, list[tuple[int, int]]] = {}
    for i, j in elig.forbidden:
        forbidden_by_department.setdefault(vacancies[j].department, []).append((i, j))
    freeing: list[Freeing] = []  # built on the first lower-priority holder under strict priority

    blocks: dict[int, list[Block]] = {}
    for department, asked in wanted.items():
        rows = np.array([i for i, _ in asked], dtype=np.int64)
        cols = np.array(by_department[department], dtype=np.int64)
        rules = _first_failed(elig, rows, cols, settings)
        ruled = rules == len(HARD_RULES)
        excluded = np.zeros_like(ruled)
        if department in forbidden_by_department:
            row_of = {i: r for r, i in enumerate(rows.tolist())}
            col_of = {j: c for c, j in enumerate(cols.tolist())}
            for i, j in forbidden_by_department[department]:
                if i in row_of:
                    excluded[row_of[i], col_of[j]] = True
        held_by = holder[cols] if held is None else held.holders(rows, cols)
        codes = _verdicts(
            ruled, excluded, held_by, rows, is_fixed, position, permanent, seniority, settings.priority
        )
        if (
            held is not None
        ):  # the holder overlaps the stay; the search below knows no time, so no more is said
            codes[codes == _BEHIND] = SHARED_OVER_TIME
        behind = np.argwhere(codes == _BEHIND)
        if len(behind):
            if not freeing:
                freeing.append(Freeing(elig, home, set(fixed)))
            types = elig.types.of_vacancy
            for r, c in behind.tolist():
                possible = freeing[0].possible_type(int(rows[r]), int(types[cols[c]]))
                codes[r, c] = WOULD_LOSE_WISH if possible else WOULD_LOSE_HOME
        keep = ruled.any(axis=1)
        tallies, unsuitable = _tallies(codes, rules)
        for r, (i, k) in enumerate(asked):
            if k == 1 or keep[r]:
                row_holders = held_by if held_by.ndim == 1 else held_by[r]
                blocks.setdefault(i, []).append(
                    Block(
                        i,
                        k,
                        department,
                        cols,
                        codes[r],
                        row_holders,
                        rules[r],
                        None,
                        tallies[r],
                        unsuitable[r],
                    )
                )

    ordered: list[Block] = []
    for i in range(n):
        if i in own_blocks:
            ordered.append(own_blocks[i])
        ordered.extend(sorted(blocks.get(i, ()), key=lambda b: b.wish))
    return WishFacts(instance, settings, elig, tuple(ordered), fixed, position, held)


def first_wish_explanations(
    instance: Instance,
    settings: Settings,
    assignment: Mapping[str, str],
    *,
    decisions: Decisions | None = None,
    eligibility: Eligibility | None = None,
    detailed: bool = True,
    fixed_as: Mapping[str, str] | None = None,
    only: Collection[str] | None = None,
) -> tuple[WishExplanation, ...]:
    """The lines of the first wished department only (see ``explain_wishes`` and ``WishFacts.lines``); ``only``
    limits them to these household ids (one household's page), judged against the whole allocation."""
    facts = explain_wishes(
        instance, settings, assignment, decisions=decisions, eligibility=eligibility, fixed_as=fixed_as
    )
    return tuple(
        line
        for line in facts.lines(detailed=detailed)
        if line.wish == 1 and (only is None or line.household_id in only)
    )


def _first_failed(elig: Eligibility, rows: np.ndarray, cols: np.ndarray, settings: Settings) -> np.ndarray:
    """``(rows, cols)``: index of the first rule (``HARD_RULES`` order) each pair fails, ``len(HARD_RULES)``
    for a pair that passes them all."""
    sub_h, sub_v = elig.tables.households.take(rows), elig.tables.vacancies.take(cols)
    first = np.full((len(rows), len(cols)), len(HARD_RULES), dtype=np.int8)
    for k in range(len(HARD_RULES) - 1, -1, -1):
        first[~HARD_RULES[k].suitable(sub_h, sub_v, settings)] = k
    return first


def _tallies(codes: np.ndarray, rules: np.ndarray) -> tuple[list, list]:
    """Per row: the count of each code, and of the unsuitable dwellings per first failed rule (in the order the
    rules first occur along the row)."""
    tallies = np.stack([(codes == c).sum(axis=1) for c in range(len(CODES))], axis=1).tolist()
    unsuitable = codes == UNSUITABLE
    per_rule, first = [], []
    for k in range(len(HARD_RULES)):
        hit = unsuitable & (rules == k)
        per_rule.append(hit.sum(axis=1))
        first.append(np.where(hit.any(axis=1), hit.argmax(axis=1), codes.shape[1]))
    counts, firsts = np.stack(per_rule, axis=1).tolist(), np.stack(first, axis=1).tolist()
    ordered = [
        tuple((k, row[k]) for k in sorted((k for k in range(len(row)) if row[k]), key=at.__getitem__))
        for row, at in zip(counts, firsts, strict=True)
    ]
    return tallies, ordered


def _verdicts(
    ruled, excluded, held_by, rows, is_fixed, position, permanent, seniority, priority
) -> np.ndarray:
    """The verdict code of every (row household, dwelling) pair, lower-priority holders still as ``_BEHIND``.

    ``held_by`` is the holder per dwelling, or per pair (a phased case: the holder during the row's stay)."""
    codes = np.full(ruled.shape, UNSUITABLE, dtype=np.int8)
    codes[ruled & excluded] = EXCLUDED
    open_ = ruled & ~excluded
    held_by = np.broadcast_to(held_by, ruled.shape)
    free = held_by < 0
    holders = np.where(free, len(position) - 1, held_by)  # "no holder" indexes the extra last entry
    codes[open_ & free] = LEFT_FREE
    held = open_ & ~free
    codes[held & is_fixed[holders]] = FIXED_ELSEWHERE
    compete = held & ~is_fixed[holders]
    ahead = compete & (position[holders] < position[rows][:, None])
    other_kind = permanent[holders] != permanent[rows][:, None]
    other_date = seniority[holders] != seniority[rows][:, None]
    codes[ahead & other_kind] = PERMANENT_FIRST
    codes[ahead & ~other_kind & other_date] = EARLIER_SENIORITY
    codes[ahead & ~other_kind & ~other_date] = SEEDED_DRAW
    codes[compete & ~ahead] = WEIGHTED if priority == "weighted" else _BEHIND
    return codes


_EXCLUDED = Reason(code="excluded", en=phrase("excluded", "en"), da=phrase("excluded", "da"))
_LEFT_FREE = Reason(code="left_free", en="left free", da="står tom")


def _single(key: str, code: int, holder_id: str, why: str | None = None, **fields: str) -> Reason:
    """One dwelling's reason: the summary's phrase for one dwelling, without its count."""
    texts = {
        lang: phrase(
            key, lang, 1, ids=holder_id, **({"why": phrase(why, lang, 1)} if why else {}), **fields
        ).removeprefix("1 ")
        for lang in ("en", "da")
    }
    return Reason(code=CODES[code], en=texts["en"], da=texts["da"])


def _fixed_for(holder_id: str, kind: str, later: bool) -> Reason:
    rel = "behind" if later else "ahead"
    texts = {
        lang: phrase(kind, lang, 1, ids=holder_id, rel=phrase(f"rel_{rel}_one", lang), when="").removeprefix(
            "1 "
        )
        for lang in ("en", "da")
    }
    return Reason(code="fixed_elsewhere", en=texts["en"], da=texts["da"])


def _no_vacancies(department: str) -> Reason:
    return Reason(
        code="no_vacancies",
        en=phrase("no_vacancies_in", "en", department=department),
        da=phrase("no_vacancies_in", "da", department=department),
    )


def _unsuitable(
    failed: list, household: Household, vacancy: Vacancy, settings: Settings, phased: bool = False
) -> Reason:
    """The first rule the dwelling fails in full (what is needed, what the dwelling has), the others by name.

    Rules are taken in ``HARD_RULES`` order (place, use, size, access, rent, time), so a dwelling in another
    municipality says that first and briefly, rather than listing every way it also falls short.
    """
    first, others = failed[0], failed[1:]
    texts = {}
    for lang, needs, lead, also in (
        ("en", "needs a dwelling", "not suitable", "also"),
        ("da", "kræver en bolig", "ikke egnet", "også"),
    ):
        has = _has(first.NAME, vacancy, lang)
        if phased and first.NAME == "in_time":  # the window's other end too ("Ledig til")
            has = _window_has(vacancy, lang)
        detail = f"{needs} {first.requirement(household, settings, lang)}" + (f"; {has}" if has else "")
        text = f"{lead}: {first.TITLE[lang]} ({detail})"
        if others:
            text += f"; {also}: " + ", ".join(rule.TITLE[lang] for rule in others)
        texts[lang] = text
    return Reason(code="unsuitable", en=texts["en"], da=texts["da"])


def _window_has(v: Vacancy, lang: str) -> str:
    """A phased case's dwelling window, both ends as far as stated: "ledig fra 01-09-2027 til 01-06-2028"."""
    da = lang == "da"
    parts = []
    if v.available_from is not None:
        parts.append(f"fra {_da(v.available_from)}" if da else f"from {_en(v.available_from)}")
    if v.available_until is not None:
        parts.append(f"til {_da(v.available_until)}" if da else f"until {_en(v.available_until)}")
    if not parts:
        return ""
    return ("ledig " if da else "free ") + " ".join(parts)


def _has(rule: str, v: Vacancy, lang: str) -> str:
    """What the dwelling has that the rule looks at, so that the reason shows both sides."""
    da = lang == "da"
    if rule == "same_municipality":
        return f"boligen ligger i {v.municipality} Kommune" if da else f"the dwelling is in {v.municipality}"
    if rule == "dwelling_use":
        if v.use is Use.ANY:
            return ""
        kind = {Use.PERMANENT: ("permanent", "permanent"), Use.TEMPORARY: ("midlertidig", "temporary")}[v.use]
        return (
            f"boligen er kun til {kind[0]} genhusning"
            if da
            else f"the dwelling is for {kind[1]} rehousing only"
        )
    if rule == "suitable_size":
        return f"boligen har {v.rooms} rum" if da else f"the dwelling has {v.rooms} rooms"
    if rule == "step_free_access":
        if v.floor is None:
            return "boligens etage er ikke oplyst, ingen elevator" if da else "floor not stated, no elevator"
        return (
            f"boligen er på {v.floor}. sal uden elevator"
            if da
            else f"the dwelling is on floor {v.floor}, no elevator"
        )
    if rule == "maximum_rent" and v.rent is not None:
        amount = f"{v.rent:,.0f}"
        return f"husleje {amount.replace(',', '.')} kr." if da else f"the rent is {amount} kr"
    if rule == "in_time" and v.available_from is not None:
        return f"ledig fra {_da(v.available_from)}" if da else f"free from {_en(v.available_from)}"
    return ""


def _came_first(winner: Household, loser: Household, settings: Settings, code: str) -> Reason:
    """Why ``winner`` comes before ``loser`` in the priority order (``code``, as established)."""
    lead_en = f"given to {winner.household_id}, which comes first"
    lead_da = f"givet til {winner.household_id}, som går forud"
    if code == "permanent_first":
        return Reason(
            code="permanent_first",
            en=f"{lead_en}: permanent rehousing before temporary",
            da=f"{lead_da}: permanent genhusning før midlertidig",
        )
    if code == "earlier_seniority":
        w, o = winner.seniority_date, loser.seniority_date
        return Reason(
            code="earlier_seniority",
            en=f"{lead_en}: earlier seniority date ({_en(w)} against {_en(o)})",
            da=f"{lead_da}: tidligere anciennitetsdato ({_da(w)} mod {_da(o)})",
        )
    date = winner.seniority_date
    return Reason(
        code="seeded_draw",
        en=f"{lead_en}: same kind and seniority date ({_en(date)}), decided by the seeded draw "
        f"(seed {settings.tie_break_seed})",
        da=f"{lead_da}: samme genhusningstype og anciennitetsdato ({_da(date)}), afgjort ved lodtrækning "
        f"(seed {settings.tie_break_seed})",
    )


def _en(day: dt.date) -> str:
    return day.isoformat()


def _da(day: dt.date) -> str:
    return f"{day:%d-%m-%Y}"
