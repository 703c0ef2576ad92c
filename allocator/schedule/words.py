"""The schedule's words outside the workbook (calendar events), Danish and English. The workbook's words are
in ``allocator.write.xlsx_words`` with the other sheets'."""

from __future__ import annotations

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
