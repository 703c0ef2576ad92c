"""The offer rounds' warnings in English and Danish, one template pair per warning, for
:class:`~allocator.notice.Notice`: English for the terminal, the log and the JSON, Danish for the Danish
workbook's Kontrol sheet."""

from __future__ import annotations

import re

from allocator.notice import Notice

WARNINGS = {
    "refused_final": (
        "{where}: {hid} refused a final offer ({did}, round {round}); where resident and landlord disagree the "
        "landlord decides (almenlejeloven § 86). genhus makes another final offer; pin a dwelling in the "
        "decisions to keep the landlord's decision",
        "{where}: {hid} har afslået et endeligt tilbud ({did}, runde {round}); ved uenighed mellem lejer og "
        "udlejer bestemmer udlejer (almenlejeloven § 86). genhus giver et nyt endeligt tilbud; fastlås en bolig "
        "på arket Beslutninger for at holde fast i udlejers beslutning",
    ),
    "accepted_absent": (
        "{where}: {hid} accepted {did} in round {round} but is no longer in the households file; {did} stays "
        "let to it and is not offered to anyone else",
        "{where}: {hid} accepterede {did} i runde {round}, men er ikke længere i husstandsfilen; {did} forbliver "
        "udlejet til husstanden og tilbydes ikke andre",
    ),
    "void_absent": (
        "{where}: the offer {hid} -> {did} (round {round}) is void: {hid} is no longer in the households file; "
        "{did} is free again",
        "{where}: tilbuddet {hid} -> {did} (runde {round}) bortfalder: {hid} er ikke længere i husstandsfilen; "
        "{did} er ledig igen",
    ),
    "void_vanished": (
        "{where}: the offer {hid} -> {did} (round {round}) is void: {did} is no longer in the vacancies file; "
        "{hid} takes part in round {this} again",
        "{where}: tilbuddet {hid} -> {did} (runde {round}) bortfalder: {did} er ikke længere i boligfilen; "
        "{hid} er med igen i runde {this}",
    ),
    "kept_vanished": (
        "{where}: {hid} accepted {did} in round {round}, but {did} is no longer in the vacancies file; {hid} "
        "keeps it (it has a lease on it), with the dwelling's data from the previous offers sheet",
        "{where}: {hid} accepterede {did} i runde {round}, men {did} er ikke længere i boligfilen; {hid} beholder "
        "boligen (husstanden har lejekontrakt på den), med boligens oplysninger fra det forrige tilbudsark",
    ),
    "forbid_withdraws": (
        "{where}: the offer {hid} -> {did} (round {round}) is withdrawn: the coordinator forbids it; {hid} takes "
        "part in round {this} again (not counted as a refusal)",
        "{where}: tilbuddet {hid} -> {did} (runde {round}) er trukket tilbage: koordinatoren har udelukket det; "
        "{hid} er med igen i runde {this} (tæller ikke som et afslag)",
    ),
    "forced_name": (
        "{where}: {hid} is named {shown!r} on the workbook but {name!r} in the households file, which is not the "
        "file the workbook was made from ({recorded}); used anyway (--force-history)",
        "{where}: {hid} hedder {shown!r} i arbejdsbogen, men {name!r} i husstandsfilen, som ikke er den fil, "
        "arbejdsbogen blev lavet ud fra ({recorded}); brugt alligevel, som ønsket",
    ),
    "forced_name_unrecorded": (
        "{where}: {hid} is named {shown!r} on the workbook but {name!r} in the households file, which is not the "
        "file the workbook was made from (unknown); used anyway (--force-history)",
        "{where}: {hid} hedder {shown!r} i arbejdsbogen, men {name!r} i husstandsfilen, som ikke er den fil, "
        "arbejdsbogen blev lavet ud fra (ukendt); brugt alligevel, som ønsket",
    ),
    "forced_kept_accepted": (
        "{where}: the accepted offer {hid} -> {did} is kept (--force-history) although {why}",
        "{where}: det accepterede tilbud {hid} -> {did} er beholdt som ønsket, selv om {why_da}",
    ),
    "forced_kept_pending": (
        "{where}: the pending offer {hid} -> {did} is kept (--force-history) although {why}",
        "{where}: tilbuddet {hid} -> {did}, som afventer svar, er beholdt som ønsket, selv om {why_da}",
    ),
    "no_household": (
        "household {hid} is not in the households file",
        "husstanden {hid} er ikke i husstandsfilen",
    ),
    "no_dwelling": (
        "dwelling {did} is not in the vacancies file",
        "boligen {did} er ikke i boligfilen",
    ),
    "pin_idle": (
        "{where}: decision {hid} -> {did} has no effect in round {this}: {why}",
        "{where}: beslutningen {hid} -> {did} har ingen virkning i runde {this}: {why_da}",
    ),
}
"""Per warning: its English and its Danish template (``where`` is put in Danish by :func:`where_da`)."""

_WHERE = re.compile(r"(, sheet '([^']*)')?( row (\d+))?$")


def where_da(where: str) -> str:
    """``"book.xlsx, sheet 'Tilbud' row 7"`` -> ``"book.xlsx, arket 'Tilbud' række 7"``."""

    def danish(m: re.Match[str]) -> str:
        sheet = f", arket '{m.group(2)}'" if m.group(1) else ""
        row = f" række {m.group(4)}" if m.group(3) else ""
        return sheet + row

    return _WHERE.sub(danish, where, count=1)


def warning(key: str, **fields: object) -> Notice:
    """The round warning ``key`` in both languages."""
    en, da = WARNINGS[key]
    da_fields = dict(fields)
    if "where" in fields:
        da_fields["where"] = where_da(str(fields["where"]))
    if "why" in fields:
        why = fields["why"]
        da_fields["why_da"] = why.da if isinstance(why, Notice) else why
    return Notice(en.format(**fields), da.format(**da_fields))
