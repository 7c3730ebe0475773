// Deadline arithmetic. A time allowance of N working days is N × (length of a working day) of
// office time, counted from the receipt instant; office time before the first working moment
// does not exist, so a dossier received after hours starts counting at the next office period.
// The deadline is the earliest instant by which the allowance has elapsed, so it always lies in
// an office period of a working day, its end included: an allowance that uses up a day exactly
// is due at 17:00 that day, not at 07:30 the next working day. Paused intervals are not counted.

import { HOUR_MS, vietnamDayNumber } from "./vietnam-time";
import {
  type Intervals,
  officePeriodsOf,
  type ResolvedOfficeHours,
  type WorkingDayTest,
} from "./working-time";

/** A time allowance; the parts add up (e.g. { days: 1, hours: 4 } is 12 working hours). */
export interface WorkingAmount {
  /** Working days, possibly fractional (0.5 = half a working day). */
  days?: number;
  /** Half working days (buổi). */
  halfDays?: number;
  /** Working hours, possibly fractional. */
  hours?: number;
}

/** Converts an allowance to working milliseconds; throws for negative or non-finite parts. */
export function amountToMs(amount: WorkingAmount, dayLengthMs: number): number {
  const parts: Array<[string, number | undefined, number]> = [
    ["days", amount.days, dayLengthMs],
    ["halfDays", amount.halfDays, dayLengthMs / 2],
    ["hours", amount.hours, HOUR_MS],
  ];
  let total = 0;
  for (const [name, value, unit] of parts) {
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new RangeError(
        `Thời hạn không hợp lệ (${name} = ${value}) / allowance must be a non-negative number`,
      );
    }
    total += value * unit;
  }
  // Rounded to the millisecond so that fractions such as 0.1 day stay exact integers.
  return Math.round(total);
}

// A search that finds no working time for this long means the calendar has no working days.
const MAX_SEARCH_DAYS = 366 * 20;

/**
 * The earliest instant at which `amountMs` of unpaused working time has elapsed since `from`.
 * With a zero amount it is the first unpaused working instant at or after `from`.
 */
export function addWorkingTime(
  isWorkingDay: WorkingDayTest,
  hours: ResolvedOfficeHours,
  from: number,
  amountMs: number,
  pauses: Intervals = [],
): number {
  if (!Number.isFinite(from)) throw new RangeError("Thời điểm bắt đầu không hợp lệ / invalid start instant");
  let remaining = amountMs;
  let pauseIndex = 0;
  const firstDay = vietnamDayNumber(from);
  let lastUsefulDay = firstDay;
  for (let day = firstDay; day - lastUsefulDay <= MAX_SEARCH_DAYS; day++) {
    for (const [periodStart, periodEnd] of officePeriodsOf(isWorkingDay, hours, day)) {
      lastUsefulDay = day;
      let cursor = Math.max(from, periodStart);
      while (cursor < periodEnd) {
        // Skip pauses that ended before the cursor; they are sorted and disjoint.
        while (pauseIndex < pauses.length && pauses[pauseIndex]![1] <= cursor) pauseIndex++;
        const pause = pauses[pauseIndex];
        if (pause && pause[0] <= cursor) {
          cursor = pause[1];
          continue;
        }
        const stop = pause ? Math.min(periodEnd, pause[0]) : periodEnd;
        if (remaining <= stop - cursor) return cursor + remaining;
        remaining -= stop - cursor;
        cursor = stop;
      }
    }
  }
  throw new RangeError("Không tìm thấy thời gian làm việc / the calendar has no working time ahead");
}
