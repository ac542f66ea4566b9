"""Workbooks made or changed by another program (survey returns, the school's comments
on a draft): how openpyxl fails on a file that is damaged, or is not a workbook at all,
in one place, so that each import says so in one sentence and changes nothing."""

from __future__ import annotations

import zipfile
import zlib


def unreadable() -> tuple[type[BaseException], ...]:
    """What opening a workbook, or going through its rows (openpyxl reads a sheet only
    then), raises when the file is damaged or is not a workbook."""
    from openpyxl.utils.exceptions import InvalidFileException
    return (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError,
            SyntaxError,             # ElementTree's (or lxml's) ParseError: its XML cut off or garbled
            zlib.error, EOFError)    # a part of the zip cut short
