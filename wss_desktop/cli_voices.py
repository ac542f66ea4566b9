"""Command-line commands for the review's many voices: `gaps` and `survey`.

Kept beside cli.py (which adds them with one call) so that the main command file
stays a list of the app's everyday commands.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Callable

from .core.workspace import Workspace


def _print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def cmd_gaps(ws: Workspace, args: argparse.Namespace) -> None:
    from .core import gaps
    b = ws.bundle(args.review)
    comparison = gaps.compare(b)
    if args.json:
        _print_json(gaps.to_json(b, comparison))
        return
    if not comparison.compared:
        answered = [label for _, label, n in comparison.groups if n]
        print(f"There is nothing to compare yet: only {answered[0] if answered else 'no group'} "
              f"has answered. Add answer sheets for another group (for example with "
              f"'wss-desktop survey import').", file=sys.stderr)
        return
    scale = b.framework.scale
    labels = [label for _, label, n in comparison.groups if n]
    print(f"{' / '.join(labels)} (middle answer, number of answers) on the {scale.name} scale; "
          f"widest gap first:")
    for g in comparison.statements:
        by = {f.group: f for f in g.groups}
        cells = [f"{gaps.value_text(scale, by[x].median)} ({by[x].count})" if x in by else "-"
                 for x, _, n in comparison.groups if n]
        gap = "" if g.gap is None else f"gap {g.gap:g}"
        print(f"{g.statement_id:<6} {' / '.join(cells):<24} {gap}")
    widest = next((g for g in comparison.statements if g.gap), None)
    if widest is not None:
        print(gaps.describe(b, widest, widest=True), file=sys.stderr)


def cmd_survey_make(ws: Workspace, args: argparse.Namespace) -> None:
    path = ws.make_survey(args.review, args.group, args.output, template=args.template,
                          easy_read=args.easy_read, service=args.forms,
                          large_print=args.large_print)
    q = ws.survey_questionnaire(args.review, args.group, template=args.template,
                                easy_read=args.easy_read)
    if args.json:
        _print_json({"file": str(path), "template": q.template, "group": q.group,
                     "title": q.title, "questions": [x.to_json() for x in q.questions]})
        return
    print(path)
    how = {".csv": f"Build the form in {'Google Forms' if args.forms == 'google' else 'Microsoft Forms'} "
                   f"with these questions word for word; its CSV export will then import as it is.",
           ".xlsx": "One row per person; the answers have drop-down lists.",
           ".pdf": "Print it; type the paper answers into the survey screen's grid."}[path.suffix.lower()]
    print(f"{q.title}: {len(q.questions)} questions. {how}", file=sys.stderr)


def cmd_survey_import(ws: Workspace, args: argparse.Namespace) -> None:
    from .core import surveys
    returns = ws.read_survey_returns(args.review, args.file, args.group)
    kept = returns if args.keep_names else returns.without_names()
    removed = kept.removed_count(returns)
    survey_id = ws.store_survey(args.review, kept, names_removed=removed)
    b = ws.bundle(args.review)
    survey = next(s for s in b.surveys if s.id == survey_id)
    ref = b.evidence_refs().get(survey.evidence_id or "", "")
    linked = b.statements_of(survey.evidence_id) if survey.evidence_id else []
    if args.json:
        q = kept.questionnaire
        _print_json({
            "survey": survey_id, "evidence": survey.evidence_id, "ref": ref,
            "group": q.group, "template": q.template, "source": kept.source,
            "responses": kept.count, "names_removed": removed,
            "names_kept": sorted({n.name for n in kept.names}), "statements": linked,
            "distributions": {d.question.id: dict(d.counts)
                              for d in surveys.distributions(q.questions, kept.responses)}})
        return
    print(f"Imported {kept.count} responses from {kept.file_name} as evidence {ref}"
          f"{' (statements ' + ', '.join(linked) + ')' if linked else ''}.")
    if removed:
        print(f"{removed} name{'s were' if removed != 1 else ' was'} taken out of the comments "
              f"before saving (use --keep-names to keep them).", file=sys.stderr)
    elif kept.names:
        print(f"Kept {len(kept.names)} name{'s' if len(kept.names) != 1 else ''} in the comments, "
              f"as asked.", file=sys.stderr)


def cmd_survey_list(ws: Workspace, args: argparse.Namespace) -> None:
    from .core import surveys
    b = ws.bundle(args.review)
    refs = b.evidence_refs()
    rows = [{"id": s.id, "ref": refs.get(s.evidence_id or "", ""), "group": s.group_id,
             "title": s.title, "responses": surveys.response_count(s), "source": s.source,
             "file": s.file_name} for s in b.surveys]
    if args.json:
        _print_json(rows)
        return
    if not rows:
        print("No surveys have been imported for this review yet.", file=sys.stderr)
    for r in rows:
        print(f"{r['ref']:<5} {r['title']} ({r['responses']} responses, {r['group']}; {r['file']})")


def cmd_data_set(ws: Workspace, args: argparse.Namespace) -> None:
    values = {k: getattr(args, k) for k in ("send", "all_pupils", "pupils")
              if getattr(args, k) is not None}
    ws.set_school_figure(args.review, args.measure, args.breakdown, **values)
    print(f"Saved {args.measure} for {args.breakdown}.")


def cmd_data_show(ws: Workspace, args: argparse.Namespace) -> None:
    from .core import school_data as sd
    b = ws.bundle(args.review)
    rows = [{"measure": f.measure, "label": sd.MEASURES[f.measure][0], "breakdown": f.breakdown,
             "breakdown_label": sd.breakdown_label(f.breakdown), "send": f.send,
             "all_pupils": f.all_pupils, "pupils": f.pupils}
            for f in sorted(b.school_figures, key=lambda f: (sd.breakdown_order(f.breakdown),
                                                             list(sd.MEASURES).index(f.measure)))]
    if args.json:
        _print_json(rows)
        return
    for r in rows:
        print(f"{r['breakdown_label']:<40} {r['label']:<22} SEND {sd.value_text(r['measure'], r['send']) or '-':<8} "
              f"all {sd.value_text(r['measure'], r['all_pupils']) or '-'}")


def cmd_comparators(ws: Workspace, args: argparse.Namespace) -> None:
    from .core import school_data as sd
    if args.comparators_command == "set":
        ws.set_comparator(args.measure, args.cohort, args.value, source=args.source, as_of=args.as_of)
        print(f"Saved the national figure for {args.measure} ({args.cohort}); every review uses it.")
        return
    figures = ws.comparators()
    rows = [{"measure": m, "cohort": c, "value": f.value, "as_of": f.as_of, "source": f.source,
             "illustrative": f.illustrative} for (m, c), f in sorted(figures.items())]
    if args.json:
        _print_json(rows)
        return
    for (m, c), f in sorted(figures.items()):
        print(f"{sd.MEASURES[m][0]:<22} {sd.COHORTS[c]:<17} {sd.value_text(m, f.value):<7} {f.citation()}")


def cmd_visit_feedback(ws: Workspace, args: argparse.Namespace) -> None:
    given = {k: getattr(args, k) for k in ("date", "given_by", "present", "said", "agreed")
             if getattr(args, k) is not None}
    if given:
        ws.set_verbal_feedback(args.review, **given)
    v = ws.bundle(args.review).verbal_feedback
    data = {k: getattr(v, k) if v else None for k in ("date", "given_by", "present", "said", "agreed")}
    if args.json:
        _print_json(data)
    elif given:
        print("Saved the end-of-visit feedback.")
    else:
        for k, label in (("date", "Date"), ("given_by", "Given by"), ("present", "Who was there"),
                         ("said", "What was said"), ("agreed", "What was agreed")):
            print(f"{label}: {data[k] or ''}")


def cmd_accuracy(ws: Workspace, args: argparse.Namespace) -> None:
    from .core import accuracy
    if args.accuracy_command == "export":
        out = accuracy.export_for_school(ws, args.review, Path(args.output))
        print(out.pdf)
        print(out.sheet)
        print(f"Send both to the school; ask them to write corrections in the last column of "
              f"the sheet ({out.rows} rows), then import it with 'wss-desktop accuracy import'.",
              file=sys.stderr)
        return
    if args.accuracy_command == "import":
        added = accuracy.import_from_school(ws, args.review, Path(args.file))
        if args.json:
            _print_json({"added": added, "open": [c.id for c in accuracy.open_comments(ws, args.review)]})
        else:
            print(f"Imported {len(added)} comment{'s' if len(added) != 1 else ''} from the school; "
                  f"resolve each before the report is checked.")
        return
    if args.accuracy_command == "resolve":
        ws.resolve_report_comment(args.comment, args.by)
        print("Resolved.")
        return
    rows = [{"id": c.id, "statement": c.target_id, "text": c.text}
            for c in accuracy.open_comments(ws, args.review)]
    if args.json:
        _print_json(rows)
        return
    if not rows:
        print("No comments from the school are waiting.", file=sys.stderr)
    for r in rows:
        print(f"{r['id']}  {r['statement'] or '-':<6} {r['text']}")


def cmd_edition(ws: Workspace, args: argparse.Namespace) -> None:
    framework_id = ws.switch_edition(args.review, args.edition)
    print(f"The review now uses {ws.bundle(args.review).framework.name} ({framework_id}); "
          f"every rating and note was kept.")


def add_commands(sub: argparse._SubParsersAction,
                 json_flag: Callable[[argparse.ArgumentParser], None]) -> None:
    sp = sub.add_parser("gaps", help="compare respondent groups (e.g. teachers and TAs) "
                                     "statement by statement, widest gap first")
    sp.add_argument("review", metavar="ID")
    json_flag(sp)
    sp.set_defaults(func=cmd_gaps)

    sv = sub.add_parser("survey", help="make questionnaires to hand out and import the returns")
    svs = sv.add_subparsers(dest="survey_command", metavar="ACTION", required=True)
    sp = svs.add_parser("make", help="write a questionnaire: .pdf to print, .xlsx one row per "
                                     "person, .csv matching a Microsoft or Google Forms export")
    sp.add_argument("review", metavar="ID")
    sp.add_argument("--group", required=True,
                    help="who answers: pupils, parents, teacher, ta, professionals, or one of "
                         "the framework's respondent groups")
    sp.add_argument("-o", "--output", required=True, metavar="FILE")
    sp.add_argument("--template", help="a survey template by name, or 'framework' to ask the "
                                       "framework's own statements")
    sp.add_argument("--easy-read", action="store_true",
                    help="the easy-read pupil version: short sentences, faces to choose")
    sp.add_argument("--large-print", action="store_true", help="bigger text in the PDF")
    sp.add_argument("--forms", choices=["microsoft", "google"], default="microsoft",
                    help="which forms service the CSV header matches (default microsoft)")
    json_flag(sp)
    sp.set_defaults(func=cmd_survey_make)
    sp = svs.add_parser("import", help="import returns (XLSX, or a Microsoft/Google Forms CSV) "
                                       "as anonymous survey evidence")
    sp.add_argument("review", metavar="ID")
    sp.add_argument("file", metavar="FILE")
    sp.add_argument("--group", required=True, help="who answered (as for 'survey make')")
    sp.add_argument("--keep-names", action="store_true",
                    help="keep personal names found in comments (they are taken out by default)")
    json_flag(sp)
    sp.set_defaults(func=cmd_survey_import)
    sp = svs.add_parser("list", help="the surveys imported for a review")
    sp.add_argument("review", metavar="ID")
    json_flag(sp)
    sp.set_defaults(func=cmd_survey_list)

    dp = sub.add_parser("data", help="the school's data in depth: SEND beside all pupils, by need and year")
    dps = dp.add_subparsers(dest="data_command", metavar="ACTION", required=True)
    sp = dps.add_parser("set", help="set one measure for the whole school, a primary need or a year group")
    sp.add_argument("review", metavar="ID")
    sp.add_argument("measure", help="attendance_pct, persistent_absence_pct, suspension_rate, "
                                    "exclusion_rate, expected_standard_pct or progress")
    sp.add_argument("--breakdown", default="all", help="all, need:CODE (SEN2, e.g. need:SEMH) or year:N")
    sp.add_argument("--send", help="the figure for pupils with SEND")
    sp.add_argument("--all", dest="all_pupils", help="the figure for all pupils")
    sp.add_argument("--pupils", help="how many pupils with SEND it is about")
    sp.set_defaults(func=cmd_data_set)
    sp = dps.add_parser("show", help="the figures entered")
    sp.add_argument("review", metavar="ID")
    json_flag(sp)
    sp.set_defaults(func=cmd_data_show)
    cp = sub.add_parser("comparators", help="national figures to compare with, for every review "
                                            "(dated and attributed)")
    json_flag(cp)
    cps = cp.add_subparsers(dest="comparators_command", metavar="ACTION")
    sp = cps.add_parser("set", help="enter a current national figure, with its source and year")
    sp.add_argument("measure")
    sp.add_argument("cohort", choices=["send", "all"])
    sp.add_argument("value")
    sp.add_argument("--source", required=True, help="where it is published")
    sp.add_argument("--as-of", required=True, help="the year or date it is for, e.g. 2024/25")
    sp.set_defaults(func=cmd_comparators)
    cp.set_defaults(func=cmd_comparators)

    sp = sub.add_parser("visit-feedback", help="record or show the feedback given at the end of the visit")
    sp.add_argument("review", metavar="ID")
    sp.add_argument("--date")
    sp.add_argument("--by", dest="given_by", help="who gave it")
    sp.add_argument("--present", help="who was there")
    sp.add_argument("--said", help="what was said")
    sp.add_argument("--agreed", help="what was agreed")
    json_flag(sp)
    sp.set_defaults(func=cmd_visit_feedback)

    ap = sub.add_parser("accuracy", help="the factual-accuracy round: the draft to the school "
                                         "and its comments back")
    aps = ap.add_subparsers(dest="accuracy_command", metavar="ACTION", required=True)
    sp = aps.add_parser("export", help="write the draft PDF and a comments sheet for the school")
    sp.add_argument("review", metavar="ID")
    sp.add_argument("-o", "--output", required=True, metavar="FOLDER")
    sp.set_defaults(func=cmd_accuracy)
    sp = aps.add_parser("import", help="read the school's comments sheet back")
    sp.add_argument("review", metavar="ID")
    sp.add_argument("file", metavar="FILE")
    json_flag(sp)
    sp.set_defaults(func=cmd_accuracy)
    sp = aps.add_parser("list", help="the school's comments not yet resolved")
    sp.add_argument("review", metavar="ID")
    json_flag(sp)
    sp.set_defaults(func=cmd_accuracy)
    sp = aps.add_parser("resolve", help="mark one of the school's comments resolved")
    sp.add_argument("comment", metavar="COMMENT_ID")
    sp.add_argument("--by", required=True, help="who resolved it")
    sp.set_defaults(func=cmd_accuracy)

    sp = sub.add_parser("edition", help="switch a review between the mainstream and specialist "
                                        "editions of the SEND Review Guide")
    sp.add_argument("review", metavar="ID")
    sp.add_argument("edition", choices=["mainstream", "specialist"])
    sp.set_defaults(func=cmd_edition)
