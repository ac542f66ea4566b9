"""The `wss-desktop` command line: a thin face over wss_desktop.core.

Exit codes: 0 success; 1 an operation failed (one line on stderr says why and
what to do); 2 bad usage (argparse's own message).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path
from dataclasses import asdict
from typing import Any, Sequence

from .core.demo import add_demo
from .core.errors import UserError
from .core.export import bundle_json
from .core.frameworks import Framework, load_file
from .core.model import ActionStatus, Phase, Priority, ReviewType, Stage, StageStatus
from .core.paths import ENV_DATA_DIR
from .core.workspace import Workspace


class Failure(Exception):
    """An operation that failed in a way the user can fix (exit code 1)."""


class Stopped(Exception):
    """Stopped when asked (Ctrl+C), after saying so (exit code 130, as for an interrupt)."""


STOPPED = 130


class _ProgressLine:
    """A sync's steps on one line of a terminal, rewritten in place and cleared at the
    end; a line wider than the terminal keeps its end (the step and the count). Nothing
    when the output is not a terminal, so scripts' stderr stays clean."""

    def __init__(self) -> None:
        self.shown = False

    def __call__(self, done: int, total: int, what: str) -> None:
        stream = sys.stderr
        if not stream.isatty():
            return
        text = f"{what} ({done} of {total})" if total else what
        width = max(20, shutil.get_terminal_size().columns - 1)
        if len(text) > width:
            text = "…" + text[-(width - 1):]
        stream.write("\r\x1b[K" + text)
        stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


class _CtrlC:
    """Ctrl+C asks a long operation to stop at its next step, where it stops cleanly; a
    second Ctrl+C stops at once (KeyboardInterrupt). Only in the main thread, where
    Python runs signal handlers; elsewhere Ctrl+C keeps its usual meaning."""

    def __init__(self) -> None:
        self.asked = False
        self._before: Any = None

    def __enter__(self) -> "_CtrlC":
        import signal
        import threading

        if threading.current_thread() is threading.main_thread():
            self._before = signal.signal(signal.SIGINT, self._handle)
        return self

    def _handle(self, signum: int, frame: Any) -> None:
        if self.asked:
            raise KeyboardInterrupt
        self.asked = True
        print("\nStopping at the next step; press Ctrl+C again to stop at once.", file=sys.stderr)

    def __call__(self) -> bool:
        return self.asked

    def __exit__(self, *exc: object) -> None:
        import signal

        if self._before is not None:
            signal.signal(signal.SIGINT, self._before)


def _print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def _framework_summary(fw: Framework, origin: str) -> dict[str, Any]:
    return {"id": fw.id, "name": fw.name, "version": fw.version, "audience": fw.audience,
            "scale": fw.scale.name, "areas": len(fw.areas), "statements": len(fw.statements()),
            "origin": origin}


def _framework_detail(fw: Framework) -> dict[str, Any]:
    data = fw.content()
    return data


# --- commands -------------------------------------------------------------------

def cmd_demo(ws: Workspace, args: argparse.Namespace) -> None:
    rid, added = add_demo(ws)
    if args.json:
        _print_json({"id": rid, "added": added})
    else:
        print(rid)
        print("The demo review was added." if added else "The demo review is already there; nothing was added.",
              file=sys.stderr)


def cmd_frameworks_list(ws: Workspace, args: argparse.Namespace) -> None:
    rows = [_framework_summary(fw, ws.library.origins[fid])
            for fid, fw in sorted(ws.library.frameworks.items())]
    for problem in ws.library.problems:
        print(f"Skipped a framework file: {problem}", file=sys.stderr)
    if args.json:
        _print_json(rows)
        return
    for row in rows:
        print(f"{row['id']:<20} {row['name']} (v{row['version']}; {row['areas']} areas, "
              f"{row['statements']} statements; {row['scale']}; {row['origin']})")


def cmd_frameworks_show(ws: Workspace, args: argparse.Namespace) -> None:
    fw = ws.library.get(args.framework)
    if args.json:
        _print_json(_framework_detail(fw))
        return
    print(f"{fw.name} (id {fw.id}, version {fw.version})")
    print(f"For: {fw.audience}")
    levels = ", ".join(lv.label for lv in fw.scale.levels) or "no ratings, comments only"
    print(f"Scale: {fw.scale.name}: {levels}" + (f"; or {fw.scale.na_label}" if fw.scale.allow_na else ""))
    if len(fw.respondents) > 1:
        print("Answered by: " + ", ".join(f"{r.label} ({r.id})" for r in fw.respondents))
    for area in fw.areas:
        print(f"\n{area.id}  {area.title}")
        for s in area.statements:
            print(f"  {s.id:<6} {s.text}")


def cmd_frameworks_check(ws: Workspace | None, args: argparse.Namespace) -> None:
    fw = load_file(args.file)
    print(f"{args.file}: OK: {fw.name} (id {fw.id}, version {fw.version}), {len(fw.areas)} areas, "
          f"{len(fw.statements())} statements, scale '{fw.scale.name}'.")


def cmd_frameworks_copy(ws: Workspace, args: argparse.Namespace) -> None:
    from .core.frameworks import copy_framework, export_toml, save_user_framework
    fw = ws.library.get(args.framework)
    if args.id in ws.library.frameworks and not args.output:
        raise Failure(f"There is already a framework with the id '{args.id}' "
                      f"({ws.library.get(args.id).name}); choose another id.")
    data = copy_framework(fw, args.id, args.name, publisher=args.publisher or "", version=args.version)
    if args.output:
        target = str(export_toml(data, args.output))
    else:
        target = str(save_user_framework(data, ws.paths.user_frameworks))
    print(target)
    print(f"Copied {fw.name} as '{args.id}'. Edit it in the app (Tools, Frameworks) or in a text "
          f"editor, then check it with 'wss-desktop frameworks check {target}'.", file=sys.stderr)


