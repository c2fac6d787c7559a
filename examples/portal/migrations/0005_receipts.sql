-- Schema 5: receipts. Every demand and enrollment received from the portal
-- page gets a number and a query code; with both, anyone may follow it on
-- the public tracking page. The code is kept only as a SHA-256.

CREATE TABLE receipts (
    number      TEXT PRIMARY KEY,         -- D-000042 (a demand), E-000017 (an enrollment)
    kind        TEXT NOT NULL CHECK (kind IN ('demand', 'enrollment')),
    record_id   INTEGER NOT NULL,
    code_hash   TEXT NOT NULL,            -- SHA-256 of "<number>:<code>", hex
    issued_at   TEXT NOT NULL,
    UNIQUE (kind, record_id)
);
