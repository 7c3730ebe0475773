import { STATS_COUNT_KEYS, type TStatsRow } from "@eiso/contracts";

/** The unit's own dossiers (its agency is the unit itself, not a sub-unit), as the API counts them. */
export function ownRow(own: TStatsRow | null, name: string): TStatsRow | null {
  return own && STATS_COUNT_KEYS.some((k) => own[k] !== 0) ? { ...own, unitName: name } : null;
}

/** Rows with something to show (a chart of all-zero units says nothing). */
export const withActivity = (rows: TStatsRow[]) => rows.filter((r) => STATS_COUNT_KEYS.some((k) => r[k] > 0));