def cmd_frameworks_import(ws: Workspace | None, args: argparse.Namespace) -> None:
    from .core.framework_import import import_file
    from .core.frameworks import export_toml, load_file
    data = import_file(args.file)
    fw = load_file(export_toml(data, args.output))
    described = sum(1 for s in fw.statements() if s.descriptors)
    print(f"{args.output}: OK: {fw.name} (id {fw.id}, version {fw.version}), {len(fw.areas)} areas, "
          f"{len(fw.statements())} statements" + (f", {described} with level descriptors" if described else "")
          + ".")


def cmd_frameworks_template(ws: Workspace | None, args: argparse.Namespace) -> None:
    from .core.framework_import import write_template
    fw = None
    if args.framework:
        with Workspace.open(args.data_dir) as opened:
            fw = opened.library.get(args.framework)
    write_template(args.output, fw)
    print(args.output)


def cmd_review_new(ws: Workspace, args: argparse.Namespace) -> None:
    details: dict[str, Any] = {}
    for key in ("urn", "phase", "setting", "trust_or_la", "requested_by", "purpose",
                "date_visit", "date_requested", "date_report_due", "date_next_review"):
        value = getattr(args, key)
        if value is not None:
            details[key] = value
    if args.scope:
        details["scope"] = [a.strip() for a in args.scope.split(",") if a.strip()]
    if args.subject:
        details["subject"] = args.subject
    if args.member_school:
        details["member_schools"] = args.member_school
    rid = ws.new_review(args.school, args.framework, review_type=args.type, **details)
    for name in args.reviewer or []:
        ws.add_reviewer(rid, name)
    _print_json({"id": rid}) if args.json else print(rid)


def cmd_review_list(ws: Workspace, args: argparse.Namespace) -> None:
    rows = ws.reviews()
    if args.json:
        _print_json(rows)
        return
    if not rows:
        print("There are no reviews yet. Try 'wss-desktop demo' or 'wss-desktop review new'.",
              file=sys.stderr)
        return
    for row in rows:
        stage = Stage(row["stage_reached"]).label if row["stage_reached"] else "Not started"
        due = f"; next action due {row['next_due']}" if row["next_due"] else ""
        print(f"{row['id']}  {row['school_name']}  [{row['framework_id']}]  {stage}"
              f"{'; visit ' + row['date_visit'] if row['date_visit'] else ''}{due}")


def cmd_review_show(ws: Workspace, args: argparse.Namespace) -> None:
    data = bundle_json(ws.bundle(args.review))
    if args.json:
        _print_json(data)
        return
    print(f"{data['school_name']}  ({data['id']})")
    print(f"Framework: {data['framework']['name']} v{data['framework']['version']}; "
          f"{ReviewType(data['review_type']).label}")
    print("Stages:")
    for st in data["stages"]:
        print(f"  {st['label']:<16} {st['status']}")
        for item in st["missing"]:
            print(f"      still to do: {item}")
    print(f"Self-evaluation: {len(data['self_evaluation'])} statements; reviewer judgements: "
          f"{len(data['judgements'])}; evidence: {len(data['evidence'])}; actions: {len(data['actions'])}")


def cmd_review_stage(ws: Workspace, args: argparse.Namespace) -> None:
    reminders = ws.set_stage(args.review, args.stage, args.status,
                             notes=args.notes)
    label = Stage(args.stage).label
    print(f"{label}: {args.status}.")
    if reminders and args.status == StageStatus.COMPLETE:
        print("Marked complete. You may still want to add:", file=sys.stderr)
        for item in reminders:
            print(f"  - {item}", file=sys.stderr)


def cmd_review_removed(ws: Workspace, args: argparse.Namespace) -> None:
    items = ws.removed(args.review)
    if args.json:
        _print_json([{"kind": i.table, "id": i.rec_id, "what": i.what, "label": i.label,
                      "removed_at": i.removed_at.isoformat() if i.removed_at else None,
                      "removed_on_another_computer": i.elsewhere} for i in items])
        return
    if not items:
        print("Nothing has been taken out of this review.", file=sys.stderr)
        return
    for i in items:
        when = f"removed {i.removed_at:%d %b %Y, %H:%M} UTC" if i.removed_at else "removed"
        where = "on another computer" if i.elsewhere else "on this computer"
        print(f"{i.table}  {i.rec_id}  {i.what}: {i.label}  ({when}, {where})")
    print("Bring one back with: wss-desktop review bring-back KIND ID", file=sys.stderr)


def cmd_review_bring_back(ws: Workspace, args: argparse.Namespace) -> None:
    ws.bring_back(args.kind, args.id)
    print("It is back in its review.")


def cmd_judge(ws: Workspace, args: argparse.Namespace) -> None:
    if args.as_ == "self":
        if args.strengths is not None or args.consider is not None:
            raise Failure("--strengths and --consider are for the reviewer's judgement; use "
                          "--comment for the school's self-evaluation.")
        ws.self_evaluate(args.review, args.statement, rating=args.rating, comment=args.comment,
                         evidence_note=args.evidence, respondent=args.respondent or "school")
    else:
        if args.comment is not None or args.evidence is not None or args.respondent:
            raise Failure("--comment, --evidence and --respondent are for the school's "
                          "self-evaluation; use --strengths and --consider for a reviewer's judgement.")
        ws.judge(args.review, args.statement, rating=args.rating, strengths=args.strengths,
                 consider=args.consider)
    print(f"Saved the {'school' if args.as_ == 'self' else 'reviewer'}'s view of statement {args.statement}.")


