import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LUNAR_RANGE, leapMonthOf, lunarMonthLength, lunarToSolar, solarToLunar } from "./lunar";
import { lunarReferenceTable } from "./lunar-reference-table";

function iso(d: { year: number; month: number; day: number }): string {
  return `${String(d.year).padStart(4, "0")}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
}

function parse(text: string): { year: number; month: number; day: number } {
  const [year, month, day] = text.split("-").map(Number) as [number, number, number];
  return { year, month, day };
}

describe("lunar new year and Hùng Kings' day against the independent ephemeris table", () => {
  it("covers every year 1990–2050", () => {
    expect(lunarReferenceTable.map(([year]) => year)).toEqual(Array.from({ length: 61 }, (_, i) => 1990 + i));
  });

  it.each(lunarReferenceTable)("%i: Tết on %s, lunar 10/3 on %s", (year, tet, hungKings) => {
    expect(iso(lunarToSolar({ year, month: 1, day: 1, leap: false }))).toBe(tet);
    expect(iso(lunarToSolar({ year, month: 3, day: 10, leap: false }))).toBe(hungKings);
    expect(solarToLunar(parse(tet))).toEqual({ year, month: 1, day: 1, leap: false });
    expect(solarToLunar(parse(hungKings))).toEqual({ year, month: 3, day: 10, leap: false });
  });
});

// Years where the Vietnamese calendar (UTC+7) and the Chinese one (UTC+8) disagree. Tết dates
// are published (see SOURCES.md); the lunar 10/3 rows come from the ephemeris reference and the
// Chinese dates from lunar-javascript, a Chinese-calendar library.
const divergences: Array<[string, number, number, number, string, string]> = [
  ["Tết 1968 (the year Vietnam switched to UTC+7)", 1968, 1, 1, "1968-01-29", "1968-01-30"],
  ["Tết 1969", 1969, 1, 1, "1969-02-16", "1969-02-17"],
  ["Tết 1985 (China had a leap month 10 in 1984)", 1985, 1, 1, "1985-01-21", "1985-02-20"],
  ["Tết 2007", 2007, 1, 1, "2007-02-17", "2007-02-18"],
  ["Hùng Kings' day 2009", 2009, 3, 10, "2009-04-04", "2009-04-05"],
  ["Tết 2030", 2030, 1, 1, "2030-02-02", "2030-02-03"],
  ["Hùng Kings' day 2037", 2037, 3, 10, "2037-04-24", "2037-04-25"],
  ["Hùng Kings' day 2038", 2038, 3, 10, "2038-04-13", "2038-04-14"],
  ["Tết 2053", 2053, 1, 1, "2053-02-18", "2053-02-19"],
];

describe("Vietnam–China divergences", () => {
  it.each(divergences)("%s is %s… in Vietnam, not the Chinese date", (_, year, month, day, vn, cn) => {
    const solar = iso(lunarToSolar({ year, month, day, leap: false }));
    expect(solar).toBe(vn);
    expect(solar).not.toBe(cn);
    expect(solarToLunar(parse(cn))).not.toEqual({ year, month, day, leap: false });
  });

  it("puts 20 February 1985 on lunar 1/1 of the following month, not on Tết", () => {
    expect(solarToLunar({ year: 1985, month: 2, day: 20 })).toEqual({
      year: 1985,
      month: 2,
      day: 1,
      leap: false,
    });
  });
});

describe("leap months", () => {
  // Leap months of the Vietnamese calendar, cross-checked against the ephemeris (see SOURCES.md).
  it.each([
    [2020, 4],
    [2023, 2],
    [2025, 6],
    [2028, 5],
    [2031, 3],
    [2033, 11],
  ])("lunar year %i has leap month %i", (year, month) => {
    expect(leapMonthOf(year)).toBe(month);
  });

  it.each([2021, 2022, 2024, 2026, 2027])("lunar year %i has no leap month", (year) => {
    expect(leapMonthOf(year)).toBeUndefined();
  });

  it("converts a day of a leap month both ways", () => {
    const solar = lunarToSolar({ year: 2025, month: 6, day: 1, leap: true });
    expect(iso(solar)).toBe("2025-07-25");
    expect(solarToLunar(solar)).toEqual({ year: 2025, month: 6, day: 1, leap: true });
    expect(iso(lunarToSolar({ year: 2025, month: 6, day: 1, leap: false }))).toBe("2025-06-25");
  });
});

describe("nonexistent dates", () => {
  it("rejects a leap month the year does not have", () => {
    expect(() => lunarToSolar({ year: 2026, month: 6, day: 1, leap: true })).toThrow(
      /không có tháng 6 nhuận/,
    );
  });

  it("rejects day 30 of a 29-day month", () => {
    const short = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].find((m) => lunarMonthLength(2026, m) === 29)!;
    expect(() => lunarToSolar({ year: 2026, month: short, day: 30, leap: false })).toThrow(/có 29 ngày/);
  });

  it.each([
    [{ year: 2026, month: 13, day: 1, leap: false }],
    [{ year: 2026, month: 1, day: 0, leap: false }],
    [{ year: 2026, month: 1, day: 31, leap: false }],
    [{ year: 2101, month: 1, day: 1, leap: false }],
  ])("rejects %o", (date) => {
    expect(() => lunarToSolar(date)).toThrow(RangeError);
  });

  it("rejects a solar date that does not exist", () => {
    expect(() => solarToLunar({ year: 2026, month: 2, day: 29 })).toThrow(RangeError);
  });
});

describe("new moons just after midnight in Vietnam", () => {
  // astronomy-engine 2.1.19: new moon 2054-05-07T17:01Z = 00:01 on 8 May at UTC+7, and
  // 2062-04-09T17:17Z = 00:17 on 10 April. The day before is the 30th of the month that ends
  // (the property test below once found them numbered day 0 of the next month).
  it.each([
    ["2054-05-07", { year: 2054, month: 3, day: 30, leap: false }],
    ["2054-05-08", { year: 2054, month: 4, day: 1, leap: false }],
    ["2062-04-09", { year: 2062, month: 2, day: 30, leap: false }],
    ["2062-04-10", { year: 2062, month: 3, day: 1, leap: false }],
  ] as const)("%s", (text, lunar) => {
    expect(solarToLunar(parse(text))).toEqual(lunar);
    expect(lunarToSolar(lunar)).toEqual(parse(text));
  });
});

describe("round trips", () => {
  const dayMs = 86_400_000;
  const first = Date.UTC(LUNAR_RANGE.first, 1, 1);
  const last = Date.UTC(LUNAR_RANGE.last, 11, 1);

  it("lunarToSolar(solarToLunar(d)) = d for any date 1900–2100", () => {
    fc.assert(
      fc.property(fc.integer({ min: first / dayMs, max: last / dayMs }), (n) => {
        const d = new Date(n * dayMs);
        const solar = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
        expect(lunarToSolar(solarToLunar(solar))).toEqual(solar);
      }),
      { numRuns: 2000 },
    );
  });

  // Every day of the range, not a sample: a sample of 2,000 once found, and usually missed, the two
  // days of the range whose next month begins minutes after midnight.
  it("numbers every two consecutive days 1900–2100 consecutively within a month", () => {
    const broken: string[] = [];
    for (let n = first / dayMs; n < last / dayMs; n++) {
      const today = new Date(n * dayMs);
      const tomorrow = new Date((n + 1) * dayMs);
      const a = solarToLunar({
        year: today.getUTCFullYear(),
        month: today.getUTCMonth() + 1,
        day: today.getUTCDate(),
      });
      const b = solarToLunar({
        year: tomorrow.getUTCFullYear(),
        month: tomorrow.getUTCMonth() + 1,
        day: tomorrow.getUTCDate(),
      });
      const consecutive =
        b.day === 1
          ? a.day === lunarMonthLength(a.year, a.month, a.leap)
          : b.year === a.year && b.month === a.month && b.leap === a.leap && b.day === a.day + 1;
      if (!consecutive) broken.push(`${today.toISOString().slice(0, 10)}: ${JSON.stringify([a, b])}`);
    }
    expect(broken).toEqual([]);
  });
});
