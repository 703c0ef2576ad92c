"""The seeded instance generator and the bundled example case (data/example)."""

from __future__ import annotations

import collections
import csv
import dataclasses
import datetime as dt
import re
import shlex
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pytest

from allocator.domain import Household, Instance, Kind, Use, Vacancy
from allocator.generate import (
    HOUSEHOLD_HEADERS,
    MUNICIPALITIES,
    NOTE_COLUMN,
    VACANCY_HEADERS,
    generate_instance,
    main,
    write_inputs,
)

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "example"
START = dt.date(2027, 3, 1)
PLAIN = (str, int, float, bool, dt.date, Kind, Use, tuple, type(None))


@pytest.fixture(scope="module")
def big() -> Instance:
    return generate_instance(2000, 2600, seed=7)


def eligible(instance: Instance) -> np.ndarray:
    """Households x vacancies that pass the hard rules with default settings (an independent re-statement)."""
    hs, vs = instance.households, instance.vacancies

    def col(values: list) -> np.ndarray:
        return np.array(values)[:, None]

    low = col([h.min_rooms or min(h.members + 1, h.current_rooms) for h in hs])
    high = col([h.max_rooms or max(h.members + 1, h.current_rooms) for h in hs])
    rooms = np.array([v.rooms for v in vs])
    uses = np.array([v.use.value for v in vs])
    return (
        (col([h.municipality for h in hs]) == np.array([v.municipality for v in vs]))
        & (low <= rooms) & (rooms <= high)
        & (~col([h.needs_step_free for h in hs]) | np.array([v.step_free for v in vs]))
        & (np.array([v.rent for v in vs]) <= col([h.max_rent or np.inf for h in hs]))
        & ((uses == "any") | (uses == col([h.kind.value for h in hs])))
        & (np.array([ordinal(v.available_from) for v in vs]) <= col([ordinal(h.move_by) - 14 for h in hs]))
    )


def ordinal(day: dt.date | None) -> int:
    assert day is not None, "the generator always sets move_by and available_from"
    return day.toordinal()


def read_csv_lines(path: Path) -> list[str]:
    return path.read_bytes().decode("utf-8-sig").splitlines()


# Determinism


def test_same_seed_gives_the_same_instance() -> None:
    assert generate_instance(40, 55, seed=3) == generate_instance(40, 55, seed=3)


def test_another_seed_gives_another_instance() -> None:
    a, b = generate_instance(40, 55, seed=3), generate_instance(40, 55, seed=4)
    assert a.households != b.households
    assert a.vacancies != b.vacancies


@pytest.mark.parametrize(("fmt", "lang"), [("csv", "da"), ("csv", "en"), ("xlsx", "da"), ("xlsx", "en")])
def test_same_arguments_give_byte_identical_files(tmp_path: Path, fmt: str, lang: str) -> None:
    first = write_inputs(generate_instance(30, 40, seed=1, notes=True), tmp_path / "a", fmt=fmt, lang=lang)
    second = write_inputs(generate_instance(30, 40, seed=1, notes=True), tmp_path / "b", fmt=fmt, lang=lang)
    for one, two in zip(first, second, strict=True):
        assert one.name == two.name
        assert one.read_bytes() == two.read_bytes()


def test_xlsx_carries_no_save_time(tmp_path: Path) -> None:
    # Two saves in the same second are identical anyway; the clock must not reach the file at all.
    households, _ = write_inputs(generate_instance(3, 3), tmp_path, fmt="xlsx")
    with zipfile.ZipFile(households) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert str(dt.date.today().year) not in core and "2000-01-01T00:00:00Z" in core


def test_notes_only_add_the_note_column() -> None:
    plain, noted = generate_instance(200, 10, seed=2), generate_instance(200, 10, seed=2, notes=True)
    assert [dataclasses.replace(h, extra=()) for h in noted.households] == list(plain.households)
    assert all(h.extra == () for h in plain.households)
    with_note = [h for h in noted.households if h.extra]
    assert 5 <= len(with_note) <= 50
    assert all(h.extra[0][0] == NOTE_COLUMN and h.extra[0][1] for h in with_note)


# Validity


SIZES = [(0, 0), (1, 0), (5, 8), (20, 30), (50, 60), (300, 400)]


