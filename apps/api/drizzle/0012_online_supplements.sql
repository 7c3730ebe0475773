CREATE TABLE "online_supplements" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"submission_id" uuid NOT NULL,
	"dossier_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"desk_path" text NOT NULL,
	"note" text,
	"documents" jsonb NOT NULL,
	"status" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone,
	"received_by" uuid,
	CONSTRAINT "online_supplements_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "online_supplements_one_pending" ON "online_supplements" USING btree ("tenant_id","dossier_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "online_supplements_pending" ON "online_supplements" USING btree ("tenant_id","desk_path" text_pattern_ops,"submitted_at") WHERE status = 'pending';