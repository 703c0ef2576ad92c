"""Small pieces of wording shared by the explanations."""

from __future__ import annotations


def id_list(ids: list[str], lang: str, shown: int) -> str:
    """The first ``shown`` ids, and how many more there are: a reason stays readable with 200 holders."""
    text = ", ".join(ids[:shown])
    more = len(ids) - shown
    if more <= 0:
        return text
    return text + (f" og {more} flere" if lang == "da" else f" and {more} more")
