ALTER TABLE "messages" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', "messages"."content")) STORED;--> statement-breakpoint
ALTER TABLE "turns" ADD COLUMN "attempt" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "turns" ADD COLUMN "route" text DEFAULT 'handoff' NOT NULL;--> statement-breakpoint
ALTER TABLE "turns" ADD COLUMN "flagged_expert" text;--> statement-breakpoint
ALTER TABLE "turns" ADD COLUMN "flagged_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "messages_search_index" ON "messages" USING gin ("search");--> statement-breakpoint
CREATE INDEX "turns_started_at_id_index" ON "turns" USING btree ("started_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "turns_flagged_index" ON "turns" USING btree ("flagged_at") WHERE "turns"."flagged_at" is not null;