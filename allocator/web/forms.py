"""The settings form and the scenario form: fields, their defaults, and the ``Settings`` they make.

Every field is checked by the domain itself (``Settings.__post_init__``), so the page refuses exactly what the
command line refuses, with the domain's own message.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any

from allocator.domain import (
    MOVING_METHODS,
    SIZE_RULES,
    TEMPORARY_SIZE_RULES,
    WISH_MODES,
    BudgetSettings,
    DomainError,
    Settings,
)
from allocator.schedule.settings import ScheduleSettings
from allocator.web.jobs import Variant

CHOICES = {
    "size_rule": SIZE_RULES,
    "temporary_size_rule": TEMPORARY_SIZE_RULES,
    "wishes": WISH_MODES,
    "priority": ("strict", "weighted"),
}
INTEGERS = ("overlap_days", "max_offers", "turnaround_days")
BUDGET_INTEGERS = (
    "allowance_small",
    "allowance_three",
    "allowance_large",
    "removal_firm_price",
    "handyman_rate",
)
BUDGET_DECIMALS = ("handyman_hours", "stay_months")
MAX_VARIANTS = 5
SCHEDULE_INTEGERS = ("moves_per_day", "notice_days")
SCHEDULE_OPTIONAL = ("moves_per_week", "earliest_move_days")
"""The moving schedule's fields (``allocator.schedule.ScheduleSettings``) on the settings page; an empty
optional one is the setting's ``None``, and an empty ``schedule_from`` is the day of the run."""


def defaults() -> dict[str, Any]:
    """The form's values for the default settings."""
    s, b = Settings(), BudgetSettings()
    values: dict[str, Any] = {k: getattr(s, k) for k in (*CHOICES, *INTEGERS, "temporary_other_municipality")}
    values["max_offers_temporary"] = ""
    values.update(
        {f"budget_{k}": getattr(b, k) for k in (*BUDGET_INTEGERS, *BUDGET_DECIMALS, "moving_method")}
    )
    plan = ScheduleSettings()
    values.update({"schedule": False, "schedule_from": "", "closed_days": ""})
    values.update({f"schedule_{k}": getattr(plan, k) for k in SCHEDULE_INTEGERS})
    values.update({f"schedule_{k}": "" for k in SCHEDULE_OPTIONAL})
    return values


def schedule_from(values: Mapping[str, Any]) -> ScheduleSettings | None:
    """The schedule settings of saved form ``values`` (from :func:`settings_from`); ``None``: no schedule
    wanted. ``schedule_from`` is resolved to today where it is empty, as the command line does, so that the
    page can say which day the schedule was made from."""
    if not values.get("schedule"):
        return None
    return _schedule(values).resolved()


def _schedule(values: Mapping[str, Any]) -> ScheduleSettings:
    day = values.get("schedule_from") or None
    return ScheduleSettings(
        schedule_from=dt.date.fromisoformat(day) if day else None,
        closed_days=tuple(_closed(values.get("closed_days", ""))),
        **{k: values[f"schedule_{k}"] for k in SCHEDULE_INTEGERS},
        **{k: values[f"schedule_{k}"] or None for k in SCHEDULE_OPTIONAL},
    )


def _closed(text: str) -> list[str]:
    """``"2027-07-05..2027-07-30, 2027-12-23"``: the closed days, one date or range each, separated by commas,
    semicolons or new lines."""
    return [
        part.strip() for part in str(text).replace(";", ",").replace("\n", ",").split(",") if part.strip()
    ]


def _date(raw: Any, problems: list[str]) -> str:
    """A date field as ISO text (``""`` when empty); the browser's date field sends ISO, typed text may be
    Danish (``01-10-2026``, ``01.10.2026``)."""
    text = str(raw or "").strip()
    if not text:
        return ""
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    problems.append(f"schedule_from: {text}")
    return text


