CREATE TABLE "knowledge_drafts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entry_id" text NOT NULL,
	"entry" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"question_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"region_code" text,
	"created_by" uuid,
	"reviewed_by" uuid,
	"review_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "knowledge_paraphrases" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entry_id" text NOT NULL,
	"text" text NOT NULL,
	"question_id" bigint,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_questions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"message_id" bigint,
	"conversation_id" uuid,
	"reason" text NOT NULL,
	"text" text NOT NULL,
	"entry_id" text,
	"candidates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"confidence" double precision DEFAULT 0 NOT NULL,
	"region_code" text,
	"status" text DEFAULT 'open' NOT NULL,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "knowledge_drafts" ADD CONSTRAINT "knowledge_drafts_created_by_staff_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_drafts" ADD CONSTRAINT "knowledge_drafts_reviewed_by_staff_accounts_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."staff_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_paraphrases" ADD CONSTRAINT "knowledge_paraphrases_question_id_knowledge_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."knowledge_questions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_paraphrases" ADD CONSTRAINT "knowledge_paraphrases_added_by_staff_accounts_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."staff_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_questions" ADD CONSTRAINT "knowledge_questions_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_questions" ADD CONSTRAINT "knowledge_questions_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_questions" ADD CONSTRAINT "knowledge_questions_resolved_by_staff_accounts_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."staff_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "knowledge_drafts_entry" ON "knowledge_drafts" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "knowledge_drafts_status" ON "knowledge_drafts" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "knowledge_paraphrases_entry_text" ON "knowledge_paraphrases" USING btree ("entry_id","text");--> statement-breakpoint
CREATE UNIQUE INDEX "knowledge_questions_message_reason" ON "knowledge_questions" USING btree ("message_id","reason");--> statement-breakpoint
CREATE INDEX "knowledge_questions_open" ON "knowledge_questions" USING btree ("status","created_at");