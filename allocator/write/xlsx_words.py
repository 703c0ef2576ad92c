"""Every word the workbook shows, in Danish (default) and English: sheet names, headers, values.

Headers are unique within a sheet and never empty, so each can head a native Excel table and a Word mail-merge
field. Table names are ASCII identifiers (valid in every Excel version) and unique within the workbook.
"""

from __future__ import annotations

from allocator.domain import Kind, Use

SHEETS = {
    "da": {
        "offers": "Tilbud",
        "unassigned": "Ikke anvist",
        "vacancies": "Boliger",
        "summary": "Overblik",
        "budget": "Budget",
        "explanations": "Begrundelser",
        "board": "Bestyrelse",
        "audit": "Kontrol",
    },
    "en": {
        "offers": "Offers",
        "unassigned": "Unassigned",
        "vacancies": "Vacancies",
        "summary": "Summary",
        "budget": "Budget",
        "explanations": "Explanations",
        "board": "Board review",
        "audit": "Audit",
    },
}

TABLES = {
    "da": {
        "offers": "Tilbud",
        "unassigned": "IkkeAnvist",
        "vacancies": "Boliger",
        "summary": "Overblik",
        "departments": "PrAfdeling",
        "municipalities": "PrKommune",
        "explanations": "Begrundelser",
        "board": "Bestyrelse",
        "audit": "Kontrol",
        "files": "Inputfiler",
        "budget_assumptions": "BudgetForudsaetninger",
        "budget_items": "BudgetPoster",
        "budget_households_pay": "BudgetHusstandeBetaler",
        "budget_lines": "BudgetHusstande",
    },
    "en": {
        "offers": "Offers",
        "unassigned": "Unassigned",
        "vacancies": "Vacancies",
        "summary": "Summary",
        "departments": "ByDepartment",
        "municipalities": "ByMunicipality",
        "explanations": "Explanations",
        "board": "BoardReview",
        "audit": "Audit",
        "files": "InputFiles",
        "budget_assumptions": "BudgetAssumptions",
        "budget_items": "BudgetItems",
        "budget_households_pay": "BudgetHouseholdsPay",
        "budget_lines": "BudgetHouseholds",
    },
}

_DA = {
    "household_id": "Husstand-ID",
    "name": "Navn",
    "address": "Adresse",
    "department": "Afdeling",
    "municipality": "Kommune",
    "kind": "Genhusningstype",
    "members": "Antal personer",
    "current_rooms": "Antal rum",
    "seniority_date": "Anciennitetsdato",
    "current_rent": "Husleje nu",
    "dwelling_id": "Bolig-ID",
    "new_address": "Ny adresse",
    "new_department": "Ny afdeling",
    "new_municipality": "Ny kommune",
    "rooms": "Rum",
    "area": "Areal m2",
    "rent": "Husleje",
    "new_rent": "Ny husleje",
    "floor": "Etage",
    "elevator": "Elevator",
    "available_from": "Ledig fra",
    "rent_change": "Huslejeændring",
    "wish": "Ønske opfyldt",
    "move_by": "Senest fraflytning",
    "response": "Svar",
    "reasons": "Begrundelse",
    "use": "Anvendelse",
    "given_to": "Anvist til",
    "first_wish": "1. ønske (afdeling)",
    "holder": "Givet til",
    "dwellings_there": "Boliger i 1. ønske",
    "to_higher_priority": "Til husstande forud",
    "not_suitable": "Ikke egnede",
    "other_reasons": "Andet",
    "figure": "Nøgletal",
    "total": "I alt",
    "permanent": "Permanent",
    "temporary": "Midlertidig",
    "share": "Andel",
    "households": "Husstande",
    "housed": "Genhuset",
    "housed_permanent": "Genhuset permanent",
    "housed_temporary": "Genhuset midlertidig",
    "share_first": "Andel 1. ønske",
    "small_id": "Lille husstand",
    "small_members": "Personer (lille)",
    "small_wish": "Ønske opfyldt (lille)",
    "small_seniority": "Anciennitet (lille)",
    "large_seniority": "Anciennitet (større)",
    "large_id": "Større husstand",
    "large_members": "Personer (større)",
    "large_wish": "Ønske opfyldt (større)",
    "large_wish_here": "Boligen ville være (større)",
    "section": "Afsnit",
    "item": "Punkt",
    "value": "Værdi",
    "file": "Fil",
    "rows": "Rækker",
    "sha256": "SHA-256",
}

_EN = {
    "household_id": "Household ID",
    "name": "Name",
    "address": "Address",
    "department": "Department",
    "municipality": "Municipality",
    "kind": "Kind",
    "members": "Members",
    "current_rooms": "Rooms",
    "seniority_date": "Seniority date",
    "current_rent": "Current rent",
    "dwelling_id": "Dwelling ID",
    "new_address": "New address",
    "new_department": "New department",
    "new_municipality": "New municipality",
    "rooms": "Rooms",
    "area": "Area m2",
    "rent": "Rent",
    "new_rent": "New rent",
    "floor": "Floor",
    "elevator": "Elevator",
    "available_from": "Available from",
    "rent_change": "Rent change",
    "wish": "Wish met",
    "move_by": "Move by",
    "response": "Response",
    "reasons": "Reasons",
    "use": "Use",
    "given_to": "Given to",
    "first_wish": "1st wish (department)",
    "holder": "Went to",
    "dwellings_there": "Dwellings in 1st wish",
    "to_higher_priority": "To households ahead",
    "not_suitable": "Not suitable",
    "other_reasons": "Other",
    "figure": "Figure",
    "total": "Total",
    "permanent": "Permanent",
    "temporary": "Temporary",
    "share": "Share",
    "households": "Households",
    "housed": "Housed",
    "housed_permanent": "Housed permanent",
    "housed_temporary": "Housed temporary",
    "share_first": "Share 1st wish",
    "small_id": "Small household",
    "small_members": "Members (small)",
    "small_wish": "Wish met (small)",
    "small_seniority": "Seniority (small)",
    "large_seniority": "Seniority (larger)",
    "large_id": "Larger household",
    "large_members": "Members (larger)",
    "large_wish": "Wish met (larger)",
    "large_wish_here": "This dwelling would be (larger)",
    "section": "Section",
    "item": "Item",
    "value": "Value",
    "file": "File",
    "rows": "Rows",
    "sha256": "SHA-256",
}

HEADERS = {"da": _DA, "en": _EN}

WORDS = {
    "da": {
        "yes": "ja",
        "no": "nej",
        "free": "fri",
        "accepted": "accepteret",
        "refused": "afslået",
        "other": "anden afdeling",
        "unhoused": "ikke anvist",
        "no_wish": "intet ønske",
        "none": "(ingen)",
        "response_title": "Svar",
        "response_error": "Vælg accepteret eller afslået.",
        "chart_title": "Opfyldte ønsker efter genhusningstype",
        "chart_y": "Husstande",
        "by_department": "Pr. afdeling (husstandens nuværende afdeling)",
        "by_municipality": "Pr. kommune",
        "verdict": "Kontrolresultat",
        "overall": "Samlet",
        "approved": "godkendt",
        "rejected": "AFVIST",
        "settings": "Indstillinger",
        "program": "Program",
        "version": "Version",
        "case_id": "Sags-id (skjult ark 'genhus')",
        "status": "Status",
        "cp_sat": "CP-SAT-status",
        "objective": "Målværdi",
        "bound": "Grænse",
        "exchanges": "Ombytninger",
        "types": "Boligtyper",
        "pairs": "Egnede par",
        "seconds": "Beregningstid (sekunder)",
        "run_at": "Skrevet (UTC)",
        "decisions": "Beslutninger",
        "fixed": "Fastlagte par (accepteret, udestående, fastlåst)",
        "forbidden": "Udelukkede par (afslået, må ikke få)",
        "board_rule": "Bestyrelsesregel",
        "warnings": "Advarsler",
        "files": "Inputfiler",
        "no_explanations": "Alle husstande med ønsker fik deres 1. ønske.",
    },
    "en": {
        "yes": "yes",
        "no": "no",
        "free": "free",
        "accepted": "accepted",
        "refused": "refused",
        "other": "other department",
        "unhoused": "not housed",
        "no_wish": "no wish",
        "none": "(none)",
        "response_title": "Response",
        "response_error": "Choose accepted or refused.",
        "chart_title": "Wishes met by kind of rehousing",
        "chart_y": "Households",
        "by_department": "By department (the household's current department)",
        "by_municipality": "By municipality",
        "verdict": "Check verdict",
        "overall": "Overall",
        "approved": "approved",
        "rejected": "REJECTED",
        "settings": "Settings",
        "program": "Program",
        "version": "Version",
        "case_id": "Case id (hidden sheet 'genhus')",
        "status": "Status",
        "cp_sat": "CP-SAT status",
        "objective": "Objective",
        "bound": "Bound",
        "exchanges": "Exchanges",
        "types": "Dwelling types",
        "pairs": "Suitable pairs",
        "seconds": "Run time (seconds)",
        "run_at": "Written (UTC)",
        "decisions": "Decisions",
        "fixed": "Fixed pairs (accepted, pending, pinned)",
        "forbidden": "Forbidden pairs (refused, must not get)",
        "board_rule": "Board rule",
        "warnings": "Warnings",
        "files": "Input files",
        "no_explanations": "Every household with wishes got its 1st wish.",
    },
}

