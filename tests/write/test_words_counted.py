"""Number agreement: "1 husstand", "2 husstande", through ``counted`` and its singular forms."""

from __future__ import annotations

import re
import string

import pytest

from allocator.write.xlsx_words import BUDGET_WORDS, WORDS, counted

# A count followed by a word that has another form for one: each such sentence needs its singular.
PLURAL_AFTER_COUNT = re.compile(
    r"\{(n|housed|max|broken)\} (husstande|sager|anvisninger|grupper|anviste|permanente|households|cases|offers"
    r"|groups|housed|permanent)\b"
)


def test_one_household_is_singular_and_two_are_plural():
    assert counted(WORDS["da"], "next_unhoused", 1) == "1 husstand er ikke anvist (arket Ikke anvist)"
    assert counted(WORDS["da"], "next_unhoused", 2) == "2 husstande er ikke anvist (arket Ikke anvist)"
    assert counted(WORDS["da"], "more", 1) == " og 1 til" and counted(WORDS["da"], "more", 3) == " og 3 flere"
    assert counted(BUDGET_WORDS["en"], "not_housed_meaning", 1).startswith("1 household has no dwelling; its")


@pytest.mark.parametrize("words", [WORDS["da"], WORDS["en"], BUDGET_WORDS["da"], BUDGET_WORDS["en"]])
def test_every_count_before_a_plural_word_has_its_singular(words):
    missing = [
        key for key, text in words.items() if PLURAL_AFTER_COUNT.search(text) and f"{key}_1" not in words
    ]
    assert not missing, missing


@pytest.mark.parametrize("words", [WORDS["da"], WORDS["en"], BUDGET_WORDS["da"], BUDGET_WORDS["en"]])
def test_a_singular_needs_no_field_its_plural_lacks(words):
    def fields(text):
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    for key in (k for k in words if k.endswith("_1")):
        plural = key[:-2]
        assert plural in words, key
        assert fields(words[key]) - {"n"} <= fields(words[plural]) | {"n"}, key
