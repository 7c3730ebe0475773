// Public holidays of Vietnam for civil servants with a Saturday–Sunday weekly rest, by the law in
// force on each holiday (see SOURCES.md):
// - Labour Code 1994 art. 73 (8 days: 1/1, Tết 4 days, 30/4, 1/5, 2/9), amended in 2007 to add
//   the Hùng Kings' Commemoration (10/3 lunar);
// - Labour Code 2012 art. 115 (from 1 May 2013): Tết 5 days;
// - Labour Code 2019 art. 112 (from 1 January 2021): National Day 2 days (2/9 and one day
//   before or after). Art. 112(3): the Prime Minister fixes the Tết and National Day days.
// - Art. 111(3): a holiday on the weekly rest day is compensated on the next working day (the
//   earlier codes had the same rule).
// The Politburo's Resolution 80-NQ/TW (January 2026) and Government Resolution 30/NQ-CP
// (February 2026) call for 24/11 "Ngày Văn hóa Việt Nam" to become a paid holiday by amending
// art. 112; no amendment in force could be found, so it is not a statutory holiday here (a
// tenant can add it as an override; add a rule below with its effective date once enacted).
// The week is Monday–Friday (Decision 188/1999/QĐ-TTg, 2 October 1999); earlier years are
// computed with the same week and are not historically exact.

import { lunarToSolar, solarToLunar } from "./lunar";
import { type OfficialSchedule, officialScheduleOf } from "./schedules";
import { dayNumberOf, isoDateOf, isoWeekday, parseDate, solarDateOf } from "./vietnam-time";

/** How a listed day departs from the ordinary week. */
export type DayKind = "holiday" | "compensatory" | "swap-off" | "swap-work";

/** A day that departs from the ordinary Monday–Friday week, with its Vietnamese name. */
export interface CalendarDay {
  date: string;
  name: string;
  kind: DayKind;
}

interface LabourCodeRule {
  /** First day the rule applies to (a holiday is governed by the rule in force on its date). */
  from: string;
  law: string;
  tetDays: 4 | 5;
  nationalDayDays: 1 | 2;
  hungKings: boolean;
}

const RULES: readonly LabourCodeRule[] = [
  { from: "0000-01-01", law: "BLLĐ 1994 Điều 73", tetDays: 4, nationalDayDays: 1, hungKings: false },
  // Law of 2 April 2007 amending art. 73; the first Hùng Kings' day off was 26/4/2007.
  {
    from: "2007-04-02",
    law: "BLLĐ 1994 Điều 73 (sửa đổi 2007)",
    tetDays: 4,
    nationalDayDays: 1,
    hungKings: true,
  },
  { from: "2013-05-01", law: "BLLĐ 2012 Điều 115", tetDays: 5, nationalDayDays: 1, hungKings: true },
  { from: "2021-01-01", law: "BLLĐ 2019 Điều 112", tetDays: 5, nationalDayDays: 2, hungKings: true },
];

function ruleOn(date: string): LabourCodeRule {
  let rule = RULES[0]!;
  for (const r of RULES) if (r.from <= date) rule = r;
  return rule;
}

const LUNAR_MONTH_NAMES: Record<number, string> = { 1: "tháng Giêng", 12: "tháng Chạp" };

function lunarLabel(dayNumber: number): string {
  const l = solarToLunar(solarDateOf(dayNumber));
  const day = l.day <= 10 ? `mùng ${l.day}` : String(l.day);
  return `${day} ${LUNAR_MONTH_NAMES[l.month] ?? `tháng ${l.month}`}${l.leap ? " nhuận" : ""}`;
}

function isWeekend(dayNumber: number): boolean {
  return isoWeekday(dayNumber) >= 6;
}

function formatShort(date: string): string {
  const [y, m, d] = date.split("-");
  return `${d}/${m}/${y}`;
}

