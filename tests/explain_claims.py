"""Every claim of the Begrundelser and Ikke anvist sentences, checked the way a coordinator's complaint would be.

Nothing of the solver's or the explanations' own search is used: suitability is the independent checker's
(``allocator.check.suitability``), and "could this household have that dwelling with everyone else still
housed (and everyone ahead keeping their wish)?" is answered by an oracle given by the test: on small cases
the enumeration of every allocation (``tests/brute_force.py``), on larger ones an exact max flow.

``check_wish_claims`` checks, for one allocation:

- completeness: every household that did not get its first wish has its first wished department explained, and
  every later wished department better than the wish it got where some dwelling suits it; each such department
  dwelling by dwelling, every dwelling of it once;
- each line: an unsuitable dwelling fails the rule named and passes every rule before it; any other dwelling
  suits the household and its holder is the household that holds it; "given to a household ahead" only for a
  holder with higher priority, for the reason stated (kind, seniority date, draw); a lower-priority holder
  either "a household ahead would get a worse wish" (some allocation of the housed households gives the
  household that dwelling, and every such allocation gives some household ahead a worse wish) or "another
  household would lose its home" (no allocation of the housed households gives it the dwelling); a dwelling
  held by a decision names the holder of the fixed pair; "left free" only for a free dwelling;
- each row of the sheet: one sentence per explained department, whose counts add up to the department's
  dwellings, each group's count matching the lines, every holder named where the group is short enough to list;
  the first wish's count columns.

``check_unhoused_claims`` checks every Ikke anvist reason: "none with ..." only where no dwelling suits, "N
egnede ledige boliger" with N the suitable dwellings, and every household named in "givet til husstande med
højere prioritet" holding one of them with a higher priority.

In a phased case (issue 12) a dwelling has several holders over time. The stays are taken from the result's
assignments (``stay_from``, ``stay_until``) and the settings' turnaround, the household's own stay from its
move-by and return dates; a dwelling fixed by a decision (accepted, pending, pinned) is held for its fixed
household's stay only, like any other (README, "How a phased case is allocated"). Then: the holder named for a
dwelling is one whose stay overlaps the household's (turnaround counting as occupied), "left free" only where
none does; a fixed holder is named for what it is and with a time clause like any holder; every time clause
("optaget af etape 2 til 01-10-2027", "... for bestandig", "... fra 17-06-2027", "klar igen", "under
klargøringen") is true of every holder it is said of; the household's stay in the sentence's head is its
stay; the dwellings said to be ruled out by their own window ("ledig først fra", "kun ledig til") are counted
and dated right; and a suitable dwelling is one whose window holds the whole stay.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Mapping

import numpy as np

from allocator.check.suitability import build_tables, failed_rules, suitability
from allocator.domain import Decisions, Instance, Settings, priority_order, wish_rank
from allocator.explain.wishes import SHOWN_IDS, WishFacts
from allocator.result import Result

CHECKER_NAME = {"dwelling_use": "use_of_dwelling", "maximum_rent": "max_rent"}
SOLVER_ORDER = (
    "same_municipality",
    "dwelling_use",
    "suitable_size",
    "step_free_access",
    "maximum_rent",
    "in_time",
    "wished_department",
)
TITLE_TO_NAME: dict[str, str] = {}

Oracle = Callable[[Mapping[int, set[int]]], bool]
"""``oracle({household: allowed dwellings})``: whether some allocation houses every housed household, each
household of the mapping in one of its allowed dwellings and every other one in a dwelling suitable for it."""


def _titles() -> dict[str, str]:
    if not TITLE_TO_NAME:
        from allocator.rules import HARD_RULES

        for rule in HARD_RULES:
            TITLE_TO_NAME[rule.TITLE["en"]] = rule.NAME
    return TITLE_TO_NAME


class Truth:
    """The checker's view of one allocation: who may have what, who holds what, who comes first."""

    def __init__(
        self,
        instance: Instance,
        settings: Settings,
        result: Result,
        decisions: Decisions | None = None,
        fixed_as: Mapping[str, str] | None = None,
    ):
        self.instance, self.settings = instance, settings
        decisions = decisions or Decisions()
        self.hs, self.vs = instance.households, instance.vacancies
        self.h_index = {h.household_id: i for i, h in enumerate(self.hs)}
        self.d_index = {v.dwelling_id: j for j, v in enumerate(self.vs)}
        self.tables = build_tables(instance, settings)
        self.rules_ok = suitability(self.tables)  # rules alone
        self.forbidden = {
            (self.h_index[h], self.d_index[d])
            for h, d in decisions.forbidden
            if h in self.h_index and d in self.d_index
        }
        self.fixed = {self.h_index[h] for h, _ in decisions.fixed if h in self.h_index}
        self.kind_of = {self.h_index[h]: (fixed_as or {}).get(h, "decided") for h, _ in decisions.fixed}
        self.home = {
            self.h_index[a.household_id]: self.d_index[a.dwelling_id]
            for a in result.assignments
            if a.dwelling_id in self.d_index
        }
        self.holder = {j: i for i, j in self.home.items()}
        self.rank_now = {i: wish_rank(self.hs[i], self.vs[j].department) for i, j in self.home.items()}
        self.position = {h: p for p, h in enumerate(priority_order(self.hs, settings.tie_break_seed))}
        self.phased = instance.phased
        if self.phased:
            self._stays(result)

    def _stays(self, result: Result) -> None:
        """A phased case's stays, and the windows: a dwelling suits only a stay it is free for in full."""
        self.stay: dict[int, tuple[dt.date, dt.date | None]] = {}
        for i, h in enumerate(self.hs):
            self.stay[i] = (h.move_by - dt.timedelta(days=self.settings.overlap_days), h.returns_on)
        self.on: dict[int, list[int]] = {}
        for a in result.assignments:
            if a.dwelling_id in self.d_index:
                i, j = self.h_index[a.household_id], self.d_index[a.dwelling_id]
                self.stay[i] = (a.stay_from, a.stay_until)
                self.on.setdefault(j, []).append(i)
        self.given_back_early = np.array(
            [
                [
                    v.available_until is not None
                    and (self.stay[i][1] is None or self.stay[i][1] > v.available_until)
                    for v in self.vs
                ]
                for i in range(len(self.hs))
            ],
            dtype=bool,
        ).reshape(len(self.hs), len(self.vs))
        self.rules_ok = self.rules_ok & ~self.given_back_early

    def released(self, i: int) -> dt.date | None:
        until = self.stay[i][1]
        return None if until is None else until + dt.timedelta(days=self.settings.turnaround_days)

    def overlaps(self, i: int, g: int) -> bool:
        """Whether ``g``'s stay keeps household ``i`` out of their dwelling (fixed or not, for its stay)."""
        (si, _), (sg, _) = self.stay[i], self.stay[g]
        ri, rg = self.released(i), self.released(g)
        return (ri is None or sg < ri) and (rg is None or si < rg)

    def holders_during(self, i: int, j: int) -> list[int]:
        """The households on dwelling ``j`` whose stay overlaps ``i``'s (phased), or its one holder."""
        if not self.phased:
            return [self.holder[j]] if j in self.holder else []
        return [g for g in self.on.get(j, []) if g != i and self.overlaps(i, g)]

    def suits(self, i: int, j: int) -> bool:
        return bool(self.rules_ok[i, j]) and (i, j) not in self.forbidden

    def allowed(self) -> dict[int, set[int]]:
        """Per housed household, the dwellings it may have (a fixed one only its own)."""
        return {
            i: {self.home[i]} if i in self.fixed else {j for j in range(len(self.vs)) if self.suits(i, j)}
            for i in self.home
        }

    def failed(self, i: int, j: int) -> dict[str, bool]:
        if not hasattr(self, "_fails"):  # every pair at once: a few MB on the cases checked
            n, m = self.rules_ok.shape
            rows, cols = np.repeat(np.arange(n), m), np.tile(np.arange(m), n)
            found = failed_rules(self.tables, rows, cols)
            self._fails = {name: found[CHECKER_NAME.get(name, name)].reshape(n, m) for name in SOLVER_ORDER}
            if self.phased:
                self._fails["in_time"] = self._fails["in_time"] | self.given_back_early
        return {name: bool(self._fails[name][i, j]) for name in SOLVER_ORDER}


