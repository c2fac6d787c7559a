-- Schema 1: records as posted (normalised JSON), the demand event log, staff accounts.

CREATE TABLE enrollments (
    id          INTEGER PRIMARY KEY,
    chain       TEXT NOT NULL,
    uscc        TEXT NOT NULL,
    record      TEXT NOT NULL,            -- the normalised enrollment, JSON
    received_at TEXT NOT NULL,            -- RFC 3339
    UNIQUE (chain, uscc)
);

CREATE TABLE demands (
    id          INTEGER PRIMARY KEY,
    uscc        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    record      TEXT NOT NULL,            -- the normalised demand, JSON
    topic       TEXT NOT NULL,            -- as chosen, or the classifier's suggestion
    received_at TEXT NOT NULL
);
CREATE INDEX demands_by_uscc ON demands (uscc, id);

-- Append-only: the history is the record, the state is derived by replaying it.
CREATE TABLE demand_events (
    demand_id   INTEGER NOT NULL REFERENCES demands (id),
    seq         INTEGER NOT NULL,
    event       TEXT NOT NULL,            -- a lifecycle event, JSON
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (demand_id, seq)
) WITHOUT ROWID;

CREATE TRIGGER demand_events_no_update BEFORE UPDATE ON demand_events
BEGIN SELECT RAISE(ABORT, 'demand events are append-only'); END;
CREATE TRIGGER demand_events_no_delete BEFORE DELETE ON demand_events
BEGIN SELECT RAISE(ABORT, 'demand events are append-only'); END;

CREATE TABLE meetings (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    held_at     TEXT NOT NULL,
    recorder    TEXT NOT NULL,
    minutes     TEXT NOT NULL             -- the minutes, JSON
);

CREATE TABLE users (
    id                   INTEGER PRIMARY KEY,
    username             TEXT NOT NULL UNIQUE,
    password_hash        TEXT NOT NULL,   -- PHC string, Argon2id
    must_change_password INTEGER NOT NULL DEFAULT 1,
    created_at           TEXT NOT NULL
);

CREATE TABLE sessions (
    id_hash     TEXT PRIMARY KEY,         -- SHA-256 of the cookie value, hex
    user_id     INTEGER NOT NULL REFERENCES users (id),
    csrf_token  TEXT NOT NULL,
    expires_at  INTEGER NOT NULL          -- Unix seconds
);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
