CREATE TABLE "dossier_documents" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"dossier_id" uuid NOT NULL,
	"step_id" uuid,
	"kind" text NOT NULL,
	"label" text NOT NULL,
	"file_id" uuid NOT NULL,
	"uploaded_by" uuid,
	"uploaded_by_name" text,
	"uploaded_at" timestamp with time zone NOT NULL,
	"superseded_at" timestamp with time zone,
	"superseded_by" uuid,
	"released_at" timestamp with time zone,
	CONSTRAINT "dossier_documents_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "stored_files" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "stored_files_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE INDEX "dossier_documents_dossier" ON "dossier_documents" USING btree ("tenant_id","dossier_id","uploaded_at");