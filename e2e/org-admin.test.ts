import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../apps/api/src/testing/harness";
import { launchBrowser, newPage, screenshot } from "./browser";
import { loginThroughUi, logoutThroughUi, openMenu, pick } from "./ui";

const PASSWORD = "eiso-demo-2026";

/** The import file: two good new rows (one under the other), one update, two bad rows. */
const IMPORT_CSV = [
  "Mã định danh,Tên đơn vị,Loại đơn vị,Mã đơn vị cấp trên,Địa chỉ",
  '000.10.61.H29,Phòng Nội vụ quận 10,"Phòng, ban chuyên môn",,474 Đường 3/2',
  "000.10.62.H29,Tổ Thi đua - Khen thưởng,division,000.10.61.H29,",
  "000.10.63.H29,Đơn vị loại lạ,Loại không có,,",
  "ABC,Đơn vị mã sai,division,,",
  "000.10.41.H29,Phòng Tư pháp quận 10,division,,6 Trần Bình Trọng",
].join("\n");

describe("organisation admin screens", () => {
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
    if (ctx.task.result?.state !== "fail") return;
    await screenshot(page, `failed-${ctx.task.name.slice(0, 40)}`);
  });

  /** Each test starts from a fresh sign-in, whatever the previous one left behind. */
  const signInAs = async (username: string) => {
    await context.clearCookies();
    await loginThroughUi(page, username, PASSWORD);
  };
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  const selectUnit = async (name: string) => {
    await page.getByTestId("unit-search").fill(name);
    await page.locator(`[data-testid=unit-tree] [data-unit-name="${name}"]`).click();
    await page.getByTestId("unit-details").getByText(name).first().waitFor();
    await page.getByTestId("unit-search").fill("");
  };

  it("imports units from CSV with a preview of creates, updates and row-by-row errors", async () => {
    await signInAs("admin");
    await openMenu(page, "Cơ cấu tổ chức");
    await selectUnit("Ủy ban nhân dân quận 10");
    await page.getByRole("button", { name: "Nhập từ tệp" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.locator("input[type=file]").setInputFiles({
      name: "don-vi-quan-10.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(IMPORT_CSV, "utf8"),
    });
    await dialog.getByRole("button", { name: "Xem trước" }).click();
    const errors = dialog.getByTestId("import-preview-errors");
    await errors.waitFor();
    const errorRows = await errors.locator("tbody tr").allTextContents();
    expect(errorRows.some((r) => r.startsWith("4Loại đơn vị") && r.includes("Loại không có"))).toBe(true);
    expect(errorRows.some((r) => r.startsWith("5Mã định danh"))).toBe(true);
    await screenshot(page, "unit-import-errors");
    await dialog.getByRole("tab", { name: /Dòng hợp lệ \(3\)/ }).click();
    const rows = dialog.getByTestId("import-preview-rows");
    expect(await rows.locator("tbody tr").count()).toBe(3);
    expect(await rows.textContent()).toContain("Thêm mới");
    expect(await rows.textContent()).toContain("Cập nhật");
    await screenshot(page, "unit-import-preview");
    await dialog.getByRole("button", { name: "Ghi dữ liệu" }).click();
    await page.getByText("Đã ghi 3 đơn vị").waitFor();
    await page.locator('[data-testid=unit-tree] [data-unit-name="Phòng Nội vụ quận 10"]').waitFor();
    await selectUnit("Tổ Thi đua - Khen thưởng");
    expect(await page.getByTestId("unit-details").textContent()).toContain("Phòng Nội vụ quận 10");
  });

  it("moves a unit and edits it, keeping both in its history", async () => {
    await signInAs("admin");
    await openMenu(page, "Cơ cấu tổ chức");
    await selectUnit("Tổ Thi đua - Khen thưởng");
    await page.getByTestId("unit-details").getByRole("button", { name: "Thêm thao tác" }).click();
    await page.getByRole("menuitem", { name: "Chuyển đơn vị" }).click();
    const dialog = page.getByRole("dialog");
    await pick(
      page,
      dialog.getByLabel("Đơn vị cấp trên mới"),
      "Văn phòng Hội đồng",
      "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân quận 10",
    );
    await dialog.getByRole("button", { name: "Chuyển đơn vị" }).click();
    await page.getByText("Đã chuyển đơn vị").waitFor();
    await page
      .getByTestId("unit-details")
      .getByText("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân quận 10")
      .waitFor();

    await page.getByTestId("unit-details").getByRole("button", { name: "Sửa" }).click();
    const form = page.getByTestId("unit-form");
    await form.getByLabel("Điện thoại").fill("028 3865 1234");
    await page.getByRole("button", { name: "Lưu" }).click();
    await page.getByText("Đã cập nhật đơn vị").waitFor();
    await page.getByTestId("unit-details").getByRole("tab", { name: "Lịch sử" }).click();
    const history = page.getByTestId("unit-history");
    await history.getByText("Chuyển đơn vị cấp trên").waitFor();
    const text = (await history.textContent()) ?? "";
    expect(text).toContain("Phòng Nội vụ quận 10 → Văn phòng Hội đồng nhân dân và Ủy ban nhân dân quận 10");
    expect(text).toContain("Cập nhật thông tin");
    expect(text).toContain("028 3865 1234");
    expect(text).toContain("Thành lập");
  });

  it("merges two wards into a new ward whose history and former units show the old ones", async () => {
    await signInAs("admin");
    await openMenu(page, "Cơ cấu tổ chức");
    await page.getByTestId("merge-units").click();
    const form = page.getByTestId("merge-form");
    const sources = form.getByLabel("Các đơn vị bị sáp nhập");
    await pick(page, sources, "Phường 1,", "Ủy ban nhân dân Phường 1, Quận 10");
    await pick(page, sources, "Phường 2,", "Ủy ban nhân dân Phường 2, Quận 10");
    await page.keyboard.press("Escape");
    await form.getByLabel("Quyết định / Nghị quyết").fill("Nghị quyết số 1685/NQ-UBTVQH15");
    await pick(page, form.getByLabel("Đơn vị cấp trên của đơn vị mới"), "quận 10", "Ủy ban nhân dân quận 10");
    await form.getByLabel("Mã định danh").fill("000.10.91.H29");
    await form.getByLabel("Tên đơn vị", { exact: true }).fill("Ủy ban nhân dân Phường Diên Hồng");
    await page.locator(".ant-modal-wrap:visible").evaluate((el) => {
      el.scrollTop = 0;
    });
    await screenshot(page, "unit-merge");
    await page.getByRole("dialog").getByRole("button", { name: "Sáp nhập" }).click();
    await page.getByText("Đã sáp nhập vào Ủy ban nhân dân Phường Diên Hồng").waitFor();
    const details = page.getByTestId("unit-details");
    await details.getByText("000.10.91.H29").first().waitFor();

    await details.getByRole("tab", { name: "Đơn vị đã sáp nhập vào" }).click();
    const former = page.getByTestId("former-units");
    await former.waitFor();
    expect(await former.textContent()).toContain("Ủy ban nhân dân Phường 1, Quận 10");
    expect(await former.textContent()).toContain("Ủy ban nhân dân Phường 2, Quận 10");
    await details.getByRole("tab", { name: "Lịch sử" }).click();
    const history = page.getByTestId("unit-history");
    await history.getByText("Tiếp nhận 2 đơn vị sáp nhập").waitFor();
    const text = (await history.textContent()) ?? "";
    expect(text).toContain("Sáp nhập vào Ủy ban nhân dân Phường Diên Hồng");
    expect(text).toContain("của Ủy ban nhân dân Phường 1, Quận 10");
    expect(text).toContain("Nghị quyết số 1685/NQ-UBTVQH15");
    await screenshot(page, "unit-history-after-merge");

    // Merged wards leave the tree unless asked for, then show greyed under the new ward.
    expect(
      await page
        .locator('[data-testid=unit-tree] [data-unit-name="Ủy ban nhân dân Phường 1, Quận 10"]')
        .count(),
    ).toBe(0);
    await page.getByTestId("show-former").click();
    await page.getByTestId("unit-search").fill("Quận 10");
    await page
      .locator('[data-testid=unit-tree] [data-unit-name="Ủy ban nhân dân Phường 1, Quận 10"]')
      .waitFor();
    await screenshot(page, "unit-tree-with-former");
    await page.getByTestId("unit-search").fill("");
    await page.getByTestId("show-former").click();
    expect(problems).toEqual([]);
  });

  it("resets a password and disables an account; the disabled officer cannot sign in", async () => {
    await signInAs("admin");
    await openMenu(page, "Người dùng và phân quyền");
    await page.getByTestId("user-search").fill("q10.thuky");
    const row = page.getByTestId("user-table").getByRole("row", { name: /Đặng Văn Thư/ });
    await row.waitFor();
    await expect.poll(() => page.getByTestId("user-table").locator("tbody tr.ant-table-row").count()).toBe(1);

    await row.getByRole("button", { name: "Thêm thao tác" }).click();
    await page.getByRole("menuitem", { name: "Đặt lại mật khẩu" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Đặt lại mật khẩu" }).click();
    await page.getByText("Đã đặt lại mật khẩu").waitFor();
    await row.getByText("Chưa đổi mật khẩu").waitFor();

    await row.getByRole("button", { name: "Thêm thao tác" }).click();
    await page.getByRole("menuitem", { name: "Khóa tài khoản" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Xác nhận" }).click();
    await page.getByText("Đã khóa tài khoản").waitFor();
    await row.getByText("Đã khóa").waitFor();
    await screenshot(page, "users");

    await logoutThroughUi(page);
    await page.getByLabel("Tên đăng nhập hoặc thư điện tử").fill("q10.thuky");
    await page.getByLabel("Mật khẩu", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
    expect(await page.getByTestId("login-error").textContent()).toContain(
      "Tên đăng nhập hoặc mật khẩu không đúng",
    );
    expect(problems).toEqual([]);
  });

  it("edits an officer's profile and grants, then revokes, a role from the user drawer", async () => {
    await signInAs("admin");
    await openMenu(page, "Người dùng và phân quyền");
    await page.getByTestId("user-search").fill("chuyen");
    const row = page.getByTestId("user-table").getByRole("row", { name: /Phạm Thị Chuyên/ });
    await row.waitFor();
    await row.getByRole("button", { name: "Thêm thao tác" }).click();
    await page.getByRole("menuitem", { name: "Sửa" }).click();
    const form = page.getByTestId("user-form");
    await form.getByLabel("Chức vụ").fill("Chuyên viên chính");
    await page.getByRole("dialog").getByRole("button", { name: "Lưu" }).click();
    await page.getByText("Đã cập nhật người dùng").waitFor();
    await row.getByText("Chuyên viên chính").waitFor();

    await row.getByRole("button", { name: "Phân quyền" }).click();
    const drawer = page.getByTestId("user-drawer");
    await drawer.getByRole("tab", { name: "Vai trò" }).click();
    const grants = drawer.getByTestId("grant-list");
    await grants.getByText("Chuyên viên", { exact: true }).waitFor();
    await pick(page, drawer.locator("#grant-role_role"), "thu ky", "Thư ký ISO");
    await drawer.getByRole("button", { name: "Cấp vai trò" }).click();
    await page.getByText("Đã cấp vai trò").waitFor();
    await grants.getByText("Thư ký ISO").waitFor();
    await screenshot(page, "user-drawer-grants");
    await grants
      .getByRole("row", { name: /Thư ký ISO/ })
      .getByRole("button", { name: "Thu hồi" })
      .click();
    await page.getByRole("tooltip").getByRole("button", { name: "Thu hồi" }).click();
    await page.getByText("Đã thu hồi vai trò").waitFor();
    await expect.poll(() => grants.getByText("Thư ký ISO").count()).toBe(0);
    await page.keyboard.press("Escape");
    expect(problems).toEqual([]);
  });

  it("lets a leader delegate a role to an officer for a week, and revoke it", async () => {
    await signInAs("q10.truongphong");
    await openMenu(page, "Ủy quyền");
    await page.getByRole("button", { name: "Tạo ủy quyền" }).click();
    const dialog = page.getByRole("dialog");
    await pick(
      page,
      dialog.getByLabel("Vai trò được ủy quyền"),
      "Lãnh đạo",
      "Lãnh đạo — Phòng Tư pháp quận 10",
    );
    // The officer list is searched by the API as one types: wait for the narrowed result before choosing.
    await dialog.getByLabel("Người nhận ủy quyền").click();
    await page.keyboard.type("chuyen");
    const options = page.locator(".ant-select-dropdown:visible .ant-select-item-option");
    await expect.poll(() => options.count()).toBe(1);
    expect(await options.getAttribute("title")).toBe(
      "Phạm Thị Chuyên (q10.chuyenvien) — Phòng Tư pháp quận 10",
    );
    await options.click();
    await dialog.getByLabel("Lý do").fill("Đi công tác tại Sở Tư pháp");
    await dialog.getByRole("button", { name: "Tạo ủy quyền" }).click();
    await page.getByText("Đã tạo ủy quyền").waitFor();
    const list = page.getByTestId("delegation-list");
    await list.getByText("Phạm Thị Chuyên").waitFor();
    expect(await list.textContent()).toContain("Đang hiệu lực");
    expect(await list.textContent()).toContain("Lê Văn Trưởng");
    await screenshot(page, "delegations");
    await logoutThroughUi(page);

    // The officer now holds the leader role, until the end date.
    await loginThroughUi(page, "q10.chuyenvien", PASSWORD);
    const roles = page.getByTestId("home-roles");
    await roles.getByText("Lãnh đạo").waitFor();
    expect(await roles.textContent()).toContain("ủy quyền đến");
    await logoutThroughUi(page);

    await loginThroughUi(page, "q10.truongphong", PASSWORD);
    await openMenu(page, "Ủy quyền");
    await list.getByRole("button", { name: "Thu hồi" }).click();
    await page.getByRole("tooltip").getByRole("button", { name: "Thu hồi" }).click();
    await page.getByText("Đã thu hồi ủy quyền").waitFor();
    await list.getByText("Đã thu hồi").waitFor();
    await logoutThroughUi(page);
    expect(problems).toEqual([]);
  });

  it("hides screens an officer's roles do not carry and answers a direct visit with a permission page", async () => {
    await signInAs("q10.chuyenvien");
    const menu = page.getByTestId("main-menu");
    await menu.getByRole("menuitem", { name: "Cơ cấu tổ chức" }).waitFor();
    expect(await menu.getByRole("menuitem", { name: "Nhật ký hệ thống" }).count()).toBe(0);
    await page.goto("/audit");
    await page.getByText("Bạn không có quyền truy cập").waitFor();
    await screenshot(page, "forbidden");
    await logoutThroughUi(page);
    expect(problems).toEqual([]);
  });
});
