"""Issue 11: the overview reads ratings a review at a time, with the same rows as reading them all."""

from __future__ import annotations

from collections import defaultdict


def test_ratings_by_review_gives_the_rows_of_rating_rows_a_review_at_a_time(ws):
    a = ws.new_review("Ashgrove Primary", "send-review")
    b = ws.new_review("Birchfield Academy", "send-review")   # self-evaluation only
    c = ws.new_review("Cedar Lane School", "send-review")    # judgements only
    ws.new_review("Damson Infant School", "send-review")     # nothing rated: left out
    gone = ws.new_review("Elm Tree Primary", "send-review")  # deleted: left out
    ws.judge(gone, "1.1", rating="emerging")
    ws.delete_review(gone)
    for sid, rating in (("1.1", "emerging"), ("1.2", "na"), ("2.1", "enhanced")):
        ws.judge(a, sid, rating=rating)
        ws.self_evaluate(a, sid, rating="developing")
        ws.self_evaluate(b, sid, rating=rating)
        ws.judge(c, sid, rating=rating)
    ws.judge(a, "1.1", rating="established")        # changed: one row, the new rating
    judged, selfs = ws.store.rating_rows()
    want_j, want_s = defaultdict(list), defaultdict(list)
    for rid, sid, rating in judged:
        want_j[rid].append((sid, rating))
    for rid, sid, respondent, rating in selfs:
        want_s[rid].append((sid, respondent, rating))
    got = list(ws.store.ratings_by_review())
    assert [rid for rid, _, _ in got] == sorted({a, b, c})
    for rid, j, s in got:
        assert (sorted(j), sorted(s)) == (sorted(want_j[rid]), sorted(want_s[rid]))
    by_id = {rid: (j, s) for rid, j, s in got}
    assert dict(by_id[a][0])["1.1"] == "established"
    assert by_id[b][0] == [] and by_id[c][1] == []
    assert gone not in by_id
