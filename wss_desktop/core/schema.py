"""The database schema, step by step, as fixed SQL (executed only by store.py).

Each step takes a database from version N-1 to N (`PRAGMA user_version`) and is
never edited once released: a database made by any released version must end up
with exactly the schema a new one gets. A change to a record in model.py
therefore needs a new step at the end of store.MIGRATIONS (ALTER TABLE ... ADD
COLUMN, CREATE TABLE, CREATE INDEX); tests/core/test_migrations.py fails when a
model field has no column, and opens a real database file kept from each released
schema (tests/data/schemas/) to check that it migrates to the same schema as a new
one.
"""

from __future__ import annotations

# Step 1: the settings, the change log and one table per record kind (the schema
# of the first release, 0.1.0, before full-text search was added by step 2).
STEP_1: tuple[str, ...] = (
    'CREATE TABLE "settings" ("key" TEXT PRIMARY KEY, "value" TEXT)',
    'CREATE TABLE changes (device TEXT NOT NULL, hlc TEXT NOT NULL, tbl TEXT NOT NULL, rec TEXT NOT NULL, field TEXT NOT NULL, value TEXT, vv TEXT NOT NULL, review_id TEXT, PRIMARY KEY (device, hlc, tbl, rec, field)) WITHOUT ROWID',
    'CREATE TABLE pending_changes (device TEXT NOT NULL, hlc TEXT NOT NULL, tbl TEXT NOT NULL, rec TEXT NOT NULL, field TEXT NOT NULL, value TEXT, vv TEXT NOT NULL, review_id TEXT, PRIMARY KEY (device, hlc, tbl, rec, field)) WITHOUT ROWID',
    'CREATE TABLE field_clocks (tbl TEXT NOT NULL, rec TEXT NOT NULL, field TEXT NOT NULL, hlc TEXT NOT NULL, device TEXT NOT NULL, vv TEXT NOT NULL, conflicted INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (tbl, rec, field)) WITHOUT ROWID',
    'CREATE TABLE field_conflicts (tbl TEXT NOT NULL, rec TEXT NOT NULL, field TEXT NOT NULL, hlc TEXT NOT NULL, device TEXT NOT NULL, vv TEXT NOT NULL, value TEXT, review_id TEXT, PRIMARY KEY (tbl, rec, field, hlc, device)) WITHOUT ROWID',
    'CREATE TABLE "frameworks" ("id" TEXT PRIMARY KEY NOT NULL, "deleted" INTEGER DEFAULT 0, "framework_id" TEXT, "version" TEXT, "name" TEXT, "content" TEXT)',
    'CREATE TABLE "reviews" ("id" TEXT PRIMARY KEY NOT NULL, "deleted" INTEGER DEFAULT 0, "school_name" TEXT, "urn" TEXT, "phase" TEXT, "setting" TEXT, "trust_or_la" TEXT, "review_type" TEXT, "requested_by" TEXT, "purpose" TEXT, "scope" TEXT, "framework_id" TEXT, "framework_version" TEXT, "framework_hash" TEXT REFERENCES "frameworks"("id"), "date_requested" TEXT, "date_visit" TEXT, "date_report_due" TEXT, "date_next_review" TEXT, "origin" TEXT, "previous_review_id" TEXT, "source_review_id" TEXT, "created" TEXT)',
    'CREATE TABLE "reviewers" ("id" TEXT PRIMARY KEY NOT NULL, "deleted" INTEGER DEFAULT 0, "review_id" TEXT REFERENCES "reviews"("id"), "name" TEXT, "role" TEXT, "organisation" TEXT, "created" TEXT)',
    'CREATE INDEX "idx_reviewers_review_id" ON "reviewers" ("review_id")',
    'CREATE TABLE "stages" ("id" TEXT PRIMARY KEY NOT NULL, "deleted" INTEGER DEFAULT 0, "review_id" TEXT REFERENCES "reviews"("id"), "stage" TEXT, "status" TEXT, "started" TEXT, "completed" TEXT, "notes" TEXT)',
    'CREATE INDEX "idx_stages_review_id" ON "stages" ("review_id")',
    'CREATE TABLE "self_assessments" ("id" TEXT PRIMARY KEY NOT NULL, "deleted" INTEGER DEFAULT 0, "review_id" TEXT REFERENCES "reviews"("id"), "statement_id" TEXT, "respondent" TEXT, "rating" TEXT, "comment" TEXT, "evidence_note" TEXT)',
    'CREATE INDEX "idx_self_assessments_review_id" ON "self_assessments" ("review_id")',
    'CREATE TABLE "judgements" ("id" TEXT PRIMARY KEY NOT NULL, "deleted" INTEGER DEFAULT 0, "review_id" TEXT REFERENCES "reviews"("id"), "statement_id" TEXT, "rating" TEXT, "strengths" TEXT, "consider" TEXT)',
    'CREATE INDEX "idx_judgements_review_id" ON "judgements" ("review_id")',
    'CREATE TABLE "evidence" ("id" TEXT PRIMARY KEY NOT NULL, "deleted" INTEGER DEFAULT 0, "review_id" TEXT REFERENCES "reviews"("id"), "kind" TEXT, "date" TEXT, "title" TEXT, "text" TEXT, "meeting_type" TEXT, "room" TEXT, "year_group" TEXT, "subject" TEXT, "start" TEXT, "end" TEXT, "teacher_present" INTEGER, "tas" INTEGER, "support" TEXT, "look_fors" TEXT, "pupil_voice" TEXT, "strengths" TEXT, "consider" TEXT, "created" TEXT)',
    'CREATE INDEX "idx_evidence_review_id" ON "evidence" ("review_id")',
    'CREATE TABLE "links" ("id" TEXT PRIMARY KEY NOT NULL, "deleted" INTEGER DEFAULT 0, "review_id" TEXT REFERENCES "reviews"("id"), "source_kind" TEXT, "source_id" TEXT, "target_kind" TEXT, "target_id" TEXT)',
    'CREATE INDEX "idx_links_review_id" ON "links" ("review_id")',
    'CREATE TABLE "actions" ("id" TEXT PRIMARY KEY NOT NULL, "deleted" INTEGER DEFAULT 0, "review_id" TEXT REFERENCES "reviews"("id"), "title" TEXT, "owner" TEXT, "due" TEXT, "success_criteria" TEXT, "priority" TEXT, "status" TEXT, "impact" TEXT, "created" TEXT)',
    'CREATE INDEX "idx_actions_review_id" ON "actions" ("review_id")',
    'CREATE TABLE "action_notes" ("id" TEXT PRIMARY KEY NOT NULL, "deleted" INTEGER DEFAULT 0, "review_id" TEXT REFERENCES "reviews"("id"), "action_id" TEXT REFERENCES "actions"("id"), "date" TEXT, "text" TEXT, "created" TEXT)',
    'CREATE INDEX "idx_action_notes_review_id" ON "action_notes" ("review_id")',
    'CREATE TABLE "documents" ("id" TEXT PRIMARY KEY NOT NULL, "deleted" INTEGER DEFAULT 0, "review_id" TEXT REFERENCES "reviews"("id"), "title" TEXT, "status" TEXT, "notes" TEXT, "created" TEXT)',
    'CREATE INDEX "idx_documents_review_id" ON "documents" ("review_id")',
    'CREATE TABLE "snapshots" ("id" TEXT PRIMARY KEY NOT NULL, "deleted" INTEGER DEFAULT 0, "review_id" TEXT REFERENCES "reviews"("id"), "on_roll" INTEGER, "sen_support" INTEGER, "ehcp" INTEGER, "attendance_pct" REAL, "persistent_absence_pct" REAL, "suspensions" INTEGER, "permanent_exclusions" INTEGER, "notes" TEXT, "national_sen_support_pct" REAL, "national_ehcp_pct" REAL, "national_attendance_pct" REAL, "national_persistent_absence_pct" REAL, "national_note" TEXT)',
    'CREATE INDEX "idx_snapshots_review_id" ON "snapshots" ("review_id")',
    'CREATE TABLE "photos" ("id" TEXT PRIMARY KEY NOT NULL, "deleted" INTEGER DEFAULT 0, "review_id" TEXT REFERENCES "reviews"("id"), "evidence_id" TEXT REFERENCES "evidence"("id"), "sha256" TEXT, "media_type" TEXT, "caption" TEXT, "width" INTEGER, "height" INTEGER, "size" INTEGER, "created" TEXT)',
    'CREATE INDEX "idx_photos_review_id" ON "photos" ("review_id")',
    'CREATE TABLE "visit_slots" ("id" TEXT PRIMARY KEY NOT NULL, "deleted" INTEGER DEFAULT 0, "review_id" TEXT REFERENCES "reviews"("id"), "start" TEXT, "end" TEXT, "activity" TEXT, "meeting_type" TEXT, "title" TEXT, "people" TEXT, "place" TEXT, "notes" TEXT, "created" TEXT)',
    'CREATE INDEX "idx_visit_slots_review_id" ON "visit_slots" ("review_id")',
    'CREATE TABLE "questions" ("id" TEXT PRIMARY KEY NOT NULL, "deleted" INTEGER DEFAULT 0, "review_id" TEXT REFERENCES "reviews"("id"), "text" TEXT, "answer" TEXT, "done" INTEGER, "created" TEXT)',
    'CREATE INDEX "idx_questions_review_id" ON "questions" ("review_id")',
    'CREATE TABLE "previsit_answers" ("id" TEXT PRIMARY KEY NOT NULL, "deleted" INTEGER DEFAULT 0, "review_id" TEXT REFERENCES "reviews"("id"), "question_id" TEXT, "text" TEXT)',
    'CREATE INDEX "idx_previsit_answers_review_id" ON "previsit_answers" ("review_id")',
    'CREATE TABLE "branding_profiles" ("id" TEXT PRIMARY KEY NOT NULL, "deleted" INTEGER DEFAULT 0, "name" TEXT, "organisation" TEXT, "logo_file" TEXT, "accent" TEXT, "footer" TEXT, "is_default" INTEGER, "created" TEXT)',
    'CREATE TABLE "report_drafts" ("id" TEXT PRIMARY KEY NOT NULL, "deleted" INTEGER DEFAULT 0, "review_id" TEXT REFERENCES "reviews"("id"), "kind" TEXT, "sections" TEXT, "overview" TEXT, "strengths" TEXT, "development" TEXT, "next_steps" TEXT, "branding_profile_id" TEXT, "large_print" INTEGER, "checked_by" TEXT, "checked_on" TEXT, "checked_digest" TEXT, "last_checked_by" TEXT, "last_checked_on" TEXT, "created" TEXT)',
    'CREATE INDEX "idx_report_drafts_review_id" ON "report_drafts" ("review_id")',
    'CREATE TABLE "report_comments" ("id" TEXT PRIMARY KEY NOT NULL, "deleted" INTEGER DEFAULT 0, "review_id" TEXT REFERENCES "reviews"("id"), "kind" TEXT, "section" TEXT, "target_kind" TEXT, "target_id" TEXT, "author" TEXT, "text" TEXT, "resolved" INTEGER, "resolved_by" TEXT, "resolved_on" TEXT, "created" TEXT)',
    'CREATE INDEX "idx_report_comments_review_id" ON "report_comments" ("review_id")',
    'CREATE TABLE "issued_reports" ("id" TEXT PRIMARY KEY NOT NULL, "deleted" INTEGER DEFAULT 0, "review_id" TEXT REFERENCES "reviews"("id"), "kind" TEXT, "issued_on" TEXT, "file_name" TEXT, "sha256" TEXT, "pages" INTEGER, "checked_by" TEXT, "large_print" INTEGER, "created" TEXT)',
    'CREATE INDEX "idx_issued_reports_review_id" ON "issued_reports" ("review_id")',
    'CREATE TABLE "followup_visits" ("id" TEXT PRIMARY KEY NOT NULL, "deleted" INTEGER DEFAULT 0, "review_id" TEXT REFERENCES "reviews"("id"), "date" TEXT, "visitor" TEXT, "notes" TEXT, "next_steps" TEXT, "created" TEXT)',
    'CREATE INDEX "idx_followup_visits_review_id" ON "followup_visits" ("review_id")',
    'CREATE TABLE "action_checks" ("id" TEXT PRIMARY KEY NOT NULL, "deleted" INTEGER DEFAULT 0, "review_id" TEXT REFERENCES "reviews"("id"), "visit_id" TEXT REFERENCES "followup_visits"("id"), "action_id" TEXT REFERENCES "actions"("id"), "status" TEXT, "comment" TEXT)',
    'CREATE INDEX "idx_action_checks_review_id" ON "action_checks" ("review_id")',
    'CREATE TABLE "feedback" ("id" TEXT PRIMARY KEY NOT NULL, "deleted" INTEGER DEFAULT 0, "review_id" TEXT REFERENCES "reviews"("id"), "given_by" TEXT, "date" TEXT, "usefulness" INTEGER, "tone" INTEGER, "clarity" INTEGER, "went_well" TEXT, "could_be_better" TEXT)',
    'CREATE INDEX "idx_feedback_review_id" ON "feedback" ("review_id")',
)

