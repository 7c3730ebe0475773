CREATE TABLE "calendar_overrides" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"year" integer NOT NULL,
	"mode" text NOT NULL,
	"days" jsonb NOT NULL,
	"source" text,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text,
	CONSTRAINT "calendar_overrides_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "calendar_overrides_year" UNIQUE("tenant_id","year")
);
--> statement-breakpoint
CREATE TABLE "calendar_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"office_hours" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text
);
