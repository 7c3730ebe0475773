// Dates and times as Vietnamese administrative documents write them, always in Asia/Ho_Chi_Minh.
// Vietnam is UTC+7 all year (no daylight saving), so a fixed offset is exact and the process TZ
// never matters: a server in UTC and a laptop in Hanoi print the same form.

const VN_OFFSET_MS = 7 * 3_600_000;

export interface VietnamClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** Calendar date and wall-clock time of an instant in Vietnam. */
export function vietnamClock(instant: Date): VietnamClock {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError("Invalid date given to a form");
  const shifted = new Date(ms + VN_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
  };
}

const two = (n: number) => String(n).padStart(2, "0");

/**
 * "ngày 05 tháng 01 năm 2026", "ngày 25 tháng 11 năm 2026". Decree 30/2020/NĐ-CP, Annex I: a day below
 * 10 and the months 1 and 2 take a leading zero; months 3 to 12 do not.
 */
export function vietnameseDate(instant: Date): string {
  const { year, month, day } = vietnamClock(instant);
  const m = month <= 2 ? two(month) : String(month);
  return `ngày ${two(day)} tháng ${m} năm ${year}`;
}

/** "09 giờ 15 phút", as the receipt prints a time. */
export function vietnameseTime(instant: Date): string {
  const { hour, minute } = vietnamClock(instant);
  return `${two(hour)} giờ ${two(minute)} phút`;
}

/** "09 giờ 15 phút, ngày 25 tháng 11 năm 2026". */
export function vietnameseDateTime(instant: Date): string {
  return `${vietnameseTime(instant)}, ${vietnameseDate(instant)}`;
}

/** "Thành phố Hồ Chí Minh, ngày 25 tháng 11 năm 2026" — the place-and-date line under the national motto. */
export function placeAndDate(place: string, instant: Date): string {
  return `${place}, ${vietnameseDate(instant)}`;
}

/** "25/11/2026", for table cells where the long form does not fit. */
export function shortDate(instant: Date): string {
  const { year, month, day } = vietnamClock(instant);
  return `${two(day)}/${two(month)}/${year}`;
}

/** "25/11/2026 09:15". */
export function shortDateTime(instant: Date): string {
  const { hour, minute } = vietnamClock(instant);
  return `${shortDate(instant)} ${two(hour)}:${two(minute)}`;
}

/**
 * The instant moved so that its UTC fields read Vietnam's wall clock. Spreadsheets have no time zones:
 * a cell holding this value shows the Vietnamese date and time on any computer.
 */
export function vietnamWallClock(instant: Date): Date {
  vietnamClock(instant);
  return new Date(instant.getTime() + VN_OFFSET_MS);
}
