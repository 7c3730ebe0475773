// Vietnamese lunisolar calendar (âm lịch), after Hồ Ngọc Đức's published algorithm
// ("Thuật toán tính âm lịch", see SOURCES.md) with the meridian of UTC+7. Vietnam has reckoned
// the lunar calendar at UTC+7 since 1968; the Chinese calendar uses UTC+8, which is why Tết
// differs in some years (1985, 2007, 2030…), so a Chinese-calendar library is not usable here.
// New moons and solar longitudes use Meeus' series as in the published algorithm; the results
// are checked against an independent ephemeris (see lunar-reference-table.ts).

/** A Gregorian calendar date. */
export interface SolarDate {
  year: number;
  month: number;
  day: number;
}

/** A Vietnamese lunar date; `leap` marks a day of the intercalary (nhuận) month. */
export interface LunarDate {
  year: number;
  month: number;
  day: number;
  leap: boolean;
}

/** Solar years for which conversions are supported (the range of the published algorithm). */
export const LUNAR_RANGE = { first: 1900, last: 2100 } as const;

const TIME_ZONE = 7;
const SYNODIC_MONTH = 29.530588853;
// Julian day of the new moon of 1900-01-01, the epoch of the new moon series.
const NEW_MOON_EPOCH = 2415021.076998695;

/** Julian day number of a Gregorian date. */
export function julianDayFromDate(year: number, month: number, day: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  return (
    day +
    Math.floor((153 * m + 2) / 5) +
    365 * y +
    Math.floor(y / 4) -
    Math.floor(y / 100) +
    Math.floor(y / 400) -
    32045
  );
}

/** Gregorian date of a Julian day number. */
export function dateFromJulianDay(jd: number): SolarDate {
  const a = jd + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    day: e - Math.floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * Math.floor(m / 10),
    year: 100 * b + d - 4800 + Math.floor(m / 10),
  };
}

const DEG = Math.PI / 180;

// Julian date (UT) of the k-th new moon after the epoch (Meeus, Astronomical Algorithms ch. 49,
// abridged as in the published algorithm).
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DEG);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * DEG) + 0.0021 * Math.sin(2 * DEG * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * DEG) + 0.0161 * Math.sin(DEG * 2 * Mpr);
  c1 = c1 - 0.0004 * Math.sin(DEG * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(DEG * 2 * F) - 0.0051 * Math.sin(DEG * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(DEG * (M - Mpr)) + 0.0004 * Math.sin(DEG * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(DEG * (2 * F - M)) - 0.0006 * Math.sin(DEG * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(DEG * (2 * F - Mpr)) + 0.0005 * Math.sin(DEG * (2 * Mpr + M));
  // ΔT (TT − UT) in days.
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

// Apparent solar longitude in radians, [0, 2π), at Julian date `jdn`.
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let dl = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(DEG * M);
  dl += (0.019993 - 0.000101 * T) * Math.sin(DEG * 2 * M) + 0.00029 * Math.sin(DEG * 3 * M);
  const l = (L0 + dl) * DEG;
  return l - 2 * Math.PI * Math.floor(l / (2 * Math.PI));
}

// Julian day number of the local (UTC+7) day that holds the k-th new moon.
function newMoonDay(k: number): number {
  return Math.floor(newMoon(k) + 0.5 + TIME_ZONE / 24);
}

// Which 30° sector (0..11) the sun is in at the local midnight starting day `jdn`; a month whose
// first and next month's first day share a sector holds no major solar term (trung khí).
function sunSector(jdn: number): number {
  return Math.floor((sunLongitude(jdn - 0.5 - TIME_ZONE / 24) / Math.PI) * 6);
}

// First day of lunar month 11 (the month holding the winter solstice) of solar year `year`.
function month11Start(year: number): number {
  const off = julianDayFromDate(year, 12, 31) - 2415021;
  const k = Math.floor(off / SYNODIC_MONTH);
  const nm = newMoonDay(k);
  return sunSector(nm) >= 9 ? newMoonDay(k - 1) : nm;
}

// Index (1-based, counted from month 11) of the leap month in the 13-month span starting at a11.
function leapMonthOffset(a11: number): number {
  const k = Math.floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i));
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i));
  } while (arc !== last && i < 14);
  return i - 1;
}

