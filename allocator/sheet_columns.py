"""The columns of genhus's own sheets that are read back: by the next offer round (``allocator.read.history``)
and by the letters (``allocator.letters.read_offers``), as well as written (``allocator.write``).

One place for both sides, so that reading stays the inverse of writing without a reader importing a writer:
the column keys and formats are here, their header words in :mod:`allocator.write.xlsx_words` (the one place
for wording), and :func:`sheet_headers` makes the headers exactly as the writers do.
"""

from __future__ import annotations

import re
from typing import Any

from allocator.write.xlsx_words import HEADERS, WORDS

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Control characters no workbook can hold (XML 1.0 forbids them)."""

OFFER_COLUMNS = (
    ("household_id", "text"),
    ("name", "text"),
    ("address", "text"),
    ("department", "text"),
    ("municipality", "text"),
    ("kind", "text"),
    ("members", "int"),
    ("current_rooms", "int"),
    ("seniority_date", "date"),
    ("current_rent", "amount"),
    ("dwelling_id", "text"),
    ("new_address", "text"),
    ("new_department", "text"),
    ("new_municipality", "text"),
    ("rooms", "int"),
    ("area", "amount"),
    ("new_rent", "amount"),
    ("floor", "int"),
    ("elevator", "text"),
    ("available_from", "date"),
    ("rent_change", "amount"),
    ("wish", "text"),
    ("move_by", "date"),
    ("round", "int"),
    ("offered_in", "int"),
    ("offer_no", "int"),
    ("offer_status", "long"),
    ("decided_by", "text"),
    ("final_offer", "text"),
    ("refusals", "int"),
    ("earlier_offers", "long"),
    ("response", "text"),
)
"""Tilbud / Offers: (key of ``HEADERS``, cell format), in sheet order."""

HISTORY_COLUMNS = (
    ("round", "int"),
    ("household_id", "text"),
    ("name", "text"),
    ("dwelling_id", "text"),
    ("response", "text"),
    ("final_offer", "text"),
    ("decided_by", "text"),
    ("note", "long"),
)
"""Historik / History: (key of ``HEADERS``, cell format), in sheet order."""


def unique_headers(headers: list[Any], lang: str) -> list[str]:
    """Header texts made unique and non-empty, first occurrence kept as written."""
    seen: set[str] = set()
    out: list[str] = []
    for n, header in enumerate(headers, start=1):
        text = (
            "" if header is None else " ".join(CONTROL.sub("", str(header)).split())
        )  # one line, no controls
        text = text[:255]  # Excel's limit for a table column name
        if not text:
            text = WORDS[lang]["column_n"].format(n=n)
        candidate, k = text, 2
        while candidate.casefold() in seen:  # Excel compares table column names ignoring case
            candidate, k = f"{text} ({k})", k + 1
        seen.add(candidate.casefold())
        out.append(candidate)
    return out


def sheet_headers(columns: tuple[tuple[str, str], ...], lang: str) -> list[str]:
    """The headers a writer gives ``columns`` in ``lang``."""
    return unique_headers([HEADERS[lang][key] for key, _ in columns], lang)
