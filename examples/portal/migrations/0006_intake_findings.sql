-- Schema 6: the warnings a demand got when it was received (a likely repeat
-- of an earlier demand), kept with it so that staff see what the enterprise saw.

ALTER TABLE demands ADD COLUMN intake_findings TEXT NOT NULL DEFAULT '[]';  -- core findings, JSON
