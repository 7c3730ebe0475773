/**
 * Rows of a raw `db.execute(sql…)`; node-postgres and PGlite both answer with `{ rows }`. On its own
 * so that transactions.ts uses it without importing client.ts (which imports transactions.ts).
 */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
