// A tenant's working calendar: the statutory holidays and shipped official schedules, with the
// tenant's own per-year overrides on top (loaded by the API from the database and passed in as
// plain data), plus the tenant's office hours.

import { addWorkingTime as addWorkingTimeMs, amountToMs, type WorkingAmount } from "./deadline";
import { type CalendarDay, type DayKind, statutoryYear } from "./holidays";
import { LUNAR_RANGE } from "./lunar";
import { dayNumberOf, isoDateOf, parseDate, solarDateOf, vietnamDayNumber } from "./vietnam-time";
import {
  isOrdinaryWorkday,
  mergePauses,
  type OfficeHours,
  type Pause,
  type ResolvedOfficeHours,
  resolveOfficeHours,
  workingTimeBetween as workingTimeBetweenMs,
} from "./working-time";

const DAY_KINDS: readonly DayKind[] = ["holiday", "compensatory", "swap-off", "swap-work"];

/**
 * A tenant's changes to one year. With `mode: "extend"` (the default) each listed day replaces
 * the shipped entry of the same date or is added; with `mode: "replace"` the listed days are the
 * whole year and nothing shipped or statutory is kept. Overrides are taken literally: a holiday
 * added on a weekend gets no automatic compensatory day.
 */
export interface YearOverride {
  year: number;
  mode?: "extend" | "replace";
  days: readonly CalendarDay[];
}

/** Options of a calendar: the tenant's overrides and office hours. */
export interface CalendarOptions {
  overrides?: readonly YearOverride[];
  officeHours?: OfficeHours;
}

/** A day given as "YYYY-MM-DD" (a Vietnamese calendar date) or as an instant (read in UTC+7). */
export type DayInput = string | Date;

/** A working-day calendar of one tenant; all dates are in Asia/Ho_Chi_Minh (UTC+7). */
export interface WorkingCalendar {
  /** The resolved office hours; `dayLengthMs` is the length of one working day. */
  readonly officeHours: ResolvedOfficeHours;
  /** Whether the day is a working day (a weekday that is not off, or a swapped working Saturday). */
  isWorkingDay(day: DayInput): boolean;
  /** The listed day (holiday, compensatory day, swap) on that date, if any. */
  dayEntry(day: DayInput): CalendarDay | undefined;
  /** Every day of a solar year that departs from the ordinary week, sorted by date. */
  holidays(year: number): CalendarDay[];
  /** The deadline: the earliest instant by which `amount` of unpaused working time has elapsed since `from`. */
  addWorkingTime(from: Date, amount: WorkingAmount, pauses?: readonly Pause[]): Date;
  /** Working milliseconds between two instants, minus pauses; negative when `b` is before `a`. */
  workingTimeBetween(a: Date, b: Date, pauses?: readonly Pause[]): number;
  /** Working time in milliseconds of an allowance (e.g. { days: 0.5 } = 4 h with default hours). */
  amountMs(amount: WorkingAmount): number;
  /** The instant counting starts from for something received at `at`: `at` itself or the next office time. */
  countingStart(at: Date): Date;
}

function checkOverride(o: YearOverride): void {
  if (!Number.isInteger(o.year)) throw new RangeError(`Năm không hợp lệ / invalid override year: ${o.year}`);
  if (o.mode !== undefined && o.mode !== "extend" && o.mode !== "replace") {
    throw new RangeError(`Chế độ không hợp lệ / invalid override mode: ${String(o.mode)}`);
  }
  const seen = new Set<string>();
  for (const day of o.days) {
    const date = parseDate(day.date);
    if (date.year !== o.year) {
      throw new RangeError(`Ngày ${day.date} không thuộc năm ${o.year} / override day outside its year`);
    }
    if (!DAY_KINDS.includes(day.kind)) {
      throw new RangeError(`Loại ngày không hợp lệ / invalid day kind: ${String(day.kind)}`);
    }
    if (typeof day.name !== "string" || day.name.trim() === "") {
      throw new RangeError(`Ngày ${day.date} thiếu tên / override day needs a name`);
    }
    if (seen.has(day.date)) throw new RangeError(`Ngày ${day.date} bị lặp / duplicate override day`);
    seen.add(day.date);
  }
}

