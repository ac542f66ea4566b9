"""The school's data in depth: figures for pupils with SEND beside all pupils, by SEN2
primary need and by year group, set against dated and attributed national figures.

The labels here are the only ones: the preparation screen shows the same words on
entry as the report prints, so a figure means the same in both places.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from .errors import InputError

# measure id -> (label, unit, what it means). Percentages chart on one 0-100 axis.
MEASURES: dict[str, tuple[str, str, str]] = {
    "attendance_pct": ("Attendance", "%", "sessions attended, as a percentage of possible sessions"),
    "persistent_absence_pct": ("Persistent absence", "%",
                               "pupils missing 10% or more of sessions"),
    "suspension_rate": ("Suspensions", "per 100 pupils", "suspensions per 100 pupils in the year"),
    "exclusion_rate": ("Permanent exclusions", "per 100 pupils",
                       "permanent exclusions per 100 pupils in the year"),
    "expected_standard_pct": ("Attainment", "%",
                              "pupils meeting the expected standard (the school's own measure)"),
    "progress": ("Progress", "score", "the school's progress measure (0 is average)"),
}
COHORTS = {"send": "Pupils with SEND", "all": "All pupils"}

# The SEN2 return's primary-need categories (Department for Education).
NEEDS: dict[str, str] = {
    "SPLD": "Specific learning difficulty", "MLD": "Moderate learning difficulty",
    "SLD": "Severe learning difficulty", "PMLD": "Profound and multiple learning difficulty",
    "SEMH": "Social, emotional and mental health", "SLCN": "Speech, language and communication needs",
    "HI": "Hearing impairment", "VI": "Vision impairment", "MSI": "Multi-sensory impairment",
    "PD": "Physical disability", "ASD": "Autistic spectrum disorder",
    "OTH": "Other difficulty or disability",
    "NSA": "SEN support but no specialist assessment of type of need",
}
YEARS = ("N", "R", *(str(n) for n in range(1, 14)))
WHOLE_SCHOOL = "all"


def breakdown_label(breakdown: str) -> str:
    if breakdown == WHOLE_SCHOOL:
        return "Whole school"
    kind, _, key = breakdown.partition(":")
    if kind == "need" and key in NEEDS:
        return f"{NEEDS[key]} ({key})"
    if kind == "year":
        return {"N": "Nursery", "R": "Reception"}.get(key, f"Year {key}")
    return breakdown


def check_breakdown(given: str) -> str:
    text = (given or WHOLE_SCHOOL).strip()
    if text.casefold() in ("all", "whole", "whole school", ""):
        return WHOLE_SCHOOL
    kind, _, key = text.partition(":")
    kind = kind.casefold()
    if kind == "need" and key.upper() in NEEDS:
        return f"need:{key.upper()}"
    if kind == "year":
        key = key.strip().upper().removeprefix("YEAR").strip().removeprefix("Y")
        if key in YEARS:
            return f"year:{key}"
    raise InputError(f"'{given}' is not a breakdown: use 'all', 'need:CODE' with an SEN2 "
                     f"code ({', '.join(NEEDS)}) or 'year:N' (N, R or 1 to 13).")


def check_measure(measure: str) -> str:
    if measure not in MEASURES:
        raise InputError(f"'{measure}' is not a measure; choose one of: {', '.join(MEASURES)}.")
    return measure


def check_value(measure: str, value: Any, what: str) -> float | None:
    if value in (None, ""):
        return None
    try:
        number = float(str(value).strip().rstrip("%"))
    except ValueError:
        raise InputError(f"{what} must be a number such as 91.5, not '{value}'.") from None
    if MEASURES[measure][1] == "%" and not 0 <= number <= 100:
        raise InputError(f"{what} is a percentage, so it must be between 0 and 100.")
    if MEASURES[measure][1] == "per 100 pupils" and number < 0:
        raise InputError(f"{what} cannot be negative.")
    return number


def value_text(measure: str, value: float | None) -> str:
    if value is None:
        return ""
    unit = MEASURES[measure][1]
    if unit == "%":
        return f"{value:g}%"
    if unit == "score":
        return f"{value:+g}"
    return f"{value:g}"


@dataclass(frozen=True)
class Comparator:
    measure: str
    cohort: str
    value: float | None
    source: str
    as_of: str
    illustrative: bool

    def citation(self) -> str:
        text = f"{self.source}, {self.as_of}"
        return text + (" (illustrative: check the current figure)" if self.illustrative else "")


def shipped_comparators() -> dict[tuple[str, str], Comparator]:
    """The national figures shipped with the app (a new dict each call: callers add to it)."""
    return dict(_shipped())


@functools.cache
def _shipped() -> tuple[tuple[tuple[str, str], Comparator], ...]:
    # Read and parsed once per process: every review bundle asks for them.
    text = resources.files("wss_desktop.resources").joinpath("comparators.toml").read_text("utf-8")
    return tuple(((f["measure"], f["cohort"]), Comparator(
        f["measure"], f["cohort"], f.get("value"), f.get("source", ""),
        str(f.get("as_of", "")), bool(f.get("illustrative", True))))
        for f in tomllib.loads(text).get("figures", []))


def comparator_id(measure: str, cohort: str) -> str:
    return f"{measure}/{cohort}"


def figure_id(review_id: str, measure: str, breakdown: str) -> str:
    return f"{review_id}/figure/{measure}/{breakdown}"


def breakdown_order(breakdown: str) -> tuple[int, int]:
    if breakdown == WHOLE_SCHOOL:
        return (0, 0)
    kind, _, key = breakdown.partition(":")
    if kind == "need":
        return (1, list(NEEDS).index(key) if key in NEEDS else 99)
    return (2, YEARS.index(key) if key in YEARS else 99)
