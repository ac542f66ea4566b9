"""Small pieces of guidance shipped as data: meeting templates, the pre-visit form
and the national figures a school's data is compared with (resources/*.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from .frameworks import Framework


def _read(name: str) -> dict[str, Any]:
    path = resources.files("wss_desktop.resources").joinpath(name)
    return tomllib.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class MeetingTemplate:
    id: str
    label: str
    prompts: tuple[str, ...]
    voice: str | None = None  # the evidence kind its notes count as, if a voice


@lru_cache(maxsize=1)
def meeting_templates() -> tuple[MeetingTemplate, ...]:
    return tuple(MeetingTemplate(m["id"], m["label"], tuple(m["prompts"]), m.get("voice"))
                 for m in _read("meetings.toml")["meetings"])


def meeting_template(template_id: str) -> MeetingTemplate:
    for t in meeting_templates():
        if t.id == template_id:
            return t
    raise KeyError(template_id)


@dataclass(frozen=True)
class PrevisitQuestion:
    id: str
    text: str
    hint: str = ""
    area_id: str | None = None


def previsit_questions(framework: Framework) -> list[PrevisitQuestion]:
    data = _read("previsit.toml")
    questions = [PrevisitQuestion(q["id"], q["text"], q.get("hint", "")) for q in data["questions"]]
    for area in framework.areas:
        questions.append(PrevisitQuestion(
            f"area-{area.id}", data["area_question"].format(area=area.title.rstrip(".")),
            area.summary, area.id))
    return questions


@lru_cache(maxsize=1)
def national_defaults() -> dict[str, Any]:
    """Default national comparison figures, as DataSnapshot field values."""
    data = _read("national.toml")
    figures = {k: v for k, v in data.items() if k.startswith("national_")}
    figures["national_note"] = data.get("note", "")
    return figures