KINDS = {
    "da": {Kind.PERMANENT: "permanent", Kind.TEMPORARY: "midlertidig"},
    "en": {Kind.PERMANENT: "permanent", Kind.TEMPORARY: "temporary"},
}

USES = {
    "da": {Use.PERMANENT: "permanent", Use.TEMPORARY: "midlertidig", Use.ANY: "begge"},
    "en": {Use.PERMANENT: "permanent", Use.TEMPORARY: "temporary", Use.ANY: "any"},
}


def wish_word(category: int | str, lang: str) -> str:
    """``1`` -> "1. ønske" / "1st wish"; "other", "unhoused", "no_wish" -> their words."""
    if isinstance(category, str):
        return WORDS[lang][category]
    if lang == "da":
        return f"{category}. ønske"
    return f"{_ordinal(category)} wish"


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def yes_no(value: bool, lang: str) -> str:
    return WORDS[lang]["yes" if value else "no"]


# --- Offer rounds (allocator/rounds/): the history and decisions sheets, the offers sheet's round columns ---

SHEETS["da"].update(history="Historik", decisions="Beslutninger")
SHEETS["en"].update(history="History", decisions="Decisions")
TABLES["da"].update(history="Historik", decisions="Beslutninger")
TABLES["en"].update(history="History", decisions="Decisions")

_DA.update(
    round="Runde",
    offered_in="Tilbudt i runde",
    offer_no="Tilbud nr.",
    offer_status="Tilbudsstatus",
    decided_by="Besluttet af",
    final_offer="Endeligt tilbud",
    refusals="Afslag hidtil",
    earlier_offers="Tidligere tilbud",
    note="Note",
    action="Handling",
    reason="Begrundelse",
    agreed="Aftalt med husstanden",
)
_EN.update(
    round="Round",
    offered_in="Offered in round",
    offer_no="Offer no.",
    offer_status="Offer status",
    decided_by="Decided by",
    final_offer="Final offer",
    refusals="Refusals so far",
    earlier_offers="Earlier offers",
    note="Note",
    action="Action",
    reason="Reason",
    agreed="Agreed with household",
)

WORDS["da"].update(
    pending="udestående",
    withdrawn="trukket tilbage",
    optimiser="optimering",
    pin="fastlåst",
    give="tildel",
    forbid="udeluk",
    round_word="runde",
    status_new="nyt tilbud",
    status_pinned="nyt tilbud, fastlåst af koordinator",
    status_pending="udestående fra runde {round}",
    status_accepted="accepteret i runde {round}",
    final_rule=(
        "endeligt tilbud: {refusals} tilbud afslået; ved uenighed mellem lejer og udlejer bestemmer "
        "udlejer (almenlejeloven § 86)"
    ),
    note_reopened="genåbnet (--reopen-pending) og erstattet i runde {round}",
    note_vanished="boligen var ikke længere i ledighedsfilen i runde {round}",
    note_absent="husstanden var ikke længere i husstandsfilen i runde {round}",
    note_forbidden="udelukket af koordinator i runde {round}",
    rounds="Tilbudsrunder",
    this_round="Denne runde",
    history_file="Historik læst fra",
    reopen_pending="Udestående tilbud genåbnet",
    max_offers="Afslag før endeligt tilbud",
    pin_applied="overholdt",
    pin_agreed="overholdt; bryder {rules}, aftalt med husstanden",
    pin_back="overholdt; giver en afslået bolig tilbage, aftalt med husstanden",
    pin_accepted="opfyldt: accepteret i runde {round}",
    pin_spent="brugt: afslået i runde {round}",
    pin_idle="uden virkning i denne runde: {why}",
)
WORDS["en"].update(
    pending="pending",
    withdrawn="withdrawn",
    optimiser="optimiser",
    pin="pin",
    give="pin",
    forbid="forbid",
    round_word="round",
    status_new="new offer",
    status_pinned="new offer, pinned by the coordinator",
    status_pending="pending since round {round}",
    status_accepted="accepted in round {round}",
    final_rule=(
        "final offer: {refusals} offers refused; where resident and landlord disagree, the landlord decides "
        "(almenlejeloven § 86)"
    ),
    note_reopened="reopened (--reopen-pending) and replaced in round {round}",
    note_vanished="the dwelling was no longer in the vacancies file in round {round}",
    note_absent="the household was no longer in the households file in round {round}",
    note_forbidden="forbidden by the coordinator in round {round}",
    rounds="Offer rounds",
    this_round="This round",
    history_file="History read from",
    reopen_pending="Pending offers reopened",
    max_offers="Refusals before a final offer",
    pin_applied="kept",
    pin_agreed="kept; breaks {rules}, agreed with the household",
    pin_back="kept; gives back a refused dwelling, agreed with the household",
    pin_accepted="done: accepted in round {round}",
    pin_spent="spent: refused in round {round}",
    pin_idle="no effect this round: {why}",
)


# --- Budget (allocator/budget.py): the Budget sheet ------------------------------------------------------------

_DA.update(
    budget_item="Post",
    budget_setting="Forudsætning",
    budget_meaning="Betydning",
    budget_not_counted_households="Ikke medregnet (husstande)",
    budget_moves="Antal flytninger",
    budget_not_counted="Ikke medregnet",
)
_EN.update(
    budget_item="Item",
    budget_setting="Assumption",
    budget_meaning="Meaning",
    budget_not_counted_households="Not counted (households)",
    budget_moves="Moves",
    budget_not_counted="Not counted",
)