def flow_oracle(truth: Truth) -> Oracle:
    """The exact answer by one max flow per question (``tests/brute_force.py``'s perfect matching)."""
    from brute_force import _perfect

    base = truth.allowed()

    def oracle(fix: Mapping[int, set[int]]) -> bool:
        options = {g: sorted(base[g] & fix[g]) if g in fix else sorted(base[g]) for g in base}
        for g, allowed in fix.items():
            if g not in base:  # an unhoused household joins the housed ones
                options[g] = sorted(j for j in allowed if truth.suits(g, j))
        return _perfect(options) is not None

    return oracle


def enumeration_oracle(truth: Truth) -> Oracle:
    """The answer by listing every allocation of the housed households (small cases only)."""
    from brute_force import every_allocation

    housed = sorted(truth.home)
    every = list(every_allocation(truth.allowed(), housed))

    def oracle(fix: Mapping[int, set[int]]) -> bool:
        if any(g not in truth.home for g in fix):
            return False  # the housed set is as large as can be: nobody joins it with everyone still housed
        return any(all(a[g] in allowed for g, allowed in fix.items()) for a in every)

    return oracle


def check_wish_claims(
    truth: Truth, facts: WishFacts, oracle: Oracle, langs: tuple[str, ...] = ("da", "en")
) -> int:
    """Check every Begrundelser claim of ``facts`` (module docstring), the rows in each of ``langs``; returns
    the number of lines checked."""
    hs, vs = truth.hs, truth.vs
    lines = facts.lines(detailed=False)
    by_department: dict[str, list[int]] = {}
    for j, v in enumerate(vs):
        by_department.setdefault(v.department, []).append(j)
    got: dict[tuple[str, int], list] = {}
    for line in lines:
        got.setdefault((line.household_id, line.wish), []).append(line)

    expected: set[tuple[str, int]] = set()
    for i, h in enumerate(hs):
        if not h.wishes or truth.rank_now.get(i) == 1:
            continue
        if i in truth.fixed:
            expected.add((h.household_id, 1))
            continue
        rank = truth.rank_now.get(i, len(h.wishes) + 1)
        seen: set[str] = set()
        for k, department in enumerate(h.wishes[: rank - 1], start=1):
            if department in seen:
                continue
            seen.add(department)
            dwellings = by_department.get(department, [])
            if k == 1 or any(truth.rules_ok[i, j] for j in dwellings):
                if k == 1 or dwellings:
                    expected.add((h.household_id, k))
    assert set(got) == expected, (
        f"departments explained: missing {expected - set(got)}, extra {set(got) - expected}"
    )

    checked = 0
    for (hid, k), group in got.items():
        i = truth.h_index[hid]
        department = group[0].department
        assert department == hs[i].wishes[k - 1]
        if group[0].reason.code in ("fixed", "no_vacancies"):
            assert len(group) == 1 and group[0].dwelling_id is None
            assert (group[0].reason.code == "fixed") == (i in truth.fixed)
            if group[0].reason.code == "no_vacancies":
                assert department not in by_department
            continue
        assert [truth.d_index[x.dwelling_id] for x in group] == by_department[department], (hid, k)
        for line in group:
            _check_line(truth, i, truth.d_index[line.dwelling_id], line, oracle)
            checked += 1
    for lang in langs:
        _check_rows(truth, facts, lines, lang)
    return checked