# Step 2: full-text search over every free-text field, filled from existing rows.
STEP_2: tuple[str, ...] = (
    "CREATE TABLE IF NOT EXISTS texts (id INTEGER PRIMARY KEY, tbl TEXT NOT NULL, rec TEXT NOT NULL, "
    "field TEXT NOT NULL, review_id TEXT, body TEXT NOT NULL, UNIQUE (tbl, rec, field))",
    "CREATE VIRTUAL TABLE IF NOT EXISTS texts_fts USING fts5(body, content='texts', "
    "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS texts_ai AFTER INSERT ON texts BEGIN "
    "INSERT INTO texts_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER IF NOT EXISTS texts_ad AFTER DELETE ON texts BEGIN "
    "INSERT INTO texts_fts(texts_fts, rowid, body) VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER IF NOT EXISTS texts_au AFTER UPDATE ON texts BEGIN "
    "INSERT INTO texts_fts(texts_fts, rowid, body) VALUES ('delete', old.id, old.body); "
    "INSERT INTO texts_fts(rowid, body) VALUES (new.id, new.body); END",
)

# The free-text fields step 2 indexed, with the column naming each row's review.
STEP_2_SEARCHED: tuple[tuple[str, str, str], ...] = (
    ("reviews", "school_name", "id"),
    ("reviews", "trust_or_la", "id"),
    ("reviews", "purpose", "id"),
    ("reviewers", "name", "review_id"),
    ("reviewers", "organisation", "review_id"),
    ("stages", "notes", "review_id"),
    ("self_assessments", "comment", "review_id"),
    ("self_assessments", "evidence_note", "review_id"),
    ("judgements", "strengths", "review_id"),
    ("judgements", "consider", "review_id"),
    ("evidence", "title", "review_id"),
    ("evidence", "text", "review_id"),
    ("evidence", "room", "review_id"),
    ("evidence", "year_group", "review_id"),
    ("evidence", "subject", "review_id"),
    ("evidence", "support", "review_id"),
    ("evidence", "pupil_voice", "review_id"),
    ("evidence", "strengths", "review_id"),
    ("evidence", "consider", "review_id"),
    ("actions", "title", "review_id"),
    ("actions", "owner", "review_id"),
    ("actions", "success_criteria", "review_id"),
    ("actions", "impact", "review_id"),
    ("action_notes", "text", "review_id"),
    ("documents", "title", "review_id"),
    ("documents", "notes", "review_id"),
    ("snapshots", "notes", "review_id"),
    ("snapshots", "national_note", "review_id"),
    ("photos", "caption", "review_id"),
    ("visit_slots", "title", "review_id"),
    ("visit_slots", "people", "review_id"),
    ("visit_slots", "place", "review_id"),
    ("visit_slots", "notes", "review_id"),
    ("questions", "text", "review_id"),
    ("questions", "answer", "review_id"),
    ("previsit_answers", "text", "review_id"),
    ("branding_profiles", "footer", "NULL"),
    ("report_drafts", "overview", "review_id"),
    ("report_drafts", "strengths", "review_id"),
    ("report_drafts", "development", "review_id"),
    ("report_drafts", "next_steps", "review_id"),
    ("report_comments", "text", "review_id"),
    ("followup_visits", "visitor", "review_id"),
    ("followup_visits", "notes", "review_id"),
    ("followup_visits", "next_steps", "review_id"),
    ("action_checks", "comment", "review_id"),
    ("feedback", "went_well", "review_id"),
    ("feedback", "could_be_better", "review_id"),
)