BUDGET_WORDS = {
    "da": {
        # items
        "moving": "Flytning",
        "handyman": "Håndværker",
        "rent_difference": "Huslejeforskel (midlertidig)",
        "empty_rent": "Tomgangsleje",
        "carpet": "Tæpper",
        "project_total": "I alt for byggesagen",
        "deposit_difference": "Indskudsforskel (betales af husstanden)",
        "rent_refund": "Huslejeforskel tilbage til husstanden",
        # titles and sections
        "assumptions_title": "Forudsætninger",
        "items_title": "Udgifter for byggesagen pr. post (kr.)",
        "households_pay_title": "Betales af eller til husstandene, ikke af byggesagen (kr.)",
        "lines_title": "Pr. husstand (kr.)",
        "items_note": (
            "En post, der ikke kan medregnes for en husstand, tæller 0 i summerne; kolonnen "
            "'Ikke medregnet (husstande)' siger hvor mange anviste husstande, det gælder."
        ),
        "section_setting": "Indstilling",
        "section_rule": "Beregning",
        "section_not_counted": "Ikke medregnet",
        "section_default": "Standardværdi brugt",
        # settings
        "allowance_small": "Flyttegodtgørelse pr. flytning fra en bolig på 1-2 rum (kr.)",
        "allowance_three": "Flyttegodtgørelse pr. flytning fra en bolig på 3 rum (kr.)",
        "allowance_large": "Flyttegodtgørelse pr. flytning fra en bolig på 4 rum eller flere (kr.)",
        "moving_method": "Sådan flytter en husstand, når kolonnen Flytning ikke siger andet",
        "removal_firm_price": "Flyttefirmaets pris pr. flytning (kr.; en antagelse, ikke fra organisationens vilkår)",
        "handyman_hours": "Handymantimer pr. flytning, når kolonnen Handymantimer ikke siger andet (højst 3)",
        "handyman_rate": "Timepris for håndværker (kr.)",
        "stay_months": "Midlertidigt ophold i måneder, når kolonnen Varighed (måneder) ikke siger andet",
        "move_in": "Hvornår en tilbageholdt bolig tages i brug (til tomgangslejen)",
        "overlap_days": "Dage før senest fraflytning, husstanden overtager den nye bolig (vilkårene: 14)",
        "cost_tie_break": "Blandt lige gode fordelinger af ens boliger vælges den billigste for byggesagen",
        "allowance": "flyttegodtgørelse (flytter selv)",
        "removal_firm": "flyttefirma",
        "when_free": "samme dag som boligen er ledig (ingen tomgangsleje)",
        "before_move_by": "{days} dage før senest fraflytning",
        # how items are computed
        "rule_moving": (
            "Midlertidige husstande får betalt 2 flytninger (ud og hjem), permanente 1; godtgørelsen efter "
            "antal rum i den nuværende bolig, eller flyttefirmaets pris."
        ),
        "rule_handyman": "Timer pr. flytning (højst 3) gange timeprisen gange antal flytninger.",
        "rule_rent_difference": (
            "Den midlertidige husstand betaler fortsat sin egen husleje. Er den midlertidige boligs husleje højere, "
            "betaler byggesagen forskellen; er den lavere, betales forskellen tilbage til husstanden af dens egen "
            "husleje (ingen udgift for byggesagen). Forskel pr. måned gange varighed."
        ),
        "rule_empty_rent": (
            "Huslejen for en bolig, der står tom fra 'Ledig fra', til husstanden overtager den; begge "
            "genhusningstyper; en måned er 365/12 dage."
        ),
        "rule_carpet": (
            "Gulvtæpper købt før renoveringen blev varslet: 1-3 år nyværdi; 4-9 år afskrivning 10 % pr. år "
            "(mindst 40 %); 10 år eller ældre intet. Hele år."
        ),
        "rule_deposit": (
            "Permanente: indskuddet overføres; husstanden betaler forskellen, hvis det nye er større, og får den "
            "udbetalt, hvis det er mindre (negativ). Midlertidige: indskuddet bliver i kontraktboligen."
        ),
        "not_counted_column": "kolonnen {columns} mangler eller er tom i alle rækker",
        "default_column": "kolonnen {column} mangler eller er tom: '{setting}' gælder for alle husstande",
        "not_housed": "Ikke anvist",
        "not_housed_meaning": "{n} husstande har ingen bolig; deres udgifter er ikke medregnet endnu",
        "some_missing": "Enkelte husstande",
        "some_missing_meaning": (
            "{n} anviste husstande mangler oplysninger til mindst én post; se kolonnen 'Ikke medregnet' nedenfor"
        ),
        "lacking": "{item}: {inputs} mangler",
        "household_file": "husstand",
        "vacancy_file": "bolig",
        "vacancy": "boligen er ikke i boligfilen",
        "line_not_housed": "ikke anvist",
    },
    "en": {
        "moving": "Moving",
        "handyman": "Handyman",
        "rent_difference": "Temporary rent difference",
        "empty_rent": "Empty-rent loss",
        "carpet": "Carpets",
        "project_total": "Total for the project",
        "deposit_difference": "Deposit difference (paid by the household)",
        "rent_refund": "Rent difference paid back to the household",
        "assumptions_title": "Assumptions",
        "items_title": "Costs of the building project by item (kr)",
        "households_pay_title": "Paid by or to the households, not by the project (kr)",
        "lines_title": "By household (kr)",
        "items_note": (
            "An item that cannot be counted for a household adds 0 to the sums; 'Not counted (households)' says for "
            "how many housed households."
        ),
        "section_setting": "Setting",
        "section_rule": "Calculation",
        "section_not_counted": "Not counted",
        "section_default": "Default used",
        "allowance_small": "Moving allowance per move out of a dwelling of 1-2 rooms (kr)",
        "allowance_three": "Moving allowance per move out of a dwelling of 3 rooms (kr)",
        "allowance_large": "Moving allowance per move out of a dwelling of 4 rooms or more (kr)",
        "moving_method": "How a household moves when the Moving column does not say",
        "removal_firm_price": "A removal firm's price per move (kr; an assumption, not from the organisation's terms)",
        "handyman_hours": "Handyman hours per move when the Handyman hours column does not say (at most 3)",
        "handyman_rate": "Handyman's hourly rate (kr)",
        "stay_months": "Length of a temporary stay in months when the Stay column does not say",
        "move_in": "When a dwelling held for a household is moved into (for the empty-rent loss)",
        "overlap_days": "Days before the move-by date the household takes over its new dwelling (the terms: 14)",
        "cost_tie_break": "Among equally good hand-outs of interchangeable dwellings, the cheapest for the project",
        "allowance": "moving allowance (moves itself)",
        "removal_firm": "removal firm",
        "when_free": "the day the dwelling is free (no empty-rent loss)",
        "before_move_by": "{days} days before the move-by date",
        "rule_moving": (
            "Temporary households are paid 2 moves (out and back), permanent ones 1; the allowance by the rooms of "
            "the current dwelling, or the removal firm's price."
        ),
        "rule_handyman": "Hours per move (at most 3) times the hourly rate times the number of moves.",
        "rule_rent_difference": (
            "A temporary household keeps paying its own rent. If the temporary dwelling's rent is higher, the "
            "project pays the difference; if lower, the difference is paid back to the household out of its own "
            "rent (no cost to the project). Monthly difference times the length of the stay."
        ),
        "rule_empty_rent": (
            "The rent of a dwelling standing empty from 'Available from' until the household takes it over; both "
            "kinds of rehousing; a month is 365/12 days."
        ),
        "rule_carpet": (
            "Fitted carpets bought before the renovation was announced: 1-3 years new value; 4-9 years 10 % "
            "depreciation a year (at least 40 %); 10 years or older nothing. Whole years."
        ),
        "rule_deposit": (
            "Permanent: the deposit moves to the new lease; the household pays the difference if the new one is "
            "larger and receives it if smaller (negative). Temporary: the deposit stays with the contract dwelling."
        ),
        "not_counted_column": "the column {columns} is missing or empty in every row",
        "default_column": "the column {column} is missing or empty: '{setting}' holds for every household",
        "not_housed": "Not housed",
        "not_housed_meaning": "{n} households have no dwelling; their costs are not counted yet",
        "some_missing": "Some households",
        "some_missing_meaning": (
            "{n} housed households lack an input of at least one item; see the 'Not counted' column below"
        ),
        "lacking": "{item}: {inputs} missing",
        "household_file": "household",
        "vacancy_file": "dwelling",
        "vacancy": "the dwelling is not in the vacancies file",
        "line_not_housed": "not housed",
    },
}


# --- Plain words for what used to show internal names (the issue "Every word Danish") -----------------------
# Everything a coordinator reads on Kontrol, Overblik's next steps and the settings is here, so that a native
# speaker can review it in one file. Setting keys, solver status and the checker's own lines appear only in
# the technical appendix at the bottom of Kontrol ("Teknisk bilag (til IT)") and in the JSON.

