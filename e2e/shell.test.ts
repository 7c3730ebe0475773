import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { hcmcAgencies } from "../apps/api/src/demo/hcmc";
import { startTestServer, type TestServer } from "../apps/api/src/testing/harness";
import { launchBrowser, newPage, screenshot } from "./browser";
import { collectTreeNames, loginThroughUi, openMenu } from "./ui";

const PASSWORD = "eiso-demo-2026";

describe("web shell", () => {
  let server: TestServer;
  let browser: Browser;
  let current: Page | null = null;

  beforeAll(async () => {
    server = await startTestServer({ serveWeb: true });
    browser = await launchBrowser();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === "fail" && current && !current.isClosed()) {
      await screenshot(current, `failed-${ctx.task.name.slice(0, 40)}`);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows the demo admin all 63 HCMC agencies in the unit tree, in Vietnamese and in English", async () => {
    const { context, page, problems } = await newPage(browser, server.baseUrl);
    current = page;
    const admin = await server.login("admin");
    const apiUnits = (await admin.get("/api/units")).body as { name: string; status: string }[];

    await loginThroughUi(page, "admin", PASSWORD);
    expect(await page.getByTestId("tenant-name").textContent()).toBe("Thành phố Hồ Chí Minh");
    await page.getByText("Xin chào, Quản trị hệ thống TP.HCM").waitFor();
    await page.locator('[data-testid="home-unit-count"]').getByText(String(apiUnits.length)).waitFor();
    await screenshot(page, "home");

    await openMenu(page, "Cơ cấu tổ chức");
    const count = page.getByTestId("unit-count");
    await count.waitFor();
    // The count on screen is the API's list of active units in scope, not a number baked into the UI.
    expect(Number(await count.getAttribute("data-count"))).toBe(apiUnits.length);
    expect(await count.textContent()).toBe(`${apiUnits.length} đơn vị`);

    await page.getByTestId("expand-all").click();
    const shown = await collectTreeNames(page);
    expect(shown.length).toBe(apiUnits.length);
    for (const name of hcmcAgencies) expect(shown, name).toContain(name);
    for (const name of ["Sở Tư pháp", "Ủy ban nhân dân quận 10", "Cục Thống kê"])
      expect(shown).toContain(name);

    // Accent-insensitive search finds a unit and shows where it sits.
    await page.getByTestId("unit-search").fill("cuc thong ke");
    await page.locator('[data-testid=unit-tree] [data-unit-name="Cục Thống kê"]').waitFor();
    await page.getByTestId("unit-search").fill("");

    await page.getByTestId("unit-search").fill("quận 10");
    await page.locator('[data-testid=unit-tree] [data-unit-name="Ủy ban nhân dân quận 10"]').click();
    await page.getByTestId("unit-details").getByText("000.00.10.H29").first().waitFor();
    await page.getByTestId("unit-search").fill("");
    await screenshot(page, "units-admin");

    // English, remembered across a reload, then back to Vietnamese.
    await page.getByTestId("language-toggle").getByText("EN").click();
    await page.getByRole("heading", { name: "Organisation" }).waitFor();
    expect(await count.textContent()).toBe(`${apiUnits.length} units`);
    await page.getByTestId("main-menu").getByRole("menuitem", { name: "Users and roles" }).waitFor();
    await page.reload();
    await page.getByRole("heading", { name: "Organisation" }).waitFor();
    await screenshot(page, "units-admin-en");
    await page.getByTestId("language-toggle").getByText("VI").click();
    await page.getByRole("heading", { name: "Cơ cấu tổ chức" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("vi");

    expect(problems).toEqual([]);
    await context.close();
  });

  it("shows the API's own words on the login page: wrong password, then the temporary lockout, in English too", async () => {
    const { context, page, problems } = await newPage(browser, server.baseUrl);
    current = page;
    await page.goto("/");
    await page.waitForURL(/\/login$/);
    // The form's own submit button (its English label is checked below).
    const submit = page.locator("form button[type=submit]");
    const attempt = async (password: string) => {
      await page.getByLabel("Tên đăng nhập hoặc thư điện tử").fill("q1.admin");
      await page.getByLabel("Mật khẩu", { exact: true }).fill(password);
      // Wait for this attempt's answer: the error of the one before is still on screen meanwhile.
      const answered = page.waitForResponse((r) => r.url().endsWith("/api/auth/login"));
      await submit.click();
      await answered;
      await page.getByTestId("login-error").waitFor();
    };
    await attempt("sai-mat-khau-1");
    expect(await page.getByTestId("login-error").textContent()).toBe(
      "Tên đăng nhập hoặc mật khẩu không đúng",
    );
    for (let i = 2; i <= 5; i++) await attempt(`sai-mat-khau-${i}`);
    await page
      .getByTestId("login-error")
      .getByText(/Tài khoản tạm khóa đến \d\d:\d\d/)
      .waitFor();
    await screenshot(page, "login-locked");
    // Locked means locked: even the right password is refused until the time shown.
    await attempt(PASSWORD);
    expect(await page.getByTestId("login-error").textContent()).toMatch(/Tài khoản tạm khóa/);
    await page.getByTestId("language-toggle").getByText("EN").click();
    await page.getByLabel("Username or e-mail").fill("q1.admin");
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    expect(await submit.textContent()).toBe("Sign in");
    await submit.click();
    await page
      .getByTestId("login-error")
      .getByText(/Account locked until/)
      .waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
