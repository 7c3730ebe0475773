import { getTableColumns, type Table } from "drizzle-orm";

/**
 * Rows that the database aggregated as JSON (`json_agg(t)`, `row_to_json(t)`: column names as keys)
 * as the table's rows, as a select of the table would give them: timestamps become Dates.
 */
export function rowsFromJson<T extends Table>(
  table: T,
  list: Record<string, unknown>[],
): T["$inferSelect"][] {
  const columns = Object.entries(getTableColumns(table));
  return list.map((raw) => {
    const row: Record<string, unknown> = {};
    for (const [key, column] of columns) {
      const value = raw[column.name] ?? null;
      row[key] =
        value !== null && column.columnType === "PgTimestamp" ? column.mapFromDriverValue(value) : value;
    }
    return row as T["$inferSelect"];
  });
}
