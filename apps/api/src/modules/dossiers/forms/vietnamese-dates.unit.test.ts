import { afterEach, describe, expect, it } from "vitest";
import {
  placeAndDate,
  shortDateTime,
  vietnameseDate,
  vietnameseDateTime,
  vietnameseTime,
  vietnamWallClock,
} from "./vietnamese-dates";

describe("Vietnamese dates on forms", () => {
  const original = process.env.TZ;
  afterEach(() => {
    process.env.TZ = original;
  });

  it.each([
    // Decree 30/2020/NĐ-CP: a leading zero for days below 10 and for January and February only.
    ["2026-11-25T09:15:00+07:00", "ngày 25 tháng 11 năm 2026"],
    ["2026-01-05T08:00:00+07:00", "ngày 05 tháng 01 năm 2026"],
    ["2026-02-28T08:00:00+07:00", "ngày 28 tháng 02 năm 2026"],
    ["2026-03-09T08:00:00+07:00", "ngày 09 tháng 3 năm 2026"],
    ["2026-12-31T23:59:00+07:00", "ngày 31 tháng 12 năm 2026"],
    // Instants near midnight fall on the Vietnamese calendar day, not the UTC one.
    ["2026-11-24T17:00:00Z", "ngày 25 tháng 11 năm 2026"],
    ["2026-12-31T16:59:59Z", "ngày 31 tháng 12 năm 2026"],
    ["2026-12-31T17:00:00Z", "ngày 01 tháng 01 năm 2027"],
  ])("%s is written %s", (iso, expected) => {
    expect(vietnameseDate(new Date(iso))).toBe(expected);
  });

  it.each([
    ["2026-11-25T14:30:00+07:00", "14 giờ 30 phút"],
    ["2026-11-25T09:05:00+07:00", "09 giờ 05 phút"],
    ["2026-11-25T00:00:00+07:00", "00 giờ 00 phút"],
  ])("%s is the time %s", (iso, expected) => {
    expect(vietnameseTime(new Date(iso))).toBe(expected);
  });

  it("joins time and date, and the place line, as the forms print them", () => {
    const d = new Date("2026-11-27T02:15:00Z");
    expect(vietnameseDateTime(d)).toBe("09 giờ 15 phút, ngày 27 tháng 11 năm 2026");
    expect(placeAndDate("Thành phố Hồ Chí Minh", d)).toBe("Thành phố Hồ Chí Minh, ngày 27 tháng 11 năm 2026");
    expect(shortDateTime(d)).toBe("27/11/2026 09:15");
  });

  it("does not depend on the process time zone", () => {
    const d = new Date("2026-11-24T23:30:00Z");
    const inVietnam = [vietnameseDateTime(d), shortDateTime(d)];
    for (const tz of ["UTC", "America/Los_Angeles", "Pacific/Kiritimati", "Asia/Ho_Chi_Minh"]) {
      process.env.TZ = tz;
      expect([vietnameseDateTime(d), shortDateTime(d)]).toEqual(inVietnam);
    }
    expect(inVietnam).toEqual(["06 giờ 30 phút, ngày 25 tháng 11 năm 2026", "25/11/2026 06:30"]);
  });

  it("moves an instant to Vietnam's wall clock for spreadsheets", () => {
    expect(vietnamWallClock(new Date("2026-11-25T09:15:00+07:00")).toISOString()).toBe(
      "2026-11-25T09:15:00.000Z",
    );
  });

  it("rejects an invalid date instead of printing NaN", () => {
    expect(() => vietnameseDate(new Date("not a date"))).toThrow(RangeError);
  });
});