# Step 6 (issue 11): each review's overview figures, kept so that opening the overview
# reads a row per review instead of every rating. The figures themselves are written
# by the overview (core/overview.py) as it works them out; these triggers only count
# changes. Any insert or delete of a rated row, or a change of its rating, statement,
# respondent or deleted mark, or of a review's scope or framework, adds one to `changed` of its review, whether the write is local or
# arrives by sync (both write the tables with plain INSERT and UPDATE). A review's
# kept figures count only while `worked_out` equals `changed`: figures worked out from
# a snapshot that a later write has changed are never taken as current.
STEP_6_OVERVIEW_FIGURES: tuple[str, ...] = (
    'CREATE TABLE overview_figures (review_id TEXT PRIMARY KEY NOT NULL, changed INTEGER NOT NULL DEFAULT 0, worked_out INTEGER, framework_hash TEXT, figures TEXT)',
    'CREATE TRIGGER overview_judgements_insert AFTER INSERT ON "judgements" WHEN NEW.rating IS NOT NULL BEGIN INSERT INTO overview_figures (review_id, changed) SELECT NEW.review_id, 1 WHERE NEW.review_id IS NOT NULL ON CONFLICT (review_id) DO UPDATE SET changed = changed + 1; END',
    'CREATE TRIGGER overview_judgements_delete AFTER DELETE ON "judgements" WHEN OLD.rating IS NOT NULL BEGIN INSERT INTO overview_figures (review_id, changed) SELECT OLD.review_id, 1 WHERE OLD.review_id IS NOT NULL ON CONFLICT (review_id) DO UPDATE SET changed = changed + 1; END',
    'CREATE TRIGGER overview_judgements_update AFTER UPDATE OF review_id, statement_id, rating, deleted ON "judgements" WHEN OLD.review_id IS NOT NEW.review_id OR OLD.statement_id IS NOT NEW.statement_id OR OLD.rating IS NOT NEW.rating OR OLD.deleted IS NOT NEW.deleted BEGIN INSERT INTO overview_figures (review_id, changed) SELECT NEW.review_id, 1 WHERE NEW.review_id IS NOT NULL ON CONFLICT (review_id) DO UPDATE SET changed = changed + 1; INSERT INTO overview_figures (review_id, changed) SELECT OLD.review_id, 1 WHERE OLD.review_id IS NOT NULL AND OLD.review_id IS NOT NEW.review_id ON CONFLICT (review_id) DO UPDATE SET changed = changed + 1; END',
    'CREATE TRIGGER overview_self_assessments_insert AFTER INSERT ON "self_assessments" WHEN NEW.rating IS NOT NULL BEGIN INSERT INTO overview_figures (review_id, changed) SELECT NEW.review_id, 1 WHERE NEW.review_id IS NOT NULL ON CONFLICT (review_id) DO UPDATE SET changed = changed + 1; END',
    'CREATE TRIGGER overview_self_assessments_delete AFTER DELETE ON "self_assessments" WHEN OLD.rating IS NOT NULL BEGIN INSERT INTO overview_figures (review_id, changed) SELECT OLD.review_id, 1 WHERE OLD.review_id IS NOT NULL ON CONFLICT (review_id) DO UPDATE SET changed = changed + 1; END',
    'CREATE TRIGGER overview_self_assessments_update AFTER UPDATE OF review_id, statement_id, respondent, rating, deleted ON "self_assessments" WHEN OLD.review_id IS NOT NEW.review_id OR OLD.statement_id IS NOT NEW.statement_id OR OLD.respondent IS NOT NEW.respondent OR OLD.rating IS NOT NEW.rating OR OLD.deleted IS NOT NEW.deleted BEGIN INSERT INTO overview_figures (review_id, changed) SELECT NEW.review_id, 1 WHERE NEW.review_id IS NOT NULL ON CONFLICT (review_id) DO UPDATE SET changed = changed + 1; INSERT INTO overview_figures (review_id, changed) SELECT OLD.review_id, 1 WHERE OLD.review_id IS NOT NULL AND OLD.review_id IS NOT NEW.review_id ON CONFLICT (review_id) DO UPDATE SET changed = changed + 1; END',
    'CREATE TRIGGER overview_reviews_insert AFTER INSERT ON "reviews" BEGIN INSERT INTO overview_figures (review_id, changed) SELECT NEW.id, 1 WHERE NEW.id IS NOT NULL ON CONFLICT (review_id) DO UPDATE SET changed = changed + 1; END',
    'CREATE TRIGGER overview_reviews_delete AFTER DELETE ON "reviews" BEGIN INSERT INTO overview_figures (review_id, changed) SELECT OLD.id, 1 WHERE OLD.id IS NOT NULL ON CONFLICT (review_id) DO UPDATE SET changed = changed + 1; END',
    'CREATE TRIGGER overview_reviews_update AFTER UPDATE OF id, scope, framework_hash ON "reviews" WHEN OLD.id IS NOT NEW.id OR OLD.scope IS NOT NEW.scope OR OLD.framework_hash IS NOT NEW.framework_hash BEGIN INSERT INTO overview_figures (review_id, changed) SELECT NEW.id, 1 WHERE NEW.id IS NOT NULL ON CONFLICT (review_id) DO UPDATE SET changed = changed + 1; INSERT INTO overview_figures (review_id, changed) SELECT OLD.id, 1 WHERE OLD.id IS NOT NULL AND OLD.id IS NOT NEW.id ON CONFLICT (review_id) DO UPDATE SET changed = changed + 1; END',
)
# Step 7 (issue 11): a text edit marks its field for the search index instead of
# writing the index inside the edit; the store brings the index up to date from the
# values records show just before a search (Store._index_marked).
STEP_7_SEARCH_LATER: tuple[str, ...] = (
    "CREATE TABLE texts_dirty (tbl TEXT NOT NULL, rec TEXT NOT NULL, field TEXT NOT NULL, "
    "PRIMARY KEY (tbl, rec, field)) WITHOUT ROWID",
)
# Step 8 (issue 10): the reviews whose rows a snapshot carries have changed since this
# device last wrote its snapshot, so it rewrites only their parts. Any new or changed
# row of the change log, or a change starting or stopping waiting for its record,
# marks its review ('' for records of no review); a mark already there costs a read.
# The sync takes the marks away as it reads what it will write (sync/service.py).
STEP_8_SNAPSHOT_MARKS: tuple[str, ...] = (
    "CREATE TABLE snapshot_marks (review_id TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID",
    "CREATE TRIGGER snapshot_marks_log_insert AFTER INSERT ON changes BEGIN "
    "INSERT OR IGNORE INTO snapshot_marks (review_id) VALUES (coalesce(NEW.review_id, '')); END",
    "CREATE TRIGGER snapshot_marks_log_update AFTER UPDATE ON changes BEGIN "
    "INSERT OR IGNORE INTO snapshot_marks (review_id) VALUES (coalesce(NEW.review_id, '')); END",
    "CREATE TRIGGER snapshot_marks_waiting_insert AFTER INSERT ON pending_changes BEGIN "
    "INSERT OR IGNORE INTO snapshot_marks (review_id) VALUES (coalesce(NEW.review_id, '')); END",
    "CREATE TRIGGER snapshot_marks_waiting_delete AFTER DELETE ON pending_changes BEGIN "
    "INSERT OR IGNORE INTO snapshot_marks (review_id) VALUES (coalesce(OLD.review_id, '')); END",
)
# The triggers above, by name: the overview checks they are all there before it trusts
# a kept figure (a table rebuilt by a later step would drop its triggers with it).
OVERVIEW_TRIGGERS: tuple[str, ...] = tuple(
    f"overview_{table}_{what}" for table in ("judgements", "self_assessments", "reviews")
    for what in ("insert", "delete", "update"))
