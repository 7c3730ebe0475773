import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createCalendar, type WorkingCalendar } from "./calendar";
import { amountToMs, type WorkingAmount } from "./deadline";
import { formatVietnamInstant, HOUR_MS, parseInstant, VIETNAM_OFFSET_MS } from "./vietnam-time";

const cal = createCalendar();
const at = (text: string) => parseInstant(`${text}+07:00`);
const due = (from: string, amount: WorkingAmount, c: WorkingCalendar = cal) =>
  formatVietnamInstant(c.addWorkingTime(at(from), amount));

// Each expected value was worked out by hand on a calendar, period by period (see the comments);
// office hours 07:30–11:30 and 13:00–17:00.
describe("hand-checked deadlines", () => {
  it.each<[string, string, WorkingAmount, string]>([
    // Tết 2026: off Sat 14/2 – Sun 22/2. Fri 13/2 10:00–17:00 = 5.5 h, Mon 23/2 8 h, Tue 24/2 8 h,
    // then 2.5 h on Wed 25/2 → 10:00.
    ["across Tết 2026", "2026-02-13T10:00:00", { days: 3 }, "2026-02-25T10:00:00+07:00"],
    // Thu 12/2 14:00–17:00 = 3 h, Fri 13/2 8 h, then 5 h from Mon 23/2: 4 h morning + 1 h → 14:00.
    ["into the first day after Tết 2026", "2026-02-12T14:00:00", { days: 2 }, "2026-02-23T14:00:00+07:00"],
    // Fri 13/2 07:30 + 2 days: all of Friday, then all of Monday 23/2 → 17:00 that Monday.
    [
      "ending exactly at 17:00 after Tết 2026",
      "2026-02-13T07:30:00",
      { days: 2 },
      "2026-02-23T17:00:00+07:00",
    ],
    // 30/4–1/5/2026 are Thu–Fri, then the weekend: Wed 29/4 16:00–17:00 = 1 h, 7 h on Mon 4/5 → 16:00.
    ["across 30/4–1/5 2026 and the weekend", "2026-04-29T16:00:00", { days: 1 }, "2026-05-04T16:00:00+07:00"],
    // 2025: Fri 2/5 swapped with Sat 26/4. Tue 29/4 08:00–17:00 = 7.5 h; 30/4–4/5 off; 0.5 h Mon 5/5.
    ["across 30/4–4/5 2025", "2025-04-29T08:00:00", { days: 1 }, "2025-05-05T08:00:00+07:00"],
    // National Day 2026: off Sat 29/8 – Wed 2/9 (31/8 swapped). Fri 28/8 15:00–17:00 = 2 h, then
    // 6 h on Thu 3/9 → 15:00.
    ["across 2/9 2026", "2026-08-28T15:00:00", { days: 1 }, "2026-09-03T15:00:00+07:00"],
    // 2023: 2/9 on Saturday, 1/9 adjacent, Mon 4/9 compensatory. Thu 31/8 09:00–17:00 = 6.5 h,
    // Tue 5/9 8 h, 1.5 h on Wed 6/9 → 09:00.
    [
      "across 2/9 2023 with its compensatory Monday",
      "2023-08-31T09:00:00",
      { days: 2 },
      "2023-09-06T09:00:00+07:00",
    ],
    // Received after 17:00 on Friday: counting starts Monday 07:30.
    ["received 18:00 on a Friday, 1 day", "2026-03-13T18:00:00", { days: 1 }, "2026-03-16T17:00:00+07:00"],
    ["received 18:00 on a Friday, 4 hours", "2026-03-13T18:00:00", { hours: 4 }, "2026-03-16T11:30:00+07:00"],
    ["received 18:00 on a Friday, 5 hours", "2026-03-13T18:00:00", { hours: 5 }, "2026-03-16T14:00:00+07:00"],
    [
      "received 18:00 on a Friday, half a day",
      "2026-03-13T18:00:00",
      { halfDays: 1 },
      "2026-03-16T11:30:00+07:00",
    ],
    // Sat 10/1/2026 is a working day (swapped with Fri 2/1): 09:00–17:00 = 6.5 h, 1.5 h Mon 12/1.
    [
      "received on a swapped working Saturday",
      "2026-01-10T09:00:00",
      { days: 1 },
      "2026-01-12T09:00:00+07:00",
    ],
    // Fri 9/1 16:00–17:00 = 1 h, 3 h on the working Saturday 10/1 → 10:30.
    [
      "running into a swapped working Saturday",
      "2026-01-09T16:00:00",
      { hours: 4 },
      "2026-01-10T10:30:00+07:00",
    ],
    // Fri 21/8/2026 16:00–17:00 = 1 h; Sat 22/8 is worked (for Mon 31/8): 7 h → 16:00.
    ["on the working Saturday 22/8/2026", "2026-08-21T16:00:00", { days: 1 }, "2026-08-22T16:00:00+07:00"],
    // Lunch break: 11:00–11:30 = 0.5 h, then 13:00 + 0.5 h.
    ["over the lunch break", "2026-03-09T11:00:00", { hours: 1 }, "2026-03-09T13:30:00+07:00"],
    ["received during the lunch break", "2026-03-09T12:00:00", { hours: 1 }, "2026-03-09T14:00:00+07:00"],
    // 0.5 day received at 13:00 uses up the afternoon exactly: due 17:00 the same day.
    ["half a day in an afternoon", "2025-08-29T13:00:00", { days: 0.5 }, "2025-08-29T17:00:00+07:00"],
    // 1.5 days from Monday 07:30: Monday 8 h, Tuesday morning 4 h → 11:30.
    ["a day and a half", "2026-03-09T07:30:00", { days: 1.5 }, "2026-03-10T11:30:00+07:00"],
    // Received on Sunday night before a Monday holiday (27/4/2026, compensatory for Hùng Kings).
    [
      "received before a compensatory Monday",
      "2026-04-26T20:00:00",
      { hours: 2 },
      "2026-04-28T09:30:00+07:00",
    ],
  ])("%s", (_, from, amount, expected) => {
    expect(due(from, amount)).toBe(expected);
  });

  it("with zero time returns the instant counting starts", () => {
    expect(due("2026-03-13T18:00:00", { days: 0 })).toBe("2026-03-16T07:30:00+07:00");
    expect(due("2026-03-10T09:15:00", {})).toBe("2026-03-10T09:15:00+07:00");
    expect(formatVietnamInstant(cal.countingStart(at("2026-02-13T17:00:00")))).toBe(
      "2026-02-23T07:30:00+07:00",
    );
  });

  it("adds the parts of an allowance", () => {
    expect(cal.amountMs({ days: 1, halfDays: 1, hours: 2 })).toBe(14 * HOUR_MS);
    expect(amountToMs({ days: 0.1 }, 8 * HOUR_MS)).toBe(2_880_000);
  });

  it.each<[WorkingAmount]>([
    [{ days: -1 }],
    [{ hours: Number.NaN }],
    [{ halfDays: Number.POSITIVE_INFINITY }],
  ])("rejects %o", (amount) => {
    expect(() => cal.addWorkingTime(at("2026-03-10T09:00:00"), amount)).toThrow(RangeError);
  });
});

