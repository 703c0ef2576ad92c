"""Every word of the comparison workbook and the terminal table, in Danish (default) and English.

Header words the main workbook already has (``xlsx_words.HEADERS``) are used from there; table names are ASCII
identifiers, unique within the workbook.
"""

from __future__ import annotations

SHEETS = {
    "da": {"figures": "Sammenligning", "differences": "Forskelle", "seniority": "Anciennitetens pris",
           "scenarios": "Scenarier"},
    "en": {"figures": "Comparison", "differences": "Differences", "seniority": "Price of seniority",
           "scenarios": "Scenarios"},
}

TABLES = {
    "da": {"figures": "Sammenligning", "differences": "Forskelle", "seniority": "AnciennitetensPris",
           "seniority_households": "AnciennitetHusstande", "scenarios": "Scenarier"},
    "en": {"figures": "Comparison", "differences": "Differences", "seniority": "PriceOfSeniority",
           "seniority_households": "SeniorityHouseholds", "scenarios": "Scenarios"},
}

SECTIONS = {
    "da": {"households": "Husstande", "wishes": "Opfyldte ønsker", "priority": "Prioritet",
           "rent": "Husleje", "vacancies": "Boliger", "budget": "Budget (kr.)", "phases": "Etaper"},
    "en": {"households": "Households", "wishes": "Wishes met", "priority": "Priority", "rent": "Rent",
           "vacancies": "Vacancies", "budget": "Budget (kr)", "phases": "Phases"},
}

SECTION_OF = {
    "households": "households", "housed": "households", "housed_permanent": "households",
    "housed_temporary": "households", "wish_1": "wishes", "wish_2": "wishes", "wish_3": "wishes",
    "wish_other": "wishes", "wish_none": "wishes", "unhoused": "wishes", "priority_violations": "priority",
    "board_review_cases": "priority", "average_rent_change": "rent", "vacancies": "vacancies",
    "vacancies_used": "vacancies", "vacancies_used_department": "vacancies",
    "peak_dwellings_held": "phases", "empty_dwelling_days": "phases", "empty_dwelling_rent": "phases",
}  # fmt: skip
"""The section of each figure key; ``budget_*`` keys are in ``budget``."""

FIGURES = {
    "da": {
        "households": "Husstande",
        "housed": "Genhuset",
        "housed_permanent": "Genhuset permanent",
        "housed_temporary": "Genhuset midlertidig",
        "wish_1": "1. ønske",
        "wish_2": "2. ønske",
        "wish_3": "3. ønske eller senere",
        "wish_other": "anden afdeling",
        "wish_none": "intet ønske",
        "unhoused": "ikke anvist",
        "priority_violations": "Brud på prioritet (anciennitet)",
        "board_review_cases": "Sager til bestyrelsen",
        "average_rent_change": "Gns. huslejeændring (kr./md.)",
        "vacancies": "Ledige boliger",
        "vacancies_used": "Boliger anvist",
        "vacancies_used_department": "Anvist i {detail}",
        "budget_moving": "Flytning",
        "budget_handyman": "Håndværkertimer",
        "budget_rent_difference": "Huslejeforskel (midlertidige)",
        "budget_rent_refund": "Tilbagebetalt husleje (midlertidige, betales ikke af byggesagen)",
        "budget_empty_rent": "Tomgangsleje",
        "budget_carpet": "Gulvtæpper",
        "budget_total": "Byggesagens udgift i alt",
        "budget_deposit_difference": "Indskudsforskel (betales af husstandene, ikke byggesagen)",
        "peak_dwellings_held": "Boliger holdt på én gang (højst)",
        "empty_dwelling_days": "Tomme boligdage",
        "empty_dwelling_rent": "Tomgangsleje for tomme boligdage",
    },
    "en": {
        "households": "Households",
        "housed": "Housed",
        "housed_permanent": "Housed permanent",
        "housed_temporary": "Housed temporary",
        "wish_1": "1st wish",
        "wish_2": "2nd wish",
        "wish_3": "3rd wish or later",
        "wish_other": "other department",
        "wish_none": "no wish",
        "unhoused": "not housed",
        "priority_violations": "Priority violations (seniority)",
        "board_review_cases": "Board-review cases",
        "average_rent_change": "Average rent change (kr/month)",
        "vacancies": "Vacancies",
        "vacancies_used": "Vacancies used",
        "vacancies_used_department": "Used in {detail}",
        "budget_moving": "Moving",
        "budget_handyman": "Handyman hours",
        "budget_rent_difference": "Rent difference (temporary)",
        "budget_rent_refund": "Rent paid back (temporary, not paid by the project)",
        "budget_empty_rent": "Empty rent",
        "budget_carpet": "Carpets",
        "budget_total": "Project's cost in total",
        "budget_deposit_difference": "Deposit difference (paid by households, not the project)",
        "peak_dwellings_held": "Dwellings held at once (peak)",
        "empty_dwelling_days": "Empty dwelling-days",
        "empty_dwelling_rent": "Empty rent of the empty dwelling-days",
    },
}

