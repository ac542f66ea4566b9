"""What an operation changed, so each screen refreshes only what it shows.

Every committed write through the store (a local edit, an undo, a sync applying
another device's changes) is described by one `Changes` value, handed to whoever
subscribed to the store (`Store.subscribe`). It names the reviews, record kinds,
records and fields touched, and whether the change was made here or arrived from
elsewhere, which is what a screen needs to decide between doing nothing (it made
the edit itself), refreshing a count, or reloading what it shows. Learned from
Anki's OpChanges; Qt-free, like the rest of core/.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

LOCAL = "local"   # made through this store (typing, an import, an undo)
SYNC = "sync"     # arrived from another device (shared folder or a partner's file)


@dataclass(frozen=True)
class Changes:
    source: str = LOCAL
    reviews: frozenset[str] = frozenset()
    tables: frozenset[str] = frozenset()
    records: frozenset[tuple[str, str]] = frozenset()     # (table, record id)
    fields: frozenset[tuple[str, str, str]] = frozenset()  # (table, record id, field)
    # True when the reviews' content may have changed in ways not listed (a sync whose
    # report names only the reviews): a screen of such a review reloads everything.
    everything: bool = False
    notes: tuple[str, ...] = field(default=())             # plain words, e.g. for a status line

    @classmethod
    def arrived(cls, reviews: Iterable[str] | None, note: str = "") -> "Changes":
        """Changes brought by a sync in another connection, known only by review (None: any)."""
        return cls(source=SYNC, reviews=frozenset(reviews or ()), everything=True,
                   notes=(note,) if note else ())

    def about(self, review_id: str) -> bool:
        """Whether this may concern the review (an "everything" change with no
        reviews named concerns every review)."""
        return review_id in self.reviews or (self.everything and not self.reviews)

    def touches(self, *tables: str) -> bool:
        return self.everything or bool(self.tables.intersection(tables))

    @property
    def from_elsewhere(self) -> bool:
        return self.source != LOCAL

    def __bool__(self) -> bool:
        return bool(self.tables or self.reviews or self.everything)


class ChangeCollector:
    """Gathers what one transaction touches; the store publishes it at commit."""

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self._reviews: set[str] = set()
        self._fields: set[tuple[str, str, str]] = set()
        self._records: set[tuple[str, str]] = set()
        self._sources: set[str] = set()
        self._tables: set[str] = set()
        self._everything = False

    def add(self, source: str, table: str, rec_id: str, review_id: str | None,
            names: Iterable[str]) -> None:
        self._sources.add(source)
        self._records.add((table, rec_id))
        if review_id:
            self._reviews.add(review_id)
        self._fields.update((table, rec_id, n) for n in names)

    def add_reviews(self, source: str, tables: Iterable[str], reviews: Iterable[str | None]) -> None:
        """Records of these kinds in these reviews changed, too many to list one by one
        (a new laptop joining from a snapshot): named by review, as `Changes.arrived`."""
        self._sources.add(source)
        self._tables.update(tables)
        self._reviews.update(r for r in reviews if r)
        self._everything = True

    def take(self) -> Changes | None:
        if not self._records and not self._everything:
            return None
        source = SYNC if SYNC in self._sources else LOCAL
        out = Changes(source=source, reviews=frozenset(self._reviews),
                      tables=frozenset({t for t, _ in self._records} | self._tables),
                      records=frozenset(self._records), fields=frozenset(self._fields),
                      everything=self._everything)
        self.clear()
        return out
