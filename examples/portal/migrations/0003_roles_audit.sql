-- Schema 3: roles scoped to departments, disabled accounts, the audit log.
--
-- role: admin (accounts, everything), office (the district office: collects,
-- assigns, runs the joint meeting, supervises), handler (a department's
-- handler: only the demands assigned to its department), auditor (reads
-- everything, changes nothing). New accounts default to the least power.

ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'auditor'
    CHECK (role IN ('admin', 'office', 'handler', 'auditor'));
ALTER TABLE users ADD COLUMN department TEXT;          -- a handler's department id
ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
-- The accounts of schema 1 were administrators.
UPDATE users SET role = 'admin';

-- Append-only: who did what, when; sign-ins and every staff action,
-- refusals included. No personal data: names of accounts, ids of records.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,            -- RFC 3339, China time
    actor       TEXT NOT NULL,            -- an account name, or "command line"
    action      TEXT NOT NULL,            -- sign_in, event:assigned, user_created, ...
    target      TEXT NOT NULL DEFAULT '', -- demand 12, user li.si, client 3
    outcome     TEXT NOT NULL,            -- done, refused, denied
    detail      TEXT NOT NULL DEFAULT ''  -- finding codes of a refusal, a role, a count
);
CREATE INDEX audit_log_by_actor ON audit_log (actor, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
