"""The words of the offer letters, in Danish (default) and English: the default template's text, the final-offer
wording and how dates and amounts are written. The sheet's header words stay in :mod:`allocator.write.xlsx_words`.
"""

from __future__ import annotations

import datetime as dt

MONTHS = {
    "da": ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
           "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}

LETTER = {
    "da": {
        "file_prefix": "tilbud",
        "combined": "alle-tilbud",
        "not_given": "ikke oplyst",
        "per_month": "kr. om måneden",
        "final_text": (
            "Dette er dit endelige tilbud. Du har afslået de tilbud, du kan afslå, og ved uenighed mellem lejer og "
            "udlejer om genhusningen bestemmer udlejer (almenlejeloven § 86). Tilbuddet er derfor udlejers "
            "afgørelse."
        ),
        # The default template, paragraph by paragraph (see allocator.letters.template).
        "title": "Genhusningstilbud",
        "greeting": "Kære {{ name }}",
        "intro": (
            "Din bolig skal renoveres, og du skal derfor genhuses. Vi kan tilbyde dig denne bolig (husstand "
            "{{ household_id }}):"
        ),
        "facts": (
            ("Bolig", "{{ dwelling_id }}, {{ dwelling_address }}"),
            ("Afdeling", "{{ department }}"),
            ("Antal rum", "{{ rooms }}"),
            ("Areal", "{{ area }}"),
            ("Husleje", "{{ rent }}"),
            ("Huslejeændring", "{{ rent_change }} i forhold til din nuværende husleje"),
            ("Ledig fra", "{{ available_from }}"),
        ),
        "move_text": "Vi har planlagt din flytning til den {date}",
        "move_back_text": " og din flytning tilbage til din egen bolig til den {date}",
        "answer": (
            "Svar venligst senest {{ answer_by }} med svarblanketten \"Ja tak til bolig\" på næste side. Hører vi "
            "ikke fra dig, kontakter vi dig."
        ),
        "contact": (
            "Har du spørgsmål, er du velkommen til at kontakte {{ coordinator }}"
            "{% if phone %}, telefon {{ phone }}{% endif %}."
        ),
        "regards": "Med venlig hilsen",
        "reply_title": "Ja tak til bolig",
        "reply_intro": "Husstand {{ household_id }}, {{ name }}, {{ address }}",
        "reply_yes": "☐  Ja tak, jeg/vi vil gerne have bolig {{ dwelling_id }}, {{ dwelling_address }}.",
        "reply_no": "☐  Nej tak, jeg/vi ønsker ikke boligen.",
        "reply_sign": "Dato: ____________   Underskrift: ________________________________",
        "reply_return": "Returneres senest {{ answer_by }}.",
    },
    "en": {
        "file_prefix": "offer",
        "combined": "all-offers",
        "not_given": "not given",
        "per_month": "a month",
        "final_text": (
            "This is your final offer. You have refused the offers you may refuse, and where resident and landlord "
            "disagree about the rehousing, the landlord decides (almenlejeloven § 86). This offer is therefore "
            "the landlord's decision."
        ),
        "title": "Offer of a replacement dwelling",
        "greeting": "Dear {{ name }}",
        "intro": (
            "Your home is to be renovated, so you are to be rehoused. We can offer you this dwelling (household "
            "{{ household_id }}):"
        ),
        "facts": (
            ("Dwelling", "{{ dwelling_id }}, {{ dwelling_address }}"),
            ("Department", "{{ department }}"),
            ("Rooms", "{{ rooms }}"),
            ("Area", "{{ area }}"),
            ("Rent", "{{ rent }}"),
            ("Rent change", "{{ rent_change }} compared with your current rent"),
            ("Available from", "{{ available_from }}"),
        ),
        "move_text": "We have planned your move for {date}",
        "move_back_text": " and your move back to your own home for {date}",
        "answer": (
            "Please answer by {{ answer_by }} with the reply form \"Yes please\" on the next page. If we do not "
            "hear from you, we will contact you."
        ),
        "contact": (
            "If you have questions, please contact {{ coordinator }}{% if phone %}, phone {{ phone }}{% endif %}."
        ),
        "regards": "Kind regards",
        "reply_title": "Yes please",
        "reply_intro": "Household {{ household_id }}, {{ name }}, {{ address }}",
        "reply_yes": "☐  Yes please, I/we would like dwelling {{ dwelling_id }}, {{ dwelling_address }}.",
        "reply_no": "☐  No thank you, I/we do not want the dwelling.",
        "reply_sign": "Date: ____________   Signature: ________________________________",
        "reply_return": "Please return by {{ answer_by }}.",
    },
}


def date_text(day: dt.date | None, lang: str) -> str:
    """``18. februar 2027`` / ``18 February 2027``."""
    if day is None:
        return LETTER[lang]["not_given"]
    month = MONTHS[lang][day.month - 1]
    return f"{day.day}. {month} {day.year}" if lang == "da" else f"{day.day} {month} {day.year}"


def number_text(value: float | None, lang: str, decimals: int | None = None) -> str:
    """Danish ``6.250,50``, English ``6,250.50``; whole numbers without decimals."""
    if value is None:
        return LETTER[lang]["not_given"]
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    text = f"{value:,.{decimals}f}"
    if lang == "da":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def amount_text(value: float | None, lang: str, signed: bool = False) -> str:
    """``6.250 kr. om måneden`` / ``DKK 6,250 a month``; ``signed`` puts + before a rise."""
    if value is None:
        return LETTER[lang]["not_given"]
    number = number_text(abs(value) if signed else value, lang)
    if signed:
        number = ("+" if value > 0 else "-" if value < 0 else "") + number
    if lang == "da":
        return f"{number} {LETTER[lang]['per_month']}"
    return f"DKK {number} {LETTER[lang]['per_month']}"