_DA.update(
    area="Areal (m²)",
    to_higher_priority="Givet til husstande, der går forud",
    other_reasons="Anden grund",
    small_seniority="Anciennitetsdato (lille)",
    large_seniority="Anciennitetsdato (større)",
    large_wish_here="Denne bolig ville have været (større)",
    technical_item="Nøgle",
)
_EN.update(
    area="Area (m²)",
    to_higher_priority="Given to households ahead",
    other_reasons="Other reason",
    large_wish_here="This dwelling would have been (larger)",
    technical_item="Key",
)
TABLES["da"].update(technical="KontrolTeknisk")
TABLES["en"].update(technical="AuditTechnical")

WORDS["da"].update(
    final_rule="endeligt tilbud efter {refusals} afslag (almenlejeloven § 86)",
    status_none="intet tilbud i denne runde: ikke anvist",
    case_id="Sags-id",
    technical_title="Teknisk bilag (til IT)",
    technical_note=(
        "Det følgende er til IT og revision: indstillingernes nøgler, kontrollens egne linjer og "
        "optimeringens tal. Det samme står i JSON-resultatet."
    ),
    verdict_lines="kontrol",
    setting_key="indstilling",
    solver="optimering",
    coverage_ok="Alle {max} husstande, der kan genhuses, er genhuset.",
    coverage_bad="{housed} husstande er genhuset, men {max} kunne være genhuset.",
    permanent_ok=(
        "Alle {max} permanente husstande, der kan genhuses, er genhuset, uden at færre husstande i alt er "
        "genhuset."
    ),
    permanent_bad="{housed} permanente husstande er genhuset, men {max} kunne være genhuset.",
    breaches_ok="Ingen husstand har fået en bolig, den ikke passer til efter reglerne.",
    breaches_bad="{n} anvisninger bryder en regel: {ids}.",
    priority_ok="Ingen husstand har fået en dårligere bolig, end dens anciennitet giver ret til.",
    priority_bad="{n} husstande har fået en dårligere bolig, end deres anciennitet giver ret til: {ids}.",
    priority_weighted=" Med vægtet prioritet oplyses det, men det er ikke et krav.",
    waste_ok="Ingen husstand ville hellere have en bolig, der står ledig.",
    waste_bad="{n} husstande ville hellere have en bolig, der står ledig: {ids}.",
    cycles_ok="Ingen gruppe af husstande kunne alle få det bedre ved at bytte boliger.",
    cycles_bad="{n} grupper af husstande kunne alle få det bedre ved at bytte boliger: {ids}.",
    decisions_ok="Alle {fixed} fastlagte par er overholdt, og alle {forbidden} udelukkede par er respekteret.",
    decisions_bad="{broken} af koordinatorens beslutninger er ikke overholdt: {ids}.",
    more=" og {n} flere",
    check_coverage="Genhusning",
    check_permanent="Permanente først",
    check_breaches="Regler",
    check_priority="Anciennitet",
    check_seniority="Bedste ønske efter anciennitet",
    seniority_ok="Hver husstand har fået det bedste ønske, dens anciennitet giver ret til.",
    seniority_bad="{n} husstande kunne have fået et bedre ønske, uden at nogen foran dem fik et dårligere: {ids}.",
    check_waste="Ledige boliger",
    check_cycles="Bytte",
    check_decisions="Koordinatorens beslutninger",
    budget_see="Beløbene til budgettet står på arket Budget.",
    budget_label="Budget",
    next_title="Næste skridt",
    next_send=(
        "1. Send tilbuddene: arket Tilbud har én husstand pr. række og kan bruges direkte til brevfletning i "
        "Word (Forsendelser > Vælg modtagere > Brug en eksisterende liste, arket Tilbud)."
    ),
    next_answer=(
        "2. Skriv husstandenes svar i kolonnen Svar på arket Tilbud (accepteret eller afslået), efterhånden som "
        "de kommer, og gem projektmappen. Lad cellen stå tom, så længe tilbuddet er ude."
    ),
    next_round="3. Næste runde, når svarene er skrevet ind (i en kommandoprompt i mappen med filerne):",
    next_people="4. Husstande, der kræver koordinatoren:",
    next_unhoused="{n} husstande er ikke anvist (arket Ikke anvist)",
    next_board="{n} sager til bestyrelsen (arket Bestyrelse)",
    next_final="{n} husstande får et endeligt tilbud (arket Tilbud, kolonnen Endeligt tilbud)",
    next_none="ingen",
    board_rule_text=(
        "Markeret til bestyrelsen: en husstand på højst {small} {persons} har fået en bolig på mindst {rooms} "
        "rum, mens en større husstand i samme kommune, for hvem boligen var egnet, ikke blev genhuset eller "
        "fik et dårligere ønske, end denne bolig ville have været for den. Grænserne ({small} {persons}, "
        "{rooms} rum) er indstillinger, som kan ændres."
    ),
    person="person",
    persons="personer",
)
WORDS["en"].update(
    final_rule="final offer after {refusals} refusals (almenlejeloven § 86)",
    status_none="no offer this round: not housed",
    case_id="Case id",
    technical_title="Technical appendix (for IT)",
    technical_note=(
        "What follows is for IT and auditors: the settings' keys, the checker's own lines and the optimiser's "
        "figures. The JSON result says the same."
    ),
    verdict_lines="check",
    setting_key="setting",
    solver="optimiser",
    coverage_ok="All {max} households that can be rehoused are rehoused.",
    coverage_bad="{housed} households are rehoused, but {max} could have been.",
    permanent_ok="All {max} permanent households that can be rehoused are, without housing fewer in total.",
    permanent_bad="{housed} permanent households are rehoused, but {max} could have been.",
    breaches_ok="No household got a dwelling that the rules say does not suit it.",
    breaches_bad="{n} offers break a rule: {ids}.",
    priority_ok="No household got a worse dwelling than its seniority entitles it to.",
    priority_bad="{n} households got a worse dwelling than their seniority entitles them to: {ids}.",
    priority_weighted=" With weighted priority this is reported, not required.",
    waste_ok="No household would rather have a dwelling left free.",
    waste_bad="{n} households would rather have a dwelling left free: {ids}.",
    cycles_ok="No group of households could all gain by trading dwellings.",
    cycles_bad="{n} groups of households could all gain by trading dwellings: {ids}.",
    decisions_ok="All {fixed} fixed pairs are kept and all {forbidden} forbidden pairs respected.",
    decisions_bad="{broken} of the coordinator's decisions are not kept: {ids}.",
    more=" and {n} more",
    check_coverage="Rehousing",
    check_permanent="Permanent first",
    check_breaches="Rules",
    check_priority="Seniority",
    check_seniority="Best wish by seniority",
    seniority_ok="Every household has the best wish its seniority allows.",
    seniority_bad=(
        "{n} households could have had a better wish without anyone ahead of them getting a worse one: {ids}."
    ),
    check_waste="Free dwellings",
    check_cycles="Trades",
    check_decisions="Coordinator's decisions",
    budget_see="The budget's amounts are on the Budget sheet.",
    budget_label="Budget",
    next_title="Next steps",
    next_send=(
        "1. Send the offers: the Offers sheet has one household a row and can be used directly for a Word mail "
        "merge (Mailings > Select Recipients > Use an Existing List, sheet Offers)."
    ),
    next_answer=(
        "2. Write the households' answers in the Response column of the Offers sheet (accepted or refused) as "
        "they come in, and save the workbook. Leave the cell empty while the offer is out."
    ),
    next_round="3. The next round, once the answers are in (in a command prompt in the folder of the files):",
    next_people="4. Households that need the coordinator:",
    next_unhoused="{n} households not housed (sheet Unassigned)",
    next_board="{n} cases for the board (sheet Board review)",
    next_final="{n} households get a final offer (sheet Offers, column Final offer)",
    next_none="none",
    board_rule_text=(
        "Flagged for the board: a household of at most {small} {persons} given a dwelling of at least {rooms} "
        "rooms, while a larger household in the same municipality, for whom the dwelling was suitable, was not "
        "housed or got a worse wish than this dwelling would have been for it. The limits ({small} {persons}, "
        "{rooms} rooms) are settings that can be changed."
    ),
    person="person",
    persons="persons",
)

