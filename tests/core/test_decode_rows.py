"""Issue 11: records are decoded many rows at a time, with exactly the result of
decoding each row on its own (every record kind, on the demo's data)."""

from __future__ import annotations

from wss_desktop.core import model
from wss_desktop.core.store import _decode_rows


def test_many_rows_at_once_decode_as_each_row_alone(demo, ws):
    store = ws.store
    seen = 0
    for kind in model.RECORD_TYPES:
        cur = store.conn.execute(f"SELECT * FROM [{kind.table}] ORDER BY rowid")
        names = [d[0] for d in cur.description]
        rows = cur.fetchall()
        assert _decode_rows(kind, rows, names) == [store._decode(kind, row, names) for row in rows]
        assert _decode_rows(kind, rows, names[:1]) == [store._decode(kind, row, names[:1]) for row in rows]
        seen += len(rows)
    assert seen > 100
    cur = store.conn.execute("SELECT * FROM reviews WHERE deleted = 0 ORDER BY rowid")
    names = [d[0] for d in cur.description]
    assert store.records(model.Review) == [store._decode(model.Review, row, names) for row in cur.fetchall()]
