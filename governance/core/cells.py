"""Cells of every CSV and XLSX the portal writes, neutralised against formula injection (OWASP "CSV injection").

A spreadsheet treats text that starts with = + - @ (and tab or CR, which some strip first) as a
formula, so a resident's title "=HYPERLINK(...)" would run in the officer's Excel. Such text gets
a leading apostrophe, which every spreadsheet shows as plain text. Numbers, dates and booleans
keep their type: a negative number is still a number. Characters XML 1.0 forbids are dropped,
since an XLSX sheet is XML and openpyxl refuses them (rows stored before the text rule have some).
"""

from collections.abc import Iterable

from .text import xml_safe

# The ASCII triggers, and their full-width forms, which Excel in a Chinese locale also reads as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def safe_cell(value):
    """`value` as a spreadsheet may hold it: text made inert, anything else unchanged."""
    if not isinstance(value, str):
        return value
    value = xml_safe(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def safe_row(values: Iterable) -> list:
    return [safe_cell(value) for value in values]
