CREATE TABLE "businesses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "facts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"business_id" uuid NOT NULL,
	"text" text NOT NULL,
	"source_kind" text NOT NULL,
	"agent" text,
	"conversation_id" uuid,
	"turn_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"forgotten_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "file_passages" (
	"file_id" uuid NOT NULL,
	"n" integer NOT NULL,
	"location" text NOT NULL,
	"text" text NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,
	CONSTRAINT "file_passages_file_id_n_pk" PRIMARY KEY("file_id","n")
);
--> statement-breakpoint
CREATE TABLE "files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"business_id" uuid NOT NULL,
	"name" text NOT NULL,
	"content_type" text NOT NULL,
	"kind" text NOT NULL,
	"bytes" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"turn_id" uuid,
	"prompt" text,
	"chars" integer DEFAULT 0 NOT NULL,
	"pages" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "turn_events" (
	"turn_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"event" jsonb NOT NULL,
	CONSTRAINT "turn_events_turn_id_seq_pk" PRIMARY KEY("turn_id","seq")
);
--> statement-breakpoint
-- "files" is new in this migration, so it has no rows to move.
-- Hand-written: the default business, and existing conversations moved into it before the
-- column becomes NOT NULL (a fresh database and an upgraded one both end with one default).
ALTER TABLE "conversations" ADD COLUMN "business_id" uuid;--> statement-breakpoint
INSERT INTO "businesses" ("name", "is_default") VALUES ('My business', true);--> statement-breakpoint
UPDATE "conversations" SET "business_id" = (SELECT "id" FROM "businesses" WHERE "is_default");--> statement-breakpoint
ALTER TABLE "conversations" ALTER COLUMN "business_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "stopped" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', "messages"."content")) STORED;--> statement-breakpoint
ALTER TABLE "turns" ADD COLUMN "attempt" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "turns" ADD COLUMN "route" text DEFAULT 'handoff' NOT NULL;--> statement-breakpoint
ALTER TABLE "turns" ADD COLUMN "cached_input_tokens" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "turns" ADD COLUMN "flagged_expert" text;--> statement-breakpoint
ALTER TABLE "turns" ADD COLUMN "flagged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "turns" ADD COLUMN "cancel_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "facts" ADD CONSTRAINT "facts_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facts" ADD CONSTRAINT "facts_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facts" ADD CONSTRAINT "facts_turn_id_turns_id_fk" FOREIGN KEY ("turn_id") REFERENCES "public"."turns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_passages" ADD CONSTRAINT "file_passages_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_turn_id_turns_id_fk" FOREIGN KEY ("turn_id") REFERENCES "public"."turns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "turn_events" ADD CONSTRAINT "turn_events_turn_id_turns_id_fk" FOREIGN KEY ("turn_id") REFERENCES "public"."turns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "businesses_one_default" ON "businesses" USING btree ("is_default") WHERE "businesses"."is_default";--> statement-breakpoint
CREATE INDEX "facts_current_index" ON "facts" USING btree ("business_id","updated_at" DESC NULLS LAST) WHERE "facts"."forgotten_at" is null;--> statement-breakpoint
CREATE INDEX "facts_turn_id_index" ON "facts" USING btree ("turn_id");--> statement-breakpoint
CREATE INDEX "file_passages_search_index" ON "file_passages" USING gin ("search");--> statement-breakpoint
CREATE INDEX "files_business_id_created_at_index" ON "files" USING btree ("business_id","created_at");--> statement-breakpoint
CREATE INDEX "files_turn_id_index" ON "files" USING btree ("turn_id");--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversations_business_id_updated_at_id_index" ON "conversations" USING btree ("business_id","updated_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "messages_search_index" ON "messages" USING gin ("search");--> statement-breakpoint
CREATE INDEX "turns_started_at_id_index" ON "turns" USING btree ("started_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "turns_flagged_index" ON "turns" USING btree ("flagged_at") WHERE "turns"."flagged_at" is not null;