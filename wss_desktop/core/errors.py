"""Errors a user can cause or fix. Their message is shown as it is, so it says what
happened and what to do, in plain English."""

import errno


class UserError(Exception):
    pass


class InputError(UserError, ValueError):
    """Something typed or chosen that the app cannot accept."""


class DiskFull(UserError):
    """This computer's disk (or the user's share of it) has no room for what was being
    written; nothing of it was kept. The same write may succeed once there is room."""


def no_room(exc: OSError) -> bool:
    """Whether a failed write found no room: the disk full (ENOSPC) or the user's share
    of it used up (EDQUOT, where the system has quotas)."""
    return exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