def _check_line(truth: Truth, i: int, j: int, line, oracle: Oracle) -> None:
    code, h = line.reason.code, truth.hs[i]
    where = f"{h.household_id} / {line.dwelling_id}: {line.reason.en}"
    if code == "unsuitable":
        failed = truth.failed(i, j)
        name = _titles()[line.rule_title["en"]]
        assert failed[name], where
        assert not any(failed[n] for n in SOLVER_ORDER[: SOLVER_ORDER.index(name)]), where
        return
    assert truth.rules_ok[i, j], where
    if code == "excluded":
        assert (i, j) in truth.forbidden, where
        return
    during = truth.holders_during(i, j)
    if truth.phased:  # one holder of those whose stay overlaps, as the line names it
        holder = truth.h_index[line.holder_id] if line.holder_id is not None else None
        assert (holder is None) == (not during), f"{where}: holders during its stay {during}"
        assert holder is None or holder in during, f"{where}: {line.holder_id} holds it at another time"
    else:
        holder = during[0] if during else None
        assert line.holder_id == (None if holder is None else truth.hs[holder].household_id), where
    if code == "left_free":
        assert holder is None, where
        return
    if truth.phased and code in _TIMED:
        clauses = _clauses(line.reason.en, "en") + _clauses(line.reason.da, "da")
        assert len(clauses) == 2, f"{where}: one time clause in each language"
        for clause, lang in clauses:
            check_clause(truth, i, holder, clause, lang, where)
    assert holder is not None and holder != i, where
    if code == "fixed_elsewhere":
        assert holder in truth.fixed, where
        for word in _SAYS["en"]["fixed_elsewhere"]:
            assert (word in line.reason.en) == (word == _KIND_WORDS["en"][truth.kind_of[holder]]), where
        later = truth.position[holder] > truth.position[i]
        assert ("lower priority" in line.reason.en) == later, where
        return
    assert holder not in truth.fixed, where
    g = truth.hs[holder]
    if code in ("permanent_first", "earlier_seniority", "seeded_draw"):
        assert truth.position[holder] < truth.position[i], where
        if code == "permanent_first":
            assert g.kind is not h.kind, where
        elif code == "earlier_seniority":
            assert g.kind is h.kind and g.seniority_date < h.seniority_date, where
        else:
            assert g.kind is h.kind and g.seniority_date == h.seniority_date, where
        return
    assert truth.position[holder] > truth.position[i], where
    if code == "weighted_objective":
        assert truth.settings.priority == "weighted", where
        return
    if code == "shared_over_time":
        assert truth.instance.phased, where
        return
    possible = oracle({i: {j}})
    if code == "ahead_would_lose_wish":
        assert possible, f"{where}: no allocation of the housed households gives it this dwelling"
        ahead = {
            a: {
                d
                for d in range(len(truth.vs))
                if wish_rank(truth.hs[a], truth.vs[d].department) == truth.rank_now[a]
            }
            for a in truth.home
            if truth.position[a] < truth.position[i] and a not in truth.fixed
        }
        assert not oracle({i: {j}, **ahead}), (
            f"{where}: it could have it with everyone ahead keeping their wish"
        )
    else:
        assert code == "needed_elsewhere", where
        assert not possible, f"{where}: some allocation of the housed households gives it this dwelling"