@pytest.mark.parametrize(("n_households", "n_vacancies"), SIZES)
def test_any_size_is_valid(n_households: int, n_vacancies: int) -> None:
    instance = generate_instance(n_households, n_vacancies, seed=11)
    assert len(instance.households) == n_households and len(instance.vacancies) == n_vacancies
    objects: list[Household | Vacancy] = [*instance.households, *instance.vacancies]
    for obj in objects:
        # Rebuilding runs __post_init__ again; plain Python values keep JSON writers and equality simple.
        assert type(obj)(**{f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}) == obj
        for f in dataclasses.fields(obj):
            assert type(getattr(obj, f.name)) in PLAIN, (f.name, type(getattr(obj, f.name)))


def test_ids_are_unique_and_numbered(big: Instance) -> None:
    assert [h.household_id for h in big.households] == [f"H{k:04d}" for k in range(1, 2001)]
    assert [v.dwelling_id for v in big.vacancies] == [f"B{k:04d}" for k in range(1, 2601)]


def test_addresses_are_unique(big: Instance) -> None:
    for rows in (big.households, big.vacancies):
        assert len({r.address for r in rows}) == len(rows)


def test_households_are_consistent(big: Instance) -> None:
    renovated = {h.department for h in big.households}
    others = {v.department for v in big.vacancies}
    assert renovated.isdisjoint(others)
    phases = {h.move_by for h in big.households}
    assert phases == {START, dt.date(2027, 7, 1), dt.date(2027, 11, 1)}
    for h in big.households:
        assert 1 <= h.members <= 6 and max(1, h.members - 1) <= h.current_rooms <= h.members + 2
        assert h.seniority_date < START and len(h.wishes) <= 3
        assert not set(h.wishes) & renovated  # nobody can be rehoused into a department under renovation
        assert h.name and h.address and h.current_rent is not None and h.current_rent > 0
        assert h.max_rent is None or h.max_rent % 100 == 0


def test_vacancies_are_consistent(big: Instance) -> None:
    municipality_of: dict[str, str] = {}
    for v in big.vacancies:
        assert municipality_of.setdefault(v.department, v.municipality) == v.municipality
        assert 1 <= v.rooms <= 5 and v.floor is not None and 0 <= v.floor <= 6
        assert v.area_m2 is not None and v.rent is not None and v.available_from is not None
        assert 700 <= v.rent * 12 / v.area_m2 <= 1150  # about 900 kr per m2 a year
        assert START - dt.timedelta(days=200) <= v.available_from <= dt.date(2027, 12, 31)


def test_municipalities_and_departments_scale() -> None:
    small, example, large = (generate_instance(n, n, seed=0) for n in (20, 250, 5000))
    assert {h.municipality for h in example.households} == set(MUNICIPALITIES[:3])
    assert len({h.municipality for h in small.households}) <= 3
    assert len({h.municipality for h in large.households}) > 3
    departments = {h.department for h in example.households} | {v.department for v in example.vacancies}
    assert 10 <= len(departments) <= 14
    departments = {h.department for h in large.households} | {v.department for v in large.vacancies}
    assert 25 <= len(departments) <= 40


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError):
        generate_instance(-1, 10)
    with pytest.raises(ValueError):
        generate_instance(10, 10, municipalities=3, departments=5)
    with pytest.raises(ValueError):
        generate_instance(10, 10, municipalities=len(MUNICIPALITIES) + 1)
    with pytest.raises(ValueError):
        write_inputs(generate_instance(2, 2), Path("unused"), fmt="ods")


# Realistic shares (shared/domain.md "Realistic sizes")


def test_household_shares_are_realistic(big: Instance) -> None:
    hs = big.households
    share = lambda test: np.mean([test(h) for h in hs])  # noqa: E731
    assert 1.5 <= np.mean([h.members for h in hs]) <= 1.9
    assert 0.6 <= share(lambda h: h.members == 1) <= 0.75
    assert 2.4 <= np.mean([h.current_rooms for h in hs]) <= 3.0
    assert 0.48 <= share(lambda h: h.kind is Kind.PERMANENT) <= 0.62
    assert 0.15 <= share(lambda h: h.needs_step_free) <= 0.25
    assert share(lambda h: h.needs_ground_floor) > 0.05 and share(lambda h: h.needs_elevator) > 0.05
    assert 0.10 <= share(lambda h: h.max_rent is not None) <= 0.20
    assert 0.01 <= share(lambda h: h.min_rooms is not None or h.max_rooms is not None) <= 0.08
    counts = collections.Counter(len(h.wishes) for h in hs)
    assert all(counts[k] > 50 for k in range(4))


