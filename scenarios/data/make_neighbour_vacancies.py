"""Write ``neighbour_vacancies.csv``: 40 dwellings a neighbouring housing organisation could lend the example case.

Run from the repository root (the test ``tests/scenarios/test_bundled_scenarios.py`` runs it too and checks that
it writes the committed file byte for byte)::

    python scenarios/data/make_neighbour_vacancies.py

The dwellings lie in the example case's three municipalities, in six departments of their own (names invented,
none of them a department of the example organisation, so no household has wished for them), with ids ``N001``
... that no example dwelling has. Rooms, areas and rents follow ``allocator.generate`` (``VACANCY_ROOMS_P``,
``AREA_BY_ROOMS``, about 900 kr per m2 a year); they come free between October 2026 and September 2027, around
the example's three phases, most for both kinds of rehousing. The file is written by
``allocator.generate.write_inputs``, so it looks like the example's: Danish headers, semicolons, a byte-order
mark, ``01-03-2027`` dates and a decimal comma.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

from allocator.domain import Instance, Use, Vacancy
from allocator.generate import AREA_BY_ROOMS, RENT_PER_M2_YEAR, VACANCY_ROOMS_P, write_inputs

SEED = 2026
COUNT = 40
TARGET = Path(__file__).resolve().parent / "neighbour_vacancies.csv"
# (department, municipality, street, top floor, elevator): the neighbour's estates.
DEPARTMENTS = (
    ("Vibeholm", "Hvidovre", "Vibeholmsvej", 3, False),
    ("Kærgården", "Hvidovre", "Kærgårdsallé", 6, True),
    ("Rønnebærparken", "Brøndby", "Rønnebærvej", 4, True),
    ("Humlehaven", "Brøndby", "Humlevænget", 0, False),
    ("Stensbjerg", "Albertslund", "Stensbjergvej", 2, False),
    ("Kornblomsten", "Albertslund", "Kornblomstvej", 4, True),
)
FIRST_FREE, LAST_FREE = dt.date(2026, 10, 1), dt.date(2027, 9, 1)


def neighbour_vacancies(seed: int = SEED, count: int = COUNT) -> tuple[Vacancy, ...]:
    rng = np.random.default_rng(seed)
    department = rng.integers(len(DEPARTMENTS), size=count)
    rooms = rng.choice(np.arange(1, 6), size=count, p=VACANCY_ROOMS_P)
    area_noise, rent_rate = rng.uniform(0.9, 1.1, count), rng.uniform(0.95, 1.1, count) * RENT_PER_M2_YEAR
    free_in = rng.integers((LAST_FREE - FIRST_FREE).days + 1, size=count)
    use = rng.choice(3, size=count, p=(0.8, 0.1, 0.1))
    slots = _slots(rng, department)
    rows = []
    for i in range(count):
        name, municipality, street, top, elevator = DEPARTMENTS[department[i]]
        number, f, side = slots[i]
        area = round(AREA_BY_ROOMS[int(rooms[i])] * float(area_noise[i]))
        rows.append(((name, number, f, side), dict(
            department=name, municipality=municipality, rooms=int(rooms[i]), area_m2=float(area),
            rent=round(area * float(rent_rate[i]) / 12, 2), floor=f, elevator=elevator,
            available_from=FIRST_FREE + dt.timedelta(days=int(free_in[i])),
            use=(Use.ANY, Use.PERMANENT, Use.TEMPORARY)[int(use[i])],
            address=f"{street} {number}" if top == 0 else
            f"{street} {number}, {'st.' if f == 0 else f'{f}.'} {('tv.', 'th.')[side]}",
        )))
    rows.sort(key=lambda row: row[0])  # as a real file: by department and address
    return tuple(Vacancy(dwelling_id=f"N{k + 1:03d}", **row) for k, (_, row) in enumerate(rows))


def _slots(rng: np.random.Generator, department: np.ndarray) -> list[tuple[int, int, int]]:
    """A distinct (house number, floor, side) per dwelling of a department: no two share an address."""
    slots = [(0, 0, 0)] * len(department)
    for k, (*_, top, _elevator) in enumerate(DEPARTMENTS):
        rows = np.flatnonzero(department == k)
        per_number = 2 * (top + 1) if top else 1  # two dwellings a floor; a row house has a number of its own
        for i, s in zip(rows, rng.choice(39 * per_number, size=len(rows), replace=False), strict=True):
            number, rest = divmod(int(s), per_number)
            slots[i] = (number + 1, rest // 2, rest % 2)
    return slots


def main(target: Path = TARGET) -> Path:
    with tempfile.TemporaryDirectory() as folder:
        _, vacancies = write_inputs(Instance(households=(), vacancies=neighbour_vacancies()), folder)
        shutil.copyfile(vacancies, target)
    return target


if __name__ == "__main__":
    print(main(Path(sys.argv[1]) if len(sys.argv) > 1 else TARGET))