SENIORITY = {
    "da": {
        "households": "Husstande sammenlignet",
        "housed_strict": "Genhuset (streng prioritet)",
        "housed_weighted": "Genhuset (vægtet prioritet)",
        "first_wish_strict": "1. ønske (streng prioritet)",
        "first_wish_weighted": "1. ønske (vægtet prioritet)",
        "worse_under_strict": "Dårligere ønske under streng prioritet",
        "better_under_strict": "Bedre ønske under streng prioritet",
        "weighted_priority_violations": "Brud på prioritet (vægtet)",
        "strict_priority_violations": "Brud på prioritet (streng)",
        "under_strict": "Under streng prioritet",
        "worse": "dårligere",
        "better": "bedre",
        "wish_strict": "Ønske (streng)",
        "wish_weighted": "Ønske (vægtet)",
        "pair": "{strict} mod {weighted}",
        "note": "Anciennitetens pris: streng prioritet (permanente før midlertidige, så anciennitet) mod vægtet "
        "prioritet (ønske, anciennitet og permanent som vægte i ét mål) på de samme input. 'Dårligere' er de "
        "husstande, der får et ringere ønske (eller ingen bolig) under streng prioritet end under vægtet; "
        "'bedre' dem, der får et bedre. Brud på prioritet er de tilfælde, hvor vægtet prioritet giver en bolig "
        "til en husstand med lavere prioritet, som en husstand med højere prioritet hellere ville have haft.",
    },
    "en": {
        "households": "Households compared",
        "housed_strict": "Housed (strict priority)",
        "housed_weighted": "Housed (weighted priority)",
        "first_wish_strict": "1st wish (strict priority)",
        "first_wish_weighted": "1st wish (weighted priority)",
        "worse_under_strict": "Worse wish under strict priority",
        "better_under_strict": "Better wish under strict priority",
        "weighted_priority_violations": "Priority violations (weighted)",
        "strict_priority_violations": "Priority violations (strict)",
        "under_strict": "Under strict priority",
        "worse": "worse",
        "better": "better",
        "wish_strict": "Wish (strict)",
        "wish_weighted": "Wish (weighted)",
        "pair": "{strict} vs {weighted}",
        "note": "The price of seniority: strict priority (permanent before temporary, then seniority) against "
        "weighted priority (wish, seniority and permanent as weights in one objective) on the same inputs. "
        "'Worse' are the households that get a worse wish (or no dwelling) under strict priority than under "
        "weighted; 'better' those that get a better one. Priority violations are the cases where weighted "
        "priority gives a dwelling to a household of lower priority that a household of higher priority would "
        "rather have had.",
    },
}

