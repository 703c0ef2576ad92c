"""Budget: what the allocation costs the building project, from ``allocator.budget``.

Four native tables, top to bottom:

1. the assumptions: every ``BudgetSettings`` value (and ``overlap_days``) with its meaning, how each item is
   computed, and what could not be counted because a column is missing or empty (or was taken from a setting);
2. the project's costs per item (moving, handyman, temporary rent difference, empty-rent loss, carpets, total),
   in total and per kind, with how many housed households an item could not be counted for;
3. what households pay or receive themselves (deposit differences, rent paid back), not the project;
4. one line per household: id, name, department, kind, dwelling, number of moves, each item, the project total and
   what was not counted.

Amounts are numbers with ``#,##0``; an item not counted is an empty cell, never a 0, so that a sum or pivot table
counts only what is known and the "not counted" column says what is missing.
"""

from __future__ import annotations

from allocator import budget
from allocator.read.columns import HOUSEHOLD_FIELDS, VACANCY_FIELDS
from allocator.write.xlsx_book import Sheet
from allocator.write.xlsx_context import Context
from allocator.write.xlsx_style import FILTER_BUTTON, Formatted, note_lines, print_setup, title
from allocator.write.xlsx_table import SheetWriter
from allocator.write.xlsx_words import BUDGET_LABELS, BUDGET_WORDS, PHASE_WORDS, TABLES, counted

SETTINGS = (
    "allowance_small",
    "allowance_three",
    "allowance_large",
    "moving_method",
    "removal_firm_price",
    "handyman_hours",
    "handyman_rate",
    "stay_months",
    "move_in",
    "overlap_days",
    "cost_tie_break",
)
RULES = ("moving", "handyman", "rent_difference", "empty_rent", "carpet", "deposit")
LINE_ITEMS = (*budget.PROJECT_ITEMS, "project_total", *budget.HOUSEHOLD_ITEMS)
NOTE_WIDTH = 110


def write(sheet: Sheet, ctx: Context) -> None:
    result = ctx.result
    scheduled = ctx.schedule.empty_days_by_household() if ctx.schedule is not None else None
    lines = budget.result_cost_lines(result, scheduled_empty_days=scheduled)
    inputs = budget.present_inputs(ctx.households, ctx.vacancies)
    uncounted = budget.uncounted_items(inputs, result.settings)
    b = BUDGET_WORDS[ctx.lang]
    tables = TABLES[ctx.lang]
    writer = SheetWriter(sheet, ctx.lang)

    # The meaning is the last column of the assumptions and the widest text of the sheet: written unwrapped, it
    # runs on over the empty cells to its right instead of widening the column the tables below share.
    row = 1
    title(sheet, row, 1, b["assumptions_title"])
    intro = SheetWriter(sheet, ctx.lang)
    placed = intro.table(
        tables["budget_assumptions"],
        [ctx.h["section"], ctx.h["budget_setting"], ctx.h["value"], ctx.h["budget_meaning"]],
        ["text", "text", "amount", "text"],
        _assumptions(ctx, lines, inputs, uncounted),
        top=row + 1,
        freeze=True,  # as on every sheet: the first table's header stays in view
    )
    for column in range(placed.first_column, placed.last_column):
        writer.at_least(column, intro.widths.get(column, 0))
    writer.at_least(placed.last_column, len(ctx.h["budget_meaning"]) + FILTER_BUTTON)

    row = placed.last_row + 3
    title(sheet, row, 1, b["items_title"])
    row += 1 + note_lines(sheet, row + 1, b["items_note"], NOTE_WIDTH)
    totals = budget.totals(lines)
    headers = [
        ctx.h["budget_item"],
        ctx.h["total"],
        ctx.h["permanent"],
        ctx.h["temporary"],
        ctx.h["budget_not_counted_households"],
    ]
    formats = ["text", "amount", "amount", "amount", "int"]
    placed = writer.table(
        tables["budget_items"],
        headers,
        formats,
        [_total_row(b, totals[name]) for name in budget.PROJECT_ITEMS]
        + [_project_total_row(b, totals["project_total"], lines, uncounted)],
        top=row,
    )

    row = placed.last_row + 3
    title(sheet, row, 1, b["households_pay_title"])
    placed = writer.table(
        tables["budget_households_pay"],
        headers,
        formats,
        [_total_row(b, totals[name]) for name in budget.HOUSEHOLD_ITEMS],
        top=row + 1,
    )

    row = placed.last_row + 3
    title(sheet, row, 1, b["lines_title"])
    lines_header = row + 1  # repeated on every printed page: the long table is the one that runs over pages
    writer.table(
        tables["budget_lines"],
        [
            ctx.h["household_id"],
            ctx.h["name"],
            ctx.h["department"],
            ctx.h["kind"],
            ctx.h["dwelling_id"],
            ctx.h["budget_moves"],
            *(b[name] for name in LINE_ITEMS),
            ctx.h["budget_not_counted"],
        ],
        ["text", "text", "text", "text", "text", "int", *["amount"] * len(LINE_ITEMS), "long"],
        [_line_row(ctx, line, uncounted) for line in lines],
        top=row + 1,
        empty_text=ctx.w["none"],
    )
    writer.finish()
    # Fifteen columns on one page would print at a third of their size: two pages wide, as Tilbud, with the
    # household's id and name repeated on the right half.
    print_setup(sheet, title_rows=f"{lines_header}:{lines_header}", pages_wide=2, title_columns="A:B")


