-- Statistics of the new index's expression (coalesce(completed_at, closed_at, 'infinity')), which
-- ANALYZE gathers only from now on: without them the planner guesses that a third of the dossiers
-- are still open at a period's start and reads the whole table for the statistics. Autovacuum's
-- analyze keeps them fresh afterwards.
ANALYZE "dossiers";
