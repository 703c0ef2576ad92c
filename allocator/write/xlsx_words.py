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
        "explanations": "Begrundelser",
        "board": "Bestyrelse",
        "audit": "Kontrol",
    },
    "en": {
        "offers": "Offers",
        "unassigned": "Unassigned",
        "vacancies": "Vacancies",
        "summary": "Summary",
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
