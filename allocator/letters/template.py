"""The default letter template, built in code with python-docx (so no binary file lives in the repository or has
to be shipped as package data): a "Genhusningstilbud" letter and, on its second page, the "Ja tak til bolig"
reply form. ``genhus letters --save-template FILE.docx`` writes it out for an organisation to restyle and reword
in Word; its ``{{ ... }}`` fields are those of :data:`allocator.letters.render.FIELDS`.
"""

from __future__ import annotations

import io

from allocator.letters.words import LETTER


def default_template(lang: str) -> bytes:
    """The default template of the language as ``.docx`` bytes."""
    from docx import Document
    from docx.shared import Cm, Pt

    w = LETTER[lang]
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # A4
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.5))
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)

    doc.add_paragraph("{{ name }}\n{{ address }}")
    doc.add_paragraph("{{ date }}").alignment = 2  # right
    doc.add_heading(w["title"], level=1)
    doc.add_paragraph(w["greeting"])
    doc.add_paragraph(w["intro"])
    table = doc.add_table(rows=0, cols=2)
    for label, field in w["facts"]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, field
        cells[0].paragraphs[0].runs[0].bold = True
    doc.add_paragraph("{%p if move_text %}")
    doc.add_paragraph("{{ move_text }}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if final_offer %}")
    doc.add_paragraph().add_run("{{ final_text }}").bold = True
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph(w["answer"])
    doc.add_paragraph("{%p if coordinator %}")
    doc.add_paragraph(w["contact"])
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph(w["regards"] + "\n{{ coordinator }}")

    doc.add_page_break()
    doc.add_heading(w["reply_title"], level=1)
    doc.add_paragraph(w["reply_intro"])
    doc.add_paragraph(w["reply_yes"])
    doc.add_paragraph(w["reply_no"])
    doc.add_paragraph(w["reply_sign"])
    doc.add_paragraph(w["reply_return"])

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