def cmd_observe(ws: Workspace, args: argparse.Namespace) -> None:
    details: dict[str, Any] = {"text": args.note}
    for key in ("year_group", "subject", "date", "start", "end", "support", "pupil_voice",
                "strengths", "consider"):
        value = getattr(args, key)
        if value is not None:
            details[key] = value
    if args.tas is not None:
        details["tas"] = args.tas
    if args.look_for:
        details["look_fors"] = args.look_for
    eid = ws.add_observation(args.review, room=args.room, statements=args.statement or [],
                             areas=args.area or [], **details)
    _print_json({"id": eid}) if args.json else print(eid)


def cmd_action_add(ws: Workspace, args: argparse.Namespace) -> None:
    details = {k: getattr(args, k) for k in ("owner", "due", "success_criteria", "priority", "status")
               if getattr(args, k) is not None}
    aid = ws.add_action(args.review, args.title, statements=args.statement or [], **details)
    _print_json({"id": aid}) if args.json else print(aid)


def cmd_search(ws: Workspace, args: argparse.Namespace) -> None:
    hits = ws.search(args.text, limit=args.limit)
    if args.json:
        _print_json([asdict(h) for h in hits])
        return
    if not hits:
        print(f"Nothing found for '{args.text}'.", file=sys.stderr)
        return
    for h in hits:
        print(f"{h.school_name} ({h.review_id}) · {h.kind} {h.field}: {h.snippet}")


def _warn_if_shared(data_folder: Path) -> None:
    """Say on stderr when the data folder is somewhere a cloud client or network drive shares."""
    from .core.paths import placement_problem
    warning = placement_problem(data_folder)
    if warning:
        print(f"wss-desktop: {warning}", file=sys.stderr)


def cmd_check(ws: Workspace, args: argparse.Namespace) -> None:
    problems = ws.store.integrity_problems()
    if problems:
        raise Failure("The database check found problems: " + "; ".join(problems[:5]) +
                      ". Restore a backup from " + str(ws.paths.backups) + " or ask for help.")
    _warn_if_shared(ws.paths.root)
    from .core import kept_text
    files, _ = kept_text.kept(ws.paths.root, ws.store.key)
    waiting = sum(len(f.texts) for f in files)
    if waiting:
        print(f"wss-desktop: {'1 piece' if waiting == 1 else f'{waiting} pieces'} of text could not be "
              f"saved when the app last had to close; it is kept, encrypted, and the app shows it in "
              f"'Text kept for you' when it next starts.", file=sys.stderr)
    for f in files:
        if f.framework is not None:
            print(f"wss-desktop: the framework editor's unsaved changes to {f.framework[0].get('name', '')} "
                  f"could not be kept when the app last had to close; they are kept, encrypted, and the "
                  f"app puts them back in Tools > Frameworks when it next starts.", file=sys.stderr)
    count = len(ws.reviews())
    print(f"The database is healthy ({count} review{'s' if count != 1 else ''}; "
          f"schema version {ws.store.schema_version()}; {ws.paths.database}).")


def cmd_passphrase(_ws: None, args: argparse.Namespace) -> None:
    from .core import passphrase
    if args.words < passphrase.MIN_WORDS:
        raise Failure(f"Ask for at least {passphrase.MIN_WORDS} words.")
    print(passphrase.suggest(args.words))
    print(passphrase.RULE, file=sys.stderr)


def _passphrase(args: argparse.Namespace) -> str | None:
    """The passphrase from the environment variable named by --passphrase-env (never argv,
    which other users of the computer can see)."""
    name = getattr(args, "passphrase_env", None)
    if not name:
        return None
    value = os.environ.get(name)
    if not value:
        raise Failure(f"The environment variable {name} named by --passphrase-env is not set or is "
                      f"empty. Set it to the passphrase, for example: read -s {name}; export {name}")
    return value


_PASSPHRASE_HINT = (" On the command line, add --passphrase-env VAR, where VAR is an environment "
                    "variable holding the passphrase.")


def _with_hint(exc: Exception) -> Failure:
    return Failure(str(exc) + _PASSPHRASE_HINT)


# The sync commands import their modules when run: cryptography and keyring would
# otherwise add about a tenth of a second to every other command's start.

