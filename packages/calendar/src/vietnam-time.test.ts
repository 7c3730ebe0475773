import { describe, expect, it } from "vitest";
import { formatVietnamInstant, isoWeekday, parseDate, parseInstant, vietnamDayNumber } from "./vietnam-time";

describe("parseInstant", () => {
  it.each([
    ["2026-02-24T07:30:00+07:00", Date.UTC(2026, 1, 24, 0, 30)],
    ["2026-02-24T00:30:00Z", Date.UTC(2026, 1, 24, 0, 30)],
    ["2026-02-23T19:30:00-05:00", Date.UTC(2026, 1, 24, 0, 30)],
    ["2026-02-24T07:30+0700", Date.UTC(2026, 1, 24, 0, 30)],
    // Without an offset the wall time is Vietnam time, never the process's zone.
    ["2026-02-24T07:30:00", Date.UTC(2026, 1, 24, 0, 30)],
    ["2026-02-24 07:30", Date.UTC(2026, 1, 24, 0, 30)],
    ["2026-02-24", Date.UTC(2026, 1, 23, 17, 0)],
    ["2026-02-24T07:30:00.250+07:00", Date.UTC(2026, 1, 24, 0, 30, 0, 250)],
  ])("%s", (text, epoch) => {
    expect(parseInstant(text).getTime()).toBe(epoch);
  });

  it.each(["", "tomorrow", "2026-02-30T10:00:00Z", "2026-02-24T25:00:00Z", "2026-02-24T10:61Z", "26-02-24"])(
    "rejects %j",
    (text) => {
      expect(() => parseInstant(text)).toThrow(RangeError);
    },
  );
});

describe("formatVietnamInstant", () => {
  it("writes Vietnam wall time with +07:00", () => {
    expect(formatVietnamInstant(new Date(Date.UTC(2026, 1, 24, 0, 30)))).toBe("2026-02-24T07:30:00+07:00");
    expect(formatVietnamInstant(new Date(Date.UTC(2026, 1, 23, 17, 0)))).toBe("2026-02-24T00:00:00+07:00");
    expect(formatVietnamInstant(Date.UTC(2026, 1, 24, 0, 30, 0, 5))).toBe("2026-02-24T07:30:00.005+07:00");
  });
});

describe("local days", () => {
  it("starts the Vietnamese day at 17:00 UTC", () => {
    expect(vietnamDayNumber(Date.UTC(2026, 1, 23, 16, 59, 59, 999))).toBe(
      vietnamDayNumber(Date.UTC(2026, 1, 23, 12)),
    );
    expect(vietnamDayNumber(Date.UTC(2026, 1, 23, 17))).toBe(vietnamDayNumber(Date.UTC(2026, 1, 23, 12)) + 1);
  });

  it("knows the weekday", () => {
    expect(isoWeekday(vietnamDayNumber(Date.UTC(2026, 1, 17, 5)))).toBe(2); // Tết 2026 was a Tuesday
  });

  it("parses dates strictly", () => {
    expect(parseDate("2024-02-29")).toEqual({ year: 2024, month: 2, day: 29 });
    expect(() => parseDate("2025-02-29")).toThrow(RangeError);
    expect(() => parseDate("2025-2-28")).toThrow(RangeError);
  });
});