function checkSolarYear(year: number): void {
  if (!Number.isInteger(year) || year < LUNAR_RANGE.first || year > LUNAR_RANGE.last) {
    throw new RangeError(
      `Năm ${year} nằm ngoài phạm vi âm lịch hỗ trợ (${LUNAR_RANGE.first}–${LUNAR_RANGE.last}) / year out of range`,
    );
  }
}

function checkSolarDate(date: SolarDate): number {
  checkSolarYear(date.year);
  const jd = julianDayFromDate(date.year, date.month, date.day);
  const back = dateFromJulianDay(jd);
  if (back.year !== date.year || back.month !== date.month || back.day !== date.day) {
    throw new RangeError(
      `Ngày dương lịch không tồn tại / no such date: ${date.year}-${date.month}-${date.day}`,
    );
  }
  return jd;
}

/** Converts a Gregorian date to the Vietnamese lunar date that day falls on. */
export function solarToLunar(date: SolarDate): LunarDate {
  const dayNumber = checkSolarDate(date);
  // k estimates the new moon at or before the day from the mean lunation; the true new moon may
  // fall up to about 14 hours from the mean one, so step back until the month has begun (without
  // the second step, 2054-05-07 and 2062-04-09 came out as day 0 of the next month).
  let k = Math.floor((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH) + 1;
  let monthStart = newMoonDay(k);
  while (monthStart > dayNumber) monthStart = newMoonDay(--k);
  let a11 = month11Start(date.year);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = date.year;
    a11 = month11Start(date.year - 1);
  } else {
    lunarYear = date.year + 1;
    b11 = month11Start(date.year + 1);
  }
  const day = dayNumber - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11);
    if (diff >= leapDiff) {
      month = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) lunarYear -= 1;
  return { year: lunarYear, month, day, leap };
}

// Julian day of the first day of the given lunar month, or undefined if there is no such
// (leap) month in that year.
function lunarMonthStart(year: number, month: number, leap: boolean): number | undefined {
  let a11: number;
  let b11: number;
  if (month < 11) {
    a11 = month11Start(year - 1);
    b11 = month11Start(year);
  } else {
    a11 = month11Start(year);
    b11 = month11Start(year + 1);
  }
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11);
    // Offset 1 is a leap month 11, offset 2 a leap month 12, offset 3 a leap month 1…
    const leapMonth = ((leapOff + 9) % 12) + 1;
    if (leap && month !== leapMonth) return undefined;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return undefined;
  }
  return newMoonDay(k + off);
}

/** Number of days (29 or 30) of a lunar month; throws if that (leap) month does not exist. */
export function lunarMonthLength(year: number, month: number, leap = false): number {
  const start = requireMonthStart(year, month, leap);
  // The next month starts at the next new moon, 29 or 30 days later.
  const next = newMoonDay(Math.floor((start - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5) + 1);
  return next - start;
}

function requireMonthStart(year: number, month: number, leap: boolean): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`Tháng âm lịch không hợp lệ / invalid lunar month: ${month}`);
  }
  // Lunar year Y spans parts of solar years Y and Y+1 (months 11–12 may end in January).
  checkSolarYear(year);
  const start = lunarMonthStart(year, month, leap);
  if (start === undefined) {
    throw new RangeError(
      `Năm âm lịch ${year} không có tháng ${month} nhuận / lunar year ${year} has no leap month ${month}`,
    );
  }
  return start;
}

/** Converts a Vietnamese lunar date to the Gregorian date; throws for a date that does not exist. */
export function lunarToSolar(date: LunarDate): SolarDate {
  const start = requireMonthStart(date.year, date.month, date.leap);
  const length = lunarMonthLength(date.year, date.month, date.leap);
  if (!Number.isInteger(date.day) || date.day < 1 || date.day > length) {
    throw new RangeError(
      `Tháng ${date.month}${date.leap ? " nhuận" : ""} năm âm lịch ${date.year} có ${length} ngày, không có ngày ${date.day} / no such lunar day`,
    );
  }
  const solar = dateFromJulianDay(start + date.day - 1);
  checkSolarYear(solar.year);
  return solar;
}

/** The leap month (1–12) of a lunar year, or undefined if the year has none. */
export function leapMonthOf(year: number): number | undefined {
  checkSolarYear(year);
  for (let month = 1; month <= 12; month++) {
    if (lunarMonthStart(year, month, true) !== undefined) return month;
  }
  return undefined;
}
