"""The fictional demo review, built from resources/demo/demo_review.toml.

It goes through the same Workspace calls as a user's typing, so the demo is
checked by the same rules. Running it twice adds nothing.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

from .model import Review
from .workspace import Workspace

DEMO_ID = "demo-hollinbrook-2026"

_EVIDENCE_KEYS = ("title", "text", "meeting_type", "room", "year_group", "subject", "start",
                  "end", "teacher_present", "tas", "support", "look_fors", "pupil_voice",
                  "strengths", "consider", "date")


def demo_data() -> dict[str, Any]:
    path = resources.files("wss_desktop.resources").joinpath("demo", "demo_review.toml")
    return tomllib.loads(path.read_text(encoding="utf-8"))


def add_demo(ws: Workspace) -> tuple[str, bool]:
    """Add the demo review; returns (id, whether it was added just now)."""
    existing = ws.store.get(Review, DEMO_ID, include_deleted=True)
    if existing is not None:
        if existing.deleted:
            ws.store.update(Review, DEMO_ID, {"deleted": False})
            return DEMO_ID, True
        return DEMO_ID, False
    data = demo_data()
    school, review = data["school"], data["review"]
    dates = review.get("dates", {})
    with ws.store.transaction():
        rid = ws.new_review(
            school["name"], data["framework"], review_type=review["type"], id=DEMO_ID,
            urn=school.get("urn"), phase=school.get("phase"), setting=school.get("setting"),
            trust_or_la=school.get("trust_or_la"), requested_by=review.get("requested_by"),
            purpose=review.get("purpose", "").strip(), scope=review.get("scope"), origin="demo",
            date_requested=dates.get("requested"), date_visit=dates.get("visit"),
            date_report_due=dates.get("report_due"), date_next_review=dates.get("next_review"))
        for person in review.get("reviewers", []):
            ws.add_reviewer(rid, person["name"], person.get("role"), person.get("organisation"))
        for st in data.get("stages", []):
            ws.set_stage(rid, st["stage"], st["status"], notes=st.get("notes", ""),
                         started=st.get("started"), completed=st.get("completed"))
        for sa in data.get("self_evaluation", []):
            ws.self_evaluate(rid, sa["statement"], rating=sa.get("rating"),
                             comment=sa.get("comment", ""), evidence_note=sa.get("evidence", ""))
        for j in data.get("judgements", []):
            ws.judge(rid, j["statement"], rating=j.get("rating"), strengths=j.get("strengths", ""),
                     consider=j.get("consider", ""))
        if "snapshot" in data:
            ws.set_snapshot(rid, **data["snapshot"])
        for doc in data.get("documents", []):
            ws.add_document(rid, doc["title"], doc.get("status", "requested"), doc.get("notes", ""))
        for ev in data.get("evidence", []):
            ws.add_evidence(rid, ev["kind"], statements=ev.get("statements", []),
                            areas=ev.get("areas", []),
                            **{k: ev[k] for k in _EVIDENCE_KEYS if k in ev})
        for act in data.get("actions", []):
            aid = ws.add_action(rid, act["title"], statements=act.get("statements", []),
                                **{k: act[k] for k in ("owner", "due", "success_criteria",
                                                       "priority", "status", "impact") if k in act})
            for note in act.get("notes", []):
                ws.add_action_note(aid, note["text"], note.get("date"))
    return rid, True
