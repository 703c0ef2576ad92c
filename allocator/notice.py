"""A warning that knows its Danish wording: :class:`Notice`.

Warnings travel as plain strings (the terminal, the log and the JSON are English); a :class:`Notice` is such a
string that also carries its Danish text, so that the Danish workbook's Kontrol sheet can show it in Danish
without translating English after the fact. Code that treats warnings as strings keeps working.
"""

from __future__ import annotations


class Notice(str):
    """English text (the string itself) with its Danish wording in :attr:`da`."""

    da: str

    def __new__(cls, en: str, da: str) -> Notice:
        obj = super().__new__(cls, en)
        obj.da = da
        return obj

    def __getnewargs__(self) -> tuple[str, str]:  # pickling and copying keep the Danish text
        return (str(self), self.da)

    def prefixed(self, en: str, da: str) -> Notice:
        """The same notice after a prefix in each language (where it was found)."""
        return Notice(en + str(self), da + self.da)


def notice_text(warning: str, lang: str) -> str:
    """A warning in ``lang``: a :class:`Notice`'s Danish text for ``"da"``, otherwise the string as it is."""
    if lang == "da" and isinstance(warning, Notice):
        return warning.da
    return str(warning)
