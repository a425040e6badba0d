CREATE TABLE "case_counters" (
	"year" integer PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"actor" text NOT NULL,
	"note" text,
	"data" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_followups" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"rating" smallint,
	"solved" boolean,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"driver_id" uuid NOT NULL,
	"conversation_id" uuid,
	"channel" text NOT NULL,
	"intake_key" text NOT NULL,
	"category" text NOT NULL,
	"description" text NOT NULL,
	"counterpart" text,
	"amount_yuan" bigint,
	"started_text" text,
	"started_on" date,
	"county_code" text,
	"city_code" text,
	"employment" text,
	"phone" text,
	"consent_at" timestamp with time zone,
	"status" text DEFAULT 'received' NOT NULL,
	"priority" text DEFAULT 'normal' NOT NULL,
	"level" text NOT NULL,
	"desk" text NOT NULL,
	"route_rule" text,
	"assignee" text,
	"reject_reason" text,
	"resolution" text,
	"transfer_due_at" timestamp with time zone,
	"feedback_due_at" timestamp with time zone,
	"resolve_due_at" timestamp with time zone,
	"callback_due_at" timestamp with time zone,
	"first_feedback_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"escalations" smallint DEFAULT 0 NOT NULL,
	"rating" smallint,
	"solved" boolean,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_followups" ADD CONSTRAINT "case_followups_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_driver_id_drivers_id_fk" FOREIGN KEY ("driver_id") REFERENCES "public"."drivers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_events_case" ON "case_events" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "case_followups_case" ON "case_followups" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_followups_pending" ON "case_followups" USING btree ("kind","sent_at","due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_number" ON "cases" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_intake" ON "cases" USING btree ("driver_id","intake_key");--> statement-breakpoint
CREATE INDEX "cases_driver" ON "cases" USING btree ("driver_id","created_at");--> statement-breakpoint
CREATE INDEX "cases_queue" ON "cases" USING btree ("status","level","desk");--> statement-breakpoint
CREATE INDEX "cases_resolve_due" ON "cases" USING btree ("resolve_due_at");