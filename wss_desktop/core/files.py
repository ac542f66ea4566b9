"""Saving a file where the user chose (a report, a survey form, an overview, a framework,
a file for a partner): written whole beside its target and only then moved into place,
so a full disk, a folder that cannot be written to or a crash never leaves the earlier
copy cut short or a half-written file behind; and what went wrong is said in plain words.

A new file is made readable by this user only (it may name children), as the reports
have always been; a file saved over keeps the permissions it had, so one the user shared
with others on the computer stays shared."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Mapping

from .errors import DiskFull, UserError, no_room

ANY_PLACE = "Check the folder can be written to, or choose another place, and try again."
IF_IN_A_SPREADSHEET = "If it is open in a spreadsheet, close it, or choose another name."
IF_IN_A_PDF_VIEWER = "If the file is open in a PDF viewer, close it, or choose another name."
IF_IN_A_WORD_PROCESSOR = "If the file is open in Word or another editor, close it, or choose another name."


def check_target(target: Path, example: str, what: str, *, error: type[UserError] = UserError) -> None:
    """Refuse, in plain words naming `what` is saved ("the report"), a target that is a
    folder, or whose folder is missing or is a file. `example` is a file name to suggest;
    `error` the kind of UserError raised."""
    if target.is_dir():
        raise error(f"{target} is a folder; give a file name for {what}, such as {target / example}.")
    folder = target.parent
    if folder.exists() and not folder.is_dir():
        raise error(f"{folder} is a file, not a folder; choose another place to save {what}.")
    if not folder.is_dir():
        raise error(f"The folder {folder} does not exist; choose another place to save {what}.")


def save_bytes(target: str | Path, data: bytes, what: str, *, advice: str = ANY_PLACE) -> Path:
    """Write `data` at `target` whole, or not at all. `what` names the file for the
    user ("the survey form"); `advice` is what to try when the folder refuses it."""
    return save_files({Path(target): data}, what, advice=advice)[0]


def save_files(contents: Mapping[Path, bytes], what: str, *, advice: str = ANY_PLACE) -> list[Path]:
    """Write several files that belong together: every one is written whole before any
    is moved into place, so a disk that fills part way through changes none of them."""
    staged: dict[Path, Path] = {}
    target = next(iter(contents))
    try:
        for target, data in contents.items():
            fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
            staged[target] = Path(name)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            try:
                os.chmod(name, stat.S_IMODE(os.stat(target).st_mode))
            except FileNotFoundError:
                pass
        for target, part in staged.items():
            os.replace(part, target)
    except OSError as exc:
        for part in staged.values():
            part.unlink(missing_ok=True)
        raise _not_saved(exc, target, what, advice, made=target in staged) from None
    return list(contents)


def _not_saved(exc: OSError, target: Path, what: str, advice: str, *, made: bool) -> UserError:
    if no_room(exc):
        return DiskFull(f"The disk is full at {target.parent}, so {what} was not saved and "
                        f"nothing there was changed. Free some space, or choose another place, "
                        f"and try again.")
    why = exc.strerror or str(exc)
    if not made:
        return UserError(f"{_first_upper(what)} could not be saved in {target.parent} ({why}); "
                         f"choose another folder.")
    return UserError(f"{_first_upper(what)} could not be saved as {target} ({why}). {advice}")


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


__all__ = ["ANY_PLACE", "IF_IN_A_PDF_VIEWER", "IF_IN_A_SPREADSHEET", "IF_IN_A_WORD_PROCESSOR", "check_target", "save_bytes", "save_files"]
