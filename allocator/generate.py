"""Seeded synthetic rehousing cases: the households of renovated departments and the organisation's vacancies.

The shapes follow shared/domain.md "Realistic sizes" (1.7 persons, 68 % singles, 20 % over 64, 2.7 rooms,
76 m2, 900 kr per m2 a year, seniority over 10 years on average). Everything is drawn from one
``numpy.random.default_rng(seed)`` in a fixed order and nothing depends on set order or the clock, so the same
arguments give the same instance and byte-identical files. Names, addresses and notes are plainly fictitious.

A developer tool, not the user CLI: ``python -m allocator.generate N_HOUSEHOLDS N_VACANCIES FOLDER [--seed S]
[--notes] [--fmt csv|xlsx] [--lang da|en]`` (also ``--municipalities``, ``--departments``, ``--start``).

``--phases N`` makes a phased case (issue 12): N phases (etaper) four months apart, each ready again after
4-12 months, households in an ``Etape`` column and a third file, ``phases.<fmt>``. Some permanent households'
dwellings of an early phase come back renovated as vacancies for the later phases (``Ledig fra`` = that phase's
ready date), and some vacancies must be given back (``Ledig til``). The phased extras are drawn from a second
generator seeded from the same seed, so the draws of a case without phases are untouched.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import dataclasses
import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from allocator.domain import Household, Instance, Kind, Phase, Use, Vacancy

# Fictitious estates, streets and people; real municipalities west of Copenhagen. Names split on commas.
MUNICIPALITIES = tuple("Hvidovre,Brøndby,Albertslund,Glostrup,Rødovre,Ishøj,Vallensbæk,Høje-Taastrup,"
                       "Ballerup,Herlev".split(","))
ESTATES = tuple("Strandparken,Egegården,Lindevang,Vestervold,Bøgelyet,Askelunden,Birkehøj,Rosenhaven,"
                "Solbakken,Engparken,Kildeparken,Søholmen,Nørrevang,Skovbrynet,Østerhøj,Valmuehaven,Kløvermarken,Hyldebo,"
                "Pilegården,Fyrreparken,Mosegården,Lærkevang,Tjørnehøj,Bakkehuset,Havneparken,Åløkken,Granbo,"
                "Ellemosen".split(","))
# Street = stem + kind: 60 distinct streets, so that departments (up to 60) never share an address.
STREETS = tuple(stem + kind for stem in "Ege,Linde,Birke,Bøge,Aske,Mølle,Skole,Kirke,Tofte,Eng,Kær,Sø,Park,"
                "Rose,Hassel,Pile,Mose,Bakke,Rønne,Kastanje".split(",") for kind in ("vej", "allé", "vænget"))
FIRST_NAMES = tuple("Anna,Bo,Karen,Mette,Jens,Fatima,Ole,Birgit,Ahmed,Lone,Søren,Hanne,Mohammed,Inge,Lars,"
                    "Amira,Per,Grethe,Emil,Sofie,Ali,Kirsten".split(","))
SURNAMES = tuple("Eksempelsen,Prøvesen,Testrup,Fiktivsen,Demogaard,Opdigtholm,Skabelund,Mønstersen,Attrapsen,"
                 "Forsøgsen,Udkastrup,Skitsesen,Påtænksen,Datasen".split(","))
NOTES = tuple("Har hund,Kontakt via datter,Tolk ønskes,Ønsker altan,Husdyr: kat,Ring efter kl. 16,"
              "Ønsker nær skole,Ønsker stille opgang".split(","))

# The header lines exactly as the example files carry them (shared/domain.md "Input spreadsheets").
HOUSEHOLD_HEADERS = {
    "da": "Husstand-ID;Navn;Adresse;Afdeling;Kommune;Antal personer;Antal rum;Genhusningstype;"
          "Anciennitetsdato;Ønske 1;Ønske 2;Ønske 3;Stueetage;Elevator;Max husleje;Min rum;Max rum;"
          "Senest fraflytning;Husleje",
    "en": "household_id,name,address,department,municipality,members,current_rooms,kind,seniority_date,"
          "pref_1,pref_2,pref_3,needs_ground_floor,needs_elevator,max_rent,min_rooms,max_rooms,move_by,current_rent",
}
VACANCY_HEADERS = {
    "da": "Bolig-ID;Afdeling;Kommune;Antal rum;Areal;Husleje;Etage;Elevator;Ledig fra;Anvendelse;Adresse",
    "en": "dwelling_id,department,municipality,rooms,area_m2,rent,floor,elevator,available_from,use,address",
}
DELIMITER = {"da": ";", "en": ","}
SHEETS = {"da": ("Husstande", "Boliger"), "en": ("Households", "Vacancies")}
# A phased case's extra columns and file (issue 12).
PHASE_COLUMN = {"da": "Etape", "en": "phase"}
UNTIL_COLUMN = {"da": "Ledig til", "en": "available_until"}
PHASE_HEADERS = {
    "da": "Etape;Byggestart;Klar til tilbageflytning;Navn",
    "en": "phase,construction_start,ready,name",
}
PHASE_SHEET = {"da": "Etaper", "en": "Phases"}
PHASE_MONTHS = 4  # between two phases' construction starts
STAY_MONTHS = (4, 12)  # a phase is ready again this many months after its construction start
RENOVATED_SHARE = 0.3  # of an early phase's permanent households' dwellings, offered to later phases
UNTIL_SHARE = 0.08  # of the ordinary vacancies, to be given back by a date
STATED_MOVE_BY_SHARE = 0.1  # households with their own, earlier move-by date
WORDS: dict[str, dict[Any, str]] = {
    "da": {True: "ja", False: "nej", Kind.PERMANENT: "permanent", Kind.TEMPORARY: "midlertidig",
           Use.PERMANENT: "permanent", Use.TEMPORARY: "midlertidig", Use.ANY: "begge"},
    "en": {True: "yes", False: "no", Kind.PERMANENT: "permanent", Kind.TEMPORARY: "temporary",
           Use.PERMANENT: "permanent", Use.TEMPORARY: "temporary", Use.ANY: "any"},
}

MEMBERS_P = (0.68, 0.13, 0.08, 0.06, 0.035, 0.015)  # 1..6 persons: mean 1.69, 68 % singles
VACANCY_ROOMS_P = (0.10, 0.36, 0.36, 0.13, 0.05)  # 1..5 rooms: mean 2.67; no 6-room dwellings
AREA_BY_ROOMS = (0, 42, 64, 82, 100, 118, 134)  # m2; with the room mix above about 76 m2 on average
RENT_PER_M2_YEAR = 900.0
OVERLAP_DAYS = 14  # the household holds both dwellings this long (seed 001), so availability is set around it
NOTE_COLUMN = "Bemærkning"


@dataclass(frozen=True, slots=True)
class _Department:
    name: str
    municipality: str
    renovated: bool
    street: str
    weight: float  # relative size: share of the case's households, or of the vacancies
    popularity: float  # how often households wish it; heavy-tailed so that a few departments are contested
    rent_rate: float  # kr per m2 a year
    top_floor: int
    elevator: bool


def generate_instance(n_households: int, n_vacancies: int, *, seed: int = 0,
                      municipalities: int | None = None, departments: int | None = None,
                      start: dt.date = dt.date(2027, 3, 1), notes: bool = False, phases: int = 0) -> Instance:
    """Draw a rehousing case: households of the renovated departments, vacancies in the other departments.

    Parameters
    ----------
    n_households, n_vacancies
        Rows to draw (0 or more).
    seed
        Seed of ``numpy.random.default_rng``; the same arguments always give the same instance.
    municipalities
        How many of ``MUNICIPALITIES``, in order; default 3, one more per 1,500 households.
    departments
        All departments, renovated ones included; at least twice ``municipalities`` so that each municipality
        has a renovated one and one with vacancies. Default 12 for 250 households, 40 at most.
    start
        Move-by date of phase 1; phases follow every 4 months (2 phases below 100 households, else 3).
    notes
        Give about 12 % of households an unknown ``Bemærkning`` column. The draws are the same either way.
    phases
        0 (default): no phases file. N: a phased case of N phases from ``start``, ``PHASE_MONTHS`` apart (see
        the module docstring); the vacancies then include renovated dwellings of the early phases.

    Returns
    -------
    Instance
        Households ``H0001...`` and vacancies ``B0001...``, each sorted by department and address.
    """
    if n_households < 0 or n_vacancies < 0:
        raise ValueError("n_households and n_vacancies must be 0 or more")
    n_mun = min(len(MUNICIPALITIES), 3 + n_households // 1500) if municipalities is None else municipalities
    if not 1 <= n_mun <= len(MUNICIPALITIES):
        raise ValueError(f"municipalities must be between 1 and {len(MUNICIPALITIES)}")
    n_dep = departments if departments is not None else max(
        2 * n_mun, min(40, round(4 + 8 * math.sqrt(n_households / 250))))
    if n_dep < 2 * n_mun:
        raise ValueError("departments must be at least twice the number of municipalities")
    if phases < 0:
        raise ValueError("phases must be 0 or more")
    rng = np.random.default_rng(seed)
    org = _organisation(rng, n_households, n_mun, n_dep)
    if phases:
        deadlines = [_add_months(start, PHASE_MONTHS * k) for k in range(phases)]
    else:
        deadlines = [_add_months(start, 4 * k) for k in range(2 if n_households < 100 else 3)]
    households = _households(rng, org, deadlines, n_households, notes)
    vacancies = _vacancies(rng, org, deadlines, n_vacancies, households)
    if phases:
        return _phased(np.random.default_rng([seed, 12]), deadlines, households, vacancies)
    return Instance(households=households, vacancies=vacancies)


def _phased(rng: np.random.Generator, starts: list[dt.date], households: tuple[Household, ...],
            vacancies: tuple[Vacancy, ...]) -> Instance:
    """A phased case from the drawn one: phases, each household's phase and stay, renovated dwellings, Ledig til.

    The households' move-by dates were drawn as their phases' construction starts; a few get an earlier one of
    their own. Returned joined, as the reader would join the written files (``allocator.read.phase_join``).
    """
    phases = tuple(
        Phase(str(k + 1), day, _add_months(day, int(rng.integers(STAY_MONTHS[0], STAY_MONTHS[1] + 1))),
              f"Blok {k + 1}", row=k + 2)
        for k, day in enumerate(starts)
    )
    of_start = {p.construction_start: p for p in phases}
    stated = rng.random(len(households)) < STATED_MOVE_BY_SHARE
    earlier = rng.integers(7, 46, size=len(households))
    joined = []
    for h, own, days in zip(households, stated, earlier, strict=True):
        phase = of_start[h.move_by]
        joined.append(dataclasses.replace(
            h, phase=phase.phase_id, deadline_from_phase=not own,
            move_by=phase.construction_start - dt.timedelta(days=int(days)) if own else phase.construction_start,
            returns_on=phase.ready if h.kind is Kind.TEMPORARY else None))
    # Ordinary vacancies to be given back: after the ready date of a phase whose stays could use them.
    until = rng.random(len(vacancies)) < UNTIL_SHARE
    pick, extra_days = rng.integers(len(phases), size=len(vacancies)), rng.integers(0, 61, size=len(vacancies))
    kept = []
    for v, give_back, k, days in zip(vacancies, until, pick, extra_days, strict=True):
        ready = [p.ready for p in phases[int(k):] if p.ready is not None and p.ready >= (v.available_from or p.ready)]
        if give_back and ready:
            v = dataclasses.replace(v, available_until=ready[0] + dt.timedelta(days=int(days)))
        kept.append(v)
    # Renovated dwellings: some permanent households' homes of the early phases, free from their ready dates.
    renovated = []
    by_id = {p.phase_id: p for p in phases}
    for h in joined:
        phase = by_id[h.phase or ""]
        if h.kind is not Kind.PERMANENT or phase is phases[-1] or rng.random() >= RENOVATED_SHARE:
            continue
        rent = round((h.current_rent or 0.0) * float(rng.uniform(1.05, 1.2)), 2) or None
        renovated.append(dict(department=h.department, municipality=h.municipality, rooms=h.current_rooms,
                              area_m2=float(AREA_BY_ROOMS[min(h.current_rooms, 6)]), rent=rent,
                              floor=int(rng.integers(0, 4)), elevator=False, available_from=phase.ready,
                              use=Use.ANY, address=h.address))
    width = max(4, len(str(len(kept) + len(renovated))))
    more = tuple(Vacancy(dwelling_id=f"B{len(kept) + k + 1:0{width}d}", **row) for k, row in enumerate(renovated))
    return Instance(households=tuple(joined), vacancies=tuple(kept) + more, phases=phases)


def _organisation(rng: np.random.Generator, n_households: int, n_mun: int, n_dep: int) -> list[_Department]:
    # One renovated department per 400 households, but one in every municipality so that all have households.
    n_ren = min(max(n_mun, math.ceil(n_households / 400)), n_dep - n_mun)
    order, streets = rng.permutation(len(ESTATES)), rng.permutation(len(STREETS))
    mun_rate = RENT_PER_M2_YEAR * rng.uniform(0.95, 1.08, n_mun)
    deps = []
    for i in range(n_dep):
        generation = i // len(ESTATES)  # beyond the list: "Egegården II", "Egegården III", ...
        suffix = ("", " II", " III")[generation] if generation < 3 else f" {generation + 1}"
        name = ESTATES[order[i % len(ESTATES)]] + suffix
        mun = i % n_mun if i < n_ren else (i - n_ren) % n_mun
        top = int(rng.choice((0, 2, 3, 4, 6), p=(0.15, 0.25, 0.30, 0.15, 0.15)))  # row houses .. tower blocks
        elevator = bool(rng.random() < 0.7) and top >= 4  # elevators only in a share of taller buildings
        deps.append(_Department(name, MUNICIPALITIES[mun], i < n_ren, STREETS[streets[i % len(STREETS)]],
                                float(rng.uniform(0.5, 1.5)), float(rng.lognormal(0.0, 1.0)),
                                float(mun_rate[mun] * rng.uniform(0.9, 1.1)), top, elevator))
    return deps


def _households(rng: np.random.Generator, org: list[_Department], phases: list[dt.date], n: int,
                notes: bool) -> tuple[Household, ...]:
    renovated, others = [d for d in org if d.renovated], [d for d in org if not d.renovated]
    weights = np.array([d.weight for d in renovated])
    dep = rng.choice(len(renovated), size=n, p=weights / weights.sum())
    members = rng.choice(np.arange(1, 7), size=n, p=MEMBERS_P)
    old = rng.random(n) < np.select([members == 1, members == 2], [0.22, 0.35], 0.02)  # 20 % over 64
    single_rooms = rng.choice((1, 2, 3), size=n, p=(0.18, 0.47, 0.35))
    # Families have members..members+2 rooms, but few dwellings have more than 5: only some 6-person families
    # live in 6 rooms, and nothing in the stock fits them (the planted impossible cases).
    big_rooms = rng.choice((5, 6), size=n)
    rooms = np.where(members == 1, single_rooms, np.where(
        members == 6, big_rooms, np.minimum(members + rng.choice(3, size=n, p=(0.4, 0.45, 0.15)), 5)))
    permanent = rng.random(n) < 0.55
    # Exponential stays, longer for the elderly: mean 11 years, about 10 % over 25 years.
    years = np.minimum(rng.exponential(np.where(old, 16.0, 9.8)), 60.0)
    on_first = rng.random(n) < 0.8  # leases start on the 1st, which makes the ties real files have
    step_free = rng.random(n) < np.where(old, 0.6, 0.06)
    which = rng.choice(3, size=n, p=(0.45, 0.4, 0.15))  # ground floor, elevator, both
    phase = rng.choice(len(phases), size=n)
    area_noise, rent_noise = rng.uniform(0.88, 1.12, n), rng.uniform(0.95, 1.05, n)
    # About 15 % state a max rent; one in eight of those so low that little or nothing fits (hard cases).
    has_max, tight = rng.random(n) < 0.15, rng.random(n) < 0.12
    max_factor = np.where(tight, rng.uniform(0.55, 0.8, n), rng.uniform(1.05, 1.4, n))
    override = rng.random(n)
    n_wishes = rng.choice(4, size=n, p=(0.1, 0.2, 0.25, 0.45))
    first, last = rng.integers(len(FIRST_NAMES), size=n), rng.integers(len(SURNAMES), size=n)
    has_note, note = rng.random(n) < 0.12, rng.integers(len(NOTES), size=n)
    slots = _slots(rng, renovated, dep)
    rows = []
    for i in range(n):
        d, m, r = renovated[dep[i]], int(members[i]), int(rooms[i])
        # at least four months before the first construction start, so no generated seniority lies in the future
        senior = phases[0] - dt.timedelta(days=max(120, round(float(years[i]) * 365.25)))
        area, rent = _area_rent(d, r, area_noise[i], rent_noise[i])
        low, high = min(m + 1, r), max(m + 1, r)  # the law's size rule, for the agreed overrides
        rows.append((int(dep[i]), slots[i], dict(
            name=f"{FIRST_NAMES[first[i]]} {SURNAMES[last[i]]}", address=_address(d, slots[i]),
            department=d.name, municipality=d.municipality, members=m, current_rooms=r,
            kind=Kind.PERMANENT if permanent[i] else Kind.TEMPORARY,
            seniority_date=senior.replace(day=1) if on_first[i] else senior,
            wishes=_wishes(rng, d, others, int(n_wishes[i])),
            needs_ground_floor=bool(step_free[i] and which[i] != 1),
            needs_elevator=bool(step_free[i] and which[i] != 0),
            max_rent=round(rent * float(max_factor[i]), -2) if has_max[i] else None,
            min_rooms=max(1, low - 1) if override[i] < 0.02 else None,  # agreed smaller dwelling
            max_rooms=high + 1 if 0.02 <= override[i] < 0.04 else None,  # agreed larger dwelling
            move_by=phases[phase[i]], current_rent=rent,
            extra=((NOTE_COLUMN, NOTES[note[i]]),) if notes and has_note[i] else ())))
    return tuple(Household(household_id=key, **row) for key, row in _numbered("H", rows))


def _wishes(rng: np.random.Generator, home: _Department, others: list[_Department],
            k: int) -> tuple[str, ...]:
    """Up to ``k`` wished departments, mostly in the home municipality, drawn by popularity."""
    local = [d for d in others if d.municipality == home.municipality]
    chosen: list[_Department] = []
    for _ in range(k):
        pool = [d for d in (local if rng.random() < 0.9 else others) if d not in chosen]
        if not pool:
            break
        p = np.array([d.popularity for d in pool])
        chosen.append(pool[int(rng.choice(len(pool), p=p / p.sum()))])
    return tuple(d.name for d in chosen)


def _vacancies(rng: np.random.Generator, org: list[_Department], phases: list[dt.date], n: int,
               households: tuple[Household, ...]) -> tuple[Vacancy, ...]:
    others = [d for d in org if not d.renovated]
    # Vacancies follow the households between municipalities (plus one, so that none is left without any).
    # Within one, popular departments have little turnover: fewer vacancies where more households wish to go.
    demand = {m: 1 + sum(h.municipality == m for h in households) for m in {d.municipality for d in others}}
    turnover = [d.weight / math.sqrt(d.popularity) for d in others]
    size = {m: sum(t for t, d in zip(turnover, others, strict=True) if d.municipality == m) for m in demand}
    p = np.array([t / size[d.municipality] * demand[d.municipality]
                  for t, d in zip(turnover, others, strict=True)])
    dep = rng.choice(len(others), size=n, p=p / p.sum())
    rooms = rng.choice(np.arange(1, 6), size=n, p=VACANCY_ROOMS_P)
    area_noise, rent_noise = rng.uniform(0.88, 1.12, n), rng.uniform(0.95, 1.05, n)
    # Earlier phases get more: the organisation holds vacancies back from well before the first deadline, and
    # a later phase can also use what came free for an earlier one.
    weights = np.arange(len(phases) + 1, 1, -1)
    phase = rng.choice(len(phases), size=n, p=weights / weights.sum())
    # Free in the months before the phase's deadline; 8 % come free too late for it (the 14-day rule bites).
    late = rng.random(n) < 0.08
    offset = np.where(late, -rng.integers(1, 61, size=n), rng.integers(0, 151, size=n))
    use = rng.choice(3, size=n, p=(0.8, 0.12, 0.08))
    slots = _slots(rng, others, dep)
    rows = []
    for i in range(n):
        d, r = others[dep[i]], int(rooms[i])
        area, rent = _area_rent(d, r, area_noise[i], rent_noise[i])
        rows.append((int(dep[i]), slots[i], dict(
            department=d.name, municipality=d.municipality, rooms=r, area_m2=float(area), rent=rent,
            floor=slots[i][1], elevator=d.elevator, use=(Use.ANY, Use.PERMANENT, Use.TEMPORARY)[use[i]],
            available_from=phases[phase[i]] - dt.timedelta(days=OVERLAP_DAYS + int(offset[i])),
            address=_address(d, slots[i]))))
    return tuple(Vacancy(dwelling_id=key, **row) for key, row in _numbered("B", rows))


def _slots(rng: np.random.Generator, deps: list[_Department], dep: np.ndarray) -> list[tuple[int, int, int]]:
    """A distinct (house number, floor, side) per row: no two dwellings of a department share an address."""
    slots = [(0, 0, 0)] * len(dep)
    for k, d in enumerate(deps):
        rows = np.flatnonzero(dep == k)
        per_number = (d.top_floor + 1) * 3 if d.top_floor else 1  # row houses: one dwelling per number
        numbers = max(60, -(-2 * len(rows) // per_number))
        for i, s in zip(rows, rng.choice(numbers * per_number, size=len(rows), replace=False), strict=True):
            number, rest = divmod(int(s), per_number)
            slots[i] = (number + 1, rest // 3, rest % 3)
    return slots


def _numbered(prefix: str, rows: list[tuple[int, tuple[int, int, int], dict[str, Any]]],
              ) -> list[tuple[str, dict[str, Any]]]:
    """Ids in file order: a real file is sorted by department and address, ``H0001``, ``H0002``, ..."""
    width = max(4, len(str(len(rows))))
    ordered = sorted(rows, key=lambda row: row[:2])
    return [(f"{prefix}{k + 1:0{width}d}", row[2]) for k, row in enumerate(ordered)]


def _area_rent(d: _Department, rooms: int, area_noise: float, rent_noise: float) -> tuple[int, float]:
    area = round(AREA_BY_ROOMS[rooms] * area_noise)
    return area, round(float(area * d.rent_rate / 12 * rent_noise), 2)


def _address(d: _Department, slot: tuple[int, int, int]) -> str:
    number, floor, side = slot
    if d.top_floor == 0:
        return f"{d.street} {number}"
    return f"{d.street} {number}, {'st.' if floor == 0 else f'{floor}.'} {('tv.', 'th.', 'mf.')[side]}"


def _add_months(day: dt.date, months: int) -> dt.date:
    year, month = day.year + (day.month - 1 + months) // 12, (day.month - 1 + months) % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def write_inputs(instance: Instance, folder: str | Path, *, fmt: str = "csv",
                 lang: str = "da") -> tuple[Path, ...]:
    """Write ``households.<fmt>`` and ``vacancies.<fmt>`` (and ``phases.<fmt>`` for a phased case) as a
    coordinator's spreadsheets would look.

    Parameters
    ----------
    instance
        The case; unknown columns (``extra``) follow the known ones, in order of first appearance.
    folder
        Created if missing; existing files are overwritten.
    fmt
        ``csv`` (Danish: as Danish Excel writes it, ``;``, BOM, ``01-03-2027``, decimal comma; English: ``,``,
        ISO dates, decimal point) or ``xlsx`` (real dates and numbers, sheets named in ``SHEETS``).
    lang
        ``da`` or ``en``: headers and words (``ja``/``nej``, ``midlertidig``, ``begge``).

    Returns
    -------
    tuple of Path
        The households file, the vacancies file and, for a phased case, the phases file. A phased case's
        households get an ``Etape`` column and a move-by date only where it is their own (not their phase's
        construction start); its vacancies a ``Ledig til`` column.
    """
    if fmt not in ("csv", "xlsx") or lang not in ("da", "en"):
        raise ValueError("fmt must be csv or xlsx and lang da or en")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    n_wish = max([3, *(len(h.wishes) for h in instance.households)])
    wish_headers = [f"Ønske {k}" if lang == "da" else f"pref_{k}" for k in range(4, n_wish + 1)]
    extras = list(dict.fromkeys(key for h in instance.households for key, _ in h.extra))
    known = HOUSEHOLD_HEADERS[lang].split(DELIMITER[lang])
    phased = instance.phased
    h_header = known[:12] + wish_headers + known[12:] + [PHASE_COLUMN[lang]] * phased + extras
    h_rows = []
    for h in instance.households:
        wishes = list(h.wishes) + [None] * (n_wish - len(h.wishes))
        extra = dict(h.extra)
        # A need is marked only where it applies, as coordinators do; an empty cell means no.
        h_rows.append([h.household_id, h.name, h.address, h.department, h.municipality, h.members,
                       h.current_rooms, h.kind, h.seniority_date, *wishes, h.needs_ground_floor or None,
                       h.needs_elevator or None, h.max_rent, h.min_rooms, h.max_rooms,
                       None if h.deadline_from_phase else h.move_by, h.current_rent, *[h.phase] * phased,
                       *(extra.get(key) for key in extras)])
    v_extras = list(dict.fromkeys(key for v in instance.vacancies for key, _ in v.extra))
    v_rows = [[v.dwelling_id, v.department, v.municipality, v.rooms, v.area_m2, v.rent, v.floor, v.elevator,
               v.available_from, v.use, v.address, *[v.available_until] * phased,
               *(dict(v.extra).get(key) for key in v_extras)]
              for v in instance.vacancies]
    paths = (folder / f"households.{fmt}", folder / f"vacancies.{fmt}")
    v_header = VACANCY_HEADERS[lang].split(DELIMITER[lang]) + [UNTIL_COLUMN[lang]] * phased + v_extras
    tables = ((h_header, h_rows), (v_header, v_rows))
    sheets = SHEETS[lang]
    if phased:
        paths += (folder / f"phases.{fmt}",)
        tables += ((PHASE_HEADERS[lang].split(DELIMITER[lang]),
                    [[p.phase_id, p.construction_start, p.ready, p.name] for p in instance.phases]),)
        sheets += (PHASE_SHEET[lang],)
    for path, (header, rows), sheet in zip(paths, tables, sheets, strict=True):
        if fmt == "csv":
            _write_csv(path, header, rows, lang)
        else:
            _write_xlsx(path, header, rows, lang, sheet)
    return paths


def _cell(value: Any, lang: str) -> str:
    """One CSV cell as a spreadsheet in ``lang`` shows it: unknown values are empty cells."""
    if value is None:
        return ""
    if isinstance(value, (bool, Kind, Use)):
        return WORDS[lang][value]
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y") if lang == "da" else value.isoformat()
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() else f"{value:.2f}"
        return text.replace(".", ",") if lang == "da" else text
    return str(value)


def _write_csv(path: Path, header: list[str], rows: list[list[Any]], lang: str) -> None:
    # Danish Excel's "CSV UTF-8": BOM, semicolons (the comma is the decimal mark) and CRLF line ends.
    with open(path, "w", encoding="utf-8-sig" if lang == "da" else "utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=DELIMITER[lang], lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows([_cell(v, lang) for v in row] for row in rows)


def _write_xlsx(path: Path, header: list[str], rows: list[list[Any]], lang: str, sheet: str) -> None:
    from openpyxl import Workbook  # imported here: only this writer needs it
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)  # streams rows: the 5,000-row case takes seconds instead of a minute
    ws = wb.create_sheet(sheet)
    ws.append(header)

    def cell(value: Any) -> Any:
        if isinstance(value, (bool, Kind, Use)):
            return WORDS[lang][value]
        if isinstance(value, dt.date):
            value = WriteOnlyCell(ws, value=value)
            value.number_format = "dd-mm-yyyy" if lang == "da" else "yyyy-mm-dd"
        return value

    for row in rows:
        ws.append([cell(v) for v in row])
    buffer = io.BytesIO()
    wb.save(buffer)
    # openpyxl stamps the save time into docProps/core.xml and the zip entries; fix both, for identical bytes.
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2000-01-01T00:00:00Z", data)
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0)), data,
                         compress_type=zipfile.ZIP_DEFLATED)


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: draw an instance and write its two input files."""
    parser = argparse.ArgumentParser(prog="python -m allocator.generate", description="Write a made-up case.")
    parser.add_argument("n_households", type=int)
    parser.add_argument("n_vacancies", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--municipalities", type=int)
    parser.add_argument("--departments", type=int)
    parser.add_argument("--start", type=dt.date.fromisoformat, default=dt.date(2027, 3, 1))
    parser.add_argument("--notes", action="store_true", help=f"add a {NOTE_COLUMN} column to some households")
    parser.add_argument("--fmt", choices=("csv", "xlsx"), default="csv")
    parser.add_argument("--lang", choices=("da", "en"), default="da")
    parser.add_argument("--phases", type=int, default=0,
                        help="a phased case of this many phases, with a phases file (default: none)")
    args = parser.parse_args(argv)
    instance = generate_instance(args.n_households, args.n_vacancies, seed=args.seed,
                                 municipalities=args.municipalities, departments=args.departments,
                                 start=args.start, notes=args.notes, phases=args.phases)
    for path in write_inputs(instance, args.folder, fmt=args.fmt, lang=args.lang):
        print(path)


if __name__ == "__main__":
    main()
