CREATE TABLE "online_submissions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"client_key" text NOT NULL,
	"procedure_id" uuid NOT NULL,
	"procedure_code" text NOT NULL,
	"procedure_name" text NOT NULL,
	"agency_unit_id" uuid NOT NULL,
	"desk_unit_id" uuid NOT NULL,
	"desk_path" text NOT NULL,
	"applicant" jsonb NOT NULL,
	"search_text" text NOT NULL,
	"documents" jsonb NOT NULL,
	"data" jsonb NOT NULL,
	"result_delivery" text NOT NULL,
	"note" text,
	"status" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"dossier_id" uuid,
	"dossier_code" text,
	CONSTRAINT "online_submissions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "online_submissions_client_key" ON "online_submissions" USING btree ("tenant_id","account_id","client_key");--> statement-breakpoint
CREATE INDEX "online_submissions_account" ON "online_submissions" USING btree ("tenant_id","account_id","submitted_at");--> statement-breakpoint
CREATE INDEX "online_submissions_pending" ON "online_submissions" USING btree ("tenant_id","desk_path" text_pattern_ops,"submitted_at") WHERE status = 'pending';