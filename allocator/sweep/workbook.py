"""The sweep's summary workbook, in Danish (default) or English, written atomically and byte for byte the same
for the same rows, whatever engine ran them.

Sheets, in order:

1. Overblik / Summary: one row per grid point: its values, runs, failed runs, the share of runs in which
   everyone is housed, and the minimum, quartiles and maximum over the draws of the headline figures;
2. Parametre / Parameters (when the sweep has a grid): per parameter, the same for each of its values across
   every other parameter's values, with a native chart (share of runs with everyone housed, and the median of
   housed households);
3. Kørsler / Runs: every run's row, as in ``runs.parquet``;
4. Om kørslen / About the sweep: the sweep file, its base scenario, draws, seed and grid.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from allocator.sweep import summary
from allocator.sweep.rows import FIGURES, parameter_value
from allocator.sweep.words import SHEETS, TABLES, WORDS
from allocator.write.atomic import atomic_path
from allocator.write.sheet_compare_words import figure_label
from allocator.write.xlsx_book import Book, Sheet
from allocator.write.xlsx_style import note_lines, print_setup, title
from allocator.write.xlsx_table import SheetWriter

SERIES_COLOURS = ("1F4E79", "C55A11")


def write_summary(path: str | Path, prepared, rows: Sequence[dict[str, Any]], *, lang: str = "da") -> None:
    """Write the summary of ``rows`` (every run's row, sorted by run key) for the sweep ``prepared``."""
    names = SHEETS[lang]
    with atomic_path(path) as tmp:
        book = Book(tmp)
        try:
            _points(book.sheet(names["points"]), prepared, rows, lang)
            if prepared.sweep.grid:
                _parameters(book.sheet(names["parameters"]), prepared, rows, lang)
            _runs(book.sheet(names["runs"]), prepared, rows, lang)
            _about(book.sheet(names["sweep"]), prepared, rows, lang)
        finally:
            book.close()


def _stat_headers(lang: str) -> tuple[list[str], list[str]]:
    w = WORDS[lang]
    headers, formats = [], []
    for key in summary.HEADLINE:
        label = figure_label(key, None, lang)
        for stat in w["stats"]:
            headers.append(f"{label[:1].upper()}{label[1:]}, {stat}")
            formats.append("amount" if key.startswith("budget_") else "decimal")
    return headers, formats


def _group_cells(group: summary.Group) -> list[Any]:
    cells: list[Any] = [group.runs, group.failed, group.all_housed]
    for key in summary.HEADLINE:
        found = group.spreads[key]
        cells += list(found.values()) if found is not None else [None] * 5
    return cells


def _parameter_format(kind: str) -> str:
    return "text" if kind in ("text", "bool") else "auto"


def _points(sheet: Sheet, prepared, rows, lang: str) -> None:
    w = WORDS[lang]
    grid = prepared.sweep.grid
    kinds = {c.name: c.kind for c in prepared.columns}
    stat_headers, stat_formats = _stat_headers(lang)
    groups = summary.by_point([k.name for k in grid], rows)
    table_rows = [[n, *group.values, *_group_cells(group)] for n, group in enumerate(groups, start=1)]
    headers = [w["point"], *(k.name for k in grid), w["runs"], w["failed"], w["all_housed"], *stat_headers]
    formats = [
        "int",
        *(_parameter_format(kinds[k.name]) for k in grid),
        "int",
        "int",
        "percent",
        *stat_formats,
    ]
    used = note_lines(sheet, 1, w["points_note"], 110)
    writer = SheetWriter(sheet, lang)
    writer.table(TABLES[lang]["points"], headers, formats, table_rows, top=used + 2, freeze=True)
    writer.finish()
    print_setup(sheet, title_rows=f"{used + 2}:{used + 2}")


def _parameters(sheet: Sheet, prepared, rows, lang: str) -> None:
    w = WORDS[lang]
    kinds = {c.name: c.kind for c in prepared.columns}
    stat_headers, stat_formats = _stat_headers(lang)
    writer = SheetWriter(sheet, lang)
    top = 1
    charts = []
    for n, key in enumerate(prepared.sweep.grid, start=1):
        title(sheet, top, 1, w["parameter_title"].format(name=key.name))
        order = [parameter_value(key, v) for v in key.values]
        groups = summary.by_value(key.name, order, rows)
        table_rows = [[group.values[0], *_group_cells(group)] for group in groups]
        placed = writer.table(
            TABLES[lang]["parameter"].format(n=n),
            [w["value"], w["runs"], w["failed"], w["all_housed"], *stat_headers],
            [
                _parameter_format(kinds[key.name]) if kinds[key.name] != "bool" else "text",
                "int",
                "int",
                "percent",
                *stat_formats,
            ],
            table_rows,
            top=top + 1,
        )
        charts.append((key.name, placed))
        top = max(placed.last_row, placed.header_row + 18) + 3  # room for the chart beside the table
    writer.finish()
    for name, placed in charts:
        _chart(sheet, name, placed, lang)
    print_setup(sheet, title_rows=None)


def _chart(sheet: Sheet, name: str, placed, lang: str) -> None:
    """Share of runs with everyone housed (columns, left axis) and median housed (line, right axis) per value."""
    w = WORDS[lang]
    first, last = placed.first_row - 1, placed.last_row - 1  # 0-based
    share_column = 3  # value, runs, failed, share (0-based)
    median_column = 4 + 2  # housed: min, q1, median
    columns = sheet.book.xlsx.add_chart({"type": "column"})
    columns.add_series(
        {
            "name": w["chart_share"],
            "categories": [sheet.name, first, 0, last, 0],
            "values": [sheet.name, first, share_column, last, share_column],
            "fill": {"color": f"#{SERIES_COLOURS[0]}"},
            "border": {"none": True},
        }
    )
    line = sheet.book.xlsx.add_chart({"type": "line"})
    line.add_series(
        {
            "name": w["chart_median"],
            "categories": [sheet.name, first, 0, last, 0],
            "values": [sheet.name, first, median_column, last, median_column],
            "line": {"color": f"#{SERIES_COLOURS[1]}", "width": 2.25},
            "marker": {
                "type": "circle",
                "size": 6,
                "fill": {"color": f"#{SERIES_COLOURS[1]}"},
                "border": {"color": f"#{SERIES_COLOURS[1]}"},
            },
            "y2_axis": True,
        }
    )
    columns.combine(line)
    columns.set_title({"name": w["chart_title"].format(name=name), "name_font": {"size": 12}})
    columns.set_x_axis({"name": name})
    columns.set_y_axis(
        {"name": w["chart_y"], "min": 0, "max": 1, "num_format": "0%", "major_gridlines": {"visible": True}}
    )
    line.set_y2_axis({"name": w["chart_y2"]})
    columns.set_legend({"position": "bottom"})
    cm = 96 / 2.54
    columns.set_size({"width": round(16 * cm), "height": round(8.5 * cm)})
    sheet.ws.insert_chart(placed.header_row - 1, placed.last_column + 1, columns)


def _runs(sheet: Sheet, prepared, rows, lang: str) -> None:
    w = WORDS[lang]
    figure_names = {c.name for c in FIGURES}
    headers, formats = [], []
    for column in prepared.columns:
        if column.name in figure_names:
            label = (
                w["all_housed_flag"] if column.name == "all_housed" else figure_label(column.name, None, lang)
            )
            headers.append(label[:1].upper() + label[1:])
        else:
            headers.append(w.get(column.name, column.name))
        formats.append({"int": "int", "float": "auto", "bool": "text", "text": "text"}[column.kind])
        if column.name.startswith("budget_"):
            formats[-1] = "amount"
        elif column.name in ("leave_out_seed", "tie_break_seed"):
            formats[-1] = "auto"
    table_rows = [[row.get(c.name) for c in prepared.columns] for row in rows]
    writer = SheetWriter(sheet, lang)
    writer.table(TABLES[lang]["runs"], headers, formats, table_rows, freeze=True)
    writer.finish()
    print_setup(sheet, title_rows="1:1", pages_wide=3)


def _about(sheet: Sheet, prepared, rows, lang: str) -> None:
    w = WORDS[lang]
    sweep = prepared.sweep
    lines = [
        (w["name"], sweep.name),
        (w["description"], sweep.description),
        (w["sweep_file"], Path(sweep.path).name),
        (w["base"], Path(sweep.base.path).name),
        (w["draws"], sweep.draws if sweep.draws is not None else w["no_draws"]),
        (w["seed"], sweep.seed if sweep.draws is not None else None),
        (w["points_count"], len(sweep.points)),
        (w["runs_count"], len(rows)),
        (w["failed_count"], sum(1 for r in rows if not r["ok"])),
        *((w["grid"].format(name=key.name), ", ".join(_text(v) for v in key.values)) for key in sweep.grid),
    ]
    writer = SheetWriter(sheet, lang)
    writer.table(
        TABLES[lang]["sweep"],
        [w["key"], w["setting"]],
        ["text", "long"],
        [[k, _text(v) if v is not None else None] for k, v in lines],
        freeze=True,
    )
    writer.finish()
    print_setup(sheet, title_rows="1:1")


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)