_PART = re.compile(r"^(\d+) ")
_HEAD = re.compile(
    r"^(?:\d+\. ønske, |\d+(?:st|nd|rd|th) wish, )?(.+?), (\d+) (?:bolig|boliger|dwelling|dwellings)"
    r"(?: \((?:husstandens genhusning|the household's stay) ([^)]*)\))?: "
)
_DATE = {"da": r"\d\d-\d\d-\d{4}", "en": r"\d{4}-\d\d-\d\d"}
_CLAUSE = {
    lang: re.compile(pattern.format(d=_DATE[lang]))
    for lang, pattern in (
        (
            "da",
            r"optaget af etape (?P<phase>.+?) (?:(?P<good>for bestandig)|til (?P<until>{d})"
            r"(?:, klar igen (?P<ready>{d}))?|fra (?P<start>{d})(?P<turn>, under klargøringen efter husstanden)?)",
        ),
        (
            "en",
            r"held by phase (?P<phase>.+?) (?:(?P<good>for good)|until (?P<until>{d})"
            r"(?:, ready again (?P<ready>{d}))?|from (?P<start>{d})(?P<turn>, during the turnaround after this "
            r"household)?)",
        ),
    )
}
_TIMED = ("permanent_first", "earlier_seniority", "seeded_draw", "shared_over_time", "fixed_elsewhere")
"""Codes whose holder is named with a time clause in a phased case."""


