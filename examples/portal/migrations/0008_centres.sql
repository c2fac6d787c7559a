-- Schema 7: the district's service centres (党群服务中心) and the activities
-- of the ledger as the core checked them, daily usage counts (no names), and
-- room bookings. A record is kept as its checked JSON text and read back
-- through the core, as the district folder is. Usage counts are append-only.

CREATE TABLE centres (
    id         TEXT PRIMARY KEY,
    record     TEXT NOT NULL,          -- the centre record (JSON), as checked
    stored_at  TEXT NOT NULL
);

CREATE TABLE activities (
    id         TEXT PRIMARY KEY,
    record     TEXT NOT NULL,          -- the activity record (JSON), as checked
    stored_at  TEXT NOT NULL
);

CREATE TABLE centre_usage (
    seq        INTEGER PRIMARY KEY,
    record     TEXT NOT NULL,          -- {centre, on, service, visits}
    stored_at  TEXT NOT NULL
);
CREATE TRIGGER centre_usage_no_update BEFORE UPDATE ON centre_usage
BEGIN SELECT RAISE(ABORT, 'usage counts are append-only'); END;
CREATE TRIGGER centre_usage_no_delete BEFORE DELETE ON centre_usage
BEGIN SELECT RAISE(ABORT, 'usage counts are append-only'); END;

-- One row per booking of a room; the core's booking model decides, inside
-- the transaction that writes the row, that it overlaps no other.
CREATE TABLE room_bookings (
    id         TEXT PRIMARY KEY,
    centre     TEXT NOT NULL,
    room       TEXT NOT NULL,
    starts_at  TEXT NOT NULL,          -- RFC 3339
    ends_at    TEXT NOT NULL,          -- RFC 3339, exclusive
    activity   TEXT,
    expected   INTEGER,
    booked_by  TEXT NOT NULL,
    booked_at  TEXT NOT NULL
);
CREATE INDEX room_bookings_room ON room_bookings (centre, room, starts_at);
