CREATE TABLE "catalogue_assignments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"agency_unit_id" uuid NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"assignee_unit_id" uuid,
	"assignee_user_id" uuid,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalogue_assignments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "catalogue_fields" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_search" text NOT NULL,
	"description" text,
	"owner_unit_id" uuid NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalogue_fields_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "procedures" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_search" text NOT NULL,
	"field_id" uuid NOT NULL,
	"level" text NOT NULL,
	"implementing_agencies" text,
	"methods" jsonb NOT NULL,
	"documents" jsonb NOT NULL,
	"processing_time" jsonb,
	"legal_hours" double precision,
	"fees" jsonb NOT NULL,
	"fee_note" text,
	"result_document" text,
	"legal_basis" text,
	"conditions" text,
	"description" text,
	"online_level" text NOT NULL,
	"status" text NOT NULL,
	"abolished_on" date,
	"dossier_fields" jsonb NOT NULL,
	"owner_unit_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "procedures_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "process_definitions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"procedure_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"adopter_kind" text,
	"template_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "process_definitions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "process_versions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"definition_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"xml" text NOT NULL,
	"compiled" jsonb,
	"total_hours" double precision,
	"bindings" jsonb,
	"adopted_from_version_id" uuid,
	"created_by" uuid,
	"created_by_name" text,
	"submitted_at" timestamp with time zone,
	"submitted_by_name" text,
	"approved_at" timestamp with time zone,
	"approved_by" uuid,
	"approved_by_name" text,
	"decision_number" text,
	"decision_date" date,
	"approval_note" text,
	"rejected_reason" text,
	"published_at" timestamp with time zone,
	"published_by_name" text,
	"effective_from" date,
	"superseded_at" timestamp with time zone,
	"superseded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "process_versions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE INDEX "catalogue_assignments_agency" ON "catalogue_assignments" USING btree ("tenant_id","agency_unit_id","subject_type","subject_id");--> statement-breakpoint
CREATE UNIQUE INDEX "catalogue_fields_code" ON "catalogue_fields" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "procedures_code" ON "procedures" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "procedures_field" ON "procedures" USING btree ("tenant_id","field_id");--> statement-breakpoint
CREATE INDEX "process_definitions_procedure" ON "process_definitions" USING btree ("tenant_id","procedure_id","unit_id");--> statement-breakpoint
CREATE INDEX "process_definitions_unit" ON "process_definitions" USING btree ("tenant_id","unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "process_versions_number" ON "process_versions" USING btree ("tenant_id","definition_id","version");--> statement-breakpoint
CREATE INDEX "process_versions_status" ON "process_versions" USING btree ("tenant_id","definition_id","status");