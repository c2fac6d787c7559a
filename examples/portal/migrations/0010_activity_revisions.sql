-- Schema 9: recorded attendance and other corrections of an activity are
-- new revisions of its record, never an overwrite: the latest revision is
-- the activity as it stands, the earlier ones stay. Append-only.

CREATE TABLE activity_revisions (
    seq          INTEGER PRIMARY KEY,
    activity     TEXT NOT NULL REFERENCES activities (id),
    record       TEXT NOT NULL,        -- the whole activity record (JSON), as checked
    reason       TEXT,                 -- why, for a change that is not a forward one
    recorded_by  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);
CREATE INDEX activity_revisions_activity ON activity_revisions (activity, seq);
CREATE TRIGGER activity_revisions_no_update BEFORE UPDATE ON activity_revisions
BEGIN SELECT RAISE(ABORT, 'activity revisions are append-only'); END;
CREATE TRIGGER activity_revisions_no_delete BEFORE DELETE ON activity_revisions
BEGIN SELECT RAISE(ABORT, 'activity revisions are append-only'); END;
