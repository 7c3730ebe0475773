/**
 * Inserts and updates written as text directly from a table's columns, for the hot path of dossier
 * transitions (issue 12): drizzle's query builder spent ≈ 11% of the API's CPU per transition
 * building the SQL of a move's writes (its generic chunks, `is()` checks on every value). The values
 * go through each column's own `mapToDriverValue`, as drizzle's builders send them.
 */
import { type Column, getTableColumns, getTableName, type Table } from "drizzle-orm";

/** A statement's text with its parameters `$1`, `$2`… */
export interface PlainQuery {
  text: string;
  params: unknown[];
}

/** A table's columns by property key, in the table's order (read once per table). */
const columnCache = new WeakMap<Table, Map<string, Column>>();
function columnsOf(table: Table): Map<string, Column> {
  let columns = columnCache.get(table);
  if (!columns) {
    columns = new Map(Object.entries(getTableColumns(table)));
    columnCache.set(table, columns);
  }
  return columns;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const tableName = (table: Table) => quote(getTableName(table));

/**
 * Refuses a key that is not a column of `table`: left out of the SQL, it would be a write that
 * silently did not happen (a misspelt or renamed property).
 */
function assertColumns(table: Table, values: Record<string, unknown>, fn: string): void {
  const columns = columnsOf(table);
  for (const key in values)
    if (!columns.has(key)) throw new Error(`${fn}: ${key} is not a column of ${getTableName(table)}`);
}

/** Adds `value` as the next parameter (mapped for `column`), answering its placeholder. */
function param(params: unknown[], column: Column, value: unknown): string {
  params.push(value === null ? null : column.mapToDriverValue(value));
  return `$${params.length}`;
}

/**
 * `insert into table (every column) values (…), (…) returning <returning>`: a value left undefined
 * takes the column's default; a key that is not a column is an error.
 */
export function insertRows(table: Table, rows: Record<string, unknown>[], returning: string): PlainQuery {
  for (const row of rows) assertColumns(table, row, "insertRows");
  const columns = [...columnsOf(table)];
  const params: unknown[] = [];
  const values = rows.map(
    (row) =>
      `(${columns.map(([key, column]) => (row[key] === undefined ? "default" : param(params, column, row[key]))).join(", ")})`,
  );
  return {
    text: `insert into ${tableName(table)} (${columns.map(([, c]) => quote(c.name)).join(", ")}) values ${values.join(", ")} returning ${quote(returning)}`,
    params,
  };
}

/**
 * `update table set <set> where <each column of where equals its value> returning <returning>`:
 * columns left undefined in `set` are not written; a key of `set` or `where` that is not a column
 * is an error.
 */
export function updateWhere(
  table: Table,
  set: Record<string, unknown>,
  where: Record<string, unknown>,
  returning: string,
): PlainQuery {
  assertColumns(table, set, "updateWhere");
  const params: unknown[] = [];
  const assignments: string[] = [];
  const conditions: string[] = [];
  const columns = columnsOf(table);
  for (const [key, column] of columns) {
    if (set[key] !== undefined)
      assignments.push(`${quote(column.name)} = ${param(params, column, set[key])}`);
  }
  for (const [key, value] of Object.entries(where)) {
    const column = columns.get(key);
    if (!column || value === null || value === undefined)
      throw new Error(`updateWhere: ${key} is not a column of ${getTableName(table)} with a value`);
    conditions.push(`${quote(column.name)} = ${param(params, column, value)}`);
  }
  if (assignments.length === 0 || conditions.length === 0)
    throw new Error("updateWhere: nothing to set, or no condition");
  return {
    text: `update ${tableName(table)} set ${assignments.join(", ")} where ${conditions.join(" and ")} returning ${quote(returning)}`,
    params,
  };
}

/** Whether `q` is a `PlainQuery` (not a drizzle query). */
export const isPlainQuery = (q: unknown): q is PlainQuery =>
  typeof (q as PlainQuery).text === "string" && Array.isArray((q as PlainQuery).params);