def settings_from(form: Mapping[str, Any], *, lang: str) -> tuple[Settings | None, dict[str, Any], list[str]]:
    """The settings a submitted form asks for, the form's values to show again, and the problems."""
    values = defaults()
    problems: list[str] = []
    for key in CHOICES:
        values[key] = str(form.get(key, values[key]))
    values["temporary_other_municipality"] = form.get("temporary_other_municipality") in ("on", "true", "1")
    for key in (*INTEGERS, *(f"budget_{k}" for k in BUDGET_INTEGERS)):
        values[key] = _number(form.get(key), values[key], int, key, problems)
    for key in (f"budget_{k}" for k in BUDGET_DECIMALS):
        values[key] = _number(form.get(key), values[key], float, key, problems)
    raw = str(form.get("max_offers_temporary", "")).strip()
    values["max_offers_temporary"] = _number(raw, "", int, "max_offers_temporary", problems) if raw else ""
    method = str(form.get("budget_moving_method", values["budget_moving_method"]))
    values["budget_moving_method"] = method if method in MOVING_METHODS else values["budget_moving_method"]
    values["schedule"] = form.get("schedule") in ("on", "true", "1", True)
    for key in (f"schedule_{k}" for k in SCHEDULE_INTEGERS):
        values[key] = _number(form.get(key), values[key], int, key, problems)
    for key in (f"schedule_{k}" for k in SCHEDULE_OPTIONAL):
        raw_optional = str(form.get(key, "") or "").strip()
        values[key] = _number(raw_optional, "", int, key, problems) if raw_optional else ""
    values["schedule_from"] = _date(form.get("schedule_from"), problems)
    values["closed_days"] = str(form.get("closed_days", "") or "").strip()[:2000]
    if problems:
        return None, values, problems
    try:
        # Checked even when no schedule is asked for now, so that a saved form can always make one.
        _schedule(values)
    except (DomainError, ValueError) as exc:
        return None, values, [str(exc)]
    try:
        budget = BudgetSettings(
            **{k: values[f"budget_{k}"] for k in (*BUDGET_INTEGERS, *BUDGET_DECIMALS)},
            moving_method=values["budget_moving_method"],
        )
        settings = Settings(
            **{k: values[k] for k in (*CHOICES, *INTEGERS, "temporary_other_municipality")},
            max_offers_temporary=values["max_offers_temporary"] or None,
            lang=lang,
            budget=budget,
        )
    except (DomainError, ValueError, TypeError) as exc:
        return None, values, [str(exc)]
    return settings, values, []


def variants_from(form: Mapping[str, Any], base: Settings) -> tuple[tuple[Variant, ...], list[str]]:
    """The chosen variants (``use_N`` ticked) on top of ``base``, and the problems."""
    variants, problems = [], []
    for n in range(1, MAX_VARIANTS + 1):
        if form.get(f"use_{n}") not in ("on", "true", "1"):
            continue
        changes: dict[str, Any] = {}
        for key, choices in CHOICES.items():
            value = str(form.get(f"{key}_{n}", ""))
            if value in choices:
                changes[key] = value
        other = str(form.get(f"temporary_other_municipality_{n}", ""))
        if other in ("true", "false"):
            changes["temporary_other_municipality"] = other == "true"
        share_text = str(form.get(f"leave_out_{n}", "0")).strip().replace(",", ".") or "0"
        try:
            share = float(share_text) / 100
        except ValueError:
            problems.append(f"{n}: {share_text}")
            continue
        if not 0 <= share < 1:
            problems.append(f"{n}: {share_text}")
            continue
        merged = {**_scenario_settings(base), **changes}
        label = str(form.get(f"label_{n}", "")).strip()[:80] or f"{n}"
        variants.append(Variant(name=f"scenarie-{n}", label=label, settings=merged, leave_out_share=share))
    return tuple(variants), problems


def _scenario_settings(base: Settings) -> dict[str, Any]:
    """The base settings a scenario file must repeat: those not at their defaults, the budget's as a table."""
    default = Settings()
    out: dict[str, Any] = {}
    for f in dataclasses.fields(Settings):
        value = getattr(base, f.name)
        if value == getattr(default, f.name) or value is None:
            continue
        if f.name == "budget":
            value = {
                b.name: getattr(value, b.name)
                for b in dataclasses.fields(BudgetSettings)
                if getattr(value, b.name) != getattr(default.budget, b.name)
            }
        out[f.name] = value
    return out


def _number(raw: Any, default: Any, kind: type, key: str, problems: list[str]) -> Any:
    if raw is None:
        return default
    text = str(raw).strip().replace(",", ".")
    try:
        value = kind(text) if kind is float else int(text)
    except ValueError:
        problems.append(f"{key}: {raw}")
        return raw
    return value
