// Working time is the union of the office periods of working days, in Vietnam time. It is
// measured in milliseconds so that sums and differences stay exact integers; one working day is
// the total length of a day's office periods (8 hours with the default hours).

import { isoWeekday, MINUTE_MS, parseClock, vietnamDayNumber, vietnamMidnight } from "./vietnam-time";

/** A tenant's office hours: periods of a working day and the weekdays that are working days. */
export interface OfficeHours {
  /** Office periods, "HH:MM" Vietnam time, in order and not overlapping (default 07:30–11:30, 13:00–17:00). */
  periods: ReadonlyArray<{ start: string; end: string }>;
  /** ISO weekdays (1 = Monday … 7 = Sunday) worked in an ordinary week; default Monday–Friday. */
  weekdays?: readonly number[];
}

/** The default office hours of state agencies: 07:30–11:30 and 13:00–17:00, Monday to Friday. */
export const DEFAULT_OFFICE_HOURS: OfficeHours = {
  periods: [
    { start: "07:30", end: "11:30" },
    { start: "13:00", end: "17:00" },
  ],
  weekdays: [1, 2, 3, 4, 5],
};

/** Office hours checked and turned into millisecond offsets from local midnight. */
export interface ResolvedOfficeHours {
  periods: ReadonlyArray<readonly [number, number]>;
  weekdays: ReadonlySet<number>;
  /** Working length of one full working day. */
  dayLengthMs: number;
}

/** Validates office hours; throws RangeError for empty, reversed or overlapping periods. */
export function resolveOfficeHours(hours: OfficeHours = DEFAULT_OFFICE_HOURS): ResolvedOfficeHours {
  if (hours.periods.length === 0) throw new RangeError("Giờ làm việc trống / office hours have no period");
  const periods: Array<readonly [number, number]> = [];
  let previousEnd = 0;
  for (const p of hours.periods) {
    const start = parseClock(p.start) * MINUTE_MS;
    const end = parseClock(p.end) * MINUTE_MS;
    if (end <= start || start < previousEnd) {
      throw new RangeError(
        `Khoảng giờ làm việc ${p.start}–${p.end} không hợp lệ hoặc chồng lấn / invalid or overlapping office period`,
      );
    }
    periods.push([start, end]);
    previousEnd = end;
  }
  const weekdays = hours.weekdays ?? [1, 2, 3, 4, 5];
  if (weekdays.length === 0 || weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    throw new RangeError("Ngày làm việc trong tuần phải là 1–7 / weekdays must be ISO weekdays 1–7");
  }
  return {
    periods,
    weekdays: new Set(weekdays),
    dayLengthMs: periods.reduce((sum, [s, e]) => sum + e - s, 0),
  };
}

/** An interval during which the clock of a dossier is stopped (e.g. waiting for a supplement). */
export interface Pause {
  start: Date;
  end: Date;
}

/** Sorted, disjoint [start, end) intervals in epoch milliseconds. */
export type Intervals = ReadonlyArray<readonly [number, number]>;

/** Sorts and merges pauses into disjoint intervals; throws if a pause ends before it starts. */
export function mergePauses(pauses: readonly Pause[] = []): Intervals {
  const list = pauses.map((p) => {
    const start = p.start.getTime();
    const end = p.end.getTime();
    if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) {
      throw new RangeError("Khoảng tạm dừng không hợp lệ / a pause must end after it starts");
    }
    return [start, end] as const;
  });
  list.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [s, e] of list) {
    const last = merged.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else if (e > s) merged.push([s, e]);
  }
  return merged;
}

/** Answers whether a local day number is a working day. */
export type WorkingDayTest = (dayNumber: number) => boolean;

/** Working milliseconds in [a, b) with no pauses; a ≤ b. */
function officeTimeBetween(
  isWorkingDay: WorkingDayTest,
  hours: ResolvedOfficeHours,
  a: number,
  b: number,
): number {
  if (b <= a) return 0;
  const firstDay = vietnamDayNumber(a);
  const lastDay = vietnamDayNumber(b);
  let total = 0;
  for (let day = firstDay; day <= lastDay; day++) {
    if (!isWorkingDay(day)) continue;
    const midnight = vietnamMidnight(day);
    if (day > firstDay && day < lastDay) {
      total += hours.dayLengthMs;
      continue;
    }
    for (const [ps, pe] of hours.periods) {
      const s = Math.max(a, midnight + ps);
      const e = Math.min(b, midnight + pe);
      if (e > s) total += e - s;
    }
  }
  return total;
}

/**
 * Working milliseconds between two instants, not counting paused intervals; negative when
 * `b` is before `a`.
 */
export function workingTimeBetween(
  isWorkingDay: WorkingDayTest,
  hours: ResolvedOfficeHours,
  a: number,
  b: number,
  pauses: Intervals = [],
): number {
  if (b < a) return -workingTimeBetween(isWorkingDay, hours, b, a, pauses);
  let total = officeTimeBetween(isWorkingDay, hours, a, b);
  for (const [ps, pe] of pauses) {
    total -= officeTimeBetween(isWorkingDay, hours, Math.max(a, ps), Math.min(b, pe));
  }
  return total;
}

/** The office periods of a working day in epoch milliseconds (empty on a day off). */
export function officePeriodsOf(
  isWorkingDay: WorkingDayTest,
  hours: ResolvedOfficeHours,
  day: number,
): Intervals {
  if (!isWorkingDay(day)) return [];
  const midnight = vietnamMidnight(day);
  return hours.periods.map(([s, e]) => [midnight + s, midnight + e] as const);
}

/** Weekday test of the ordinary week, before holidays. */
export function isOrdinaryWorkday(hours: ResolvedOfficeHours, day: number): boolean {
  return hours.weekdays.has(isoWeekday(day));
}