function dayNumberOfInput(day: DayInput): number {
  if (typeof day === "string") return dayNumberOf(parseDate(day));
  const ms = day.getTime();
  if (!Number.isFinite(ms)) throw new RangeError("Thời điểm không hợp lệ / invalid date");
  return vietnamDayNumber(ms);
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < LUNAR_RANGE.first || year > LUNAR_RANGE.last) {
    throw new RangeError(
      `Năm ${year} nằm ngoài phạm vi hỗ trợ (${LUNAR_RANGE.first}–${LUNAR_RANGE.last}) / year out of range`,
    );
  }
}

/** Creates a tenant's working calendar from the shipped schedules, its overrides and office hours. */
export function createCalendar(options: CalendarOptions = {}): WorkingCalendar {
  const officeHours = resolveOfficeHours(options.officeHours);
  const overrides = new Map<number, YearOverride[]>();
  for (const o of options.overrides ?? []) {
    checkOverride(o);
    overrides.set(o.year, [...(overrides.get(o.year) ?? []), o]);
  }

  const yearCache = new Map<number, { list: CalendarDay[]; byDay: Map<number, CalendarDay> }>();
  function year(y: number) {
    let cached = yearCache.get(y);
    if (!cached) {
      checkYear(y);
      const byDate = new Map<string, CalendarDay>();
      for (const d of statutoryYear(y)) byDate.set(d.date, d);
      // Later overrides of the same year win over earlier ones.
      for (const o of overrides.get(y) ?? []) {
        if (o.mode === "replace") byDate.clear();
        for (const d of o.days) byDate.set(d.date, { date: d.date, name: d.name, kind: d.kind });
      }
      const list = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      const byDay = new Map(list.map((d) => [dayNumberOf(parseDate(d.date)), d] as const));
      cached = { list, byDay };
      yearCache.set(y, cached);
    }
    return cached;
  }

  // Day numbers are cached per year; the first and last day numbers of a year are found from
  // the date so that the hot loop of deadline arithmetic does no string work.
  let spanStart = Number.POSITIVE_INFINITY;
  let spanEnd = Number.NEGATIVE_INFINITY;
  let spanDays: Map<number, CalendarDay> = new Map();
  function entryOfDay(day: number): CalendarDay | undefined {
    if (day < spanStart || day > spanEnd) {
      const y = solarDateOf(day).year;
      spanStart = dayNumberOf({ year: y, month: 1, day: 1 });
      spanEnd = dayNumberOf({ year: y, month: 12, day: 31 });
      spanDays = year(y).byDay;
    }
    return spanDays.get(day);
  }

  function isWorkingDayNumber(day: number): boolean {
    const entry = entryOfDay(day);
    if (entry) return entry.kind === "swap-work";
    return isOrdinaryWorkday(officeHours, day);
  }

  return {
    officeHours,
    isWorkingDay: (day) => isWorkingDayNumber(dayNumberOfInput(day)),
    dayEntry: (day) => entryOfDay(dayNumberOfInput(day)),
    holidays: (y) => year(y).list.map((d) => ({ ...d })),
    addWorkingTime(from, amount, pauses = []) {
      const ms = addWorkingTimeMs(
        isWorkingDayNumber,
        officeHours,
        from.getTime(),
        amountToMs(amount, officeHours.dayLengthMs),
        mergePauses(pauses),
      );
      return new Date(ms);
    },
    workingTimeBetween(a, b, pauses = []) {
      if (!Number.isFinite(a.getTime()) || !Number.isFinite(b.getTime())) {
        throw new RangeError("Thời điểm không hợp lệ / invalid instant");
      }
      return workingTimeBetweenMs(
        isWorkingDayNumber,
        officeHours,
        a.getTime(),
        b.getTime(),
        mergePauses(pauses),
      );
    },
    amountMs: (amount) => amountToMs(amount, officeHours.dayLengthMs),
    countingStart: (at) => new Date(addWorkingTimeMs(isWorkingDayNumber, officeHours, at.getTime(), 0)),
  };
}

/** The "YYYY-MM-DD" Vietnamese calendar date of an instant. */
export function vietnamDateOf(instant: Date): string {
  return isoDateOf(vietnamDayNumber(instant.getTime()));
}
