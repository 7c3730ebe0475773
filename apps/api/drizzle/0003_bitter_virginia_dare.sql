CREATE TABLE "dossier_counters" (
	"tenant_id" uuid NOT NULL,
	"agency_code" text NOT NULL,
	"day" date NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "dossier_counters_tenant_id_agency_code_day_pk" PRIMARY KEY("tenant_id","agency_code","day")
);
--> statement-breakpoint
CREATE TABLE "dossier_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"dossier_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"step_id" uuid,
	"comment" text,
	"data" jsonb NOT NULL,
	CONSTRAINT "dossier_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "dossier_forms" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"dossier_id" uuid NOT NULL,
	"form_no" text NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	CONSTRAINT "dossier_forms_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "dossier_steps" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"dossier_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"name" text NOT NULL,
	"step_kind" text NOT NULL,
	"status" text NOT NULL,
	"unit_id" uuid,
	"unit_path" text,
	"role" text,
	"assignee_id" uuid,
	"previous_step_id" uuid,
	"allotment_ms" bigint NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"completed_by" uuid,
	"outcome" text,
	"comment" text,
	"escalated_at" timestamp with time zone,
	"version" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dossier_steps_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "dossier_tokens" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"dossier_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"edge_id" text NOT NULL,
	CONSTRAINT "dossier_tokens_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "dossiers" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code" text NOT NULL,
	"procedure_id" uuid NOT NULL,
	"procedure_code" text NOT NULL,
	"procedure_name" text NOT NULL,
	"field_id" uuid,
	"agency_unit_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"desk_unit_id" uuid NOT NULL,
	"desk_path" text NOT NULL,
	"process_version_id" uuid,
	"method" text NOT NULL,
	"status" text NOT NULL,
	"applicant" jsonb NOT NULL,
	"applicant_name" text NOT NULL,
	"applicant_id_number" text,
	"search_text" text NOT NULL,
	"documents" jsonb NOT NULL,
	"data" jsonb NOT NULL,
	"result_delivery" text NOT NULL,
	"note" text,
	"received_at" timestamp with time zone NOT NULL,
	"received_by" uuid,
	"allowance_ms" bigint NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"original_due_at" timestamp with time zone NOT NULL,
	"pauses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"supplement_count" integer DEFAULT 0 NOT NULL,
	"completed_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"idempotency_key" text,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dossiers_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE INDEX "dossier_events_dossier" ON "dossier_events" USING btree ("tenant_id","dossier_id","at");--> statement-breakpoint
CREATE INDEX "dossier_forms_dossier" ON "dossier_forms" USING btree ("tenant_id","dossier_id","form_no");--> statement-breakpoint
CREATE INDEX "dossier_steps_dossier" ON "dossier_steps" USING btree ("tenant_id","dossier_id","started_at");--> statement-breakpoint
CREATE INDEX "dossier_steps_assignee" ON "dossier_steps" USING btree ("tenant_id","assignee_id","due_at") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "dossier_steps_unit" ON "dossier_steps" USING btree ("tenant_id","unit_path" text_pattern_ops,"due_at") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "dossier_steps_due" ON "dossier_steps" USING btree ("tenant_id","due_at") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "dossier_tokens_node" ON "dossier_tokens" USING btree ("tenant_id","dossier_id","node_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dossiers_code" ON "dossiers" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "dossiers_idempotency" ON "dossiers" USING btree ("tenant_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "dossiers_agency" ON "dossiers" USING btree ("tenant_id","agency_path" text_pattern_ops,"received_at");--> statement-breakpoint
CREATE INDEX "dossiers_status_due" ON "dossiers" USING btree ("tenant_id","status","due_at");--> statement-breakpoint
CREATE INDEX "dossiers_received" ON "dossiers" USING btree ("tenant_id","received_at");--> statement-breakpoint
CREATE INDEX "dossiers_procedure" ON "dossiers" USING btree ("tenant_id","procedure_id","received_at");--> statement-breakpoint
CREATE INDEX "dossiers_id_number" ON "dossiers" USING btree ("tenant_id","applicant_id_number");