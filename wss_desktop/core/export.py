"""A review as plain data: what `wss-desktop review show --json` prints and what the
anonymised example export writes."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from . import stages as stage_rules
from .model import ReviewBundle, Stage


def statement_sort_key(statement_id: str) -> tuple[int | str, ...]:
    return tuple(int(p) if p.isdigit() else p for p in statement_id.replace("-", ".").split("."))


def bundle_json(b: ReviewBundle) -> dict[str, Any]:
    """The review as plain data (what `review show --json` prints)."""
    refs = b.evidence_refs()
    scale = b.framework.scale
    r = b.review
    action_refs = {a.id: f"A{i}" for i, a in enumerate(sorted(b.actions, key=lambda a: a.created or ""), 1)}
    return {
        "id": r.id,
        "school": {"name": r.school_name, "urn": r.urn, "phase": r.phase, "setting": r.setting,
                   "trust_or_la": r.trust_or_la},
        "subject": r.subject or "school",
        "member_schools": r.member_schools or [],
        "school_name": r.school_name,
        "origin": r.origin,
        "framework_id": r.framework_id,
        "framework": {"id": r.framework_id, "name": b.framework.name,
                      "version": r.framework_version, "scale": scale.name},
        "review_type": r.review_type,
        "requested_by": r.requested_by,
        "purpose": r.purpose,
        "scope": r.scope or "all",
        "dates": {"requested": r.date_requested, "visit": r.date_visit,
                  "report_due": r.date_report_due, "next_review": r.date_next_review},
        "reviewers": [{"name": p.name, "role": p.role, "organisation": p.organisation}
                      for p in b.reviewers],
        "stage_reached": b.stage_reached().value,
        "stages": [{"stage": st.value, "label": st.label,
                    "status": b.stages[st].status if st in b.stages else "not-started",
                    "started": b.stages[st].started if st in b.stages else None,
                    "completed": b.stages[st].completed if st in b.stages else None,
                    "notes": b.stages[st].notes if st in b.stages else "",
                    "missing": stage_rules.missing(b, st)} for st in Stage],
        "self_evaluation": [{"statement": sa.statement_id, "respondent": sa.respondent,
                             "rating": sa.rating, "rating_label": scale.label(sa.rating),
                             "comment": sa.comment, "evidence": sa.evidence_note}
                            for sa in sorted(b.self_assessments,
                                             key=lambda s: statement_sort_key(s.statement_id))],
        "judgements": [{"statement": j.statement_id, "rating": j.rating,
                        "rating_label": scale.label(j.rating), "strengths": j.strengths,
                        "consider": j.consider,
                        "evidence": [refs[e.id] for e in b.evidence_for_statement(j.statement_id)]}
                       for j in sorted(b.judgements.values(),
                                       key=lambda j: statement_sort_key(j.statement_id))],
        "evidence": [{"id": e.id, "ref": refs[e.id], "kind": e.kind, "date": e.date,
                      "title": e.title, "text": e.text, "room": e.room, "year_group": e.year_group,
                      "subject": e.subject, "start": e.start, "end": e.end,
                      "teacher_present": e.teacher_present, "tas": e.tas, "support": e.support,
                      "look_fors": e.look_fors, "pupil_voice": e.pupil_voice,
                      "strengths": e.strengths, "consider": e.consider,
                      "statements": b.statements_of(e.id), "areas": b.areas_of(e.id)}
                     for e in sorted(b.evidence, key=lambda e: refs[e.id])],
        "actions": [{"id": a.id, "title": a.title, "owner": a.owner, "due": a.due,
                     "success_criteria": a.success_criteria, "priority": a.priority,
                     "status": a.status, "impact": a.impact, "statements": b.statements_of(a.id),
                     "notes": [{"date": n.date, "text": n.text} for n in b.notes_of(a.id)]}
                    for a in b.actions],
        "documents": [{"title": d.title, "status": d.status, "notes": d.notes} for d in b.documents],
        "snapshot": ({k: v for k, v in asdict(b.snapshot).items()
                      if k not in ("id", "review_id", "deleted")} if b.snapshot else None),
        "visit_timetable": [{"start": v.start, "end": v.end, "activity": v.activity,
                             "title": v.title, "people": v.people, "place": v.place,
                             "notes": v.notes} for v in b.visit_slots],
        "questions": [{"text": q.text, "answer": q.answer, "done": q.done} for q in b.questions],
        "previsit": dict(sorted(b.previsit.items())),
        "follow_up_visits": [{"date": v.date, "visitor": v.visitor, "notes": v.notes,
                              "next_steps": v.next_steps,
                              "checks": [{"action": action_refs.get(c.action_id), "status": c.status,
                                          "comment": c.comment} for c in b.checks_of_visit(v.id)]}
                             for v in b.followup_visits],
        "feedback": ({"given_by": b.feedback.given_by, "date": b.feedback.date,
                      "usefulness": b.feedback.usefulness, "tone": b.feedback.tone,
                      "clarity": b.feedback.clarity, "went_well": b.feedback.went_well,
                      "could_be_better": b.feedback.could_be_better} if b.feedback else None),
        "surveys": [_survey_json(b, s, refs) for s in b.surveys],
        "answer_sheets": [{"group": a.respondent, "label": a.label, "answers": a.answers,
                           "from_survey": a.survey_id is not None}
                          for a in sorted(b.respondent_answers, key=lambda a: (a.respondent, a.label or ""))],
        "school_figures": [{"measure": f.measure, "breakdown": f.breakdown, "send": f.send,
                            "all_pupils": f.all_pupils, "pupils": f.pupils}
                           for f in sorted(b.school_figures, key=lambda f: (f.measure, f.breakdown))],
        "verbal_feedback": ({k: getattr(b.verbal_feedback, k) for k in
                             ("date", "given_by", "present", "said", "agreed")}
                            if b.verbal_feedback else None),
    }


def _survey_json(b: ReviewBundle, s: Any, refs: dict[str, str]) -> dict[str, Any]:
    """A survey as its counts and comments (the answers themselves stay in the review)."""
    from . import surveys

    questions, responses = surveys.stored(s)
    counts = {d.question.id: dict(d.counts) for d in surveys.distributions(questions, responses)}
    said = {x.id: c for x, c in surveys.comments(questions, responses)}
    return {"group": s.group_id, "template": s.template, "title": s.title, "source": s.source,
            "evidence": refs.get(s.evidence_id or ""), "responses": len(responses),
            "names_removed": s.names_removed,
            "questions": [{"id": x.id, "text": x.text, "kind": x.kind,
                           "statements": list(x.statements),
                           **({"counts": counts[x.id]} if x.id in counts else {}),
                           **({"comments": said[x.id]} if x.id in said else {})}
                          for x in questions]}


__all__ = ["bundle_json", "statement_sort_key"]