def test_seniority_is_realistic(big: Instance) -> None:
    years = np.array([(START - h.seniority_date).days / 365.25 for h in big.households])
    assert years.mean() > 10
    assert 0.06 <= np.mean(years > 25) <= 0.15
    dates = collections.Counter(h.seniority_date for h in big.households)
    assert sum(c - 1 for c in dates.values()) > 100  # ties happen in real files


def test_vacancy_shares_are_realistic(big: Instance) -> None:
    vs = big.vacancies
    assert 2.5 <= np.mean([v.rooms for v in vs]) <= 2.9
    assert 70 <= np.mean([v.area_m2 for v in vs]) <= 82
    assert 0.7 <= np.mean([v.use is Use.ANY for v in vs]) <= 0.9
    assert {v.use for v in vs} == set(Use)
    assert 0.1 <= np.mean([v.elevator for v in vs]) <= 0.5
    top_floor: dict[str, int] = collections.defaultdict(int)
    for v in vs:
        top_floor[v.department] = max(top_floor[v.department], v.floor or 0)
    assert all(top_floor[v.department] >= 4 for v in vs if v.elevator)  # elevators only in taller buildings


def test_wishes_are_local_and_contested(big: Instance) -> None:
    municipality = {v.department: v.municipality for v in big.vacancies}
    wishes = [(h, w) for h in big.households for w in h.wishes if w in municipality]
    assert np.mean([municipality[w] == h.municipality for h, w in wishes]) > 0.8
    first = collections.Counter(h.wishes[0] for h in big.households if h.wishes)
    offered = collections.Counter(v.department for v in big.vacancies)
    assert sum(max(0, first[d] - offered[d]) for d in first) > 50  # popular departments are over-subscribed


def test_most_but_not_all_households_can_be_housed(big: Instance) -> None:
    fits = eligible(big)
    without = ~fits.any(axis=1)
    assert 0.005 <= without.mean() <= 0.06
    unhoused = [big.households[i] for i in np.flatnonzero(without)]
    assert any(h.members == 6 for h in unhoused)


def test_the_fourteen_day_rule_bites(big: Instance) -> None:
    deadlines = sorted({ordinal(h.move_by) for h in big.households})
    free = np.array([ordinal(v.available_from) for v in big.vacancies])
    # Many vacancies are too late for the first phase but in time for a later one ...
    assert 0.2 <= np.mean(free > deadlines[0] - 14) <= 0.8
    # ... and a few come free too late for their own phase: after the last deadline, too late for anyone.
    assert 0.003 <= np.mean(free > deadlines[-1] - 14) <= 0.05


# Files


def test_danish_csv_headers_and_cells(tmp_path: Path) -> None:
    households, vacancies = write_inputs(generate_instance(250, 320, seed=0), tmp_path)
    assert households.read_bytes().startswith(b"\xef\xbb\xbf")
    h_lines, v_lines = read_csv_lines(households), read_csv_lines(vacancies)
    assert h_lines[0] == (
        "Husstand-ID;Navn;Adresse;Afdeling;Kommune;Antal personer;Antal rum;Genhusningstype;Anciennitetsdato;"
        "Ønske 1;Ønske 2;Ønske 3;Stueetage;Elevator;Max husleje;Min rum;Max rum;Senest fraflytning;Husleje")
    assert v_lines[0] == (
        "Bolig-ID;Afdeling;Kommune;Antal rum;Areal;Husleje;Etage;Elevator;Ledig fra;Anvendelse;Adresse")
    assert len(h_lines) == 251 and len(v_lines) == 321
    cells = [line.split(";") for line in h_lines[1:]]
    assert {c[7] for c in cells} == {"permanent", "midlertidig"}
    assert {c[12] for c in cells} == {"ja", ""}
    assert all(len(c[8]) == 10 and c[8][2] == "-" and c[8][5] == "-" for c in cells)
    assert any("," in c[18] for c in cells) and not any("." in c[18] for c in cells)
    vcells = [line.split(";") for line in v_lines[1:]]
    assert {c[7] for c in vcells} == {"ja", "nej"}
    assert {c[9] for c in vcells} == {"permanent", "midlertidig", "begge"}


