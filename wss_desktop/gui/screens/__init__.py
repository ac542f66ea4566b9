"""One screen per stage of a review. Each has `load()` (read the review afresh) and
`leave()` (the user is moving away: make sure everything typed is saved)."""
