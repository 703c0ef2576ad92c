"""Every word of the explanations (Begrundelser, Ikke anvist), in Danish and English, in one place.

A native speaker reviews the wording here; the modules that establish the facts only pick the phrase. The same
thing has one word throughout: a dwelling the rules allow a household is *egnet* / *suitable* (the law's
"passende" is kept only in the rule title "passende størrelse"), and *ledig* / *vacancy* means a dwelling of the
vacancies file, whether or not an offer holds it.
"""

from __future__ import annotations


def id_list(ids: list[str], lang: str, shown: int) -> str:
    """The first ``shown`` ids, and how many more there are: a reason stays readable with 200 holders."""
    text = ", ".join(ids[:shown])
    more = len(ids) - shown
    if more <= 0:
        return text
    return text + (f" og {more} flere" if lang == "da" else f" and {more} more")


def count(n: int, one: str, many: str) -> str:
    """``1 bolig``, ``3 boliger``."""
    return f"{n} {one if n == 1 else many}"


WORDS = {
    "da": {
        # the head of one wished department's sentence
        "dwelling": "bolig",
        "dwellings": "boliger",
        "wish_head": "{k}. ønske, {department}",
        "no_vacancies_in": "ingen ledige boliger i {department}",
        # why a household ahead came first
        "permanent_first": "permanent før midlertidig",
        "earlier_seniority": "tidligere anciennitetsdato",
        "seeded_draw": "samme type og dato, afgjort ved lodtrækning",
        "ahead_one": "1 givet til en husstand, der går forud ({why}){when}: {ids}",
        "ahead_many": "{n} givet til husstande, der går forud ({why}){when}: {ids}",
        # held by a household with lower priority, and why that does not help
        "behind_one": "1 givet til {ids}, der har lavere prioritet: {why}",
        "behind_many": "{n} givet til husstande med lavere prioritet ({ids}): {why}",
        "would_lose_wish_one": (
            "hvis husstanden fik den, kunne alle andre stadig få en bolig, men så ville en husstand, der går "
            "forud, få et dårligere ønske opfyldt"
        ),
        "would_lose_wish_many": (
            "hvis husstanden fik en af dem, kunne alle andre stadig få en bolig, men så ville en husstand, der "
            "går forud, få et dårligere ønske opfyldt"
        ),
        "would_lose_home_one": "hvis husstanden fik den, ville en anden husstand stå uden bolig",
        "would_lose_home_many": "hvis husstanden fik en af dem, ville en anden husstand stå uden bolig",
        "weighted_one": (
            "1 givet til {ids}, der har lavere prioritet, efter den vægtede målsætning, der afvejer ønsker mod "
            "anciennitet"
        ),
        "weighted_many": (
            "{n} givet til husstande med lavere prioritet efter den vægtede målsætning, der afvejer ønsker mod "
            "anciennitet: {ids}"
        ),
        "shared_one": "1 givet til en husstand med lavere prioritet{when}: {ids}",
        "shared_many": "{n} givet til husstande med lavere prioritet{when}: {ids}",
        "shared_line_one": "1 givet til {ids}, der har lavere prioritet",
        # held by an earlier decision: named for what it is
        "accepted_one": "1 accepteret i en tidligere runde af {ids}, {rel}{when}",
        "accepted_many": "{n} accepteret i tidligere runder af husstande{rel}{when}: {ids}",
        "pending_one": "1 med et udestående tilbud til {ids}, {rel}{when}",
        "pending_many": "{n} med udestående tilbud til husstande{rel}{when}: {ids}",
        "pinned_one": "1 fastlåst af koordinatoren til {ids}, {rel}{when}",
        "pinned_many": "{n} fastlåst af koordinatoren til husstande{rel}{when}: {ids}",
        "decided_one": "1 fastlagt ved en tidligere beslutning til {ids}, {rel}{when}",
        "decided_many": "{n} fastlagt ved tidligere beslutninger til husstande{rel}{when}: {ids}",
        "rel_ahead_one": "der går forud",
        "rel_behind_one": "der har lavere prioritet",
        "rel_ahead_many": ", der går forud",
        "rel_behind_many": " med lavere prioritet",
        # the rest
        "unsuitable_one": "ikke egnet",
        "unsuitable_many": "ikke egnede",
        "excluded": "afslået tidligere eller udelukket ved en beslutning",
        "left_free_one": "1 står tom",
        "left_free_many": "{n} står tomme",
        # the household's own dwelling was fixed
        "own_accepted": "husstanden har takket ja til sin bolig i en tidligere runde",
        "own_pending": "husstandens tilbud fra en tidligere runde er endnu ikke besvaret",
        "own_pinned": "koordinatoren har fastlåst husstandens bolig",
        "own_decided": (
            "boligen er fastlagt ved en tidligere beslutning (et accepteret eller udestående tilbud, eller "
            "koordinatorens valg)"
        ),
        # Ikke anvist
        "suitable_one": "egnet ledig bolig",
        "suitable_many": "egnede ledige boliger",
        "all_ahead_one": "givet til en husstand med højere prioritet{when} ({ids})",
        "all_ahead_many": "alle givet til husstande med højere prioritet{when} ({ids})",
        "to_ahead_one": "1 givet til en husstand med højere prioritet{when} ({ids})",
        "to_ahead_many": "{n} givet til husstande med højere prioritet{when} ({ids})",
        "to_behind_one": "1 givet til en husstand med lavere prioritet{when} ({ids})",
        "to_behind_many": "{n} givet til husstande med lavere prioritet{when} ({ids})",
        "all_excluded_one": "afslået tidligere eller udelukket ved en beslutning",
        "all_excluded_many": "alle afslået tidligere eller udelukket ved en beslutning",
        "n_excluded_one": "1 afslået tidligere eller udelukket ved en beslutning",
        "n_excluded_many": "{n} afslået tidligere eller udelukket ved en beslutning",
        # a phased case (issue 12): what holds a dwelling during the household's stay ({when} above)
        "stay_span": "husstandens genhusning {span}",
        "span_until": "{start} til {until}",
        "span_for_good": "fra {start} for bestandig",
        "held_until": "optaget af etape {phase} til {date}",
        "held_for_good": "optaget af etape {phase} for bestandig",
        "held_from": "optaget af etape {phase} fra {date}",
        "turnaround_until": ", klar igen {date}",
        "turnaround_from": ", under klargøringen efter husstanden",
        "window_late": "ledig først fra {date}",
        "window_early": "kun ledig til {date}",
        "or_later": " eller senere",
        "or_earlier": " eller før",
        "left_free_during_one": "1 står tom under husstandens genhusning",
        "left_free_during_many": "{n} står tomme under husstandens genhusning",
    },
    "en": {
        "dwelling": "dwelling",
        "dwellings": "dwellings",
        "wish_head": "{ordinal} wish, {department}",
        "no_vacancies_in": "no vacancies in {department}",
        "permanent_first": "permanent before temporary",
        "earlier_seniority": "earlier seniority date",
        "seeded_draw": "same kind and date, decided by the seeded draw",
        "ahead_one": "1 given to a household that comes first ({why}){when}: {ids}",
        "ahead_many": "{n} given to households that come first ({why}){when}: {ids}",
        "behind_one": "1 given to {ids}, which has lower priority: {why}",
        "behind_many": "{n} given to households with lower priority ({ids}): {why}",
        "would_lose_wish_one": (
            "had this household got it, everyone else could still be housed, but a household that comes first "
            "would get a worse wish"
        ),
        "would_lose_wish_many": (
            "had this household got one of them, everyone else could still be housed, but a household that comes "
            "first would get a worse wish"
        ),
        "would_lose_home_one": "had this household got it, another household would be left without a home",
        "would_lose_home_many": (
            "had this household got one of them, another household would be left without a home"
        ),
        "weighted_one": (
            "1 given to {ids}, which has lower priority, by the weighted objective, which weighs wishes against "
            "seniority"
        ),
        "weighted_many": (
            "{n} given to households with lower priority by the weighted objective, which weighs wishes against "
            "seniority: {ids}"
        ),
        "shared_one": "1 given to a household with lower priority{when}: {ids}",
        "shared_many": "{n} given to households with lower priority{when}: {ids}",
        "shared_line_one": "1 given to {ids}, which has lower priority",
        "accepted_one": "1 accepted in an earlier round by {ids}, {rel}{when}",
        "accepted_many": "{n} accepted in earlier rounds by households{rel}{when}: {ids}",
        "pending_one": "1 with a pending offer to {ids}, {rel}{when}",
        "pending_many": "{n} with pending offers to households{rel}{when}: {ids}",
        "pinned_one": "1 pinned by the coordinator to {ids}, {rel}{when}",
        "pinned_many": "{n} pinned by the coordinator to households{rel}{when}: {ids}",
        "decided_one": "1 fixed by an earlier decision for {ids}, {rel}{when}",
        "decided_many": "{n} fixed by earlier decisions for households{rel}{when}: {ids}",
        "rel_ahead_one": "which comes first",
        "rel_behind_one": "which has lower priority",
        "rel_ahead_many": " that come first",
        "rel_behind_many": " with lower priority",
        "unsuitable_one": "not suitable",
        "unsuitable_many": "not suitable",
        "excluded": "refused earlier or excluded by a coordinator's decision",
        "left_free_one": "1 left free",
        "left_free_many": "{n} left free",
        "own_accepted": "the household accepted its dwelling in an earlier round",
        "own_pending": "the household's offer from an earlier round is not answered yet",
        "own_pinned": "the coordinator pinned the household's dwelling",
        "own_decided": (
            "its dwelling was fixed by an earlier decision (an accepted or pending offer, or a coordinator's pin)"
        ),
        "suitable_one": "suitable vacancy",
        "suitable_many": "suitable vacancies",
        "all_ahead_one": "given to a household with higher priority{when} ({ids})",
        "all_ahead_many": "all given to households with higher priority{when} ({ids})",
        "to_ahead_one": "1 given to a household with higher priority{when} ({ids})",
        "to_ahead_many": "{n} given to households with higher priority{when} ({ids})",
        "to_behind_one": "1 given to a household with lower priority{when} ({ids})",
        "to_behind_many": "{n} given to households with lower priority{when} ({ids})",
        "all_excluded_one": "refused earlier or excluded by a coordinator's decision",
        "all_excluded_many": "all refused earlier or excluded by a coordinator's decision",
        "n_excluded_one": "1 refused earlier or excluded by a coordinator's decision",
        "n_excluded_many": "{n} refused earlier or excluded by a coordinator's decision",
        "stay_span": "the household's stay {span}",
        "span_until": "{start} to {until}",
        "span_for_good": "from {start} for good",
        "held_until": "held by phase {phase} until {date}",
        "held_for_good": "held by phase {phase} for good",
        "held_from": "held by phase {phase} from {date}",
        "turnaround_until": ", ready again {date}",
        "turnaround_from": ", during the turnaround after this household",
        "window_late": "free only from {date}",
        "window_early": "free only until {date}",
        "or_later": " or later",
        "or_earlier": " or earlier",
        "left_free_during_one": "1 left free during the household's stay",
        "left_free_during_many": "{n} left free during the household's stay",
    },
}
"""Phrases by key; ``_one`` / ``_many`` are the forms for one dwelling and for several."""


def phrase(key: str, lang: str, n: int | None = None, **fields: str) -> str:
    """The phrase ``key`` (its ``_one`` or ``_many`` form when ``n`` is given), filled in."""
    if n is not None:
        key = f"{key}_{'one' if n == 1 else 'many'}"
    return WORDS[lang][key].format(n=n, **fields)


def ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"
