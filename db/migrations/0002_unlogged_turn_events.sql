-- Live events relay a running turn to other instances; they are not a record (the turn's row and
-- reply are). Unlogged, a batch costs no WAL write or fsync, and a crash may drop them: the turns
-- they belong to are failed as interrupted then anyway.
ALTER TABLE "turn_events" SET UNLOGGED;
