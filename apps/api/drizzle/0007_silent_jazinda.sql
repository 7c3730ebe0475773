DROP INDEX "dossiers_open_until";--> statement-breakpoint
DROP INDEX "dossier_events_counted";--> statement-breakpoint
CREATE INDEX "dossiers_settled" ON "dossiers" USING btree ("tenant_id",greatest("received_at", coalesce("completed_at", "closed_at", 'infinity'::timestamptz)),"agency_path","status","received_at","completed_at","closed_at","original_due_at","procedure_id","field_id");--> statement-breakpoint
CREATE INDEX "dossier_events_counted" ON "dossier_events" USING btree ("tenant_id","at","dossier_id","kind") WHERE kind in ('supplement_requested', 'supplement_requested_at_reception', 'refused', 'stopped', 'withdrawn');--> statement-breakpoint
-- The planner needs the statistics of the new index's expression to pick it (see 0006).
ANALYZE "dossiers";
