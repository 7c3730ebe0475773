import { roleLabels, type TRole } from "@eiso/contracts";

/** One field of an audit entry's before/after pair. */
export interface DiffRow {
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Field-by-field view of an audit entry's `before` and `after`: every key of either side, in the
 * order they first appear, flagged when the value differs (compared as JSON).
 */
export function diffEntries(before: unknown, after: unknown): DiffRow[] {
  const b = isRecord(before) ? before : before == null ? {} : { value: before };
  const a = isRecord(after) ? after : after == null ? {} : { value: after };
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.map((field) => ({
    field,
    before: b[field],
    after: a[field],
    changed: JSON.stringify(b[field]) !== JSON.stringify(a[field]),
  }));
}

/** A short human label for the object of an entry (its name when the snapshot carries one). */
export function entityLabel(before: unknown, after: unknown): string | null {
  for (const side of [after, before]) {
    if (!isRecord(side)) continue;
    for (const k of ["name", "fullName", "username"]) {
      if (typeof side[k] === "string" && side[k]) return side[k] as string;
    }
  }
  return null;
}

export function showValue(v: unknown): string {
  if (v === undefined) return "";
  if (v === null) return "null";
  if (typeof v === "string") return v;
  return JSON.stringify(v, null, 1);
}

/** The role named in a grant or delegation snapshot, if any. */
export function roleOf(snapshot: unknown): TRole | null {
  return isRecord(snapshot) && typeof snapshot.role === "string" && snapshot.role in roleLabels
    ? (snapshot.role as TRole)
    : null;
}
