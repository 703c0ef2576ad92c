"""The hard eligibility rules, one module each, named for the housing policy it enforces.

Each module has ``NAME``, ``TITLE`` (per language), ``suitable(households, vacancies, settings)`` returning the
``(n_households, n_vacancies)`` boolean matrix of pairs the rule allows, and ``requirement(household, settings,
lang)`` saying in words what the household needs, for explanations. The order below is the order explanations
narrow the vacancies down in: place first, then what the dwelling is for, then its size and qualities, then time.
"""

from __future__ import annotations

from types import ModuleType

from allocator.rules import (
    dwelling_use,
    in_time,
    maximum_rent,
    same_municipality,
    step_free_access,
    suitable_size,
    wished_department,
)

# Hard constraints
HARD_RULES: tuple[ModuleType, ...] = (
    same_municipality,
    dwelling_use,
    suitable_size,
    step_free_access,
    maximum_rent,
    in_time,
    wished_department,
)

__all__ = ["HARD_RULES"]