def cmd_sync(ws: Workspace, args: argparse.Namespace) -> None:
    from .core.sync import service as sync_service
    from .core.sync.keys import PassphraseNeeded, TeamKeys
    from .core.sync.service import forget_device, sync_folder, sync_status
    keys = TeamKeys()
    if args.status and args.forget is not None:
        raise Failure("Use --forget on its own (it syncs afterwards), then --status to see the "
                      "devices; nothing was changed.")
    if args.status:
        status = sync_status(ws.store, keys, args.folder)
        devices = ["  " + q.line() for q in status.devices]
        _print_json({"folder": str(status.folder) if status.folder else None,
                     "connected": status.connected,
                     "offline_since": status.offline_since.isoformat() if status.offline_since else None,
                     "changes_waiting": status.changes_waiting,
                     "last_sync": status.last_sync.isoformat() if status.last_sync else None,
                     "conflicts": status.conflicts, "needs_passphrase": status.needs_passphrase,
                     "problem": status.problem, "details": status.details,
                     "devices": [q.as_dict() for q in status.devices]}) if args.json else print(
            "\n".join([status.line(), *status.details]
                      + (["Devices, and how long each has been quiet:", *devices] if len(devices) > 1 else [])))
        return
    forgotten = None
    if args.forget is not None:
        forgotten = forget_device(ws.store, ws.paths, keys, args.forget, args.folder)
        if not args.json:
            print(forgotten.lines()[0])
    folder = args.folder or ws.store.setting(sync_service.FOLDER)
    if not folder:
        raise Failure("Say which shared folder to sync with: wss-desktop sync --folder DIR.")
    # A new laptop's first sync with a large team runs for a while: its steps are shown
    # on a terminal, and Ctrl+C stops it cleanly at the next one.
    progress = _ProgressLine()
    try:
        with _CtrlC() as asked:
            report = sync_folder(ws.store, ws.paths, folder, keys, passphrase=_passphrase(args),
                                 start_afresh=args.start_afresh, cancel=asked, progress=progress)
    except PassphraseNeeded as exc:
        raise _with_hint(exc) from None
    finally:
        progress.clear()
    if args.json:
        _print_json({**report.as_dict(), **({"forgot": forgotten.device} if forgotten else {})})
    else:
        for line in report.lines():
            print(line)
    if report.cancelled and not report.problem:
        raise Stopped
    if report.problem:
        raise Failure(report.problem + (" The device stays forgotten here; colleagues are told at "
                                        "the next sync." if forgotten else ""))


def _new_passphrase(args: argparse.Namespace) -> str:
    """The new team passphrase: from the variable named by --new-passphrase-env, or typed
    twice at a prompt (never on the command line itself)."""
    name = getattr(args, "new_passphrase_env", None)
    if name:
        value = os.environ.get(name)
        if not value:
            raise Failure(f"The environment variable {name} named by --new-passphrase-env is not set "
                          f"or is empty. Set it to the new team passphrase, for example: "
                          f"read -s {name}; export {name}")
        return value
    if not sys.stdin.isatty():
        raise Failure("A new team passphrase is needed: add --new-passphrase-env VAR, where VAR is "
                      "an environment variable holding it (wss-desktop passphrase suggests one).")
    import getpass
    first = getpass.getpass("New team passphrase: ")
    if getpass.getpass("Type it again: ") != first:
        raise Failure("The two passphrases differ; nothing was changed.")
    return first


def _team_folder(ws: Workspace, args: argparse.Namespace) -> str:
    from .core.sync import service as sync_service
    folder = args.folder or ws.store.setting(sync_service.FOLDER)
    if not folder:
        raise Failure("This computer does not sync with a shared folder yet. Say which one: "
                      "--folder DIR.")
    return folder


def cmd_team(ws: Workspace, args: argparse.Namespace) -> None:
    from .core.sync import team
    from .core.sync.keys import PassphraseNeeded, TeamKeys
    keys = TeamKeys()
    if args.team_command == "name":
        name = " ".join(args.name.split())
        if not name or len(name) > 80:
            raise Failure("Give this computer a name of 1 to 80 characters, such as 'Sam's laptop'.")
        ws.store.set_setting(team.DEVICE_NAME, name)
        print(f"This computer is now called '{name}' in the team; colleagues see it after your "
              f"next sync.")
        return
    folder = _team_folder(ws, args)
    try:
        if args.team_command == "list":
            info = team.members(ws.store, folder, keys)
            if args.json:
                _print_json(info.as_dict())
                return
            for line in team_lines(info):
                print(line)
            return
        remove = [args.device] if args.team_command == "remove" else []
        new = _new_passphrase(args)
        done = team.rotate(ws.store, ws.paths, folder, keys, new_passphrase=new,
                           passphrase=_passphrase(args), remove=remove)
    except PassphraseNeeded as exc:
        raise _with_hint(exc) from None
    if args.json:
        _print_json({"epoch": done.epoch, "key_id": done.key_id, "removed": done.removed,
                     "by_device": done.by_device, "by_passphrase": done.by_passphrase})
    else:
        for line in done.lines():
            print(line)


def team_lines(info) -> list[str]:
    when = f"{info.key_changed.astimezone():%d %b %Y %H:%M}" if info.key_changed else "never"
    out = [f"Team key number {info.epoch}, last changed {when}"
           + (f" by {info.changed_by}" if info.changed_by else "") + "."]
    if info.locked:
        out.append("This computer does not hold the team key, so names are not shown; sync with "
                   "the team passphrase first.")
    for m in info.members:
        seen = f"{m.last_seen.astimezone():%d %b %Y %H:%M}" if m.last_seen else "not yet"
        out.append(f"{m.name}{' (this computer)' if m.me else ''}  device {m.device}  last seen {seen}"
                   + ("" if m.device_key else "  (types the passphrase: no keyring)"))
    for r in info.removed:
        out.append(f"Removed: {r.name}  device {r.device}"
                   + (f"  on {r.when.astimezone():%d %b %Y}" if r.when else ""))
    return out


def cmd_export(ws: Workspace, args: argparse.Namespace) -> None:
    from .core.sync.exchange import export_review
    from .core.sync.keys import PassphraseNeeded, TeamKeys
    try:
        result = export_review(ws.store, ws.paths, args.review, args.output, TeamKeys(),
                               passphrase=_passphrase(args), photos=not args.no_photos)
    except PassphraseNeeded as exc:
        raise _with_hint(exc) from None
    if args.json:
        _print_json({"file": str(result.path), "review": result.review_id, "changes": result.changes,
                     "photos": result.photos, "bytes": result.size, "locked_with": result.locked_with})
    else:
        for line in result.lines():
            print(line)


