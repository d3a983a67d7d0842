CREATE TABLE "connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"business_id" uuid NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"headers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"experts" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tool_allowances" (
	"business_id" uuid NOT NULL,
	"server" text NOT NULL,
	"tool" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tool_allowances_business_id_server_tool_pk" PRIMARY KEY("business_id","server","tool")
);
--> statement-breakpoint
ALTER TABLE "turns" ADD COLUMN "run_state" text;--> statement-breakpoint
ALTER TABLE "turns" ADD COLUMN "approvals" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tool_allowances" ADD CONSTRAINT "tool_allowances_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "connections_business_id_name_index" ON "connections" USING btree ("business_id","name");--> statement-breakpoint
CREATE INDEX "turns_awaiting_index" ON "turns" USING btree ("started_at") WHERE "turns"."status" = 'awaiting_approval';