def test_english_csv_headers_and_cells(tmp_path: Path) -> None:
    households, vacancies = write_inputs(generate_instance(60, 80, seed=0), tmp_path, lang="en")
    assert not households.read_bytes().startswith(b"\xef\xbb\xbf")
    h_lines, v_lines = read_csv_lines(households), read_csv_lines(vacancies)
    assert h_lines[0] == (
        "household_id,name,address,department,municipality,members,current_rooms,kind,seniority_date,pref_1,"
        "pref_2,pref_3,needs_ground_floor,needs_elevator,max_rent,min_rooms,max_rooms,move_by,current_rent")
    assert v_lines[0] == ("dwelling_id,department,municipality,rooms,area_m2,rent,floor,elevator,"
                          "available_from,use,address")
    rows = list(csv.reader(h_lines[1:]))
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", row[8]) for row in rows)
    assert {row[7] for row in rows} == {"permanent", "temporary"}
    assert any("." in row[18] for row in rows) and not any("," in row[18] for row in rows)
    vrows = list(csv.reader(v_lines[1:]))
    assert {row[7] for row in vrows} == {"yes", "no"}
    assert {row[9] for row in vrows} <= {"permanent", "temporary", "any"}


@pytest.mark.parametrize(("lang", "sheets"),
                         [("da", ("Husstande", "Boliger")), ("en", ("Households", "Vacancies"))])
def test_xlsx_headers_sheets_and_types(tmp_path: Path, lang: str, sheets: tuple[str, str]) -> None:
    paths = write_inputs(generate_instance(20, 30, seed=0), tmp_path, fmt="xlsx", lang=lang)
    for path, sheet, header in zip(paths, sheets, (HOUSEHOLD_HEADERS, VACANCY_HEADERS), strict=True):
        ws = openpyxl.load_workbook(path).worksheets[0]
        rows = list(ws.iter_rows(values_only=True))
        assert ws.title == sheet
        assert ";".join(rows[0]) == header[lang].replace(",", ";")
        assert any(isinstance(value, dt.datetime) for value in rows[1])
        assert any(isinstance(value, float) for value in rows[1])


def test_unknown_columns_are_written_after_the_known_ones(tmp_path: Path) -> None:
    instance = generate_instance(100, 10, seed=0, notes=True)
    households, _ = write_inputs(instance, tmp_path)
    lines = read_csv_lines(households)
    assert lines[0].endswith(";Husleje;" + NOTE_COLUMN)
    noted = {h.household_id: h.extra[0][1] for h in instance.households if h.extra}
    for line in lines[1:]:
        cells = line.split(";")
        assert cells[-1] == noted.get(cells[0], "")


# The bundled example


def example_call() -> list[str]:
    """The arguments of the one generator call shown in data/example/README.md."""
    calls = [line.strip() for line in (EXAMPLE / "README.md").read_text(encoding="utf-8").splitlines()
             if line.strip().startswith("python -m allocator.generate ")]
    assert len(calls) == 1, "data/example/README.md must show exactly one generator call"
    argv = shlex.split(calls[0])[3:]
    assert argv[2] == "data/example"
    return argv


def test_example_is_what_the_documented_call_writes(tmp_path: Path) -> None:
    argv = example_call()
    argv[2] = str(tmp_path)
    main(argv)
    for name in ("households.csv", "vacancies.csv"):
        # Line ends are compared loosely so that a git checkout with autocrlf cannot fail the test.
        written, committed = (p.read_bytes().replace(b"\r\n", b"\n")
                              for p in (tmp_path / name, EXAMPLE / name))
        assert committed == written, f"data/example/{name} drifted: rerun the call in data/example/README.md"


def test_example_has_the_promised_shape() -> None:
    h_lines, v_lines = read_csv_lines(EXAMPLE / "households.csv"), read_csv_lines(EXAMPLE / "vacancies.csv")
    assert len(h_lines) == 251 and len(v_lines) == 321
    assert h_lines[0].endswith(";" + NOTE_COLUMN)
    assert {line.split(";")[4] for line in h_lines[1:]} == set(MUNICIPALITIES[:3])


