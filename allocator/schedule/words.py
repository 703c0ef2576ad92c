"""The schedule's words outside the workbook (calendar events), Danish and English. The workbook's words are
in ``allocator.write.xlsx_words`` with the other sheets'."""

from __future__ import annotations

from allocator.notice import Notice

MOVE_WORDS = {
    "da": {"permanent": "permanent", "out": "udflytning", "back": "tilbageflytning"},
    "en": {"permanent": "permanent", "out": "move out", "back": "move back"},
}

WORDS = {
    "da": {
        "calendar_name": "Flytteskema",
        "move": "Flytning",
        "household": "husstand",
        "dwelling": "Bolig",
        "phase": "etape",
    },
    "en": {
        "calendar_name": "Moving schedule",
        "move": "Move",
        "household": "household",
        "dwelling": "Dwelling",
        "phase": "phase",
    },
}


MOVE_NOUNS = {
    "da": {"permanent": "flytning", "out": "udflytning", "back": "tilbageflytning"},
    "en": {"permanent": "move", "out": "move out", "back": "move back"},
}
"""A move in a sentence ("the booked date for its move out")."""

DROPPED = {
    "no_move": {
        "en": "household {household}: the booked date {date} for its {move} was not kept: the household has no "
        "{move} now (no accepted or pending offer with one). Delete the date, or book the move again.",
        "da": "husstand {household}: den faste dato {date} for {move} er ikke brugt: husstanden har ikke "
        "længere en {move} (intet accepteret eller udestående tilbud med den). Slet datoen, eller aftal "
        "flytningen igen.",
    },
    "other_dwelling": {
        "en": "household {household}: the booked date {date} for its {move} was for dwelling {booked}; its "
        "offer is now dwelling {dwelling}, so the date was not kept and the move was planned again. Agree the "
        "new date with the household.",
        "da": "husstand {household}: den faste dato {date} for {move} gjaldt bolig {booked}; tilbuddet er nu "
        "bolig {dwelling}, så datoen er ikke brugt, og flytningen er planlagt igen. Aftal den nye dato med "
        "husstanden.",
    },
}
"""A booked date not kept (``allocator.schedule.booked.DroppedBooking``), by reason."""


def dropped_notice(dropped) -> Notice:
    """The notice for one booked date not kept, in English with its Danish text."""
    texts = {}
    for lang, date in (("en", dropped.date.isoformat()), ("da", dropped.date.strftime("%d-%m-%Y"))):
        texts[lang] = DROPPED[dropped.reason][lang].format(
            household=dropped.household_id,
            date=date,
            move=MOVE_NOUNS[lang].get(dropped.type, dropped.type),
            booked=dropped.booked_dwelling,
            dwelling=dropped.dwelling_id,
        )
    return Notice(texts["en"], texts["da"])
