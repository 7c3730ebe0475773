import { describe, expect, it } from "vitest";
import { createCalendar } from "./calendar";
import { statutoryYear } from "./holidays";
import { lunarToSolar } from "./lunar";
import { officialSchedules } from "./schedules";
import { dayNumberOf, isoDateOf, isoWeekday, parseDate } from "./vietnam-time";

// Weekdays off and Saturdays worked by civil servants, transcribed by hand from the published
// schedules cited in schedules.ts / SOURCES.md (not derived from the code under test).
const published: Record<number, { weekdaysOff: string[]; saturdaysWorked: string[] }> = {
  2020: {
    weekdaysOff: ["01-01", "01-23", "01-24", "01-27", "01-28", "01-29", "04-02", "04-30", "05-01", "09-02"],
    saturdaysWorked: [],
  },
  2021: {
    weekdaysOff: [
      "01-01",
      "02-10",
      "02-11",
      "02-12",
      "02-15",
      "02-16",
      "04-21",
      "04-30",
      "05-03",
      "09-02",
      "09-03",
    ],
    saturdaysWorked: [],
  },
  2022: {
    weekdaysOff: [
      "01-03",
      "01-31",
      "02-01",
      "02-02",
      "02-03",
      "02-04",
      "04-11",
      "05-02",
      "05-03",
      "09-01",
      "09-02",
    ],
    saturdaysWorked: [],
  },
  2023: {
    weekdaysOff: [
      "01-02",
      "01-20",
      "01-23",
      "01-24",
      "01-25",
      "01-26",
      "05-01",
      "05-02",
      "05-03",
      "09-01",
      "09-04",
    ],
    saturdaysWorked: [],
  },
  2024: {
    weekdaysOff: [
      "01-01",
      "02-08",
      "02-09",
      "02-12",
      "02-13",
      "02-14",
      "04-18",
      "04-29",
      "04-30",
      "05-01",
      "09-02",
      "09-03",
    ],
    saturdaysWorked: ["05-04"],
  },
  2025: {
    weekdaysOff: [
      "01-01",
      "01-27",
      "01-28",
      "01-29",
      "01-30",
      "01-31",
      "04-07",
      "04-30",
      "05-01",
      "05-02",
      "09-01",
      "09-02",
    ],
    saturdaysWorked: ["04-26"],
  },
  2026: {
    weekdaysOff: [
      "01-01",
      "01-02",
      "02-16",
      "02-17",
      "02-18",
      "02-19",
      "02-20",
      "04-27",
      "04-30",
      "05-01",
      "08-31",
      "09-01",
      "09-02",
    ],
    saturdaysWorked: ["01-10", "08-22"],
  },
};

function departuresFromWeek(year: number) {
  const cal = createCalendar();
  const weekdaysOff: string[] = [];
  const saturdaysWorked: string[] = [];
  const first = dayNumberOf({ year, month: 1, day: 1 });
  const last = dayNumberOf({ year, month: 12, day: 31 });
  for (let day = first; day <= last; day++) {
    const date = isoDateOf(day);
    const working = cal.isWorkingDay(date);
    const weekend = isoWeekday(day) >= 6;
    if (!weekend && !working) weekdaysOff.push(date.slice(5));
    if (weekend && working) saturdaysWorked.push(date.slice(5));
  }
  return { weekdaysOff, saturdaysWorked };
}

