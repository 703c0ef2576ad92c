"""Every word of the sweep's summary workbook, in Danish (default) and English.

The figures' own words (housed, 1st wish, budget items) are the comparison's (``sheet_compare_words.FIGURES``),
so that a sweep and a comparison say the same thing the same way. Table names are ASCII identifiers.
"""

from __future__ import annotations

SHEETS = {
    "da": {"points": "Overblik", "parameters": "Parametre", "runs": "Kørsler", "sweep": "Om kørslen"},
    "en": {"points": "Summary", "parameters": "Parameters", "runs": "Runs", "sweep": "About the sweep"},
}

TABLES = {
    "da": {"points": "Overblik", "parameter": "Parameter{n}", "runs": "Koersler", "sweep": "OmKoerslen"},
    "en": {"points": "Summary", "parameter": "Parameter{n}", "runs": "Runs", "sweep": "AboutTheSweep"},
}

WORDS = {
    "da": {
        "point": "Punkt",
        "draw": "Træk",
        "run": "Kørsel",
        "runs": "Kørsler",
        "failed": "Fejlede",
        "ok": "Gennemført",
        "error": "Fejl",
        "value": "Værdi",
        "all_housed": "Alle genhuset (andel af kørsler)",
        "all_housed_flag": "Alle genhuset",
        "leave_out_seed": "Frø: ledige boliger",
        "tie_break_seed": "Frø: lodtrækning",
        "stats": ("min.", "1. kvartil", "median", "3. kvartil", "maks."),
        "points_note": "Hver række er ét punkt i gitteret: fordelingen over trækkene af de vigtigste tal (mindste "
        "værdi, kvartiler, største værdi) og andelen af kørsler, hvor alle husstande blev genhuset. "
        "Kørsler, der fejlede, tæller ikke med i tallene (se arket Kørsler).",
        "parameter_title": "{name}: værdierne på tværs af de øvrige parametre",
        "chart_title": "{name}",
        "chart_share": "Alle genhuset (andel)",
        "chart_median": "Genhuset, median",
        "chart_y": "andel af kørsler",
        "chart_y2": "husstande",
        "key": "Nøgle",
        "setting": "Indhold",
        "name": "Navn",
        "description": "Beskrivelse",
        "sweep_file": "Kørselsfil",
        "base": "Grundscenarie",
        "draws": "Træk pr. punkt",
        "no_draws": "ingen (én kørsel pr. punkt med grundscenariets frø)",
        "seed": "Frø",
        "points_count": "Punkter i gitteret",
        "runs_count": "Kørsler i alt",
        "failed_count": "Kørsler, der fejlede",
        "grid": "Gitter: {name}",
    },
    "en": {
        "point": "Point",
        "draw": "Draw",
        "run": "Run",
        "runs": "Runs",
        "failed": "Failed",
        "ok": "Succeeded",
        "error": "Error",
        "value": "Value",
        "all_housed": "Everyone housed (share of runs)",
        "all_housed_flag": "Everyone housed",
        "leave_out_seed": "Seed: vacancies",
        "tie_break_seed": "Seed: tie-break",
        "stats": ("min", "1st quartile", "median", "3rd quartile", "max"),
        "points_note": "Each row is one point of the grid: the distribution over the draws of the headline "
        "figures (lowest value, quartiles, highest value) and the share of runs in which every "
        "household was housed. Failed runs are not in the figures (see the Runs sheet).",
        "parameter_title": "{name}: its values across the other parameters",
        "chart_title": "{name}",
        "chart_share": "Everyone housed (share)",
        "chart_median": "Housed, median",
        "chart_y": "share of runs",
        "chart_y2": "households",
        "key": "Key",
        "setting": "Value",
        "name": "Name",
        "description": "Description",
        "sweep_file": "Sweep file",
        "base": "Base scenario",
        "draws": "Draws per point",
        "no_draws": "none (one run per point with the base scenario's seeds)",
        "seed": "Seed",
        "points_count": "Grid points",
        "runs_count": "Runs in all",
        "failed_count": "Runs that failed",
        "grid": "Grid: {name}",
    },
}