def _day(text: str, lang: str) -> dt.date:
    return dt.datetime.strptime(text, "%d-%m-%Y" if lang == "da" else "%Y-%m-%d").date()


def _say(day: dt.date, lang: str) -> str:
    return f"{day:%d-%m-%Y}" if lang == "da" else day.isoformat()


def _clauses(text: str, lang: str) -> list[tuple[re.Match, str]]:
    return [(m, lang) for m in _CLAUSE[lang].finditer(text)]


def check_clause(truth: Truth, i: int, g: int, clause: re.Match, lang: str, where: str) -> None:
    """The time clause is true of holder ``g`` during household ``i``'s stay."""
    where = f"{where} [{clause.group(0)}]"
    assert truth.overlaps(i, g), f"{where}: {truth.hs[g].household_id}'s stay does not overlap"
    (si, ui), (sg, ug) = truth.stay[i], truth.stay[g]
    assert clause.group("phase") == truth.hs[g].phase, where
    if clause.group("good"):
        assert ug is None and sg <= si, where
    elif clause.group("until"):
        assert ug == _day(clause.group("until"), lang) and sg <= si, where
        assert bool(clause.group("ready")) == (ug <= si), f"{where}: 'ready again' iff only the turnaround"
        if clause.group("ready"):
            assert _day(clause.group("ready"), lang) == truth.released(g), where
    else:
        assert sg == _day(clause.group("start"), lang) and si < sg, where
        assert bool(clause.group("turn")) == (ui is not None and sg >= ui), f"{where}: the turnaround"


def _span(truth: Truth, i: int, lang: str) -> str:
    start, until = truth.stay[i]
    if until is None:
        return (
            f"fra {_say(start, lang)} for bestandig" if lang == "da" else f"from {_say(start, lang)} for good"
        )
    return f"{_say(start, lang)} {'til' if lang == 'da' else 'to'} {_say(until, lang)}"


_WINDOW = {
    "da": re.compile(r"(ledig først fra|kun ledig til) (\d\d-\d\d-\d{4})( eller senere| eller før)?: (\d+)"),
    "en": re.compile(r"(free only from|free only until) (\d{4}-\d\d-\d\d)( or later| or earlier)?: (\d+)"),
}


def check_windows(truth: Truth, i: int, dwellings: list[int], text: str, lang: str, where: str) -> None:
    """``text`` says of ``dwellings`` (all ruled out by the time rule) how their own window rules them out:
    "free only from D" for those free after the stay starts (D the earliest), "free only until D" for the
    others (D the latest), "or later" / "or earlier" where the dates differ; and says it of every one."""
    start = truth.stay[i][0]
    late = [
        j for j in dwellings if truth.vs[j].available_from is not None and truth.vs[j].available_from > start
    ]
    early = [j for j in dwellings if j not in late]
    assert all(truth.given_back_early[i, j] for j in early), (
        f"{where}: a dwelling whose window holds the stay"
    )
    found = {m.group(1): m for m in _WINDOW[lang].finditer(text)}
    for group, word, date_of, pick in (
        (late, ("ledig først fra", "free only from"), lambda j: truth.vs[j].available_from, min),
        (early, ("kun ledig til", "free only until"), lambda j: truth.vs[j].available_until, max),
    ):
        m = found.get(word[0] if lang == "da" else word[1])
        if not group:
            assert m is None, f"{where}: {m.group(0)} of no dwelling"
            continue
        assert m is not None, f"{where}: {len(group)} dwellings' windows not said"
        dates = {date_of(j) for j in group}
        assert int(m.group(4)) == len(group), (where, m.group(0), len(group))
        assert _day(m.group(2), lang) == pick(dates), (where, m.group(0))
        assert bool(m.group(3)) == (len(dates) > 1), (where, m.group(0))