describe("clock pauses", () => {
  it("stops the clock while a dossier waits for the citizen's supplement", () => {
    // Received Mon 2/3/2026 08:00, 3 days. Before the pause: Mon 7.5 h + Tue 07:30–10:00 2.5 h =
    // 10 h. Paused Tue 3/3 10:00 – Thu 5/3 10:00. Then 14 h: Thu 10:00–17:00 5.5 h, Fri 8 h,
    // 0.5 h on Mon 9/3 → 08:00 (instead of Thu 5/3 08:00 without the pause).
    const pause = { start: at("2026-03-03T10:00:00"), end: at("2026-03-05T10:00:00") };
    expect(formatVietnamInstant(cal.addWorkingTime(at("2026-03-02T08:00:00"), { days: 3 }))).toBe(
      "2026-03-05T08:00:00+07:00",
    );
    expect(formatVietnamInstant(cal.addWorkingTime(at("2026-03-02T08:00:00"), { days: 3 }, [pause]))).toBe(
      "2026-03-09T08:00:00+07:00",
    );
    expect(cal.workingTimeBetween(pause.start, pause.end)).toBe(16 * HOUR_MS);
  });

  it("merges overlapping pauses and ignores pauses outside the counted span", () => {
    const from = at("2026-03-02T08:00:00");
    const pauses = [
      { start: at("2026-03-03T10:00:00"), end: at("2026-03-04T10:00:00") },
      { start: at("2026-03-04T08:00:00"), end: at("2026-03-05T10:00:00") },
      { start: at("2026-02-01T00:00:00"), end: at("2026-02-02T00:00:00") },
    ];
    expect(formatVietnamInstant(cal.addWorkingTime(from, { days: 3 }, pauses))).toBe(
      "2026-03-09T08:00:00+07:00",
    );
  });

  it("rejects a pause that ends before it starts", () => {
    const pause = { start: at("2026-03-05T10:00:00"), end: at("2026-03-03T10:00:00") };
    expect(() => cal.addWorkingTime(at("2026-03-02T08:00:00"), { days: 3 }, [pause])).toThrow(RangeError);
  });
});