# --- Kontrol: the checker's time checks of a phased case (issue 12, "The checker") ---------------------------
WORDS["da"].update(
    check_stay_windows="Boligens ledige periode",
    stay_windows_ok="Hvert ophold ligger inden for den periode, hvor boligen er ledig.",
    stay_windows_bad="{n} ophold ligger uden for den periode, hvor boligen er ledig: {ids}.",
    check_stay_overlaps="Ophold i samme bolig",
    stay_overlaps_ok="Ingen bolig har to ophold, der overlapper, når klargøringen regnes med.",
    stay_overlaps_bad="{n} par af ophold i samme bolig overlapper, når klargøringen regnes med: {ids}.",
    check_time_reach="Anciennitet over hele planen",
    time_reach_all="Kontrolleret fuldt ud for alle {n} husstande, der kan genhuses.",
    time_reach_all_1="Kontrolleret fuldt ud for den ene husstand, der kan genhuses.",
    time_reach_partial=(
        "Kontrolleret fuldt ud for {exact} husstande i grupper på højst {limit}, der kan komme på tale til de "
        "samme boliger. I de større grupper ({sizes} husstande) er kun kontrolleret, at ingen kan flytte "
        "alene til en bedre bolig, der er ledig i hele opholdet, at ingen to kan bytte, og at ingen, der "
        "ikke er genhuset, kan overtage en bolig direkte; længere kæder af flytninger er ikke kontrolleret."
    ),
    time_coverage_undecided=(
        "Det blev ikke bevist inden for tidsgrænsen, at flere ikke kan genhuses; tallet er det bedste, "
        "kontrollen fandt."
    ),
    time_undecided=(
        "{n} spørgsmål blev ikke afgjort inden for tidsgrænsen, så kontrollen kan ikke godkende fordelingen."
    ),
    time_partial_note=(
        " Fuldt kontrolleret kun i grupper på højst {limit} husstande (se Anciennitet over hele planen)."
    ),
)
WORDS["en"].update(
    check_stay_windows="The dwelling's free period",
    stay_windows_ok="Every stay lies within the period the dwelling is free.",
    stay_windows_bad="{n} stays lie outside the period the dwelling is free: {ids}.",
    check_stay_overlaps="Stays in one dwelling",
    stay_overlaps_ok="No dwelling has two stays that overlap, the turnaround counted.",
    stay_overlaps_bad="Pairs of stays in one dwelling that overlap, the turnaround counted: {n} ({ids}).",
    check_time_reach="Seniority over the whole plan",
    time_reach_all="Checked in full for all {n} households that can be rehoused.",
    time_reach_all_1="Checked in full for the one household that can be rehoused.",
    time_reach_partial=(
        "Checked in full for {exact} households in groups of at most {limit} that compete for the same "
        "dwellings. In the larger groups ({sizes} households) the check only makes sure that nobody could "
        "move alone to a better dwelling free for the whole stay, no two could swap, and nobody unhoused "
        "could take over a dwelling directly; longer chains of moves are not checked."
    ),
    time_coverage_undecided=(
        "Within the time limit it was not proved that no more households can be rehoused; the figure is the "
        "best the check found."
    ),
    time_undecided="{n} questions were not decided within the time limit, so the check cannot approve.",
    time_partial_note=(
        " Checked in full only in groups of at most {limit} households (see Seniority over the whole plan)."
    ),
)

SETTING_WORDS = {
    "da": {
        "overlap_days": ("Dage med begge boliger", "{v} dage før senest fraflytning"),
        "size_rule": (
            "Passende størrelse",
            {
                "range": (
                    "et rum mere end antal personer eller samme antal rum som nu (almenlejeloven § 86), "
                    "og ikke større end det største af de to"
                ),
                "law-minimum": (
                    "mindst et rum mere end antal personer eller samme antal rum som nu (almenlejeloven "
                    "§ 86), ingen øvre grænse"
                ),
                "exact": "præcis et rum mere end antal personer eller samme antal rum som nu",
            },
        ),
        "temporary_size_rule": (
            "Passende størrelse for midlertidige",
            {"same": "som for permanente", "half": "mindst ét rum pr. to personer"},
        ),
        "wishes": (
            "Ønsker",
            {
                "soft": "ønskerne bestemmer rækkefølgen; andre egnede boliger kan også tilbydes",
                "hard": "en husstand med ønsker får kun boliger i de ønskede afdelinger",
            },
        ),
        "temporary_other_municipality": (
            "Midlertidige i en anden kommune",
            {True: "tilladt for alle midlertidige", False: "kun hvor husstanden har sagt ja"},
        ),
        "priority": (
            "Prioritet",
            {
                "strict": "permanente før midlertidige, derefter anciennitet, overholdt nøjagtigt",
                "weighted": "vægtet: ønsker og anciennitet vejes sammen",
            },
        ),
        "tie_break_seed": (
            "Lodtrækning ved samme anciennitetsdato",
            "lodtrækning nr. {v} (samme nummer giver samme rækkefølge)",
        ),
        "max_offers": ("Tilbud pr. husstand", "{v}; det sidste er endeligt"),
        "max_offers_temporary": ("Tilbud pr. midlertidig husstand", "{v}; det sidste er endeligt"),
        "board_max_members": ("Bestyrelsen: lille husstand", "højst {v} personer"),
        "board_min_rooms": ("Bestyrelsen: stor bolig", "mindst {v} rum"),
        "lang": ("Sprog", {"da": "dansk", "en": "engelsk"}),
    },
    "en": {
        "overlap_days": ("Days holding both dwellings", "{v} days before the move-by date"),
        "size_rule": (
            "Suitable size",
            {
                "range": (
                    "one room more than members or as many rooms as now (almenlejeloven § 86), and not larger "
                    "than the larger of the two"
                ),
                "law-minimum": (
                    "at least one room more than members or as many rooms as now (almenlejeloven § 86), no "
                    "upper limit"
                ),
                "exact": "exactly one room more than members or as many rooms as now",
            },
        ),
        "temporary_size_rule": (
            "Suitable size for temporary households",
            {"same": "as for permanent ones", "half": "at least one room per two persons"},
        ),
        "wishes": (
            "Wishes",
            {
                "soft": "wishes set the order; other suitable dwellings may be offered too",
                "hard": "a household with wishes only gets dwellings in its wished departments",
            },
        ),
        "temporary_other_municipality": (
            "Temporary households in another municipality",
            {True: "allowed for every temporary household", False: "only where the household agreed"},
        ),
        "priority": (
            "Priority",
            {
                "strict": "permanent before temporary, then seniority, met exactly",
                "weighted": "weighted: wishes and seniority weighed together",
            },
        ),
        "tie_break_seed": ("Draw between equal seniority dates", "draw no. {v} (the same number, the same order)"),
        "max_offers": ("Offers per household", "{v}; the last is final"),
        "max_offers_temporary": ("Offers per temporary household", "{v}; the last is final"),
        "board_max_members": ("Board: small household", "at most {v} persons"),
        "board_min_rooms": ("Board: large dwelling", "at least {v} rooms"),
        "lang": ("Language", {"da": "Danish", "en": "English"}),
    },
}
"""Per setting: its label and its value in words (a format with ``{v}``, or a word per value)."""


def setting_words(key: str, value: object, lang: str) -> tuple[str, str] | None:
    """A setting as a coordinator reads it; ``None`` for one without words (it is in the appendix only)."""
    found = SETTING_WORDS[lang].get(key)
    if found is None or value is None:
        return None
    label, words = found
    if isinstance(words, dict):
        return (label, words[value]) if value in words else None
    return label, words.format(v=value)


