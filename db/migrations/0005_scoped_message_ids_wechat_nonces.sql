CREATE TABLE "wechat_request_nonces" (
	"timestamp" bigint NOT NULL,
	"nonce" text NOT NULL,
	"body_digest" text NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wechat_request_nonces_timestamp_nonce_pk" PRIMARY KEY("timestamp","nonce")
);
--> statement-breakpoint
DROP INDEX "messages_channel_message";--> statement-breakpoint
CREATE UNIQUE INDEX "messages_conversation_message" ON "messages" USING btree ("conversation_id","channel_message_id");