"""The Flytteskema sheet's notes under the moves: a stairwell that moves out over more than one week."""

import openpyxl
from cases import SETTINGS, D, plain, unphased, with_extra

from allocator.domain import Instance
from allocator.schedule import make_schedule
from allocator.write.schedule_workbook import write_schedule_workbook


def _notes(tmp_path, schedule, inst, lang="da"):
    path = tmp_path / "skema.xlsx"
    households = {h.household_id: h for h in inst.households}
    write_schedule_workbook(path, schedule, households, {v.dwelling_id: v for v in inst.vacancies}, lang=lang)
    sheet = openpyxl.load_workbook(path).worksheets[0]
    return [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]


def _stairwell(late: bool):
    inst, a = unphased(2, move_by=D(2027, 5, 12))
    households = tuple(with_extra(h, Opgang="Kirkevej 1") for h in inst.households)
    free = D(2027, 5, 10) if late else D(2027, 4, 1)
    second = inst.vacancies[1].__class__(
        **{**{n: getattr(inst.vacancies[1], n) for n in inst.vacancies[1].__slots__}, "available_from": free}
    )
    return Instance(households, (inst.vacancies[0], second)), a


def test_a_split_stairwell_is_a_note_on_the_sheet(tmp_path):
    inst, a = _stairwell(late=True)
    options = plain(moves_per_day=1, closed_days=("2027-05-03..2027-05-07",))
    s = make_schedule(inst, SETTINGS, a, options)
    expected = "Opgang Kirkevej 1: 2 husstande flytter ud over 2 uger (2027-W17, 2027-W19)"
    assert any(n.startswith(expected) for n in _notes(tmp_path, s, inst))
    english = "Stairwell Kirkevej 1: 2 households move out over 2 weeks (2027-W17, 2027-W19)"
    assert any(n.startswith(english) for n in _notes(tmp_path, s, inst, "en"))


def test_a_stairwell_in_one_week_has_no_note(tmp_path):
    inst, a = _stairwell(late=False)
    s = make_schedule(inst, SETTINGS, a, plain())
    assert s.stairwell_splits == ()
    assert not any(n.startswith("Opgang Kirkevej 1:") for n in _notes(tmp_path, s, inst))
