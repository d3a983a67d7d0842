-- Live events relay a running turn to other instances; they are not a record (the turn's row and
-- reply are). Unlogged, a batch costs no WAL write or disk flush, and a crash may drop them: the
-- turns they belong to are failed as interrupted then anyway. No foreign key either: its check
-- locks the turn's row on every batch, a WAL-logged lock that brings the flush back and makes the
-- turn's own update wait. The sweep clears events of ended or deleted turns instead.
ALTER TABLE "turn_events" DROP CONSTRAINT "turn_events_turn_id_turns_id_fk";--> statement-breakpoint
ALTER TABLE "turn_events" SET UNLOGGED;