describe("elapsed working time", () => {
  it.each<[string, string, string, number]>([
    ["across Tết 2026", "2026-02-13T10:00:00", "2026-02-25T10:00:00", 24],
    ["inside one morning", "2026-03-10T08:00:00", "2026-03-10T10:15:00", 2.25],
    ["over a weekend", "2026-03-13T16:00:00", "2026-03-16T08:30:00", 2],
    ["between two holidays", "2026-04-30T08:00:00", "2026-05-01T16:00:00", 0],
    ["outside office hours", "2026-03-10T17:30:00", "2026-03-11T07:00:00", 0],
    ["a swapped Saturday counts", "2026-01-10T00:00:00", "2026-01-11T00:00:00", 8],
  ])("%s", (_, a, b, hours) => {
    expect(cal.workingTimeBetween(at(a), at(b))).toBe(hours * HOUR_MS);
    expect(cal.workingTimeBetween(at(b), at(a))).toBe(-hours * HOUR_MS);
  });

  it("subtracts pauses", () => {
    const pause = { start: at("2026-03-10T09:00:00"), end: at("2026-03-10T14:00:00") };
    expect(cal.workingTimeBetween(at("2026-03-10T07:30:00"), at("2026-03-10T17:00:00"), [pause])).toBe(
      (8 - 3.5) * HOUR_MS,
    );
  });
});

describe("tenant office hours", () => {
  const saturdayOffice = createCalendar({
    officeHours: {
      periods: [
        { start: "08:00", end: "12:00" },
        { start: "13:30", end: "17:30" },
      ],
      weekdays: [1, 2, 3, 4, 5, 6],
    },
  });

  it("counts a day as the tenant's day length and works its Saturdays", () => {
    // Fri 13/3/2026 16:00–17:30 = 1.5 h, Sat 14/3 works: 6.5 h → 08:00 + 4 h + 2.5 h = 16:00.
    expect(due("2026-03-13T16:00:00", { days: 1 }, saturdayOffice)).toBe("2026-03-14T16:00:00+07:00");
  });

  it("still honours holidays", () => {
    expect(saturdayOffice.isWorkingDay("2026-02-17")).toBe(false);
  });

  it.each([
    [{ periods: [] }],
    [{ periods: [{ start: "13:00", end: "11:00" }] }],
    [
      {
        periods: [
          { start: "07:30", end: "12:00" },
          { start: "11:00", end: "17:00" },
        ],
      },
    ],
    [{ periods: [{ start: "7:30", end: "11:00" }] }],
    [{ periods: [{ start: "07:30", end: "11:00" }], weekdays: [0] }],
  ])("rejects invalid office hours %#", (officeHours) => {
    expect(() => createCalendar({ officeHours })).toThrow(RangeError);
  });
});

