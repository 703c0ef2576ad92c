"""The readers' warnings carry their Danish wording (allocator.read.words), for the Danish Kontrol sheet; the
English text is unchanged, and a warning is still a string everywhere (terminal, log, JSON, pickling)."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

from allocator.notice import Notice, notice_text
from allocator.read import read_instance
from allocator.read.words import WARNINGS, rows
from allocator.rounds.words import WARNINGS as ROUND_WARNINGS
from allocator.rounds.words import where_da

HEAD = "household_id,department,municipality,members,current_rooms,kind,seniority_date"


def test_a_reader_warning_is_english_with_its_danish_text(tmp_path: Path) -> None:
    (tmp_path / "h.csv").write_text(f"{HEAD},pref_1,pref_2\nH1,Old,Hvidovre,1,2,permanent,2001-01-01,,Syd\n")
    (tmp_path / "v.csv").write_text("dwelling_id,department,municipality,rooms\nB1,Syd,Hvidovre,2\n")
    (found,) = read_instance(tmp_path / "h.csv", tmp_path / "v.csv").warnings
    assert (
        found
        == f"{tmp_path / 'h.csv'} row 2: a wish column before 'pref_2' is empty; the later wishes move up in order"
    )
    assert notice_text(found, "da") == (
        f"{tmp_path / 'h.csv'} række 2: en ønskekolonne før 'pref_2' er tom; de senere ønsker rykker op i rækkefølgen"
    )
    assert notice_text(found, "en") == found


def test_a_notice_is_a_string_that_survives_json_and_pickling() -> None:
    n = Notice("two rows", "to rækker")
    assert json.dumps([n]) == '["two rows"]' and n + "!" == "two rows!"
    back = pickle.loads(pickle.dumps(n))
    assert back == "two rows" and back.da == "to rækker"
    assert notice_text("plain", "da") == "plain"  # a warning without Danish text stays as it is


def test_rows_and_places_in_danish() -> None:
    assert rows([5], "da") == "række 5" and rows([3, 5], "da") == "rækker 3, 5"
    assert rows(range(1, 13), "da").endswith("og 2 flere") and rows(range(1, 13), "en").endswith("and 2 more")
    assert where_da("runde-1.xlsx, sheet 'Tilbud' row 7") == "runde-1.xlsx, arket 'Tilbud' række 7"
    assert where_da("pins.csv row 2") == "pins.csv række 2"


def test_every_warning_has_the_same_fields_in_both_languages() -> None:
    import string

    def fields(text):
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    for en, da in (*WARNINGS.values(), *ROUND_WARNINGS.values()):
        assert fields(en) - {"noun", "where", "why"} <= fields(da) | {"noun", "where", "why"}, en