def _check_rows(truth: Truth, facts: WishFacts, lines, lang: str) -> None:
    """The sheet's rows say what the lines say: one sentence per department, counts adding up, holders named."""
    by_household: dict[str, list] = {}
    for line in lines:
        by_household.setdefault(line.household_id, []).append(line)
    summaries = facts.summaries()
    assert [s.household_id for s in summaries] == list(by_household)
    for s in summaries:
        mine = by_household[s.household_id]
        wishes = list(dict.fromkeys(x.wish for x in mine))
        sentences = s.reason.text(lang).split("\n")
        assert len(sentences) == len(wishes), s.reason.text(lang)
        first = [x for x in mine if x.wish == 1 and x.dwelling_id is not None]
        ahead = sum(x.reason.code in ("permanent_first", "earlier_seniority", "seeded_draw") for x in first)
        unsuitable = sum(x.reason.code == "unsuitable" for x in first)
        assert (s.dwellings, s.to_higher_priority, s.not_suitable, s.other) == (
            len(first),
            ahead,
            unsuitable,
            len(first) - ahead - unsuitable,
        )
        for k, sentence in zip(wishes, sentences, strict=True):
            group = [x for x in mine if x.wish == k]
            if group[0].dwelling_id is None:
                assert sentence == group[0].reason.text(lang)
                continue
            head = _HEAD.match(sentence)
            assert head and head.group(1) == group[0].department and int(head.group(2)) == len(group), (
                sentence
            )
            i = truth.h_index[s.household_id]
            assert (head.group(3) is not None) == truth.phased, sentence
            if truth.phased:
                assert head.group(3) == _span(truth, i, lang), (sentence, _span(truth, i, lang))
            parts = sentence[head.end() :].split("; ")
            counts = [int(_PART.match(p).group(1)) for p in parts]
            assert sum(counts) == len(group), sentence
            told: Counter[str] = Counter()
            for part, n in zip(parts, counts, strict=True):
                codes = [c for c, words in _SAYS[lang].items() if any(w in part for w in words)]
                assert len(codes) == 1, (part, codes)
                told[codes[0]] += n
                named = {token for token in _TOKENS.split(part) if token in truth.h_index}
                holders = [x for x in group if x.reason.code == codes[0]]
                if codes[0] == "fixed_elsewhere":  # one group per kind of decision and side of the household
                    me = truth.position[truth.h_index[s.household_id]]
                    later = "lavere prioritet" in part or "lower priority" in part
                    holders = [
                        x
                        for x in holders
                        if _KIND_WORDS[lang][truth.kind_of[truth.h_index[x.holder_id]]] in part
                        and (truth.position[truth.h_index[x.holder_id]] > me) == later
                    ]
                    if truth.phased:  # and one group per time clause
                        clauses = _clauses(part, lang)
                        assert len(clauses) == 1, (part, "one time clause")
                        said = clauses[0][0].group(0)
                        holders = [x for x in holders if x.reason.text(lang).endswith(said)]
                    assert len(holders) == n, (part, [x.holder_id for x in holders])
                assert named <= {x.holder_id for x in holders}, (part, named)
                if truth.phased and codes[0] in _TIMED:
                    _check_timed_part(truth, i, part, n, named, holders, lang)
                if truth.phased and codes[0] == "unsuitable":
                    timed = [
                        truth.d_index[x.dwelling_id]
                        for x in holders
                        if _titles().get(x.rule_title["en"]) == "in_time"
                    ]
                    check_windows(truth, i, timed, part, lang, f"{s.household_id}: {part}")
                    assert ("ledig i tide:" not in part) and ("free in time:" not in part), part
            assert told == Counter(x.reason.code for x in group), (sentence, told)
            held = [x for x in group if x.holder_id is not None]
            listed = " ".join(parts)
            for x in held:
                same = sum(y.reason.code == x.reason.code for y in held)
                if same <= SHOWN_IDS:
                    assert x.holder_id in listed, (x.holder_id, sentence)


def _check_timed_part(truth: Truth, i: int, part: str, n: int, named: set, lines: list, lang: str) -> None:
    """One group of a phased sentence: its clause true of every holder it names, and of as many of the
    lines (each checked alone) as it counts."""
    clauses = _clauses(part, lang)
    assert len(clauses) == 1, (part, "one time clause")
    clause = clauses[0][0]
    for hid in named:
        check_clause(truth, i, truth.h_index[hid], clause, lang, part)
    alike = [x for x in lines if clause.group(0) in x.reason.text(lang)]
    assert len(alike) == n, (part, len(alike))


