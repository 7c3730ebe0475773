-- When a dossier waiting for the applicant's supplement during handling stopped its clock, as a
-- column (the open pause's start in "pauses") so that the statistics' covering index holds it.
DROP INDEX "dossiers_settled";--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "paused_since" timestamp with time zone;--> statement-breakpoint
UPDATE "dossiers" SET "paused_since" = ("pauses" -> -1 ->> 'start')::timestamptz
 WHERE "status" = 'waiting_supplement' AND jsonb_array_length("pauses") > 0 AND ("pauses" -> -1 ->> 'end') IS NULL;--> statement-breakpoint
CREATE INDEX "dossiers_settled" ON "dossiers" USING btree ("tenant_id",greatest("received_at", coalesce("completed_at", "closed_at", 'infinity'::timestamptz)),"agency_path","status","paused_since","received_at","completed_at","closed_at","original_due_at","procedure_id","field_id");
