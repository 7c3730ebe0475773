import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, startTestServer, type TestServer } from "../../testing/harness";

let server: TestServer;
let admin: ApiClient;
beforeAll(async () => {
  server = await startTestServer();
  admin = await server.login("admin");
});
afterAll(() => server?.close());

const deadline = (c: ApiClient, from: string, days: number) =>
  c.get(`/api/calendar/deadline?from=${encodeURIComponent(from)}&days=${days}`);

describe("tenant calendar administration", () => {
  it("shows a year's days off with the official source", async () => {
    const res = await admin.get("/api/calendar/years/2026");
    expect(res.status).toBe(200);
    const dates = res.body.days.map((d: { date: string }) => d.date);
    expect(dates).toContain("2026-04-30");
    expect(dates).toContain("2026-09-02");
    expect(res.body.override).toBeNull();
  });

  it("applies a tenant's extra day off to the very next deadline, and records it in the audit log", async () => {
    // Received Monday 2026-06-08 08:00; 1 working day → Tuesday 08:00.
    const before = await deadline(admin, "2026-06-08T08:00:00+07:00", 1);
    expect(before.body.due).toBe("2026-06-09T08:00:00+07:00");
    const set = await admin.put("/api/calendar/years/2026", {
      mode: "extend",
      days: [{ date: "2026-06-09", name: "Nghỉ theo quyết định của UBND thành phố", kind: "holiday" }],
      source: "Quyết định số 123/QĐ-UBND (thử nghiệm)",
    });
    expect(set.status).toBe(200);
    expect(set.body.override.days).toHaveLength(1);
    const after = await deadline(admin, "2026-06-08T08:00:00+07:00", 1);
    expect(after.body.due).toBe("2026-06-10T08:00:00+07:00");
    const audit = await admin.get("/api/audit?entityType=calendar_year&entityId=2026");
    expect(audit.body.items[0].action).toBe("calendar.override");
    expect(audit.body.items[0].after.override.source).toContain("123/QĐ-UBND");
  });

  it("makes a swapped Saturday a working day", async () => {
    await admin.put("/api/calendar/years/2026", {
      mode: "extend",
      days: [{ date: "2026-06-13", name: "Làm bù cho ngày nghỉ 12/6", kind: "swap-work" }],
    });
    // Friday 2026-06-12 16:00 + 2 working hours → Saturday 08:30 (13/6 is now worked).
    const res = await admin.get(
      `/api/calendar/deadline?from=${encodeURIComponent("2026-06-12T16:00:00+07:00")}&hours=2`,
    );
    expect(res.body.due).toBe("2026-06-13T08:30:00+07:00");
  });

  it("keeps one tenant's change away from another tenant", async () => {
    const hue = await server.login("hue.admin");
    await hue.put("/api/calendar/years/2027", {
      mode: "extend",
      days: [{ date: "2027-03-03", name: "Nghỉ riêng của Huế", kind: "holiday" }],
    });
    const hcmc = await admin.get("/api/calendar/years/2027");
    expect(hcmc.body.days.map((d: { date: string }) => d.date)).not.toContain("2027-03-03");
    const hueYear = await hue.get("/api/calendar/years/2027");
    expect(hueYear.body.days.map((d: { date: string }) => d.date)).toContain("2027-03-03");
  });

  it("refuses calendar changes to anyone but the tenant administrator", async () => {
    for (const username of ["q10.admin", "q10.lanhdao", "dost.kiemtra"]) {
      const c = await server.login(username);
      const res = await c.put("/api/calendar/years/2026", { mode: "extend", days: [] });
      expect(res.status).toBe(403);
      const hours = await c.put("/api/calendar/office-hours", {
        periods: [{ start: "08:00", end: "12:00" }],
        weekdays: [1, 2, 3, 4, 5],
      });
      expect(hours.status).toBe(403);
    }
  });

  it("refuses a day outside the year and reversed office hours", async () => {
    const wrongYear = await admin.put("/api/calendar/years/2026", {
      mode: "extend",
      days: [{ date: "2025-12-31", name: "X", kind: "holiday" }],
    });
    expect(wrongYear.status).toBe(400);
    const reversed = await admin.put("/api/calendar/office-hours", {
      periods: [{ start: "12:00", end: "08:00" }],
      weekdays: [1, 2, 3, 4, 5],
    });
    expect(reversed.status).toBe(400);
  });

  it("changes office hours for new deadlines", async () => {
    const set = await admin.put("/api/calendar/office-hours", {
      periods: [
        { start: "08:00", end: "12:00" },
        { start: "13:30", end: "17:30" },
      ],
      weekdays: [1, 2, 3, 4, 5],
    });
    expect(set.status).toBe(200);
    const res = await admin.get(
      `/api/calendar/deadline?from=${encodeURIComponent("2026-06-15T07:00:00+07:00")}&hours=1`,
    );
    expect(res.body.countingStart).toBe("2026-06-15T08:00:00+07:00");
    expect(res.body.due).toBe("2026-06-15T09:00:00+07:00");
  });
});
