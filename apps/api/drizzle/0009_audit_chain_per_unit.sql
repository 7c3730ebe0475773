-- One audit chain per unit (and one per tenant for entries without a unit), so that appends of
-- different units no longer queue on one head. Every existing row and head goes to its tenant's
-- chain (chain = tenant_id): the rows' hashes do not cover the chain, so they stay valid.
ALTER TABLE "audit_log" ADD COLUMN "chain" uuid;--> statement-breakpoint
UPDATE "audit_log" SET "chain" = "tenant_id";--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "chain" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_heads" ADD COLUMN "chain" uuid;--> statement-breakpoint
UPDATE "audit_heads" SET "chain" = "tenant_id";--> statement-breakpoint
ALTER TABLE "audit_heads" ALTER COLUMN "chain" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_heads" DROP CONSTRAINT "audit_heads_pkey";--> statement-breakpoint
ALTER TABLE "audit_heads" ADD CONSTRAINT "audit_heads_tenant_id_chain_pk" PRIMARY KEY("tenant_id","chain");--> statement-breakpoint
ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_tenant_seq";--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_chain_seq" UNIQUE("tenant_id","chain","seq");--> statement-breakpoint
DROP INDEX "audit_log_unit";--> statement-breakpoint
DROP INDEX "audit_log_actor";--> statement-breakpoint
CREATE INDEX "audit_log_at" ON "audit_log" USING btree ("tenant_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_unit_at" ON "audit_log" USING btree ("tenant_id","unit_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_at" ON "audit_log" USING btree ("tenant_id","actor_id","at");
