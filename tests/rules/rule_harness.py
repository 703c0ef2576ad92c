"""Evaluate one rule on one household and one dwelling."""

from allocator.domain import Settings
from allocator.engine.tables import build_tables


def allows(rule, household, vacancy, settings: Settings | None = None) -> bool:
    tables = build_tables((household,), (vacancy,))
    return bool(rule.suitable(tables.households, tables.vacancies, settings or Settings())[0, 0])