def board_rule_text(settings, lang: str) -> str:
    """The board-review rule with its two limits, in words (no setting names)."""
    small, rooms = settings.board_max_members, settings.board_min_rooms
    w = WORDS[lang]
    return w["board_rule_text"].format(small=small, rooms=rooms, persons=w["person" if small == 1 else "persons"])


BUDGET_LABELS = {
    "da": {
        "allowance_small": "Flyttegodtgørelse, 1-2 rum",
        "allowance_three": "Flyttegodtgørelse, 3 rum",
        "allowance_large": "Flyttegodtgørelse, 4 rum og flere",
        "moving_method": "Flytning",
        "removal_firm_price": "Flyttefirmaets pris",
        "handyman_hours": "Handymantimer pr. flytning",
        "handyman_rate": "Timepris for håndværker",
        "stay_months": "Midlertidigt ophold (måneder)",
        "move_in": "Tilbageholdt bolig tages i brug",
        "overlap_days": "Dage med begge boliger",
        "cost_tie_break": "Billigste blandt lige gode",
    },
    "en": {
        "allowance_small": "Moving allowance, 1-2 rooms",
        "allowance_three": "Moving allowance, 3 rooms",
        "allowance_large": "Moving allowance, 4 rooms or more",
        "moving_method": "Moving",
        "removal_firm_price": "Removal firm's price",
        "handyman_hours": "Handyman hours per move",
        "handyman_rate": "Handyman's hourly rate",
        "stay_months": "Temporary stay (months)",
        "move_in": "A held dwelling is moved into",
        "overlap_days": "Days holding both dwellings",
        "cost_tie_break": "Cheapest among equally good",
    },
}
"""The budget's assumptions by name on the Budget sheet (their keys are in Kontrol's technical appendix)."""


# --- The moving schedule (allocator/schedule/): the Flytteskema sheet ---

SHEETS["da"].update(schedule="Flytteskema")
SHEETS["en"].update(schedule="Moving schedule")
TABLES["da"].update(schedule="Flytteskema", schedule_weeks="FlytningerPrUge")
TABLES["en"].update(schedule="MovingSchedule", schedule_weeks="MovesPerWeek")

SCHEDULE_HEADERS = {
    "da": {
        "date": "Dato",
        "weekday": "Ugedag",
        "household_id": "Husstand",
        "name": "Navn",
        "from_address": "Fra adresse",
        "to_address": "Til adresse",
        "type": "Type",
        "phase": "Etape",
        "stairwell": "Opgang",
        "dwelling_id": "Bolig-ID",
        "booked": "Fast dato",
        "week": "Uge",
        "moves": "Flytninger",
        "capacity": "Kapacitet",
        "move_date": "Flyttedato",
        "move_back_date": "Tilbageflytning",
    },
    "en": {
        "date": "Date",
        "weekday": "Weekday",
        "household_id": "Household",
        "name": "Name",
        "from_address": "From address",
        "to_address": "To address",
        "type": "Type",
        "phase": "Phase",
        "stairwell": "Stairwell",
        "dwelling_id": "Dwelling ID",
        "booked": "Booked date",
        "week": "Week",
        "moves": "Moves",
        "capacity": "Capacity",
        "move_date": "Moving date",
        "move_back_date": "Move back",
    },
}
"""Headers of the Flytteskema sheet; ``booked`` is the column a coordinator fills to keep a date (``genhus
schedule`` reads it back)."""

SCHEDULE_WORDS = {
    "da": {
        "weekdays": ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"),
        "types": {"permanent": "permanent", "out": "udflytning", "back": "tilbageflytning"},
        "chart_title": "Flytninger pr. uge mod kapaciteten",
        "chart_y": "Flytninger",
        "none": "Ingen flytninger at planlægge",
        "note": "Skriv en dato i kolonnen Fast dato for en flytning, der er aftalt eller udført: "
        "genhus schedule beholder den.",
        "made": "Planlagt fra {date}: ingen flytning før {first}; højst {per_day} flytninger pr. arbejdsdag{per_week}.",
        "per_week": " og {n} pr. uge",
        "split": "Opgang {stairwell}{phase}: {households} husstande flytter ud over {n} uger ({weeks}); "
        "kapaciteten eller de tomme boligdage tillod ikke én uge.",
        "split_phase": ", etape {phase}",
    },
    "en": {
        "weekdays": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        "types": {"permanent": "permanent", "out": "move out", "back": "move back"},
        "chart_title": "Moves per week against capacity",
        "chart_y": "Moves",
        "none": "No moves to schedule",
        "note": "Write a date in the column Booked date for a move that is agreed or done: genhus schedule "
        "keeps it.",
        "made": "Planned from {date}: no move before {first}; at most {per_day} moves a working day{per_week}.",
        "per_week": " and {n} a week",
        "split": "Stairwell {stairwell}{phase}: {households} households move out over {n} weeks ({weeks}); "
        "the capacity or the empty dwelling-days did not allow one week.",
        "split_phase": ", phase {phase}",
    },
}
# --- phases (issue 12): the words of a phased case's sheets and columns ------------------------------------

PHASE_SHEETS = {
    "da": {"phases": "Etaper", "occupancy": "Belægning"},
    "en": {"phases": "Phases", "occupancy": "Occupancy"},
}

PHASE_TABLES = {
    "da": {"phases": "Etaper", "reserve": "Reserveres", "weekly": "BelaegningPrUge", "occupancy": "Belaegning"},
    "en": {"phases": "Phases", "reserve": "ToReserve", "weekly": "OccupancyByWeek", "occupancy": "Occupancy"},
}

PHASE_HEADERS = {
    "da": {
        "phase": "Etape",
        "phase_name": "Etapenavn",
        "construction_start": "Byggestart",
        "ready": "Klar til tilbageflytning",
        "stay_from": "Bor der fra",
        "stay_until": "Bor der til",
        "available_until": "Ledig til",
        "empty_before": "Tom før (dage)",
        "households_permanent": "Husstande permanent",
        "households_temporary": "Husstande midlertidig",
        "dwellings_used": "Boliger brugt",
        "reused": "Genbrugt fra tidligere etape",
        "renovated_used": "Renoverede boliger brugt",
        "not_housed": "Ikke anvist",
        "why_not_housed": "Hvorfor ikke anvist",
        "rooms": "Antal rum",
        "peak_held": "Boliger holdt på én gang (højst)",
        "figure": "Uge",
    },
    "en": {
        "phase": "Phase",
        "phase_name": "Phase name",
        "construction_start": "Construction start",
        "ready": "Ready to move back",
        "stay_from": "Lives there from",
        "stay_until": "Lives there until",
        "available_until": "Available until",
        "empty_before": "Empty before (days)",
        "households_permanent": "Households permanent",
        "households_temporary": "Households temporary",
        "dwellings_used": "Dwellings used",
        "reused": "Reused from an earlier phase",
        "renovated_used": "Renovated dwellings used",
        "not_housed": "Not housed",
        "why_not_housed": "Why not housed",
        "rooms": "Rooms",
        "peak_held": "Dwellings held at once (peak)",
        "figure": "Week",
    },
}

