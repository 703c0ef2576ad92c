"""Routing and reporting: a phased case gets the time checks in its audit, JSON entries and Kontrol sentences;
a case without phases keeps exactly the audit it had."""

from __future__ import annotations

import datetime as dt

from phased_cases import case, dw, ph

from allocator.check import check
from allocator.check.time_seniority import EXACT_LIMIT
from allocator.domain import Household, Instance, Kind, Settings, Vacancy
from allocator.write.sheet_audit import verdict_sentences
from allocator.write.xlsx_words import WORDS

SETTINGS = Settings()
_PLAIN_KEYS = [
    "housed",
    "max_housed",
    "permanent_housed",
    "max_permanent_housed",
    "priority_violations",
    "seniority",
    "waste",
    "trade_cycles",
    "rule_breaches",
    "fixed",
    "forbidden",
    "ok",
    "findings",
]


def test_a_case_without_phases_has_no_time_checks():
    h = Household("H1", "Old", "Kbh", 1, 2, Kind.PERMANENT, dt.date(2000, 1, 1))
    audit = check(Instance((h,), (Vacancy("B1", "A", "Kbh", 2, floor=0),)), SETTINGS, {"H1": "B1"})
    assert audit.time is None and audit.ok
    assert list(audit.as_dict()) == _PLAIN_KEYS
    assert not any("stay" in line for line in audit.verdict_lines())


def test_without_phases_one_dwelling_still_houses_one():
    """The same two households and one dwelling, without phases: the old rule holds."""
    a = Household("H1", "Old", "Kbh", 1, 2, Kind.TEMPORARY, dt.date(2000, 1, 1))
    b = Household("H2", "Old", "Kbh", 1, 2, Kind.TEMPORARY, dt.date(2001, 1, 1))
    audit = check(
        Instance((a, b), (Vacancy("B1", "A", "Kbh", 2, floor=0),)), SETTINGS, {"H1": "B1", "H2": "B1"}
    )
    assert [f.kind for f in audit.rule_breaches] == ["dwelling_assigned_twice"]


def overlap_audit():
    return check(
        case([ph("T1", "1"), ph("T3", "3")], [dw("B1"), dw("B2")]), SETTINGS, {"T1": "B1", "T3": "B1"}
    )


def test_the_json_carries_the_time_checks():
    d = overlap_audit().as_dict()
    assert list(d) == [*_PLAIN_KEYS, "time"]
    assert d["time"]["stay_overlaps"] == 1 and d["time"]["stay_windows"] == 0
    assert d["time"]["exact_limit"] == EXACT_LIMIT and d["time"]["large_components"] == []
    assert d["ok"] is False
    assert any("the stays overlap" in text for text in d["findings"])


def test_kontrol_says_the_time_checks_in_both_languages():
    audit = overlap_audit()
    for lang in ("da", "en"):
        sentences = dict(verdict_sentences(audit, "strict", lang))
        w = WORDS[lang]
        assert sentences[w["check_stay_windows"]] == w["stay_windows_ok"]
        assert sentences[w["check_stay_overlaps"]] == w["stay_overlaps_bad"].format(n=1, ids="T1, T3")
        assert sentences[w["check_time_reach"]] == w["time_reach_all"].format(n=2)
    assert dict(verdict_sentences(audit, "strict", "da"))["Ophold i samme bolig"].startswith(
        "1 par af ophold"
    )


def test_kontrol_says_where_the_check_is_partial():
    from allocator.check.phased import check_phased
    from allocator.domain import Decisions

    instance = case([ph("T1", "1"), ph("T2", "2")], [dw("B1")])
    audit = check_phased(instance, SETTINGS, {"T1": "B1", "T2": "B1"}, Decisions(), exact_limit=1)
    sentences = dict(verdict_sentences(audit, "strict", "da"))
    text = sentences["Anciennitet over hele planen"]
    assert "I de større grupper (2 husstande)" in text and "længere kæder" in text
    for check_name in ("Anciennitet", "Bedste ønske efter anciennitet", "Bytte"):
        assert sentences[check_name].endswith(
            "Fuldt kontrolleret kun i grupper på højst 1 husstande (se Anciennitet over hele planen)."
        )
    assert sum("(partial in a phased case" in line for line in audit.verdict_lines()) == 3
