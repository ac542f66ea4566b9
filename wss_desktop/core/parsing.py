"""Forgiving reading of what a reviewer types: UK dates, times and percentages.

Each reader returns None for an empty field, the value for anything it understands,
and raises ValueError with a plain sentence (quoting what was typed and showing a
form that works) for anything else, so the screen can leave the text in the field,
mark it and say why, instead of throwing the typing away."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {name: i for i, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")), 1) for name in names}
EMPTY_WORDS = {"", "not set", "none", "no date"}


def _year(text: str | None, today: dt.date) -> int:
    if not text:
        return today.year
    year = int(text)
    return 2000 + year if year < 100 else year


def _date_problem(text: str) -> ValueError:
    return ValueError(f"“{text}” is not a date this app understands. Try 15/12/2026, "
                      f"15 Dec 2026, today or +7d.")


def parse_date(text: str, today: dt.date | None = None) -> dt.date | None:
    today = today or dt.date.today()
    raw = text.strip()
    t = raw.lower().rstrip(".")
    if t in EMPTY_WORDS:
        return None
    words = {"today": 0, "tomorrow": 1, "yesterday": -1}
    if t in words:
        return today + dt.timedelta(days=words[t])
    m = re.fullmatch(r"([+-])\s*(\d{1,4})\s*(d|day|days|w|wk|week|weeks)?", t)
    if m:
        n = int(m.group(2)) * (7 if (m.group(3) or "d").startswith("w") else 1)
        return today + dt.timedelta(days=n if m.group(1) == "+" else -n)
    try:
        m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", t)
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = re.fullmatch(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{2}|\d{4}))?", t)
        if m:
            return dt.date(_year(m.group(3), today), int(m.group(2)), int(m.group(1)))
        m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?(?:\s+(\d{2}|\d{4}))?", t)
        if m and m.group(2) in MONTHS:
            return dt.date(_year(m.group(3), today), MONTHS[m.group(2)], int(m.group(1)))
        m = re.fullmatch(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?(?:\s+(\d{2}|\d{4}))?", t)
        if m and m.group(1) in MONTHS:
            return dt.date(_year(m.group(3), today), MONTHS[m.group(1)], int(m.group(2)))
    except ValueError:
        pass   # a day or month out of range: the same plain sentence as any other
    raise _date_problem(raw)


def parse_time(text: str) -> str | None:
    """A time of day as HH:MM (24-hour)."""
    raw = text.strip()
    t = raw.lower().replace(" ", "")
    if not t:
        return None
    m = re.fullmatch(r"(\d{1,2})(?:[.:h](\d{2}))?(am|pm)?", t) or re.fullmatch(r"(\d{1,2})(\d{2})(am|pm)?", t)
    if m:
        hour, minute, half = int(m.group(1)), int(m.group(2) or 0), m.group(3)
        if half:
            if not 1 <= hour <= 12:
                hour = 99
            else:
                hour = hour % 12 + (12 if half == "pm" else 0)
        if hour < 24 and minute < 60:
            return f"{hour:02d}:{minute:02d}"
    raise ValueError(f"“{raw}” is not a time this app understands. Try 9.45, 9:45, 0945 or 2.30pm.")


def parse_percent(text: str) -> float | None:
    raw = text.strip()
    t = raw.rstrip("%").strip()
    if not t:
        return None
    try:
        value = float(t)
    except ValueError:
        value = -1.0
    if 0 <= value <= 100:
        return value
    raise ValueError(f"“{raw}” is not a percentage this app understands. "
                     f"Write a number from 0 to 100, such as 94.5 or 94.5%.")