def _assumptions(
    ctx: Context,
    lines: tuple[budget.CostLine, ...],
    inputs: frozenset[str],
    uncounted: dict[str, tuple[str, ...]],
) -> list[list]:
    b = BUDGET_WORDS[ctx.lang]
    settings = ctx.result.settings
    values = {**settings.budget.as_dict(), "overlap_days": settings.overlap_days}
    labels = BUDGET_LABELS[ctx.lang]
    rows: list[list] = []
    for name in SETTINGS:
        rows.append([b["section_setting"], labels[name], _setting_value(ctx, name, values[name]), b[name]])
    for name in RULES:
        rows.append(
            [
                b["section_rule"],
                b["deposit_difference" if name == "deposit" else name],
                None,
                _rule_text(ctx, name),
            ]
        )
    for item, absent in uncounted.items():
        if item == "rent_refund":  # the same inputs as the rent difference, said once
            continue
        columns = " / ".join(_input_word(ctx.lang, name) for name in absent)
        rows.append(
            [b["section_not_counted"], b[item], None, b["not_counted_column"].format(columns=columns)]
        )
    for name, setting in budget.defaulted_inputs(inputs).items():
        label = labels.get(setting, setting)
        text = b["default_column"].format(column=_input_word(ctx.lang, name), setting=label)
        rows.append([b["section_default"], label, _setting_value(ctx, setting, values[setting]), text])
    unhoused = sum(1 for line in lines if not line.housed)
    if unhoused:
        rows.append(
            [b["section_not_counted"], b["not_housed"], unhoused, counted(b, "not_housed_meaning", unhoused)]
        )
    incomplete = sum(1 for line in lines if line.housed and set(line.missing) - set(uncounted))
    if incomplete:
        rows.append(
            [
                b["section_not_counted"],
                b["some_missing"],
                incomplete,
                counted(b, "some_missing_meaning", incomplete),
            ]
        )
    return rows


def _setting_value(ctx: Context, name: str, value: object) -> object:
    """The value as the sheet shows it; amounts with a fraction (hours, months) keep one decimal instead of
    being rounded by ``#,##0``."""
    b = BUDGET_WORDS[ctx.lang]
    if isinstance(value, float) and not value.is_integer():
        return Formatted(value, "decimal")
    if isinstance(value, bool):
        return ctx.yes_no(value)
    if name == "moving_method":
        return b[str(value)]
    if name == "move_in":
        return b[str(value)].format(days=ctx.result.settings.overlap_days)
    return value


def _input_word(lang: str, name: str) -> str:
    """An input in words: its header as the user writes it (Danish or English) and which file it is in."""
    b = BUDGET_WORDS[lang]
    if name == "vacancy":
        return b["vacancy"]
    source, _, attribute = name.partition(".")
    fields = HOUSEHOLD_FIELDS if source == "household" else VACANCY_FIELDS
    field = next(f for f in fields if f.name == attribute)
    header = field.label if lang == "da" else field.name
    return f"'{header}' ({b[f'{source}_file']})"


def _total_row(b: dict[str, str], total: budget.ItemTotal) -> list:
    return [b[total.item], total.total, total.permanent, total.temporary, total.not_counted]


def _project_total_row(
    b: dict[str, str],
    total: budget.ItemTotal,
    lines: tuple[budget.CostLine, ...],
    uncounted: dict[str, tuple[str, ...]],
) -> list:
    """The total's "not counted": the households that miss an item the others have. An item no household can
    have (a whole column missing) has its own row and its line in the assumptions; counting it here again would
    say every household is incomplete."""
    partly = [item for item in budget.PROJECT_ITEMS if item not in uncounted]
    missing = sum(1 for line in lines if line.housed and any(item in line.missing for item in partly))
    return [*_total_row(b, total)[:-1], missing]


def _line_row(ctx: Context, line: budget.CostLine, uncounted: dict[str, tuple[str, ...]]) -> list:
    b = BUDGET_WORDS[ctx.lang]
    h = ctx.household_by_id[line.household_id]
    head = [h.household_id, h.name, h.department, ctx.kind(h), line.dwelling_id]
    if not line.housed:
        return [*head, None, *[None] * len(LINE_ITEMS), b["line_not_housed"]]
    amounts = [line.project_total if name == "project_total" else line.item(name) for name in LINE_ITEMS]
    return [*head, line.moves, *amounts, _not_counted(ctx.lang, line, uncounted)]


def _not_counted(lang: str, line: budget.CostLine, uncounted: dict[str, tuple[str, ...]]) -> str | None:
    """The items not counted; the missing inputs too, unless a whole column is missing (said above, once)."""
    b = BUDGET_WORDS[lang]
    parts = []
    for item, lacking in line.lacking:
        if item == "rent_refund" and "rent_difference" in line.missing:  # the same inputs, said once
            continue
        if item in uncounted:
            parts.append(b[item])
        else:
            inputs = ", ".join(_input_word(lang, name) for name in lacking)
            parts.append(b["lacking"].format(item=b[item], inputs=inputs))
    return "; ".join(parts) or None


def _rule_text(ctx: Context, name: str) -> str:
    """How an item is computed; a phased case counts the empty rent over each dwelling's timeline."""
    if name == "empty_rent" and ctx.result.instance.phased:
        return PHASE_WORDS[ctx.lang]["rule_empty_rent"]
    return BUDGET_WORDS[ctx.lang][f"rule_{name}"]