PHASE_WORDS = {
    "da": {
        "week": "uge {week} {year}",
        "held": "Boliger holdt",
        "occupied": "Boliger beboet",
        "empty_week": "–",
        "chart_title": "Boliger holdt og beboet pr. uge",
        "chart_y": "Boliger",
        "reserve_title": "Så mange boliger skal reserveres på én gang (pr. antal rum)",
        "grid_title": "Boliger med midlertidige ophold, uge for uge (husstandens ID; – = holdt, men tom)",
        "phases_note": "Pr. etape: husstande, hvor mange der er genhuset, boligerne de bruger, hvor mange af dem "
        "en tidligere etapes husstande har boet i først, og hvor mange der er renoverede boliger fra en "
        "tidligere etape (ledige fra dens tilbageflytning).",
        "all_rooms": "Alle",
        "rule_empty_rent": "Etaper: huslejen for de dage, en bolig står tom, før husstanden flytter ind: fra 'Ledig "
        "fra' eller fra den forrige husstands fraflytning (med klargøringen); begge genhusningstyper; en måned er "
        "365/12 dage. Summen over boligerne er tomgangslejen over hver boligs forløb (arket Belægning).",
    },
    "en": {
        "week": "week {week} {year}",
        "held": "Dwellings held",
        "occupied": "Dwellings occupied",
        "empty_week": "–",
        "chart_title": "Dwellings held and occupied per week",
        "chart_y": "Dwellings",
        "reserve_title": "Dwellings to reserve at once (per room count)",
        "grid_title": "Dwellings with temporary stays, week by week (the household's id; – = held but empty)",
        "phases_note": "Per phase: households, how many are housed, the dwellings they use, how many of those an "
        "earlier phase's households lived in first, and how many are renovated dwellings of an earlier phase "
        "(free from its move-back date).",
        "all_rooms": "All",
        "rule_empty_rent": "Phases: the rent of the days a dwelling stands empty before the household moves in: "
        "from 'Available from' or from the previous household's moving out (turnaround included); both kinds; a "
        "month is 365/12 days. Summed over the dwellings, it is the empty rent over each dwelling's timeline "
        "(the Occupancy sheet).",
    },
}
"""Words of the Etaper / Phases and Belægning / Occupancy sheets and of the phase columns of Tilbud and Boliger."""

PHASE_REASONS = {
    "da": {
        "taken_by_higher_priority": "egnede boliger givet til husstande med højere prioritet",
        "taken_or_free": "egnede boliger givet til andre eller tomme",
        "refused_or_excluded": "egnede boliger afslået eller udelukket",
        "no_vacancies": "ingen ledige boliger",
        "no_same_municipality": "ingen ledig bolig i kommunen",
        "no_suitable_size": "ingen bolig af passende størrelse",
        "no_step_free_access": "ingen bolig uden trin",
        "no_maximum_rent": "ingen bolig inden for husstandens husleje",
        "no_dwelling_use": "ingen bolig til denne genhusningstype",
        "no_in_time": "ingen bolig ledig i tide",
        "no_wished_department": "ingen bolig i de ønskede afdelinger",
    },
    "en": {
        "taken_by_higher_priority": "suitable dwellings given to households with higher priority",
        "taken_or_free": "suitable dwellings given to others or left free",
        "refused_or_excluded": "suitable dwellings refused or excluded",
        "no_vacancies": "no vacancies",
        "no_same_municipality": "no vacancy in the municipality",
        "no_suitable_size": "no dwelling of a suitable size",
        "no_step_free_access": "no step-free dwelling",
        "no_maximum_rent": "no dwelling within the household's rent",
        "no_dwelling_use": "no dwelling for this kind of rehousing",
        "no_in_time": "no dwelling free in time",
        "no_wished_department": "no dwelling in the wished departments",
    },
}
"""Why a phase's households are not housed, counted per reason code on the Etaper / Phases sheet (a code not
listed is shown by its first household's own reason)."""


# --- Households blocked by offers still out (allocator/rounds/blocked.py): the sheet Kræver koordinatoren ---

SHEETS["da"].update(blocked="Kræver koordinatoren")
SHEETS["en"].update(blocked="Needs the coordinator")
TABLES["da"].update(blocked="KraeverKoordinatoren", blocked_pins="RaekkerTilBeslutninger")
TABLES["en"].update(blocked="NeedsTheCoordinator", blocked_pins="RowsForDecisions")

_DA.update(
    blocked_department="Boligens afdeling",
    blocked_wish="Boligen ville være",
    blocked_holder="Udestående tilbud til",
    blocked_holder_seniority="Anciennitetsdato (udestående)",
)
_EN.update(
    blocked_department="Dwelling's department",
    blocked_wish="The dwelling would be",
    blocked_holder="Pending offer to",
    blocked_holder_seniority="Seniority date (pending)",
)

WORDS["da"].update(
    blocked_title="Husstande uden tilbud, mens husstande med lavere prioritet har udestående tilbud",
    blocked_intro=(
        "Husstandene i tabellen har intet tilbud i denne runde, selv om husstande med lavere prioritet har "
        "udestående tilbud på boliger, der passer til dem. Et udestående tilbud bliver stående, til husstanden "
        "har svaret, så genhus flytter det ikke af sig selv. Vælg for hver husstand én af tre muligheder."
    ),
    blocked_pin=(
        "1. Giv husstanden en af boligerne: skriv husstandens to rækker fra tabellen 'Rækker til arket "
        "Beslutninger' nederst i tabellen på arket Beslutninger, og gem projektmappen. Den første række trækker "
        "det udestående tilbud tilbage (det tæller ikke som et afslag), den anden giver boligen til husstanden. "
        "Næste runde (kommandoen på arket Overblik) følger beslutningerne. De andre boliger i tabellen kan "
        "bruges på samme måde."
    ),
    blocked_wait=(
        "2. Vent på de næste ledige boliger: gør ingenting nu. Husstanden er med igen i næste runde, når de "
        "udestående tilbud er besvaret, eller når nye ledige boliger er skrevet i boligfilen."
    ),
    blocked_reopen=(
        "3. Genåbn de udestående tilbud: kør denne runde igen med kommandoen nedenfor (i en kommandoprompt i "
        "mappen med filerne). Så må genhus flytte alle udestående tilbud, og husstandene forrest i rækken får "
        "de boliger, de har ret til; {holders} kan få et andet tilbud. Brug kun denne mulighed, hvis de "
        "udestående tilbud kan trækkes tilbage over for husstandene."
    ),
    blocked_pins_title="Rækker til arket Beslutninger",
    status_blocked="intet tilbud i denne runde: udestående tilbud til husstande med lavere prioritet (se arket "
    "Kræver koordinatoren)",
    blocked_forbid_reason="trukket tilbage: boligen gives til {household}, der går forud",
    blocked_give_reason="udestående tilbud til {holder}, der har lavere prioritet, er trukket tilbage",
    next_blocked_1=(
        "1 husstand har intet tilbud, mens husstande med lavere prioritet har udestående tilbud på boliger, der "
        "passer til den (arket Kræver koordinatoren)"
    ),
    next_blocked=(
        "{n} husstande har intet tilbud, mens husstande med lavere prioritet har udestående tilbud på boliger, "
        "der passer til dem (arket Kræver koordinatoren)"
    ),
)
WORDS["en"].update(
    blocked_title="Households without an offer while lower-priority households hold pending offers",
    blocked_intro=(
        "The households in the table have no offer this round, although lower-priority households hold pending "
        "offers on dwellings that suit them. A pending offer stands until the household answers, so genhus "
        "does not move it by itself. Choose one of three options for each household."
    ),
    blocked_pin=(
        "1. Give the household one of the dwellings: write the household's two rows of the table 'Rows for the "
        "Decisions sheet' at the bottom of the table on the Decisions sheet, and save the workbook. The first "
        "row withdraws the pending offer (it does not count as a refusal), the second gives the dwelling to the "
        "household. The next round (the command on the Summary sheet) follows the decisions. The other "
        "dwellings of the table can be used the same way."
    ),
    blocked_wait=(
        "2. Wait for the next vacancies: do nothing now. The household takes part again in the next round, "
        "once the pending offers are answered or new vacancies are written in the vacancies file."
    ),
    blocked_reopen=(
        "3. Reopen the pending offers: run this round again with the command below (in a command prompt in the "
        "folder of the files). genhus may then move every pending offer, and the households first in line get "
        "the dwellings they are entitled to; {holders} may get another offer. Use this only if the pending "
        "offers can be withdrawn with the households."
    ),
    blocked_pins_title="Rows for the Decisions sheet",
    status_blocked="no offer this round: pending offers to lower-priority households (see sheet Needs the "
    "coordinator)",
    blocked_forbid_reason="withdrawn: the dwelling goes to {household}, who comes first",
    blocked_give_reason="the pending offer to {holder}, of lower priority, is withdrawn",
    next_blocked_1=(
        "1 household has no offer while lower-priority households hold pending offers on dwellings that suit "
        "it (sheet Needs the coordinator)"
    ),
    next_blocked=(
        "{n} households have no offer while lower-priority households hold pending offers on dwellings that "
        "suit them (sheet Needs the coordinator)"
    ),
)


