"""Issue 11: the overview's figures kept per review in the database (schema step 6).

Each review's figures are kept in overview_figures; triggers count every change to
the ratings a figure comes from (local or brought by a sync), and a kept figure is
used only while nothing has changed since it was worked out. These tests compare the
kept path with the figures worked out from every rating (the computation the
overview has always done), after local edits and after a sync, and fail if opening
an unchanged overview reads the ratings at all.
"""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest
from sync_support import PASSPHRASE, Device, fast_kdf, memory_keyring  # noqa: F401

from wss_desktop.core import overview as ov
from wss_desktop.core.workspace import Workspace

TODAY = dt.date(2027, 6, 1)
RATINGS = ["emerging", "developing", "established", "enhanced", "na"]


def fill(ws: Workspace, reviews: int, seed: int = 11) -> list[str]:
    """`reviews` reviews of about half as many schools, each with some ratings rated by
    the reviewer and the school, some N/A, some scoped to a few areas, some unrated."""
    rng = random.Random(seed)
    ids: list[str] = []
    statements: list[str] = []
    with ws.store.transaction():
        for i in range(reviews):
            scope = ["1", "3"] if i % 7 == 3 else None
            rid = ws.new_review(f"Kept School {i % (reviews // 2):03d}", "send-review",
                                urn=f"8{i % (reviews // 2):05d}", phase=rng.choice(["primary", "secondary"]),
                                trust_or_la=rng.choice(["Fenwick Trust", "Saltmarsh Council", None]),
                                date_visit=f"{2025 + i % 3}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                                **({"scope": scope} if scope else {}))
            if not statements:
                statements = [s.id for s in ws.bundle(rid).framework.statements()]
            ids.append(rid)
            if i % 11 == 5:
                continue   # nothing rated
            for sid in rng.sample(statements, 6):
                ws.judge(rid, sid, rating=rng.choice(RATINGS))
                if rng.random() < 0.7:
                    ws.self_evaluate(rid, sid, rating=rng.choice(RATINGS))
            if i % 5 == 0:
                ws.add_action(rid, f"Action for review {i}", due=f"2027-0{1 + i % 9}-01")
    return ids


def reference(ws: Workspace) -> dict:
    """The overview worked out from every rating, as it always was."""
    data = ov.OverviewData.load(ws, kept=False)
    return ov.as_dict(ov.compute(data, today=TODAY))


def kept(ws: Workspace) -> tuple[dict, ov.OverviewData]:
    data = ov.OverviewData.load(ws)
    return ov.as_dict(ov.compute(data, today=TODAY)), data


READS_RATINGS = re.compile(r'\b(FROM|JOIN)\s+[\["]?(judgements|self_assessments)\b', re.I)


def rating_reads(ws: Workspace, work) -> int:
    """How many SQL statements `work` runs that read the rating tables."""
    seen: list[str] = []
    ws.store.conn.set_trace_callback(seen.append)
    try:
        work()
    finally:
        ws.store.conn.set_trace_callback(None)
    return sum(1 for sql in seen if READS_RATINGS.search(sql))


def test_kept_figures_match_the_full_computation_after_local_edits(ws):
    ids = fill(ws, 100)
    statements = [s.id for s in ws.bundle(ids[0]).framework.statements()]
    ws.judge(ids[2], statements[1], rating="developing")   # rated, to be cleared below
    want = reference(ws)
    got, data = kept(ws)
    assert got == want
    assert data.worked_out == 100                 # nothing kept yet: all worked out, then kept
    got, data = kept(ws)
    assert got == want and data.worked_out == 0   # all from the kept figures
    # Local edits of every kind the figures depend on.
    ws.judge(ids[1], statements[0], rating="enhanced")
    ws.judge(ids[2], statements[1], clear_rating=True)
    ws.self_evaluate(ids[3], statements[2], rating="emerging")
    ws.update_review(ids[4], scope=["2"])
    ws.delete_review(ids[5])
    ws.judge(ids[6], statements[3], strengths="Text only: the figures stay as they are")
    want = reference(ws)
    assert want != got
    got, data = kept(ws)
    assert got == want
    assert data.worked_out == 4                   # ids 1-4; the deleted one is not counted
    assert kept(ws)[1].worked_out == 0


def test_kept_figures_match_the_full_computation_after_a_sync(tmp_path, shared, memory_keyring, fast_kdf):
    a, b = Device(tmp_path, "a"), Device(tmp_path, "b")
    try:
        ids = fill(a.ws, 60, seed=5)
        statements = [s.id for s in a.ws.bundle(ids[0]).framework.statements()]
        a.ws.judge(ids[11], statements[0], rating="enhanced")   # rated, to be cleared below
        a.sync(shared)
        b.sync(shared)
        assert kept(b.ws)[0] == reference(b.ws)
        assert kept(b.ws)[1].worked_out == 0
        # Changes made elsewhere arrive by sync: ratings changed, cleared and added,
        # a scope changed, a review deleted.
        a.ws.judge(ids[10], statements[0], rating="emerging")
        a.ws.judge(ids[11], statements[0], clear_rating=True)
        a.ws.self_evaluate(ids[12], statements[4], rating="enhanced")
        a.ws.update_review(ids[13], scope=["1"])
        a.ws.delete_review(ids[14])
        new = a.ws.new_review("Kept School Newcomer", "send-review", date_visit="2027-02-02")
        a.ws.judge(new, statements[0], rating="developing")
        a.sync(shared, passphrase=None)
        b.sync(shared, passphrase=None)
        want = reference(b.ws)
        got, data = kept(b.ws)
        assert got == want
        assert data.worked_out == 5                   # 10-13 and the new one
        assert want == ov.as_dict(ov.compute(ov.OverviewData.load(a.ws, kept=False), today=TODAY))
    finally:
        a.close()
        b.close()


def test_an_unchanged_overview_reads_no_rating_and_a_changed_one_only_its_reviews(ws):
    """Structural (issue 11): opening the overview again reads no rating row; after an
    edit it reads the ratings of the changed review only, never all of them at once."""
    ids = fill(ws, 60)
    ov.OverviewData.load(ws)
    assert rating_reads(ws, lambda: ov.OverviewData.load(ws)) == 0
    sid = ws.bundle(ids[0]).framework.statements()[0].id
    ws.judge(ids[7], sid, rating="developing")
    seen: list[str] = []
    ws.store.conn.set_trace_callback(seen.append)
    try:
        data = ov.OverviewData.load(ws)
    finally:
        ws.store.conn.set_trace_callback(None)
    reads = [sql for sql in seen if READS_RATINGS.search(sql)]
    assert data.worked_out == 1
    assert len(reads) == 2 and all(ids[7] in sql for sql in reads), reads
    assert not any("group_concat" in sql for sql in reads)   # not the stream of every rating
    assert len(seen) <= 30, seen                            # a handful of queries in all


def test_figures_worked_out_from_a_state_changed_before_they_are_kept_never_count(ws):
    rid = fill(ws, 4)[0]
    sid = ws.bundle(rid).framework.statements()[0].id
    store = ws.store
    counts = store.kept_overview_figures()
    assert counts is not None
    before = counts[rid][0]
    ws.judge(rid, sid, rating="enhanced")          # lands after the figures were read
    assert store.keep_overview_figures([(rid, before, "stale", "[\"1\",[],null]")])
    changed, worked_out, _, _ = store.kept_overview_figures()[rid]
    assert worked_out == before != changed
    assert ov.OverviewData.load(ws).worked_out == 4


def test_without_its_triggers_nothing_kept_is_trusted(ws):
    fill(ws, 6)
    want = reference(ws)
    ov.OverviewData.load(ws)
    ws.store.conn.execute("DROP TRIGGER overview_judgements_update")
    assert ws.store.kept_overview_figures() is None
    got, data = kept(ws)
    assert got == want and data.worked_out == 6


@pytest.mark.parametrize("text", [None, "", "not json", '["0",[],null]', '["1",[["1"]],null]'])
def test_an_unreadable_kept_figure_is_worked_out_again(ws, text):
    rid = fill(ws, 2)[0]
    ov.OverviewData.load(ws)
    ws.store.conn.execute("UPDATE overview_figures SET figures = ? WHERE review_id = ?", [text, rid])
    got, data = kept(ws)
    assert got == reference(ws) and data.worked_out == 1


def test_the_open_actions_read_as_tuples_are_those_the_records_give(demo, ws):
    """Issue 11: the overview reads its actions as a few fields each; they are exactly
    the open, dated actions of live reviews that reading whole records gives, in order."""
    from wss_desktop.core.model import OPEN_ACTION_STATUSES, Action

    rid = fill(ws, 12)[0]
    ws.add_action(rid, "No date yet")
    gone = ws.add_action(rid, "Deleted", due="2026-01-01")
    ws.delete_action(gone)
    ws.add_action(rid, "Finished", due="2026-01-01", status="done")
    ws.add_action(rid, "Started", due="2026-02-01", status="in-progress", owner="SENCO", priority="high")
    live = {r.id for r in ws.store.records(ov.Review) if r.origin != ov.ANONYMISED}
    want = [(a.id, a.review_id, a.title, a.owner, a.due, a.status, a.priority)
            for status in OPEN_ACTION_STATUSES for a in ws.store.records(Action, status=status)
            if a.review_id in live and a.due]
    got = ov.OverviewData.load(ws).actions
    assert [tuple(a) for a in got] == want
    assert len(want) >= 5 and any(a.status == "in-progress" for a in got)