WORDS = {
    "da": {
        "section": "Afsnit",
        "figure": "Nøgletal",
        "scenario": "Scenarie",
        "description": "Beskrivelse",
        "file": "Scenariefil",
        "household_file": "Husstandsfil",
        "vacancy_files": "Boligfiler",
        "left_out_vacancies": "Udeladte boliger",
        "left_out_households": "Udeladte husstande",
        "overrides": "Ændrede husstande",
        "settings": "Indstillinger (andre end standard)",
        "defaults": "(standard)",
        "verdict": "Kontrol",
        "approved": "godkendt",
        "rejected": "AFVIST",
        "left_out": "udeladt",
        "wish_differs": "Ønske forskelligt",
        "dwelling": "{name}: Bolig-ID",
        "wish": "{name}: Ønske opfyldt",
        "no_differences": "Alle husstande får samme bolig i alle scenarier.",
        "chart_title": "Opfyldte ønsker pr. scenarie",
        "chart_y": "Husstande",
        "figures_note": "Tom celle: gælder ikke i scenariet (afdelingen har ingen ledige boliger der), eller ingen "
        "husstand har oplysningerne til budgetposten. Budgettet tæller genhusede husstande, for hver post dem, "
        "der har oplysningerne til den (se scenariets eget Budget-ark).",
        "differences_note": "Husstande, hvis bolig eller opfyldte ønske ikke er det samme i alle scenarier. "
        "'Ønske forskelligt' = nej: kun boligen er en anden, af samme ønske (fx en anden bolig i samme afdeling).",
    },
    "en": {
        "section": "Section",
        "figure": "Figure",
        "scenario": "Scenario",
        "description": "Description",
        "file": "Scenario file",
        "household_file": "Households file",
        "vacancy_files": "Vacancy files",
        "left_out_vacancies": "Vacancies left out",
        "left_out_households": "Households left out",
        "overrides": "Households changed",
        "settings": "Settings (other than default)",
        "defaults": "(defaults)",
        "verdict": "Check",
        "approved": "approved",
        "rejected": "REJECTED",
        "left_out": "left out",
        "wish_differs": "Wish differs",
        "dwelling": "{name}: Dwelling ID",
        "wish": "{name}: Wish met",
        "no_differences": "Every household gets the same dwelling in every scenario.",
        "chart_title": "Wishes met per scenario",
        "chart_y": "Households",
        "figures_note": "Empty cell: does not apply in the scenario (the department has no vacancy there), or no "
        "household has the inputs of the budget item. The budget counts housed households, for each item those "
        "that have its inputs (see the scenario's own Budget sheet).",
        "differences_note": "Households whose dwelling or wish met is not the same in every scenario. 'Wish "
        "differs' = no: only the dwelling differs, for the same wish (e.g. another dwelling in the same department).",
    },
}


def figure_label(key: str, detail: str | None, lang: str) -> str:
    """The figure's words; a budget item the words do not know yet (``allocator.budget`` grows) by its name."""
    return FIGURES[lang].get(key, key.removeprefix("budget_").replace("_", " ")).format(detail=detail)


def section_of(key: str) -> str:
    return "budget" if key.startswith("budget_") else SECTION_OF[key]


# --- The moving schedule (allocator/schedule/): its figures, when a scenario has [settings.schedule] ---

SECTIONS["da"].update(schedule="Flytteskema")
SECTIONS["en"].update(schedule="Moving schedule")
SECTION_OF.update(dict.fromkeys(
    ("schedule_weeks_over", "schedule_moves_over", "schedule_min_moves_per_day", "schedule_peak_day",
     "schedule_peak_week", "schedule_empty_days"), "schedule"))
FIGURES["da"].update(
    schedule_weeks_over="Uger over kapaciteten",
    schedule_moves_over="Flytninger over kapaciteten",
    schedule_min_moves_per_day="Mindste antal flytninger pr. dag, der passer",
    schedule_peak_day="Flytninger på den travleste dag",
    schedule_peak_week="Flytninger i den travleste uge",
    schedule_empty_days="Tomme boligdage i flytteskemaet",
)
FIGURES["en"].update(
    schedule_weeks_over="Weeks over capacity",
    schedule_moves_over="Moves over capacity",
    schedule_min_moves_per_day="Smallest moves per day that fits",
    schedule_peak_day="Moves on the busiest day",
    schedule_peak_week="Moves in the busiest week",
    schedule_empty_days="Empty dwelling-days in the schedule",
)
