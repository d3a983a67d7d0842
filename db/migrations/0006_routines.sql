CREATE TABLE "routine_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"routine_id" uuid NOT NULL,
	"turn_id" uuid,
	"scheduled_for" timestamp with time zone,
	"job_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "routines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"business_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"title" text NOT NULL,
	"prompt" text NOT NULL,
	"cron" text NOT NULL,
	"timezone" text NOT NULL,
	"expert" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"webhook" text,
	"active_from" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "routine_runs" ADD CONSTRAINT "routine_runs_routine_id_routines_id_fk" FOREIGN KEY ("routine_id") REFERENCES "public"."routines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routine_runs" ADD CONSTRAINT "routine_runs_turn_id_turns_id_fk" FOREIGN KEY ("turn_id") REFERENCES "public"."turns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routines" ADD CONSTRAINT "routines_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routines" ADD CONSTRAINT "routines_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "routine_runs_routine_id_scheduled_for_index" ON "routine_runs" USING btree ("routine_id","scheduled_for");--> statement-breakpoint
CREATE INDEX "routine_runs_routine_id_created_at_index" ON "routine_runs" USING btree ("routine_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "routine_runs_job_id_index" ON "routine_runs" USING btree ("job_id");--> statement-breakpoint
CREATE INDEX "routine_runs_turn_id_index" ON "routine_runs" USING btree ("turn_id");--> statement-breakpoint
CREATE INDEX "routines_business_id_created_at_index" ON "routines" USING btree ("business_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "routines_conversation_id_index" ON "routines" USING btree ("conversation_id");