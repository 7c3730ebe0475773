import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../apps/api/src/testing/harness";
import { launchBrowser, newPage, screenshot } from "./browser";
import { loginThroughUi, openMenu } from "./ui";

describe("working calendar screen", () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startTestServer({ serveWeb: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("lets the tenant admin add a local day off that the API applies to new deadlines at once", async () => {
    const { context, page } = await newPage(browser, server.baseUrl);
    await loginThroughUi(page, "admin", "eiso-demo-2026");
    await openMenu(page, "Lịch làm việc");
    const year = page
      .locator('input[data-testid="calendar-year"], [data-testid="calendar-year"] input')
      .first();
    await year.fill("2026");
    await year.press("Enter");
    const days = page.getByTestId("calendar-days");
    await days.getByText("Tết Âm lịch (mùng 1 tháng Giêng)").first().waitFor();
    await days.getByText("02/09/2026").waitFor();

    const admin = await server.login("admin");
    const before = await admin.get(
      `/api/calendar/deadline?from=${encodeURIComponent("2026-06-08T08:00:00+07:00")}&days=1`,
    );
    expect(before.body.due).toBe("2026-06-09T08:00:00+07:00");

    const editor = page.getByTestId("calendar-override");
    await editor.getByRole("button", { name: /Thêm ngày/ }).click();
    const dateInput = editor.locator(".ant-picker input").first();
    await dateInput.click();
    await dateInput.fill("09/06/2026");
    await dateInput.press("Enter");
    await editor.getByPlaceholder("Tên ngày").fill("Nghỉ theo quyết định của UBND Thành phố");
    await editor.getByPlaceholder("Căn cứ").fill("Quyết định thử nghiệm");
    await page.getByTestId("calendar-save").click();
    await days.getByText("09/06/2026").waitFor();
    await days.getByText("Điều chỉnh của địa phương").first().waitFor();
    await screenshot(page, "calendar-admin");

    const after = await admin.get(
      `/api/calendar/deadline?from=${encodeURIComponent("2026-06-08T08:00:00+07:00")}&days=1`,
    );
    expect(after.body.due).toBe("2026-06-10T08:00:00+07:00");
    const audit = await admin.get("/api/audit?entityType=calendar_year&entityId=2026");
    expect(audit.body.items[0].action).toBe("calendar.override");
    await context.close();
  });

  it("shows a leader the calendar read-only", async () => {
    const { context, page } = await newPage(browser, server.baseUrl);
    await loginThroughUi(page, "q10.lanhdao", "eiso-demo-2026");
    await openMenu(page, "Lịch làm việc");
    await page.getByText("Chỉ quản trị hệ thống của tỉnh/thành phố được điều chỉnh lịch.").waitFor();
    expect(await page.getByTestId("calendar-save").count()).toBe(0);
    await context.close();
  });
});