// Instants from 2019 to 2028, at any millisecond.
const instant = fc
  .integer({ min: Date.UTC(2019, 0, 1), max: Date.UTC(2028, 0, 1) })
  .map((ms) => new Date(ms));
// Allowances up to 60 working days, to the millisecond.
const allowanceMs = fc.integer({ min: 0, max: 60 * 8 * HOUR_MS });

function isInsideOfficeHours(c: WorkingCalendar, t: Date): boolean {
  const local = (t.getTime() + VIETNAM_OFFSET_MS) % (24 * HOUR_MS);
  return c.isWorkingDay(t) && c.officeHours.periods.some(([s, e]) => local >= s && local <= e);
}

describe("properties", () => {
  it("adding N working days then counting working time back gives N", () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 0, max: 3 }),
        (from, n, quarter) => {
          const days = n / 2 + quarter / 8;
          const end = cal.addWorkingTime(from, { days });
          expect(cal.workingTimeBetween(from, end)).toBe(days * 8 * HOUR_MS);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("adding any working time then counting back gives it exactly, for any office hours", () => {
    const calendars = [cal, createCalendar({ officeHours: { periods: [{ start: "08:15", end: "16:45" }] } })];
    fc.assert(
      fc.property(instant, allowanceMs, fc.constantFrom(0, 1), (from, ms, which) => {
        const c = calendars[which]!;
        const end = c.addWorkingTime(from, { hours: ms / HOUR_MS });
        expect(c.workingTimeBetween(from, end)).toBe(c.amountMs({ hours: ms / HOUR_MS }));
      }),
      { numRuns: 500 },
    );
  });

  it("a deadline never lands on a non-working day or outside office hours (17:00 included)", () => {
    fc.assert(
      fc.property(instant, allowanceMs, (from, ms) => {
        const end = cal.addWorkingTime(from, { hours: ms / HOUR_MS });
        expect(isInsideOfficeHours(cal, end)).toBe(true);
        expect(end.getTime()).toBeGreaterThanOrEqual(from.getTime());
      }),
      { numRuns: 1000 },
    );
  });

  it("a deadline is the earliest such instant: one millisecond earlier not enough time has passed", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 60 * 8 * HOUR_MS }), (from, ms) => {
        const end = cal.addWorkingTime(from, { hours: ms / HOUR_MS });
        const target = cal.amountMs({ hours: ms / HOUR_MS });
        expect(cal.workingTimeBetween(from, new Date(end.getTime() - 1))).toBe(target - 1);
      }),
      { numRuns: 500 },
    );
  });

  it("a pause shifts the deadline exactly by its working length", () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 1, max: 40 * 8 * HOUR_MS }),
        fc.double({ min: -0.2, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 20 * 24 * HOUR_MS }),
        (from, ms, where, length) => {
          const amount = { hours: ms / HOUR_MS };
          const plain = cal.addWorkingTime(from, amount);
          // The pause starts before the unpaused deadline (possibly before receipt).
          const span = plain.getTime() - from.getTime();
          const start = Math.min(from.getTime() + Math.floor(where * span), plain.getTime() - 1);
          const pause = { start: new Date(start), end: new Date(start + length) };
          const counted = new Date(Math.max(start, from.getTime()));
          const pausedWork =
            start + length > counted.getTime() ? cal.workingTimeBetween(counted, pause.end) : 0;
          const shifted = cal.addWorkingTime(from, { hours: (cal.amountMs(amount) + pausedWork) / HOUR_MS });
          expect(cal.addWorkingTime(from, amount, [pause]).getTime()).toBe(shifted.getTime());
        },
      ),
      { numRuns: 500 },
    );
  });

  it("working time is additive over consecutive spans", () => {
    fc.assert(
      fc.property(instant, instant, instant, (a, b, c) => {
        const [x, y, z] = [a, b, c].sort((p, q) => p.getTime() - q.getTime()) as [Date, Date, Date];
        expect(cal.workingTimeBetween(x, y) + cal.workingTimeBetween(y, z)).toBe(
          cal.workingTimeBetween(x, z),
        );
      }),
      { numRuns: 300 },
    );
  });
});