# --- Number agreement: "1 husstand", "2 husstande" ------------------------------------------------------------
# A sentence with a count has its plural form under ``key`` and, where Danish (or English) needs another form
# for exactly one, its singular under ``key + "_1"``; ``counted`` picks the right one.


def counted(words: dict[str, str], key: str, n: int, **fields: object) -> str:
    """``words[key]`` (or its singular ``words[key + "_1"]`` when ``n == 1``) filled with ``n`` and ``fields``;
    ``words`` is one language's words (``WORDS[lang]``, ``BUDGET_WORDS[lang]``)."""
    template = words.get(f"{key}_1", words[key]) if n == 1 else words[key]
    return template.format(n=n, **fields)


WORDS["da"].update(
    next_unhoused_1="1 husstand er ikke anvist (arket Ikke anvist)",
    next_board_1="1 sag til bestyrelsen (arket Bestyrelse)",
    next_final_1="1 husstand får et endeligt tilbud (arket Tilbud, kolonnen Endeligt tilbud)",
    coverage_ok_1="Den ene husstand, der kan genhuses, er genhuset.",
    coverage_bad_1="1 husstand er genhuset, men {max} kunne være genhuset.",
    permanent_ok_1="Den ene permanente husstand, der kan genhuses, er genhuset, uden at færre husstande i alt er "
    "genhuset.",
    permanent_bad_1="1 permanent husstand er genhuset, men {max} kunne være genhuset.",
    decisions_ok=(
        "Koordinatorens beslutninger er overholdt: de fastlagte par ({fixed}) er fastholdt, og de udelukkede par "
        "({forbidden}) er ikke brugt."
    ),
    decisions_bad_1="1 af koordinatorens beslutninger er ikke overholdt: {ids}.",
    breaches_bad_1="1 anvisning bryder en regel: {ids}.",
    priority_bad_1="1 husstand har fået en dårligere bolig, end dens anciennitet giver ret til: {ids}.",
    waste_bad_1="1 husstand ville hellere have en bolig, der står ledig: {ids}.",
    cycles_bad_1="1 gruppe af husstande kunne alle få det bedre ved at bytte boliger: {ids}.",
    seniority_bad_1="1 husstand kunne have fået et bedre ønske, uden at nogen foran den fik et dårligere: {ids}.",
    more_1=" og 1 til",
)
WORDS["en"].update(
    next_unhoused_1="1 household not housed (sheet Unassigned)",
    next_board_1="1 case for the board (sheet Board review)",
    next_final_1="1 household gets a final offer (sheet Offers, column Final offer)",
    coverage_ok_1="The one household that can be rehoused is rehoused.",
    coverage_bad_1="1 household is rehoused, but {max} could have been.",
    permanent_ok_1="The one permanent household that can be rehoused is, without housing fewer in total.",
    permanent_bad_1="1 permanent household is rehoused, but {max} could have been.",
    decisions_ok=(
        "The coordinator's decisions are kept: the fixed pairs ({fixed}) are kept and the forbidden pairs "
        "({forbidden}) are not used."
    ),
    decisions_bad_1="1 of the coordinator's decisions is not kept: {ids}.",
    breaches_bad_1="1 offer breaks a rule: {ids}.",
    priority_bad_1="1 household got a worse dwelling than its seniority entitles it to: {ids}.",
    waste_bad_1="1 household would rather have a dwelling left free: {ids}.",
    cycles_bad_1="1 group of households could all gain by trading dwellings: {ids}.",
    seniority_bad_1="1 household could have had a better wish without anyone ahead of it getting a worse one: {ids}.",
    more_1=" and 1 more",
)
BUDGET_WORDS["da"].update(
    not_housed_meaning_1="1 husstand har ingen bolig; dens udgifter er ikke medregnet endnu",
    some_missing_meaning_1=(
        "1 anvist husstand mangler oplysninger til mindst én post; se kolonnen 'Ikke medregnet' nedenfor"
    ),
)
BUDGET_WORDS["en"].update(
    not_housed_meaning_1="1 household has no dwelling; its costs are not counted yet",
    some_missing_meaning_1="1 housed household lacks an input of at least one item; see the 'Not counted' column below",
)


# --- Tilbud in a coordinator's words: who chose the dwelling, a final offer's status short enough for a letter
# (the legal reference is on Overblik's next steps and in the letter's final_text) --------------------------

WORDS["da"].update(
    optimiser="genhus",
    pin="koordinator",
    final_rule="endeligt tilbud efter {refusals} afslag",
    next_final=(
        "{n} husstande får et endeligt tilbud (arket Tilbud, kolonnen Endeligt tilbud); ved uenighed mellem "
        "lejer og udlejer bestemmer udlejer (almenlejeloven § 86)"
    ),
    next_final_1=(
        "1 husstand får et endeligt tilbud (arket Tilbud, kolonnen Endeligt tilbud); ved uenighed mellem lejer "
        "og udlejer bestemmer udlejer (almenlejeloven § 86)"
    ),
)
WORDS["en"].update(
    optimiser="genhus",
    pin="coordinator",
    final_rule="final offer after {refusals} refusals",
    final_rule_1="final offer after 1 refusal",
    next_final=(
        "{n} households get a final offer (sheet Offers, column Final offer); where resident and landlord "
        "disagree, the landlord decides (almenlejeloven § 86)"
    ),
    next_final_1=(
        "1 household gets a final offer (sheet Offers, column Final offer); where resident and landlord "
        "disagree, the landlord decides (almenlejeloven § 86)"
    ),
)


# --- Budget assumptions with their units (the sheet Budget) ---------------------------------------------------

BUDGET_LABELS["da"].update(
    allowance_small="Flyttegodtgørelse, 1-2 rum (kr. pr. flytning)",
    allowance_three="Flyttegodtgørelse, 3 rum (kr. pr. flytning)",
    allowance_large="Flyttegodtgørelse, 4 rum og flere (kr. pr. flytning)",
    removal_firm_price="Flyttefirmaets pris (kr. pr. flytning)",
    handyman_hours="Håndværkertimer pr. flytning (timer)",
    handyman_rate="Timepris for håndværker (kr. pr. time)",
    overlap_days="Dage med begge boliger (dage)",
)
BUDGET_LABELS["en"].update(
    allowance_small="Moving allowance, 1-2 rooms (kr per move)",
    allowance_three="Moving allowance, 3 rooms (kr per move)",
    allowance_large="Moving allowance, 4 rooms or more (kr per move)",
    removal_firm_price="Removal firm's price (kr per move)",
    handyman_hours="Handyman hours per move (hours)",
    handyman_rate="Handyman's hourly rate (kr per hour)",
    overlap_days="Days holding both dwellings (days)",
)


# --- A header the input left empty (allocator.sheet_columns.unique_headers) -----------------------------------

WORDS["da"].update(column_n="Kolonne {n}")
WORDS["en"].update(column_n="Column {n}")


# --- Kontrol: what the fixed and forbidden pairs are (accepted, pending, pinned; refused, forbidden) ----------

WORDS["da"].update(
    check_decisions="Tilbud og beslutninger",
    decisions_ok=(
        "Fastlagte par fastholdt: {fixed} (accepterede og udestående tilbud og koordinatorens tildelinger). "
        "Udelukkede par ikke brugt: {forbidden} (afslåede boliger og koordinatorens udelukkelser)."
    ),
)
WORDS["en"].update(
    check_decisions="Offers and decisions",
    decisions_ok=(
        "Fixed pairs kept: {fixed} (accepted and pending offers and the coordinator's pins). Forbidden pairs not "
        "used: {forbidden} (refused dwellings and the coordinator's forbids)."
    ),
)
