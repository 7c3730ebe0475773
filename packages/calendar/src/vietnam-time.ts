// Business time in eISO is Asia/Ho_Chi_Minh, a fixed UTC+7 with no daylight saving since 1975.
// Everything here is plain arithmetic on epoch milliseconds so that results never depend on the
// time zone of the process running the code.

import type { SolarDate } from "./lunar";

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** Offset of Vietnam time from UTC in milliseconds. */
export const VIETNAM_OFFSET_MS = 7 * HOUR_MS;

/** Local (UTC+7) day number of an instant: days since 1970-01-01 in Vietnam. */
export function vietnamDayNumber(epochMs: number): number {
  return Math.floor((epochMs + VIETNAM_OFFSET_MS) / DAY_MS);
}

/** Epoch milliseconds of 00:00 Vietnam time on a local day number. */
export function vietnamMidnight(dayNumber: number): number {
  return dayNumber * DAY_MS - VIETNAM_OFFSET_MS;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a local day number. */
export function isoWeekday(dayNumber: number): number {
  // Day 0, 1970-01-01, was a Thursday.
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** Day number of a Gregorian date (the day count is the same in every time zone). */
export function dayNumberOf(date: SolarDate): number {
  return Math.floor(Date.UTC(date.year, date.month - 1, date.day) / DAY_MS);
}

/** Gregorian date of a day number. */
export function solarDateOf(dayNumber: number): SolarDate {
  const d = new Date(dayNumber * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** "YYYY-MM-DD" of a Gregorian date. */
export function formatDate(date: SolarDate): string {
  return `${String(date.year).padStart(4, "0")}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

/** "YYYY-MM-DD" of a day number. */
export function isoDateOf(dayNumber: number): string {
  return formatDate(solarDateOf(dayNumber));
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses "YYYY-MM-DD" strictly; throws RangeError for malformed or nonexistent dates. */
export function parseDate(text: string): SolarDate {
  const m = DATE_RE.exec(text);
  if (!m)
    throw new RangeError(`Ngày không hợp lệ, cần dạng YYYY-MM-DD / invalid date: ${JSON.stringify(text)}`);
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (formatDate(solarDateOf(dayNumberOf(date))) !== text) {
    throw new RangeError(`Ngày không tồn tại / no such date: ${text}`);
  }
  return date;
}

const INSTANT_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Parses an ISO 8601 instant. Without an offset the wall time is read as Vietnam time (not the
 * process's time zone); a bare date means 00:00 Vietnam time.
 */
export function parseInstant(text: string): Date {
  const m = INSTANT_RE.exec(text.trim());
  if (!m) {
    throw new RangeError(
      `Thời điểm không hợp lệ, cần dạng ISO 8601 / invalid instant: ${JSON.stringify(text)}`,
    );
  }
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "0", zone] = m;
  const date = parseDate(`${y}-${mo}-${d}`);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (hour > 24 || minute > 59 || second > 59 || (hour === 24 && (minute > 0 || second > 0))) {
    throw new RangeError(`Giờ không hợp lệ / invalid time: ${JSON.stringify(text)}`);
  }
  let offsetMs = VIETNAM_OFFSET_MS;
  if (zone && zone.toUpperCase() === "Z") {
    offsetMs = 0;
  } else if (zone) {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) throw new RangeError(`Múi giờ không hợp lệ / invalid offset: ${zone}`);
    offsetMs = sign * (oh * HOUR_MS + om * MINUTE_MS);
  }
  const millis = Math.floor(Number(`0.${frac}`) * 1000);
  const wall = dayNumberOf(date) * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS + second * 1000 + millis;
  return new Date(wall - offsetMs);
}

/** Formats an instant in Vietnam time with an explicit offset, e.g. "2026-02-24T07:30:00+07:00". */
export function formatVietnamInstant(instant: Date | number): string {
  const ms = typeof instant === "number" ? instant : instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError("Thời điểm không hợp lệ / invalid instant");
  const iso = new Date(ms + VIETNAM_OFFSET_MS).toISOString();
  const wall = ms % 1000 === 0 ? iso.slice(0, 19) : iso.slice(0, 23);
  return `${wall}+07:00`;
}

/** Minutes since local midnight of "HH:MM" (00:00–24:00). */
export function parseClock(text: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
  if (!m || Number(m[2]) > 59 || minutes > 24 * 60) {
    throw new RangeError(`Giờ không hợp lệ, cần dạng HH:MM / invalid clock time: ${JSON.stringify(text)}`);
  }
  return minutes;
}