// Without a decision the Tết days follow the most common pattern of 2020–2026: the last two days
// of the old year and mùng 1–3 (the 1994 code's 4 days: the last day and mùng 1–3).
function statutoryTetDays(year: number, tetDays: 4 | 5): number[] {
  const newYear = dayNumberOf(lunarToSolar({ year, month: 1, day: 1, leap: false }));
  const before = tetDays === 5 ? 2 : 1;
  return Array.from({ length: tetDays }, (_, i) => newYear - before + i);
}

// Without a decision the second National Day holiday is the weekday next to 2/9 that joins the
// weekend (as chosen in 2021–2025): Monday 2/9 → Tuesday 3/9, Thursday → Friday 3/9, Sunday →
// Monday 3/9, otherwise 1/9.
function statutoryNationalDayAdjacent(year: number): number {
  const nationalDay = dayNumberOf({ year, month: 9, day: 2 });
  const weekday = isoWeekday(nationalDay);
  return weekday === 1 || weekday === 4 || weekday === 7 ? nationalDay + 1 : nationalDay - 1;
}

interface Holiday {
  day: number;
  name: string;
}

/**
 * Days off and swapped working days of a solar year by the statute, using the government's
 * official schedule for the year when given (or shipped), else the statutory fallback.
 */
export function statutoryYear(
  year: number,
  schedule: OfficialSchedule | undefined = officialScheduleOf(year),
): CalendarDay[] {
  const holidays: Holiday[] = [];
  const fixed = (month: number, day: number, name: string) =>
    holidays.push({ day: dayNumberOf({ year, month, day }), name });

  fixed(1, 1, "Tết Dương lịch");

  const tetDate = isoDateOf(dayNumberOf(lunarToSolar({ year, month: 1, day: 1, leap: false })));
  const tetRule = ruleOn(tetDate);
  const tetDays = schedule
    ? schedule.tet.map((d) => dayNumberOf(parseDate(d)))
    : statutoryTetDays(year, tetRule.tetDays);
  for (const day of tetDays) holidays.push({ day, name: `Tết Âm lịch (${lunarLabel(day)})` });

  const hungKings = dayNumberOf(lunarToSolar({ year, month: 3, day: 10, leap: false }));
  if (ruleOn(isoDateOf(hungKings)).hungKings) {
    holidays.push({ day: hungKings, name: "Giỗ Tổ Hùng Vương (10/3 âm lịch)" });
  }
  fixed(4, 30, "Ngày Chiến thắng (30/4)");
  fixed(5, 1, "Ngày Quốc tế lao động (1/5)");
  fixed(9, 2, "Quốc khánh (2/9)");
  if (ruleOn(`${year}-09-02`).nationalDayDays === 2) {
    const adjacent = schedule?.nationalDayAdjacent
      ? dayNumberOf(parseDate(schedule.nationalDayAdjacent))
      : statutoryNationalDayAdjacent(year);
    holidays.push({ day: adjacent, name: "Quốc khánh (ngày liền kề 2/9)" });
  }
  holidays.sort((a, b) => a.day - b.day);

  const swaps = schedule?.swaps ?? [];
  const taken = new Set([...holidays.map((h) => h.day), ...swaps.map((s) => dayNumberOf(parseDate(s.off)))]);
  const days: CalendarDay[] = holidays.map((h) => ({
    date: isoDateOf(h.day),
    name: h.name,
    kind: "holiday",
  }));
  for (const h of holidays) {
    if (!isWeekend(h.day)) continue;
    let comp = h.day + 1;
    while (isWeekend(comp) || taken.has(comp)) comp++;
    taken.add(comp);
    days.push({ date: isoDateOf(comp), name: `Nghỉ bù ${h.name}`, kind: "compensatory" });
  }

  for (const swap of swaps) {
    days.push(
      { date: swap.off, name: `Nghỉ hoán đổi (làm bù thứ Bảy ${formatShort(swap.work)})`, kind: "swap-off" },
      { date: swap.work, name: `Làm việc bù cho ngày nghỉ ${formatShort(swap.off)}`, kind: "swap-work" },
    );
  }
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
