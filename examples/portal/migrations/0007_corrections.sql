-- Schema 2: corrections, where staff assigned a demand to another department
-- than the one suggested. One a demand (its latest decision); the text is
-- scrubbed of personal data before it is stored, and the export carries no
-- demand id.

CREATE TABLE corrections (
    demand_id   INTEGER PRIMARY KEY REFERENCES demands (id),
    correction  TEXT NOT NULL,            -- lianjian::demand::Correction, JSON
    recorded_at TEXT NOT NULL             -- RFC 3339
);
