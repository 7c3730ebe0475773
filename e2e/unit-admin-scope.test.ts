import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../apps/api/src/testing/harness";
import { launchBrowser, newPage, screenshot } from "./browser";
import { collectTreeNames, loginThroughUi, logoutThroughUi, openMenu, pick } from "./ui";

const PASSWORD = "eiso-demo-2026";
const WARD = "Ủy ban nhân dân Phường Hòa Hưng";
const WARD_CODE = "000.10.90.H29";
const ADMIN_USERNAME = "hoahung.admin";
const ADMIN_NAME = "Trần Văn Hòa";
const NEW_PASSWORD = "HoaHung-2026-moi";

// Issue 3, "Done when": a tenant admin creates a ward under District 10 and a unit admin for it, all
// through the UI; that unit admin sees only its own subtree and is refused (403) a sibling district's
// unit and a sibling ward's users. The audit viewer then shows what was done.
describe("unit admin scope, set up through the web app", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    server = await startTestServer({ serveWeb: true });
    browser = await launchBrowser();
    ({ context, page, problems } = await newPage(browser, server.baseUrl));
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === "fail") await screenshot(page, `failed-${ctx.task.name.slice(0, 40)}`);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it("lets a ward's new unit admin see only that ward and refuses a sibling district's unit and users", async () => {
    const hcmc = server.demo.hcmc.units;
    // 1. The tenant admin adds the ward under District 10.
    await loginThroughUi(page, "admin", PASSWORD);
    await openMenu(page, "Cơ cấu tổ chức");
    await page.getByTestId("unit-search").fill("quận 10");
    await page.locator('[data-testid=unit-tree] [data-unit-name="Ủy ban nhân dân quận 10"]').click();
    await page.getByTestId("add-child-unit").click();
    const unitForm = page.getByTestId("unit-form");
    await unitForm.getByLabel("Mã định danh").fill(WARD_CODE);
    await unitForm.getByLabel("Tên đơn vị", { exact: true }).fill(WARD);
    await unitForm.getByLabel("Địa chỉ").fill("Số 2 Tô Hiến Thành, Phường Hòa Hưng");
    expect(
      await unitForm.locator(".ant-select-content, .ant-select-selection-item").first().textContent(),
    ).toContain("Xã/phường/đặc khu");
    await screenshot(page, "unit-create-ward");
    await page.getByRole("button", { name: "Lưu" }).click();
    await page.getByText(`Đã thêm đơn vị ${WARD}`).waitFor();
    await unitForm.waitFor({ state: "hidden" });
    await page.getByTestId("unit-search").fill("");
    expect(await page.getByTestId("unit-search").inputValue()).toBe("");
    await page.getByTestId("unit-details").getByText(WARD_CODE).first().waitFor();
    await page.locator(`[data-testid=unit-tree] [data-unit-name="${WARD}"]`).waitFor();
    await screenshot(page, "unit-created");

    // 2. …and a user for it holding only the unit admin role.
    await openMenu(page, "Người dùng và phân quyền");
    await page.getByTestId("create-user").click();
    const userForm = page.getByTestId("user-form");
    await userForm.getByLabel("Tên đăng nhập").fill(ADMIN_USERNAME);
    await userForm.getByLabel("Họ và tên").fill(ADMIN_NAME);
    await userForm.getByLabel("Thư điện tử").fill("hoahung.admin@q10.tphcm.gov.vn");
    await userForm.getByLabel("Chức vụ").fill("Công chức Văn phòng - Thống kê");
    await pick(page, userForm.getByLabel("Đơn vị công tác", { exact: true }), "Hòa Hưng", WARD);
    const initialPassword = await page.getByTestId("initial-password").inputValue();
    expect(initialPassword).toMatch(/^(?=.*[A-Za-z])(?=.*\d).{10,}$/);
    const roles = userForm.getByLabel("Vai trò tại đơn vị công tác");
    await userForm
      .locator(".ant-select-selection-item-remove, .ant-select-selection-item .anticon-close")
      .first()
      .click();
    await pick(page, roles, "Quản trị", "Quản trị đơn vị");
    await page.keyboard.press("Escape");
    await screenshot(page, "user-create-unit-admin");
    await page.getByRole("button", { name: "Lưu" }).click();
    await page.getByText(`Đã tạo tài khoản ${ADMIN_USERNAME}`).waitFor();
    const row = page.getByTestId("user-table").getByRole("row", { name: new RegExp(ADMIN_NAME) });
    await row.waitFor();
    expect(await row.textContent()).toContain(WARD);
    expect(await row.textContent()).toContain("Chưa đổi mật khẩu");
    await row.getByRole("button", { name: "Phân quyền" }).click();
    await page.getByRole("tab", { name: "Vai trò" }).click();
    const grants = page.getByTestId("grant-list");
    await grants.getByText("Quản trị đơn vị").waitFor();
    expect(await grants.locator("tbody tr").count()).toBe(1);
    expect(await grants.textContent()).toContain(WARD);
    await screenshot(page, "user-grants");
    await page.keyboard.press("Escape");
    await logoutThroughUi(page);

    // 3. The new unit admin signs in and must first replace the issued password.
    await loginThroughUi(page, ADMIN_USERNAME, initialPassword);
    const forced = page.getByTestId("forced-password-change");
    await forced.waitFor();
    await screenshot(page, "forced-password-change");
    await forced.getByLabel("Mật khẩu hiện tại").fill(initialPassword);
    await forced.getByLabel("Mật khẩu mới", { exact: true }).fill(NEW_PASSWORD);
    await forced.getByLabel("Nhập lại mật khẩu mới").fill(NEW_PASSWORD);
    await forced.getByRole("button", { name: "Đổi mật khẩu" }).click();
    await page.getByTestId("user-menu").waitFor();
    expect(await page.getByTestId("current-unit").textContent()).toContain(WARD);

    // 4. Its tree is its own subtree: the ward alone, no District 1, no sibling ward.
    await openMenu(page, "Cơ cấu tổ chức");
    await page.getByTestId("unit-count").waitFor();
    expect(await page.getByTestId("unit-count").getAttribute("data-count")).toBe("1");
    const names = await collectTreeNames(page);
    expect(names).toEqual([WARD]);
    expect(names).not.toContain("Ủy ban nhân dân quận 1");
    await page.locator(`[data-testid=unit-tree] [data-unit-name="${WARD}"]`).click();
    await page.getByTestId("unit-details").getByText(WARD_CODE).first().waitFor();
    await screenshot(page, "unit-admin-own-subtree");

    // 5. The API, called with this very browser session, refuses everything outside the ward.
    const session = (await (await page.request.get("/api/auth/session")).json()) as { csrfToken: string };
    const q1 = hcmc.get("Ủy ban nhân dân quận 1")!;
    const siblingWard = hcmc.get("Ủy ban nhân dân Phường 12, Quận 10")!;
    expect((await page.request.get(`/api/units/${q1}`)).status()).toBe(403);
    expect((await page.request.get(`/api/units/${siblingWard}`)).status()).toBe(403);
    const users = await page.request.get(`/api/users?unitId=${siblingWard}`);
    expect(users.status()).toBe(403);
    expect(((await users.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    expect((await page.request.get(`/api/users?unitId=${q1}`)).status()).toBe(403);
    const intrusion = await page.request.post("/api/units", {
      headers: { "x-csrf-token": session.csrfToken },
      data: { parentId: q1, code: "000.01.99.H29", name: "Đơn vị lạ", kind: "division" },
    });
    expect(intrusion.status()).toBe(403);
    // Its own ward is readable, so the 403s are about scope, not a broken session.
    expect((await page.request.get("/api/units")).status()).toBe(200);

    // The web app says so too when the officer opens a screen their roles do not carry.
    expect(problems).toEqual([]);
  });

  it("shows the tenant admin the audit entries of that setup in the audit log", async () => {
    await logoutThroughUi(page);
    await loginThroughUi(page, "admin", PASSWORD);
    await openMenu(page, "Nhật ký hệ thống");
    const table = page.getByTestId("audit-table");
    await table.locator("tbody tr").first().waitFor();
    await pick(page, page.getByTestId("audit-filters").locator(".ant-select").first(), "Hòa Hưng", WARD);
    await table.getByText("Đổi mật khẩu").waitFor();
    const text = (await table.textContent()) ?? "";
    for (const action of ["Thêm đơn vị", "Tạo người dùng", "Cấp vai trò", "Đăng nhập", "Đổi mật khẩu"]) {
      expect(text, action).toContain(action);
    }
    expect(text).toContain("Quản trị hệ thống TP.HCM");
    expect(text).toContain(ADMIN_NAME);
    // The unit's creation, expanded: its recorded data field by field.
    await table
      .getByRole("row", { name: /Thêm đơn vị/ })
      .first()
      .click();
    const details = page.getByTestId("audit-details").first();
    await details.waitFor();
    expect(await details.textContent()).toContain(WARD_CODE);
    await screenshot(page, "audit-log");

    // The action filter narrows to one kind of entry.
    await pick(page, page.getByTestId("audit-action-filter"), "Cấp vai trò");
    await page.waitForTimeout(300);
    await table.locator("tbody tr.ant-table-row").first().waitFor();
    const actions = await table.locator("tbody tr.ant-table-row td:nth-child(4)").allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    expect(new Set(actions)).toEqual(new Set(["Cấp vai trò"]));
    expect(problems).toEqual([]);
  });
});
