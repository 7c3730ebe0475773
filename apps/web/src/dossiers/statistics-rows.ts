import { STATS_COUNT_KEYS, type TStatistics, type TStatsRow } from "@eiso/contracts";

/** The unit's own dossiers (its agency is the unit itself, not a sub-unit), as the API counts them. */
export function ownRow(own: TStatsRow | null, name: string): TStatsRow | null {
  return own && STATS_COUNT_KEYS.some((k) => own[k] !== 0) ? { ...own, unitName: name } : null;
}

/** The rows per unit: the unit's own dossiers first (labelled `ownLabel`), then each sub-unit's. */
export function unitRows(data: TStatistics | undefined, ownLabel: string): TStatsRow[] {
  if (!data?.total) return [];
  const own = ownRow(data.own, `${data.total.unitName} (${ownLabel})`);
  return own ? [own, ...data.rows] : data.rows;
}

/** Rows with something to show (a chart of all-zero units says nothing). */
export const withActivity = (rows: TStatsRow[]) => rows.filter((r) => STATS_COUNT_KEYS.some((k) => r[k] > 0));

/** The headline figures of a report's total, as the statistics page and the home page show them. */
export function headlineFigures(total: TStatsRow | null | undefined) {
  return [
    { key: "received", value: total ? total.receivedNew + total.carriedOver : 0, color: undefined },
    { key: "resolved", value: total ? total.resolvedOnTime + total.resolvedLate : 0, color: "#389e0d" },
    {
      key: "inProgress",
      value: total ? total.inProgressOnTime + total.inProgressOverdue : 0,
      color: "#1552a8",
    },
    { key: "inProgressOverdue", value: total?.inProgressOverdue ?? 0, color: "#cf1322" },
  ] as const;
}
