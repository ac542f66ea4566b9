"""Forgiving UK input: what a reviewer types for a date, a time or a percentage."""

from __future__ import annotations

import datetime as dt

import pytest

from wss_desktop.core.parsing import parse_date, parse_percent, parse_time

TODAY = dt.date(2026, 11, 27)


@pytest.mark.parametrize("text, expected", [
    ("15/12/2026", dt.date(2026, 12, 15)),
    ("15/12/26", dt.date(2026, 12, 15)),
    ("5/1/2027", dt.date(2027, 1, 5)),
    ("15-12-2026", dt.date(2026, 12, 15)),
    ("15.12.2026", dt.date(2026, 12, 15)),
    ("2026-12-15", dt.date(2026, 12, 15)),
    ("15 Dec 2026", dt.date(2026, 12, 15)),
    ("15 december 2026", dt.date(2026, 12, 15)),
    ("15th Dec 2026", dt.date(2026, 12, 15)),
    ("Dec 15 2026", dt.date(2026, 12, 15)),
    ("15 Dec", dt.date(2026, 12, 15)),
    ("15/12", dt.date(2026, 12, 15)),
    ("today", TODAY),
    (" Today ", TODAY),
    ("tomorrow", dt.date(2026, 11, 28)),
    ("yesterday", dt.date(2026, 11, 26)),
    ("+7d", dt.date(2026, 12, 4)),
    ("+7", dt.date(2026, 12, 4)),
    ("+2w", dt.date(2026, 12, 11)),
    ("-1d", dt.date(2026, 11, 26)),
])
def test_uk_dates(text, expected):
    assert parse_date(text, today=TODAY) == expected


@pytest.mark.parametrize("text", ["", "  ", "Not set"])
def test_an_empty_date_is_none(text):
    assert parse_date(text, today=TODAY) is None


@pytest.mark.parametrize("text", ["31/02/2027", "soon", "15/13/2026", "12/15/2026", "+d"])
def test_a_date_that_cannot_be_understood_says_so_plainly(text):
    with pytest.raises(ValueError) as err:
        parse_date(text, today=TODAY)
    assert text.strip() in str(err.value)
    assert "15/12/2026" in str(err.value)   # shows a form that works


@pytest.mark.parametrize("text, expected", [
    ("9.45", "09:45"), ("9:45", "09:45"), ("09:45", "09:45"), ("0945", "09:45"),
    ("945", "09:45"), ("9", "09:00"), ("14.30", "14:30"), ("2.30pm", "14:30"),
    ("2pm", "14:00"), ("12am", "00:00"), ("12.15pm", "12:15"), ("9.45 am", "09:45"),
])
def test_times(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["25:00", "9.75", "lunch", "13pm"])
def test_a_time_that_cannot_be_understood_says_so(text):
    with pytest.raises(ValueError) as err:
        parse_time(text)
    assert "9.45" in str(err.value)


def test_an_empty_time_is_none():
    assert parse_time(" ") is None


@pytest.mark.parametrize("text, expected", [
    ("94.5%", 94.5), ("94.5", 94.5), (" 94.5 % ", 94.5), ("12", 12.0), ("0", 0.0), ("100%", 100.0),
])
def test_percentages(text, expected):
    assert parse_percent(text) == expected


@pytest.mark.parametrize("text", ["abc", "101", "-3%", "9 4"])
def test_a_percentage_that_cannot_be_understood_says_so(text):
    with pytest.raises(ValueError) as err:
        parse_percent(text)
    assert "94.5" in str(err.value)


def test_an_empty_percentage_is_none():
    assert parse_percent("") is None
