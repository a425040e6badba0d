CREATE TABLE "bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"station_id" text NOT NULL,
	"day" date NOT NULL,
	"driver_id" uuid,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"shower_at" text,
	"status" text DEFAULT 'confirmed' NOT NULL,
	"channel" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "station_days" (
	"station_id" text NOT NULL,
	"day" date NOT NULL,
	"capacity" integer NOT NULL,
	"booked" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "station_days_station_id_day_pk" PRIMARY KEY("station_id","day"),
	CONSTRAINT "station_days_booked_within_capacity" CHECK ("station_days"."booked" >= 0 AND "station_days"."booked" <= "station_days"."capacity")
);
--> statement-breakpoint
CREATE TABLE "stations" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"beds" integer DEFAULT 0 NOT NULL,
	"data" jsonb NOT NULL,
	"seed_hash" text,
	"updated_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_driver_id_drivers_id_fk" FOREIGN KEY ("driver_id") REFERENCES "public"."drivers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_days" ADD CONSTRAINT "station_days_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_code" ON "bookings" USING btree ("code");--> statement-breakpoint
CREATE INDEX "bookings_driver" ON "bookings" USING btree ("driver_id","day");--> statement-breakpoint
CREATE INDEX "bookings_phone" ON "bookings" USING btree ("phone","day");--> statement-breakpoint
CREATE INDEX "bookings_station_day" ON "bookings" USING btree ("station_id","day");