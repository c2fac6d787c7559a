-- Schema 2: the files a demand came with. The bytes live outside the
-- database, named by their SHA-256 (files/<first two hex digits>/<hex>);
-- a row says which file is which attachment of which demand.

CREATE TABLE attachments (
    demand_id   INTEGER NOT NULL REFERENCES demands (id),
    idx         INTEGER NOT NULL,         -- its place in the record's list, from 0
    name        TEXT NOT NULL,            -- as chosen by the enterprise
    mime        TEXT NOT NULL,            -- as claimed, and checked against the bytes
    size_bytes  INTEGER NOT NULL,
    sha256      TEXT NOT NULL,            -- lower-case hex
    PRIMARY KEY (demand_id, idx)
) WITHOUT ROWID;

CREATE TRIGGER attachments_no_update BEFORE UPDATE ON attachments
BEGIN SELECT RAISE(ABORT, 'attachments are kept as received'); END;