def cmd_import(ws: Workspace, args: argparse.Namespace) -> None:
    from .core.sync.exchange import import_file
    from .core.sync.keys import PassphraseNeeded, TeamKeys
    try:
        result = import_file(ws.store, ws.paths, args.file, TeamKeys(), passphrase=_passphrase(args))
    except PassphraseNeeded as exc:
        raise _with_hint(exc) from None
    if args.json:
        _print_json({"file": str(result.path), "photos": result.photos, **result.summary.as_dict()})
    else:
        for line in result.lines():
            print(line)


def cmd_backup(ws: Workspace, args: argparse.Namespace) -> None:
    from .core.backup import backup
    from .core.sync.keys import PassphraseNeeded
    try:
        result = backup(ws, args.file, passphrase=_passphrase(args))
    except PassphraseNeeded as exc:
        raise _with_hint(exc) from None
    if args.json:
        _print_json({"file": str(result.path), "reviews": result.reviews, "files": result.files,
                     "bytes": result.size, "encrypted": result.encrypted})
    else:
        print(*result.lines(), sep="\n")


def cmd_restore(_ws: None, args: argparse.Namespace) -> None:
    from .core.backup import restore
    from .core.sync.keys import PassphraseNeeded
    try:
        result = restore(args.file, args.target_dir, passphrase=_passphrase(args))
    except PassphraseNeeded as exc:
        raise _with_hint(exc) from None
    if args.json:
        _print_json({"data_dir": str(result.data_dir), "reviews": result.reviews,
                     "files": result.files, "created": result.created})
    else:
        print(*result.lines(), sep="\n")
        print(f"Use it with: wss-desktop --data-dir {result.data_dir}", file=sys.stderr)
    _warn_if_shared(result.data_dir)


def cmd_report(ws: Workspace, args: argparse.Namespace) -> None:
    from .core import reports
    bundle = ws.bundle(args.review)
    if args.check:
        findings = reports.consistency_check(bundle)
        for f in findings:
            where = f.statement_id or f.area_id or f.action_id or ""
            print(f"{f.kind.label}: {where + ': ' if where else ''}{f.message}")
        print(f"{len(findings)} thing{'s' if len(findings) != 1 else ''} to look at before issuing "
              f"the report." if findings else "Nothing to look at: the report is consistent.",
              file=sys.stderr)
        return
    if not args.output:
        raise Failure("Say where to write the PDF: wss-desktop report ID -o FILE.pdf")
    suffix = Path(args.output).suffix.lower()
    if suffix not in (".pdf", ".docx"):
        raise Failure(f"Name the file .pdf or .docx (a PDF or a Word copy), not '{suffix or args.output}'.")
    options = reports.options_for(ws, args.review, args.kind,
                                  large_print=True if args.large_print else None)
    if suffix == ".docx":
        result = reports.render_docx(bundle, options, args.output)
        state = "checked" if options.checked else "draft for checking"
        print(f"{result.path} (Word copy; {state})")
    else:
        result = reports.render(bundle, options, args.output)
        state = "checked" if options.checked else "draft, with a DRAFT watermark until it is checked"
        print(f"{result.path} ({result.pages} page{'s' if result.pages != 1 else ''}; {state})")
    for warning in result.warnings:
        print(f"Note: {warning}", file=sys.stderr)


def cmd_overview(ws: Workspace, args: argparse.Namespace) -> None:
    from .core import overview as ov
    data = ov.OverviewData.load(ws)
    if args.trust:
        trusts = data.choices().trusts
        wanted = " ".join(args.trust.split()).casefold()
        if not any(t.casefold() == wanted for t in trusts):
            named = (f"Those named on reviews are: {'; '.join(trusts)}." if trusts
                     else "No review names a trust or local authority yet.")
            raise Failure(f"No review names the trust or local authority '{args.trust}'. {named}")
    result = ov.compute(data, ov.OverviewFilter(trust=args.trust, phase=args.phase, year=args.year))
    written = []
    if args.csv:
        written += ov.export_csv(result, args.csv)
    if args.xlsx:
        written.append(ov.export_xlsx(result, args.xlsx))
    if args.json:
        _print_json(ov.as_dict(result))
    elif written:
        print(*written, sep="\n")
        print(f"Wrote the overview of {result.reviews} review{'s' if result.reviews != 1 else ''} "
              f"({result.filters.describe()}).", file=sys.stderr)
    else:
        print(*ov.text_lines(result), sep="\n")


def cmd_anonymise(ws: Workspace, args: argparse.Namespace) -> None:
    from .core import anonymise as an
    if args.preview:
        if args.output:
            raise Failure("--preview only shows the changes; leave out --output, or leave out "
                          "--preview to make the copy.")
        pv = an.preview(ws, args.review)
        if args.json:
            _print_json({"review": pv.review_id, "school": pv.school_label,
                         "trust_or_la": pv.trust_label, "left_out": list(pv.left_out),
                         "changes": [asdict(c) for c in pv.changes]})
            return
        print(f"The copy will be called {pv.school_label}"
              + (f", of {pv.trust_label}" if pv.trust_label else "") + ".")
        if pv.left_out:
            print("Not copied: " + ", ".join(pv.left_out) + ".")
        for change in pv.changes:
            print(f"\n{change.where}\n  before: {change.before}\n  after:  {change.after}")
        return
    copy = an.anonymise(ws, args.review)
    if args.output:
        an.export_json(ws, copy, args.output)
    _print_json({"id": copy}) if args.json else print(copy)
    print(f"Made an anonymised copy called {ws.review(copy).school_name}. Read it through before "
          f"sharing it: 'wss-desktop review show {copy}'.", file=sys.stderr)


