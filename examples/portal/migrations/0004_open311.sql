-- Schema 4: Open311 as GeoReport v2 runs it. Posting takes an api_key
-- issued to a registered client; a request becomes public only once the
-- district office accepts it for publication.

CREATE TABLE api_clients (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,     -- who the key was issued to
    key_hash    TEXT NOT NULL UNIQUE,     -- SHA-256 of the key, hex; the key itself is never stored
    key_hint    TEXT NOT NULL,            -- its last four characters, to tell keys apart
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    disabled    INTEGER NOT NULL DEFAULT 0
);

ALTER TABLE demands ADD COLUMN client_id INTEGER REFERENCES api_clients (id);  -- posted through Open311 by
ALTER TABLE demands ADD COLUMN published_at TEXT;  -- public on Open311 since (NULL: not public)
ALTER TABLE demands ADD COLUMN published_by TEXT;