describe("shipped official schedules", () => {
  it.each(Object.keys(published).map(Number))(
    "%i matches the published days off and working Saturdays",
    (year) => {
      expect(departuresFromWeek(year)).toEqual(published[year]);
    },
  );

  it("ships a schedule for every year 2020–2026, each citing a source", () => {
    expect(officialSchedules.map((s) => s.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    for (const s of officialSchedules) expect(s.sources.length).toBeGreaterThan(0);
  });

  it.each(officialSchedules.map((s) => [s.year, s] as const))(
    "%i: the decided Tết days surround lunar new year and swaps pair a weekday with a Saturday",
    (year, schedule) => {
      const tet = dayNumberOf(lunarToSolar({ year, month: 1, day: 1, leap: false }));
      const days = schedule.tet.map((d) => dayNumberOf(parseDate(d)));
      expect(days.length).toBe(5);
      expect(Math.min(...days)).toBeLessThan(tet);
      expect(Math.max(...days)).toBeGreaterThanOrEqual(tet);
      for (const swap of schedule.swaps) {
        expect(isoWeekday(dayNumberOf(parseDate(swap.off)))).toBeLessThanOrEqual(5);
        expect(isoWeekday(dayNumberOf(parseDate(swap.work)))).toBe(6);
        expect(swap.off.slice(0, 4)).toBe(String(year));
        expect(swap.work.slice(0, 4)).toBe(String(year));
      }
    },
  );
});

describe("statutory rule where no schedule is shipped", () => {
  it("2016 (Labour Code 2012): Hùng Kings on Saturday 16/4 and 30/4–1/5 on the weekend are compensated on the following weekdays", () => {
    // Published by the Ministry of Labour (Đà Nẵng Today, 01/04/2016): 16–18/4 and 30/4–3/5 off.
    const off = departuresFromWeek(2016).weekdaysOff;
    expect(off).toContain("04-18");
    expect(off).toContain("05-02");
    expect(off).toContain("05-03");
    expect(off).not.toContain("09-01");
    expect(off).not.toContain("09-03");
  });

  it("before 2021 National Day is one day; from 2021 it is two", () => {
    const nationalDays = (year: number) =>
      statutoryYear(year, undefined).filter((d) => d.kind === "holiday" && d.name.startsWith("Quốc khánh"));
    expect(nationalDays(2019)).toHaveLength(1);
    expect(nationalDays(2027)).toHaveLength(2);
  });

  it.each([
    // 2/9 weekday → the adjacent day the fallback picks (the pattern of 2021–2025 decisions).
    [2024, "2024-09-03"], // Monday
    [2025, "2025-09-01"], // Tuesday
    [2021, "2021-09-03"], // Thursday
    [2022, "2022-09-01"], // Friday
    [2023, "2023-09-01"], // Saturday
    [2029, "2029-09-03"], // Sunday
  ])("%i: the statutory adjacent National Day is %s, as decided where decided", (year, adjacent) => {
    const days = statutoryYear(year, undefined);
    expect(days.find((d) => d.name === "Quốc khánh (ngày liền kề 2/9)")?.date).toBe(adjacent);
  });

  it("counts 4 Tết days under the 1994 code and 5 from Tết 2014 on", () => {
    const tetDays = (year: number) =>
      statutoryYear(year, undefined).filter((d) => d.name.startsWith("Tết Âm lịch"));
    expect(tetDays(2010)).toHaveLength(4);
    expect(tetDays(2013)).toHaveLength(4); // Tết 2013 (10/2) predates the 2012 code (1/5/2013)
    expect(tetDays(2014)).toHaveLength(5);
  });

  it("has no Hùng Kings' holiday before the 2007 amendment", () => {
    expect(statutoryYear(2006, undefined).some((d) => d.name.startsWith("Giỗ Tổ"))).toBe(false);
    expect(statutoryYear(2007, undefined).find((d) => d.name.startsWith("Giỗ Tổ"))?.date).toBe("2007-04-26");
  });

  it("compensates a weekend holiday on the next weekday that is not itself a holiday", () => {
    // 2023: Hùng Kings Saturday 29/4, 30/4 Sunday, 1/5 Monday → 2/5 and 3/5.
    const comp = statutoryYear(2023).filter((d) => d.kind === "compensatory" && d.date.startsWith("2023-05"));
    expect(comp.map((d) => d.date)).toEqual(["2023-05-02", "2023-05-03"]);
  });

  it("does not list 24/11 (Vietnamese Culture Day) while no law makes it a holiday", () => {
    expect(statutoryYear(2026).some((d) => d.date === "2026-11-24")).toBe(false);
  });
});

describe("holidays(year)", () => {
  const cal = createCalendar();

  it("lists each date once, sorted, all inside the year", () => {
    for (let year = 2000; year <= 2040; year++) {
      const dates = cal.holidays(year).map((d) => d.date);
      expect(dates).toEqual([...new Set(dates)].sort());
      for (const d of dates) expect(d.startsWith(`${year}-`)).toBe(true);
    }
  });

  it("names every day in Vietnamese and uses only the four kinds", () => {
    const kinds = new Set(cal.holidays(2026).map((d) => d.kind));
    expect([...kinds].sort()).toEqual(["compensatory", "holiday", "swap-off", "swap-work"]);
    expect(cal.holidays(2026).find((d) => d.date === "2026-02-17")?.name).toBe(
      "Tết Âm lịch (mùng 1 tháng Giêng)",
    );
  });

  it("rejects years outside 1900–2100", () => {
    expect(() => cal.holidays(1899)).toThrow(RangeError);
    expect(() => cal.holidays(2101)).toThrow(RangeError);
  });
});

describe("tenant overrides", () => {
  it("extends a year: adds a day off and keeps the shipped schedule", () => {
    const cal = createCalendar({
      overrides: [
        { year: 2026, days: [{ date: "2026-11-24", name: "Ngày Văn hóa Việt Nam", kind: "holiday" }] },
      ],
    });
    expect(cal.isWorkingDay("2026-11-24")).toBe(false);
    expect(cal.isWorkingDay("2026-02-17")).toBe(false);
    expect(cal.holidays(2026).find((d) => d.date === "2026-11-24")).toEqual({
      date: "2026-11-24",
      name: "Ngày Văn hóa Việt Nam",
      kind: "holiday",
    });
  });

  it("extends a year: a swap-work entry replaces a shipped day off on the same date", () => {
    const cal = createCalendar({
      overrides: [
        { year: 2026, days: [{ date: "2026-01-02", name: "Làm việc (tỉnh quyết định)", kind: "swap-work" }] },
      ],
    });
    expect(cal.isWorkingDay("2026-01-02")).toBe(true);
    expect(createCalendar().isWorkingDay("2026-01-02")).toBe(false);
  });

  it("replaces a year: only the listed days depart from the ordinary week", () => {
    const cal = createCalendar({
      overrides: [
        {
          year: 2027,
          mode: "replace",
          days: [
            { date: "2027-01-01", name: "Tết Dương lịch", kind: "holiday" },
            { date: "2027-01-09", name: "Làm bù", kind: "swap-work" },
          ],
        },
      ],
    });
    expect(cal.holidays(2027).map((d) => d.date)).toEqual(["2027-01-01", "2027-01-09"]);
    expect(cal.isWorkingDay("2027-02-08")).toBe(true); // a statutory Tết day, dropped by the tenant
    expect(cal.isWorkingDay("2027-01-09")).toBe(true); // a Saturday
    expect(cal.isWorkingDay("2027-01-10")).toBe(false); // Sunday stays a rest day
  });

  it("leaves other years untouched", () => {
    const cal = createCalendar({
      overrides: [{ year: 2027, mode: "replace", days: [] }],
    });
    expect(cal.holidays(2026)).toEqual(createCalendar().holidays(2026));
  });

  it.each([
    [{ year: 2026, days: [{ date: "2027-01-01", name: "x", kind: "holiday" as const }] }, /không thuộc năm/],
    [{ year: 2026, days: [{ date: "2026-02-30", name: "x", kind: "holiday" as const }] }, /không tồn tại/],
    [{ year: 2026, days: [{ date: "2026-03-02", name: "", kind: "holiday" as const }] }, /thiếu tên/],
    [
      {
        year: 2026,
        days: [
          { date: "2026-03-02", name: "a", kind: "holiday" as const },
          { date: "2026-03-02", name: "b", kind: "swap-off" as const },
        ],
      },
      /bị lặp/,
    ],
  ])("rejects an invalid override %#", (override, message) => {
    expect(() => createCalendar({ overrides: [override] })).toThrow(message);
  });

  it("rejects an unknown kind", () => {
    const bad = { year: 2026, days: [{ date: "2026-03-02", name: "x", kind: "vacation" }] };
    expect(() => createCalendar({ overrides: [bad as never] })).toThrow(/Loại ngày/);
  });
});

describe("isWorkingDay", () => {
  const cal = createCalendar();

  it.each([
    ["2026-02-13", true], // Friday before Tết
    ["2026-02-14", false], // Saturday
    ["2026-02-20", false], // mùng 4 Tết
    ["2026-02-23", true], // first day back
    ["2026-01-10", true], // swapped working Saturday
    ["2026-08-31", false], // swapped day off
  ])("%s → %s", (date, working) => {
    expect(cal.isWorkingDay(date)).toBe(working);
  });

  it("reads an instant in Vietnam time, whatever the process time zone", () => {
    // 2026-02-22T17:30Z is Monday 23/2 00:30 in Vietnam, still Sunday 22/2 in UTC.
    expect(cal.isWorkingDay(new Date(Date.UTC(2026, 1, 22, 17, 30)))).toBe(true);
    expect(cal.isWorkingDay(new Date(Date.UTC(2026, 1, 22, 16, 59)))).toBe(false);
  });
});
