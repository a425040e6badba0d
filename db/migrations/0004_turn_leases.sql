CREATE TABLE "reply_claims" (
	"channel" text NOT NULL,
	"message_id" text NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reply_claims_channel_message_id_pk" PRIMARY KEY("channel","message_id")
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "lease_owner" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "lease_until" timestamp with time zone;