_SAYS = {
    "da": {
        "permanent_first": ("(permanent før midlertidig)",),
        "earlier_seniority": ("(tidligere anciennitetsdato)",),
        "seeded_draw": ("(samme type og dato",),
        "unsuitable": ("ikke egnet (", "ikke egnede ("),
        "ahead_would_lose_wish": ("ville en husstand, der går forud, få et dårligere ønske opfyldt",),
        "needed_elsewhere": ("ville en anden husstand stå uden bolig",),
        "weighted_objective": ("vægtede målsætning",),
        "shared_over_time": (
            "givet til en husstand med lavere prioritet, optaget",
            "givet til husstande med lavere prioritet, optaget",
        ),
        "excluded": ("afslået tidligere",),
        "left_free": ("står tom",),
        "fixed_elsewhere": ("accepteret i", "udestående tilbud", "fastlåst af koordinatoren", "fastlagt ved"),
    },
    "en": {
        "permanent_first": ("(permanent before temporary)",),
        "earlier_seniority": ("(earlier seniority date)",),
        "seeded_draw": ("(same kind and date",),
        "unsuitable": ("not suitable",),
        "ahead_would_lose_wish": ("a household that comes first would get a worse wish",),
        "needed_elsewhere": ("another household would be left without a home",),
        "weighted_objective": ("weighted objective",),
        "shared_over_time": (
            "given to a household with lower priority, held",
            "given to households with lower priority, held",
        ),
        "excluded": ("refused earlier",),
        "left_free": ("left free",),
        "fixed_elsewhere": ("accepted in", "pending offer", "pinned by the coordinator", "fixed by"),
    },
}
"""Words that tell one group of a sentence from the others (``allocator/explain/words.py``)."""
_KIND_WORDS = {
    lang: dict(zip(("accepted", "pending", "pinned", "decided"), says["fixed_elsewhere"], strict=True))
    for lang, says in _SAYS.items()
}
_TOKENS = re.compile(r"[\s,;:()]+")

_SUITABLE = re.compile(
    r"^(\d+) (?:egnet ledig bolig|egnede ledige boliger|suitable vacancy|suitable vacancies)"
)
_IDS = re.compile(r"\(([^()]*)\)")


def check_unhoused_claims(truth: Truth, result: Result, lang: str = "da") -> int:
    """Check every Ikke anvist reason (module docstring); returns the number of reasons checked."""
    checked = 0
    for u in result.unassigned:
        i = truth.h_index[u.household_id]
        suitable = [j for j in range(len(truth.vs)) if truth.rules_ok[i, j]]
        for reason in u.reasons:
            text = reason.text(lang)
            where = f"{u.household_id}: {text}"
            checked += 1
            if reason.code.startswith("no_"):
                assert not suitable, f"{u.household_id}: '{text}', but {len(suitable)} dwellings suit it"
                if truth.phased and reason.code == "no_in_time":
                    before = SOLVER_ORDER[: SOLVER_ORDER.index("in_time")]
                    left = [
                        j
                        for j in range(len(truth.vs))
                        if not any(truth.failed(i, j)[name] for name in before)
                    ]
                    check_windows(truth, i, left, text, lang, where)
                continue
            found = _SUITABLE.match(text)
            assert found and int(found.group(1)) == len(suitable), (u.household_id, text, len(suitable))
            during = {j: truth.holders_during(i, j) for j in suitable}
            holders = {g for gs in during.values() for g in gs}
            if reason.code == "taken_by_higher_priority":
                assert all((i, j) not in truth.forbidden for j in suitable), text
                assert all(
                    any(truth.position[g] < truth.position[i] for g in gs) for gs in during.values()
                ), text
                if not truth.phased:
                    assert all(truth.position[h] < truth.position[i] for h in holders), text
            if reason.code == "refused_or_excluded":
                assert all((i, j) in truth.forbidden for j in suitable), text
            named = [x for group in _IDS.findall(text) for x in group.replace(" og ", ", ").split(", ")]
            ids = {truth.hs[h].household_id for h in holders}
            for name in named:
                if name in truth.h_index:
                    assert name in ids, f"{u.household_id}: {name} named but holds no dwelling that suits it"
            if truth.phased:
                _check_unhoused_over_time(truth, i, text, lang, where, len(suitable), during)
    return checked


