"""Render the offer letters: one ``.docx`` per household with an offer and one combined document for printing.

Every field value is plain text made from a cell of the offers sheet (or an option) with control characters
removed, and the template is rendered with autoescape, so ``<``, ``&`` or ``{{`` in a name stays text and can
never break the document's XML or be read as a template field. File names come from the household id through
:func:`file_stem`, which keeps only letters, digits, ``-`` and ``_``: an id like ``../x`` cannot leave the folder.
The folder is written whole or not at all (:func:`allocator.write.atomic.atomic_folder`).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from allocator.letters.read_offers import Offer, text
from allocator.letters.words import LETTER, amount_text, date_text, number_text
from allocator.problems import InputError, InputProblem

__all__ = ["FIELDS", "Written", "file_stem", "letter_fields", "render_letters", "write_letters"]

FIELDS = {
    "household_id": "the household's id",
    "name": "the household's name",
    "address": "its current address",
    "dwelling_id": "the offered dwelling's id",
    "dwelling_address": "its address",
    "department": "its department",
    "municipality": "its municipality",
    "rooms": "its rooms",
    "area": "its area, with m²",
    "rent": "its monthly rent, with kr.",
    "rent_change": "new rent minus current rent, signed",
    "available_from": "first day it is free (Ledig fra)",
    "move_date": "the planned moving date, where a moving schedule was made; empty otherwise",
    "move_back_date": "a temporary household's planned move back, where scheduled; empty otherwise",
    "move_text": "the sentence on the planned moving dates, empty without a schedule",
    "date": "the letter's date (--date)",
    "answer_by": "answer deadline (--date plus --answer-days)",
    "final_offer": "true for a final offer (use in {%p if final_offer %})",
    "final_text": "the final-offer wording (almenlejeloven § 86), empty otherwise",
    "offer_no": "which offer this is for the household",
    "coordinator": "--coordinator",
    "phone": "--phone",
}

_UNSAFE = re.compile(r"[^0-9A-Za-zÆØÅæøåÄÖÜäöüé_-]+")
_MAX_STEM = 80
_SECT_PR = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sectPr"


@dataclass(frozen=True, slots=True)
class Written:
    folder: Path
    letters: tuple[Path, ...]
    combined: Path | None


def file_stem(household_id: str) -> str:
    """A file name stem from a household id: letters, digits, ``-`` and ``_`` only (everything else, ``.`` and
    path separators included, becomes ``_``), at most 80 characters, never empty."""
    stem = _UNSAFE.sub("_", unicodedata.normalize("NFC", household_id)).strip("_-")[:_MAX_STEM]
    return stem or "husstand"


def letter_fields(offer: Offer, lang: str, *, date: dt.date, answer_days: int, coordinator: str | None = None,
                  phone: str | None = None) -> dict[str, Any]:
    """The template's fields for one offer, as text in the letter's language (``final_offer`` a bool)."""
    w = LETTER[lang]
    change = offer.rent_change
    if change is None and offer.new_rent is not None and offer.current_rent is not None:
        change = round(offer.new_rent - offer.current_rent, 2)
    area = f"{number_text(offer.area, lang)} m²" if offer.area is not None else w["not_given"]
    return {
        "household_id": offer.household_id,
        "name": offer.name or "",
        "address": offer.address or "",
        "dwelling_id": offer.dwelling_id,
        "dwelling_address": offer.new_address or w["not_given"],
        "department": offer.new_department or w["not_given"],
        "municipality": offer.new_municipality or w["not_given"],
        "rooms": number_text(offer.rooms, lang),
        "area": area,
        "rent": amount_text(offer.new_rent, lang),
        "rent_change": amount_text(change, lang, signed=True),
        "available_from": date_text(offer.available_from, lang),
        "move_date": date_text(offer.move_date, lang) if offer.move_date else "",
        "move_back_date": date_text(offer.move_back_date, lang) if offer.move_back_date else "",
        "move_text": move_text(offer, lang),
        "date": date_text(date, lang),
        "answer_by": date_text(date + dt.timedelta(days=answer_days), lang),
        "final_offer": offer.final,
        "final_text": w["final_text"] if offer.final else "",
        "offer_no": str(offer.offer_no) if offer.offer_no is not None else "",
        "coordinator": text(coordinator) or "",
        "phone": text(phone) or "",
    }


def move_text(offer: Offer, lang: str) -> str:
    """The planned moving dates as a sentence (``LETTER[lang]["move_text"]``), empty without a move date."""
    w = LETTER[lang]
    if offer.move_date is None:
        return ""
    text = w["move_text"].format(date=date_text(offer.move_date, lang))
    if offer.move_back_date is not None:
        text += w["move_back_text"].format(date=date_text(offer.move_back_date, lang))
    return text + "."


def load_template(path: str | Path | None, lang: str) -> bytes:
    """The template's bytes: the file given, or the default of the language. A template that is not a ``.docx``,
    has a broken ``{{ }}`` / ``{% %}`` field, or names a field genhus does not know is an :class:`InputError`."""
    from allocator.letters.template import default_template

    if path is None:
        return default_template(lang)
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError([InputProblem(name, f"cannot read the template: {exc.strerror or exc}")]) from None
    unknown = _unknown_fields(data, name)
    if unknown:
        raise InputError([InputProblem(
            name, f"the template has fields genhus does not know: {', '.join(sorted(unknown))} "
                  f"(known: {', '.join(FIELDS)})")])
    return data


def _unknown_fields(data: bytes, name: str) -> set[str]:
    import jinja2
    from docxtpl import DocxTemplate

    try:
        return DocxTemplate(io.BytesIO(data)).get_undeclared_template_variables() - set(FIELDS)
    except jinja2.TemplateError as exc:
        raise InputError([InputProblem(name, f"a template field is malformed: {exc}")]) from None
    except Exception as exc:  # python-docx raises several kinds for a file that is not a .docx
        raise InputError([InputProblem(name, f"not a Word document (.docx): {exc}")]) from None


def render_letters(offers: tuple[Offer, ...], template: bytes, fields: list[dict[str, Any]]):
    """One rendered :class:`docx.Document` per offer."""
    from docxtpl import DocxTemplate

    documents = []
    for context in fields:
        tpl = DocxTemplate(io.BytesIO(template))
        tpl.render(context, autoescape=True)
        documents.append(tpl.docx)
    return documents


def combine(documents: list):
    """All letters in one document, a page break between them. Every letter comes from the same template, so the
    relationships (images, styles) its body refers to are the first letter's as well."""
    from docx.enum.text import WD_BREAK

    first = documents[0]
    body = first.element.body
    for doc in documents[1:]:
        first.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        for child in doc.element.body.iterchildren():
            if child.tag == _SECT_PR:
                continue
            section = body.sectPr
            if section is not None:
                section.addprevious(copy.deepcopy(child))
            else:
                body.append(copy.deepcopy(child))
    return first