def test_example_has_a_handful_of_households_nobody_can_house() -> None:
    argv = example_call()
    instance = generate_instance(int(argv[0]), int(argv[1]), seed=int(argv[argv.index("--seed") + 1]))
    without = int((~eligible(instance).any(axis=1)).sum())
    assert 3 <= without <= 15


# --- phased cases (issue 12) --------------------------------------------------------------------------------

EXAMPLE_PHASED = EXAMPLE.parent / "example-phased"


@pytest.fixture(scope="module")
def phased() -> Instance:
    return generate_instance(300, 240, seed=3, phases=4)


def test_a_phased_case_has_its_phases_four_months_apart_with_stays_of_4_to_12_months(phased: Instance) -> None:
    starts = [p.construction_start for p in phased.phases]
    assert [p.phase_id for p in phased.phases] == ["1", "2", "3", "4"]
    assert starts == [START, dt.date(2027, 7, 1), dt.date(2027, 11, 1), dt.date(2028, 3, 1)]
    months = [(p.ready.year - p.construction_start.year) * 12 + p.ready.month - p.construction_start.month
              for p in phased.phases]
    assert all(4 <= m <= 12 for m in months)


def test_a_phased_case_is_joined_as_the_reader_joins_it(phased: Instance) -> None:
    by_id = {p.phase_id: p for p in phased.phases}
    for h in phased.households:
        phase = by_id[h.phase]
        assert h.move_by == phase.construction_start if h.deadline_from_phase else h.move_by < phase.construction_start
        assert h.returns_on == (phase.ready if h.kind is Kind.TEMPORARY else None)
    stated = sum(not h.deadline_from_phase for h in phased.households)
    assert 0.05 < stated / len(phased.households) < 0.2


def test_renovated_dwellings_of_early_phases_and_dwellings_to_give_back(phased: Instance) -> None:
    ready = {p.ready for p in phased.phases[:-1]}
    renovated_departments = {h.department for h in phased.households}
    renovated = [v for v in phased.vacancies if v.department in renovated_departments]
    assert renovated and all(v.available_from in ready for v in renovated)
    given_back = [v for v in phased.vacancies if v.available_until is not None]
    assert given_back and all(v.available_until >= v.available_from for v in given_back)
    assert len({v.dwelling_id for v in phased.vacancies}) == len(phased.vacancies)


@pytest.mark.parametrize(("fmt", "lang"), [("csv", "da"), ("xlsx", "en")])
def test_phased_files_read_back_as_the_case(phased: Instance, tmp_path: Path, fmt: str, lang: str) -> None:
    from allocator.read import read_instance

    households, vacancies, phases = write_inputs(phased, tmp_path, fmt=fmt, lang=lang)
    read = read_instance(households, vacancies, phases_path=phases).instance
    assert read.phases == tuple(dataclasses.replace(p) for p in phased.phases)
    assert [dataclasses.replace(h, row=0) for h in read.households] == list(phased.households)
    assert [dataclasses.replace(v, row=0) for v in read.vacancies] == list(phased.vacancies)


def test_phased_files_are_byte_identical_for_the_same_seed(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        main(["60", "50", str(tmp_path / folder), "--seed", "4", "--phases", "3"])
    for name in ("households.csv", "vacancies.csv", "phases.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_phases_do_not_change_the_draws_of_the_households() -> None:
    plain, phased = generate_instance(120, 100, seed=5), generate_instance(120, 100, seed=5, phases=3)
    assert [h.seniority_date for h in plain.households] == [h.seniority_date for h in phased.households]
    assert [v.dwelling_id for v in plain.vacancies] == [v.dwelling_id for v in phased.vacancies[:100]]


def test_the_phased_example_is_what_its_documented_call_writes(tmp_path: Path) -> None:
    text = (EXAMPLE_PHASED / "README.md").read_text(encoding="utf-8")
    (call,) = re.findall(r"^python -m allocator\.generate .*$", text, re.M)
    argv = shlex.split(call)[3:]
    assert argv[2] == "data/example-phased" and "--phases" in argv
    argv[2] = str(tmp_path)
    main(argv)
    for name in ("households.csv", "vacancies.csv", "phases.csv"):
        written, committed = (p.read_bytes().replace(b"\r\n", b"\n") for p in (tmp_path / name, EXAMPLE_PHASED / name))
        assert committed == written, f"data/example-phased/{name} drifted: rerun the call in its README.md"
