"""Offer letters (``genhus letters``): a Word document per household with an offer on a genhus workbook's offers
sheet, and one combined document for printing, from a template with named ``{{ fields }}`` (docxtpl).

- :mod:`allocator.letters.read_offers` reads the ``Tilbud`` / ``Offers`` sheet by its headers;
- :mod:`allocator.letters.render` fills the template and writes the folder, all letters or none;
- :mod:`allocator.letters.template` builds the default Danish (or English) template in code;
- :mod:`allocator.letters.words` holds the letters' words.
"""

from __future__ import annotations

from allocator.letters.read_offers import Offer, read_offers
from allocator.letters.render import FIELDS, Written, file_stem, write_letters

__all__ = ["FIELDS", "Offer", "Written", "file_stem", "read_offers", "write_letters"]