def cmd_gui(data_dir: str | None) -> int:
    from .gui.app import run
    return run(data_dir)


# --- parser -------------------------------------------------------------------------

class _VersionAction(argparse.Action):
    """Prints the version; looked up only when asked, as reading package metadata
    would slow every start."""

    def __call__(self, parser, namespace, values, option_string=None):
        from . import __version__
        print(f"{parser.prog} {__version__}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="wss-desktop",
        description="WSS Review Desktop: SEND reviews of schools, from identification to follow-up. "
                    "With no command, opens the desktop app.")
    p.add_argument("--version", action=_VersionAction, nargs=0, help="show the version and exit")
    p.add_argument("--data-dir", metavar="DIR",
                   help=f"use this folder for the database instead of your user data folder "
                        f"(also the {ENV_DATA_DIR} environment variable)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def json_flag(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--json", action="store_true", help="print JSON")

    sp = sub.add_parser("demo", help="add the fictional demo review (once)")
    json_flag(sp)
    sp.set_defaults(func=cmd_demo)

    fw = sub.add_parser("frameworks", help="list, show or check review frameworks")
    fws = fw.add_subparsers(dest="fw_command", metavar="ACTION", required=True)
    sp = fws.add_parser("list", help="the frameworks you can use")
    json_flag(sp)
    sp.set_defaults(func=cmd_frameworks_list)
    sp = fws.add_parser("show", help="a framework's areas and statements, with their ids")
    sp.add_argument("framework", metavar="ID")
    json_flag(sp)
    sp.set_defaults(func=cmd_frameworks_show)
    sp = fws.add_parser("check", help="validate a framework file")
    sp.add_argument("file", metavar="FILE")
    sp.set_defaults(func=cmd_frameworks_check, no_workspace=True)
    sp = fws.add_parser("copy", help="make your own version of a framework (white-label)")
    sp.add_argument("framework", metavar="ID", help="the framework to copy, e.g. send-review")
    sp.add_argument("--id", required=True, metavar="NEW", help="the new id, e.g. acme-send")
    sp.add_argument("--name", required=True, help="the new name")
    sp.add_argument("--publisher", help="who publishes it (shown on reports)")
    sp.add_argument("--version", default="1.0")
    sp.add_argument("-o", "--output", metavar="FILE",
                    help="write the file here instead of your frameworks folder")
    sp.set_defaults(func=cmd_frameworks_copy)
    sp = fws.add_parser("import", help="turn a spreadsheet (.xlsx) or Word table (.docx) into a framework file")
    sp.add_argument("file", metavar="FILE")
    sp.add_argument("-o", "--output", required=True, metavar="FILE.toml")
    sp.set_defaults(func=cmd_frameworks_import, no_workspace=True)
    sp = fws.add_parser("template", help="write a spreadsheet (or Word document) to fill in and import")
    sp.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    sp.add_argument("--from", dest="framework", metavar="ID", help="filled in with this framework")
    sp.set_defaults(func=cmd_frameworks_template, no_workspace=True)

    rv = sub.add_parser("review", help="create, list and show reviews")
    rvs = rv.add_subparsers(dest="rv_command", metavar="ACTION", required=True)
    sp = rvs.add_parser("new", help="start a review (prints its id)")
    sp.add_argument("--school", required=True, help="the school's name")
    sp.add_argument("--framework", required=True, metavar="ID", help="e.g. send-review")
    sp.add_argument("--type", default="external", choices=[t.value for t in ReviewType])
    sp.add_argument("--urn")
    sp.add_argument("--phase")
    sp.add_argument("--setting", choices=["mainstream", "specialist"])
    sp.add_argument("--trust", dest="trust_or_la", metavar="NAME", help="trust or local authority")
    sp.add_argument("--subject", choices=["school", "trust", "local-area"],
                    help="what the review looks at (--school then names the trust or area; "
                         "the MAT framework reviews a trust unless told otherwise)")
    sp.add_argument("--member-school", action="append", metavar="NAME",
                    help="a school of the trust or area (repeat for each)")
    sp.add_argument("--requested-by", dest="requested_by")
    sp.add_argument("--purpose")
    sp.add_argument("--scope", help="area ids separated by commas (default: all areas)")
    sp.add_argument("--visit", dest="date_visit", metavar="YYYY-MM-DD")
    sp.add_argument("--requested", dest="date_requested", metavar="YYYY-MM-DD")
    sp.add_argument("--report-due", dest="date_report_due", metavar="YYYY-MM-DD")
    sp.add_argument("--next-review", dest="date_next_review", metavar="YYYY-MM-DD")
    sp.add_argument("--reviewer", action="append", metavar="NAME")
    json_flag(sp)
    sp.set_defaults(func=cmd_review_new)
    sp = rvs.add_parser("list", help="all reviews")
    json_flag(sp)
    sp.set_defaults(func=cmd_review_list)
    sp = rvs.add_parser("show", help="one review")
    sp.add_argument("review", metavar="ID")
    json_flag(sp)
    sp.set_defaults(func=cmd_review_show)
    sp = rvs.add_parser("removed", help="what was taken out of a review (newest first), to bring back")
    sp.add_argument("review", metavar="ID")
    json_flag(sp)
    sp.set_defaults(func=cmd_review_removed)
    sp = rvs.add_parser("bring-back", help="put something taken out of a review back in it")
    sp.add_argument("kind", metavar="KIND", help="as 'review removed' lists it, e.g. actions")
    sp.add_argument("id", metavar="ID")
    sp.set_defaults(func=cmd_review_bring_back)
    sp = rvs.add_parser("stage", help="set a stage's status")
    sp.add_argument("review", metavar="ID")
    sp.add_argument("stage", choices=[s.value for s in Stage])
    sp.add_argument("status", choices=[s.value for s in StageStatus])
    sp.add_argument("--notes")
    sp.set_defaults(func=cmd_review_stage)

    sp = sub.add_parser("judge", help="record the school's or the reviewer's view of a statement")
    sp.add_argument("review", metavar="ID")
    sp.add_argument("statement", metavar="STATEMENT")
    sp.add_argument("--as", dest="as_", required=True, choices=["self", "reviewer"])
    sp.add_argument("--rating", metavar="R", help="a scale key, label or step number")
    sp.add_argument("--comment", help="the school's comment (self)")
    sp.add_argument("--evidence", help="where the school's evidence is (self)")
    sp.add_argument("--respondent", help="who answered, where the framework has several (self)")
    sp.add_argument("--strengths", help="strengths (reviewer)")
    sp.add_argument("--consider", help="areas for consideration (reviewer)")
    sp.set_defaults(func=cmd_judge)

    sp = sub.add_parser("observe", help="record one learning-walk observation")
    sp.add_argument("review", metavar="ID")
    sp.add_argument("--room", required=True)
    sp.add_argument("--year", dest="year_group")
    sp.add_argument("--subject")
    sp.add_argument("--statement", action="extend", nargs="+", metavar="S")
    sp.add_argument("--area", action="extend", nargs="+", metavar="A")
    sp.add_argument("--look-for", dest="look_for", action="append", metavar="TEXT")
    sp.add_argument("--tas", type=int, metavar="N", help="number of teaching assistants present")
    sp.add_argument("--support", help="how support was deployed")
    sp.add_argument("--pupil-voice", dest="pupil_voice")
    sp.add_argument("--strengths")
    sp.add_argument("--consider")
    sp.add_argument("--date", metavar="YYYY-MM-DD")
    sp.add_argument("--start", metavar="HH:MM")
    sp.add_argument("--end", metavar="HH:MM")
    sp.add_argument("--note", required=True, help="what was seen")
    json_flag(sp)
    sp.set_defaults(func=cmd_observe)

    ac = sub.add_parser("action", help="actions of a review's plan")
    acs = ac.add_subparsers(dest="ac_command", metavar="ACTION", required=True)
    sp = acs.add_parser("add", help="add an action (prints its id)")
    sp.add_argument("review", metavar="ID")
    sp.add_argument("--title", required=True)
    sp.add_argument("--owner")
    sp.add_argument("--due", metavar="YYYY-MM-DD")
    sp.add_argument("--statement", action="extend", nargs="+", metavar="S")
    sp.add_argument("--success", dest="success_criteria", metavar="TEXT")
    sp.add_argument("--priority", choices=[p.value for p in Priority])
    sp.add_argument("--status", choices=[s.value for s in ActionStatus])
    json_flag(sp)
    sp.set_defaults(func=cmd_action_add)

    sp = sub.add_parser("report", help="make a PDF report (or its Word copy) of a review, or "
                                       "check it for consistency")
    sp.add_argument("review", metavar="ID")
    sp.add_argument("-o", "--output", metavar="FILE.pdf",
                    help="where to write it: FILE.pdf for the PDF, FILE.docx for a Word copy")
    sp.add_argument("--kind", default="full", choices=["full", "summary", "self-evaluation", "follow-up"])
    sp.add_argument("--large-print", action="store_true", help="16 pt text")
    sp.add_argument("--check", action="store_true",
                    help="list what the consistency check finds instead of making a PDF")
    sp.set_defaults(func=cmd_report)

    sp = sub.add_parser("search", help="search the text of every review")
    sp.add_argument("text")
    sp.add_argument("--limit", type=int, default=50)
    json_flag(sp)
    sp.set_defaults(func=cmd_search)

    passphrase_help = ("the name of an environment variable holding the team (or pair) passphrase; "
                       "needed once per computer, or every time where there is no keyring")
    sp = sub.add_parser("sync", help="send and receive changes through a shared folder")
    sp.add_argument("--folder", metavar="DIR",
                    help="the team's shared folder (remembered; an empty folder is set up for the team)")
    sp.add_argument("--passphrase-env", metavar="VAR", help=passphrase_help)
    sp.add_argument("--start-afresh", action="store_true",
                    help="set up again a shared folder that has been emptied or lost its marker")
    sp.add_argument("--status", action="store_true",
                    help="only show whether the folder is reachable, what is waiting, and how long "
                         "each device has been quiet")
    sp.add_argument("--forget", metavar="DEVICE",
                    help="forget a device that has gone quiet (a lost or replaced laptop), by its "
                         "device id or name from --status, then sync: tidying the shared folder no "
                         "longer waits for it; nothing it sent is lost")
    json_flag(sp)
    sp.set_defaults(func=cmd_sync)

    tm = sub.add_parser("team", help="who is in the team; remove someone or change the team key")
    tms = tm.add_subparsers(dest="team_command", metavar="ACTION", required=True)
    new_help = ("the name of an environment variable holding the new team passphrase (asked for "
                "twice when left out and typing is possible)")
    for action, helptext in (("list", "the computers in the team, when each was last seen, and when "
                                      "the team key last changed"),
                             ("remove", "remove a computer from the team: a new team key that it "
                                        "never receives"),
                             ("rotate", "make a new team key (and passphrase) for the same members")):
        sp = tms.add_parser(action, help=helptext)
        if action == "remove":
            sp.add_argument("device", metavar="DEVICE", help="its name or device id, from 'team list'")
        sp.add_argument("--folder", metavar="DIR", help="the team's shared folder (default: the one "
                                                        "this computer syncs with)")
        sp.add_argument("--passphrase-env", metavar="VAR", help=passphrase_help)
        if action != "list":
            sp.add_argument("--new-passphrase-env", metavar="VAR", help=new_help)
        json_flag(sp)
        sp.set_defaults(func=cmd_team)
    sp = tms.add_parser("name", help="the name colleagues see for this computer")
    sp.add_argument("name", metavar="NAME")
    sp.set_defaults(func=cmd_team)

    sp = sub.add_parser("export", help="write one review to an encrypted file for a partner")
    sp.add_argument("review", metavar="ID")
    sp.add_argument("-o", "--output", required=True, metavar="FILE")
    sp.add_argument("--passphrase-env", metavar="VAR",
                    help="lock the file with this passphrase instead of the team key")
    sp.add_argument("--no-photos", action="store_true", help="leave the photos out")
    json_flag(sp)
    sp.set_defaults(func=cmd_export)

    sp = sub.add_parser("import", help="merge a partner's review file and show what changed")
    sp.add_argument("file", metavar="FILE")
    sp.add_argument("--passphrase-env", metavar="VAR", help="the passphrase the file was locked with")
    json_flag(sp)
    sp.set_defaults(func=cmd_import)

    sp = sub.add_parser("backup", help="back up every review, photo and logo to one file")
    sp.add_argument("file", metavar="FILE", help="e.g. wss-backup.wssbackup")
    sp.add_argument("--passphrase-env", metavar="VAR",
                    help="the team passphrase, where the team key is not in this computer's keyring; "
                         "off a team, the passphrase to lock this backup with (backups are always "
                         "encrypted)")
    json_flag(sp)
    sp.set_defaults(func=cmd_backup)
    sp = sub.add_parser("restore", help="restore a backup into a new, empty data folder")
    sp.add_argument("file", metavar="FILE")
    sp.add_argument("--data-dir", dest="target_dir", metavar="DIR", required=True,
                    help="the new, empty folder to restore into (nothing is overwritten)")
    sp.add_argument("--passphrase-env", metavar="VAR",
                    help="the passphrase the backup was locked with, if asked for")
    json_flag(sp)
    sp.set_defaults(func=cmd_restore, no_workspace=True)

    sp = sub.add_parser("overview", help="ratings, gaps, overdue actions and feedback across every review")
    sp.add_argument("--trust", metavar="NAME", help="only reviews of this trust or local authority")
    sp.add_argument("--phase", choices=[ph.value for ph in Phase], help="only schools of this phase")
    sp.add_argument("--year", type=int, metavar="YYYY",
                    help="only reviews visited in this year (or created in it, when there is no visit date)")
    sp.add_argument("--csv", metavar="FILE",
                    help="write the ratings to FILE and the other tables beside it (FILE-gaps.csv, ...)")
    sp.add_argument("--xlsx", metavar="FILE", help="write every table to one spreadsheet")
    json_flag(sp)
    sp.set_defaults(func=cmd_overview)

    sp = sub.add_parser("anonymise", help="make an anonymised copy of a review to share as an example "
                                          "(prints its id)")
    sp.add_argument("review", metavar="ID")
    sp.add_argument("--preview", action="store_true",
                    help="only show each text before and after; make nothing")
    sp.add_argument("-o", "--output", metavar="FILE", help="also write the copy as JSON to FILE")
    json_flag(sp)
    sp.set_defaults(func=cmd_anonymise)

    sp = sub.add_parser("passphrase", help="suggest a passphrase that meets the rule (nothing is stored)")
    sp.add_argument("--words", type=int, default=5, help="how many words (at least 4)")
    sp.set_defaults(func=cmd_passphrase, no_workspace=True)

    sp = sub.add_parser("check", help="check the database for damage")
    sp.set_defaults(func=cmd_check)

    from .cli_voices import add_commands
    add_commands(sub, json_flag)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    from . import selftest
    if selftest.requested(list(sys.argv[1:] if argv is None else argv)):
        return selftest.main(list(sys.argv[1:] if argv is None else argv))
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        return cmd_gui(args.data_dir)
    try:
        if getattr(args, "no_workspace", False):
            args.func(None, args)
            return 0
        with Workspace.open(args.data_dir) as ws:
            args.func(ws, args)
        return 0
    except (UserError, Failure) as exc:
        print(f"wss-desktop: {exc}", file=sys.stderr)
        return 1
    except Stopped:
        return STOPPED      # what was stopped has said so
    except KeyboardInterrupt:
        # Ctrl+C: whatever was being written was rolled back (every write is a transaction).
        print("\nwss-desktop: stopped.", file=sys.stderr)
        return STOPPED
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); nothing more to say.
        sys.stderr.close()
        return 0
    except OSError as exc:
        print(f"wss-desktop: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