def write_letters(offers: tuple[Offer, ...], out_dir: str | Path, *, lang: str = "da",
                  template: str | Path | None = None, date: dt.date | None = None, answer_days: int = 14,
                  coordinator: str | None = None, phone: str | None = None) -> Written:
    """Write one letter per offer and the combined document into ``out_dir``, all or nothing.

    ``out_dir`` may be new, empty, or hold only ``.docx`` files (an earlier run's letters, replaced whole);
    anything else there is an :class:`InputError`, so a letters run never mixes with or deletes other files.
    """
    from allocator.write.atomic import atomic_folder

    out = Path(out_dir)
    _check_folder(out)
    if answer_days < 0:
        raise InputError([InputProblem("--answer-days", "must be 0 or more", value=answer_days)])
    data = load_template(template, lang)
    date = date or dt.date.today()
    fields = [letter_fields(o, lang, date=date, answer_days=answer_days, coordinator=coordinator, phone=phone)
              for o in offers]
    documents = render_letters(offers, data, fields)
    w = LETTER[lang]
    names = _file_names([o.household_id for o in offers], w["file_prefix"], reserved={w["combined"].casefold()})
    with atomic_folder(out) as tmp:
        for doc, name in zip(documents, names, strict=True):
            doc.save(tmp / name)
        combined = None
        if documents:
            combined = f"{w['combined']}.docx"
            combine(documents).save(tmp / combined)
    return Written(out, tuple(out / n for n in names), out / combined if combined else None)


def _file_names(ids: list[str], prefix: str, reserved: set[str]) -> list[str]:
    """``tilbud-<stem>.docx`` per id; ids that come out the same (ignoring case, as Windows does) get -2, -3."""
    taken = set(reserved)
    names = []
    for household_id in ids:
        base = f"{prefix}-{file_stem(household_id)}"
        stem, k = base, 2
        while stem.casefold() in taken:
            stem, k = f"{base}-{k}", k + 1
        taken.add(stem.casefold())
        names.append(f"{stem}.docx")
    return names


def _check_folder(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise InputError([InputProblem(str(out), "is a file; --out must be a folder")])
    if out.is_dir():
        other = sorted(p.name for p in out.iterdir() if not (p.is_file() and p.suffix.lower() == ".docx"))
        if other:
            raise InputError([InputProblem(
                str(out), "holds files that are not letters (" + ", ".join(other[:5])
                + (", ..." if len(other) > 5 else "") + "); choose a new or empty folder")])