_STAY_HEAD = {"da": "(husstandens genhusning ", "en": "(the household's stay "}


def _check_unhoused_over_time(truth, i, text, lang, where, n, during) -> None:
    """A phased Ikke anvist reason: its stay, each group's clause true of the holders it names and of as
    many suitable dwellings (some holder there during the stay, of that side, alike) as it counts."""
    head = _SUITABLE.match(text)
    rest = text[head.end() :]
    assert rest.startswith(f" {_STAY_HEAD[lang]}{_span(truth, i, lang)})"), (where, _span(truth, i, lang))
    rest = rest[len(f" {_STAY_HEAD[lang]}{_span(truth, i, lang)})") :]
    if rest.startswith(", "):  # one group: "alle givet til ...", "afslået ..."
        parts, counted = [rest[2:]], False
    else:
        assert rest.startswith(": "), where
        parts, counted = rest[2:].split("; "), True
    total = 0
    for part in parts:
        k = int(_PART.match(part).group(1)) if counted else n
        total += k
        clauses = _clauses(part, lang)
        kind = [w for w, word in _KIND_WORDS[lang].items() if word in part]
        assert not kind or clauses, (where, part, "a fixed holder without its time")
        if not clauses:
            continue
        assert len(clauses) == 1, (where, part)
        clause = clauses[0][0]
        if kind:
            _check_unhoused_fixed(truth, i, part, k, kind[0], clause, lang, where, during)
            continue
        ahead = ("højere prioritet" in part) or ("higher priority" in part)
        named = [x for x in _IDS.findall(part)[-1].replace(" og ", ", ").split(", ") if x in truth.h_index]
        assert named, (where, part)
        for hid in named:
            g = truth.h_index[hid]
            assert (truth.position[g] < truth.position[i]) == ahead, (where, part, hid)
            check_clause(truth, i, g, clause, lang, where)
        matching = sum(any(_alike(truth, i, g, clause, lang, ahead) for g in gs) for gs in during.values())
        assert matching >= k, (where, part)
    assert total == n, (where, total, n)


def _check_unhoused_fixed(truth, i, part, k, kind, clause, lang, where, during) -> None:
    """A group of dwellings held by earlier decisions: every household named holds a fixed pair of that kind,
    on the side said, with the clause true of it; and as many suitable dwellings as it counts have such a
    holder during the household's stay."""
    later = ("lavere prioritet" in part) or ("lower priority" in part)

    def alike(g: int) -> bool:
        if g not in truth.fixed or truth.kind_of[g] != kind:
            return False
        if (truth.position[g] > truth.position[i]) != later:
            return False
        return _clause_holds(truth, i, g, clause, lang)

    named = [x for x in _TOKENS.split(part) if x in truth.h_index]
    assert named, (where, part)
    for hid in named:
        assert alike(truth.h_index[hid]), (where, part, hid)
    assert sum(any(alike(g) for g in gs) for gs in during.values()) >= k, (where, part)


def _alike(truth: Truth, i: int, g: int, clause: re.Match, lang: str, ahead: bool) -> bool:
    """Whether holder ``g`` is on the side said and the clause is true of it."""
    if g in truth.fixed or (truth.position[g] < truth.position[i]) != ahead:
        return False
    return _clause_holds(truth, i, g, clause, lang)


def _clause_holds(truth: Truth, i: int, g: int, clause: re.Match, lang: str) -> bool:
    """Whether the clause is true of holder ``g`` (``check_clause`` without its assertion)."""
    try:
        check_clause(truth, i, g, clause, lang, "")
    except AssertionError:
        return False
    return True
