-- Schema 8: the rest of the district's records, kept line by line as the
-- files of a district folder are (`roster.jsonl`, `programme.json`,
-- `demands.jsonl`, `visits.jsonl`, `pairings.jsonl`) and read back through
-- the core in one pass with the centres, activities and usage, so that the
-- headline page shows the figures `lianjian headline` gives on the same
-- records. Append-only: a correction is a new line.

CREATE TABLE district_lines (
    seq        INTEGER PRIMARY KEY,
    file       TEXT NOT NULL,          -- the folder file the line belongs to
    record     TEXT NOT NULL,          -- one JSON record (programme.json: the whole object)
    stored_at  TEXT NOT NULL
);
CREATE INDEX district_lines_file ON district_lines (file, seq);
CREATE TRIGGER district_lines_no_update BEFORE UPDATE ON district_lines
BEGIN SELECT RAISE(ABORT, 'district records are append-only'); END;
CREATE TRIGGER district_lines_no_delete BEFORE DELETE ON district_lines
BEGIN SELECT RAISE(ABORT, 'district records are append-only'); END;
