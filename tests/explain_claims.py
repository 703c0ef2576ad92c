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
"""

from __future__ import annotations

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
    holder = truth.holder.get(j)
    assert line.holder_id == (None if holder is None else truth.hs[holder].household_id), where
    if code == "left_free":
        assert holder is None, where
        return
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
    r"^(?:\d+\. ønske, |\d+(?:st|nd|rd|th) wish, )?(.+), (\d+) (?:bolig|boliger|dwelling|dwellings): "
)


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
                    assert len(holders) == n, (part, [x.holder_id for x in holders])
                assert named <= {x.holder_id for x in holders}, (part, named)
            assert told == Counter(x.reason.code for x in group), (sentence, told)
            held = [x for x in group if x.holder_id is not None]
            listed = " ".join(parts)
            for x in held:
                same = sum(y.reason.code == x.reason.code for y in held)
                if same <= SHOWN_IDS:
                    assert x.holder_id in listed, (x.holder_id, sentence)


_SAYS = {
    "da": {
        "permanent_first": ("(permanent før midlertidig)",),
        "earlier_seniority": ("(tidligere anciennitetsdato)",),
        "seeded_draw": ("(samme type og dato",),
        "unsuitable": ("ikke egnet (", "ikke egnede ("),
        "ahead_would_lose_wish": ("ville en husstand, der går forud, få et dårligere ønske opfyldt",),
        "needed_elsewhere": ("ville en anden husstand stå uden bolig",),
        "weighted_objective": ("vægtede målsætning",),
        "shared_over_time": ("for en del af etapeplanen",),
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
        "shared_over_time": ("for part of the phase plan",),
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
            checked += 1
            if reason.code.startswith("no_"):
                assert not suitable, f"{u.household_id}: '{text}', but {len(suitable)} dwellings suit it"
                continue
            found = _SUITABLE.match(text)
            assert found and int(found.group(1)) == len(suitable), (u.household_id, text, len(suitable))
            holders = {truth.holder[j] for j in suitable if j in truth.holder}
            if reason.code == "taken_by_higher_priority":
                assert all(truth.position[h] < truth.position[i] for h in holders), text
                assert all(j in truth.holder and (i, j) not in truth.forbidden for j in suitable), text
            if reason.code == "refused_or_excluded":
                assert all((i, j) in truth.forbidden for j in suitable), text
            named = [x for group in _IDS.findall(text) for x in group.replace(" og ", ", ").split(", ")]
            ids = {truth.hs[h].household_id for h in holders}
            for name in named:
                if name in truth.h_index:
                    assert name in ids, f"{u.household_id}: {name} named but holds no dwelling that suits it"
    return checked
