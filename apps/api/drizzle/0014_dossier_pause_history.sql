-- The handling pause kept after it ends (issue 12, statistics for past periods): when the clock
-- stopped and resumed, and the appointment before the resumption moved it. Filled for the dossiers
-- already paused from their "pauses" (one handling pause at most) and, for the appointment, from
-- the audit entry of the resumption (the shift of the due time it recorded); without one, the
-- moved appointment stands in for it.
DROP INDEX "dossiers_settled";--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "pause_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "pause_ended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "original_due_before_pause" timestamp with time zone;--> statement-breakpoint
UPDATE "dossiers" SET "pause_started_at" = ("pauses" -> -1 ->> 'start')::timestamptz,
  "pause_ended_at" = ("pauses" -> -1 ->> 'end')::timestamptz
 WHERE jsonb_array_length("pauses") > 0;--> statement-breakpoint
UPDATE "dossiers" d SET "original_due_before_pause" = d."original_due_at" - coalesce((
  SELECT (a."after" ->> 'dueAt')::timestamptz - (a."before" ->> 'dueAt')::timestamptz
    FROM "audit_log" a
   WHERE a."tenant_id" = d."tenant_id" AND a."entity_type" = 'dossier' AND a."entity_id" = d."id"::text
     AND a."action" = 'dossier.supplement.receive'
   ORDER BY a."at" DESC LIMIT 1), interval '0')
 WHERE d."pause_ended_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "dossiers_settled" ON "dossiers" USING btree ("tenant_id",greatest("received_at", coalesce("completed_at", "closed_at", 'infinity'::timestamptz)),"agency_path","status","paused_since","received_at","completed_at","closed_at","original_due_at","procedure_id","field_id","pause_started_at","pause_ended_at","original_due_before_pause");