import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProcessXml } from "../apps/api/src/modules/catalogue/process-builder";
import { startTestServer, type TestServer } from "../apps/api/src/testing/harness";
import { launchBrowser, newPage, screenshot } from "./browser";
import { loginThroughUi, logoutThroughUi, openMenu, pick } from "./ui";

const PASSWORD = "eiso-demo-2026";

/** A 4-step process as another tool would export it: the diagram, names, no eISO properties yet. */
const fourStepFile = () =>
  buildProcessXml({
    name: "Đăng ký giám hộ",
    parts: [
      { id: "Task_1", name: "Tiếp nhận hồ sơ", stepKind: "receive", unit: "", role: "", hours: 0 },
      { id: "Task_2", name: "Thẩm định hồ sơ", stepKind: "process", unit: "", role: "", hours: 0 },
      { id: "Task_3", name: "Lãnh đạo phê duyệt", stepKind: "approve", unit: "", role: "", hours: 0 },
      { id: "Task_4", name: "Trả kết quả", stepKind: "return", unit: "", role: "", hours: 0 },
    ],
  }).replace(/ eiso:(stepKind|unit|role|hours)="[^"]*"/g, "");

describe("process designer in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    server = await startTestServer({ serveWeb: true });
    browser = await launchBrowser();
    const admin = await server.login("admin");
    const field = (await admin.get("/api/catalogue/fields")).body.find(
      (f: { code: string }) => f.code === "HT",
    );
    const created = await admin.post("/api/procedures", {
      code: "1.000777",
      name: "Đăng ký giám hộ",
      fieldId: field.id,
      level: "district",
      processingTime: { amount: 3, unit: "days" },
      dossierFields: [{ key: "wardAge", label: "Tuổi người được giám hộ", type: "number" }],
    });
    expect(created.status).toBe(201);
    ({ context, page, problems } = await newPage(browser, server.baseUrl));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  /** Picks an option of a panel select and waits until the select shows it (dropdowns animate). */
  async function choose(wrapper: Locator, option: string) {
    for (let attempt = 0; attempt < 5; attempt++) {
      await wrapper.locator(".ant-select").click();
      const item = page.locator(".ant-select-dropdown:visible").getByTitle(option, { exact: true }).first();
      await item.click({ timeout: 3000 }).catch(() => undefined);
      for (let i = 0; i < 20; i++) {
        if ((await wrapper.textContent())?.includes(option)) break;
        await page.waitForTimeout(100);
      }
      await page.keyboard.press("Escape");
      if ((await wrapper.textContent())?.includes(option)) return;
    }
    throw new Error(`could not choose ${option}`);
  }

  /** Sets a user task's properties through the side panel. */
  async function setStep(id: string, kind: string, unit: string, role: string, hours: string) {
    // Click the empty canvas first: a click on the element already selected would not re-select it.
    await page.getByTestId("bpmn-canvas").click({ position: { x: 500, y: 520 } });
    await page.locator(`.djs-element[data-element-id="${id}"]`).first().click();
    const panel = page.getByTestId("properties-panel");
    await panel.getByText(id).waitFor();
    await choose(panel.getByTestId("prop-stepKind"), kind);
    await choose(panel.getByTestId("prop-unit"), unit);
    await choose(panel.getByTestId("prop-role"), role);
    await panel.getByTestId("prop-hours").fill(hours);
    await panel.getByTestId("prop-hours").press("Tab");
  }

  it("imports a 4-step process, sets units, roles and times, submits, approves and publishes it", async () => {
    await loginThroughUi(page, "q10.thuky", PASSWORD);
    await openMenu(page, "Thủ tục hành chính");
    await page.getByPlaceholder("Tìm theo tên hoặc mã").fill("dang ky giam ho");
    await page.getByRole("link", { name: "Đăng ký giám hộ" }).click();
    await page.getByTestId("procedure-page").waitFor();
    await pick(page, page.getByTestId("process-unit"), "quận 10", "Ủy ban nhân dân quận 10");
    await page.getByTestId("create-process").click();
    await page.getByTestId("designer-page").waitFor();
    await page.locator('.djs-element[data-element-id="Task_receive"]').first().waitFor();

    // Import the 4-step diagram over the default draft.
    await page.getByTestId("bpmn-file").setInputFiles({
      name: "dang-ky-giam-ho.bpmn",
      mimeType: "application/xml",
      buffer: Buffer.from(fourStepFile(), "utf8"),
    });
    await page.locator('.djs-element[data-element-id="Task_4"]').first().waitFor();
    await page.getByTestId("validate").click();
    const problemList = page.getByTestId("problems");
    await problemList.getByText(/Bước "Thẩm định hồ sơ" \(Task_2\): chưa chọn vai trò xử lý/).waitFor();

    await setStep(
      "Task_1",
      "Tiếp nhận",
      "Bộ phận Tiếp nhận và Trả kết quả",
      "Cán bộ tiếp nhận (một cửa)",
      "2",
    );
    await setStep("Task_2", "Xử lý, thẩm định", "Phòng chuyên môn phụ trách lĩnh vực", "Chuyên viên", "14");
    await setStep("Task_3", "Phê duyệt", "Cơ quan tiếp nhận (lãnh đạo cơ quan)", "Lãnh đạo", "6");
    await setStep(
      "Task_4",
      "Trả kết quả",
      "Bộ phận Tiếp nhận và Trả kết quả",
      "Cán bộ tiếp nhận (một cửa)",
      "2",
    );

    // The time check follows the canvas: 24 h against the legal 3 working days.
    const timeCheck = page.getByTestId("time-check");
    await timeCheck.getByText("24 giờ (3 ngày làm việc)").first().waitFor();
    expect(await timeCheck.getAttribute("data-over")).toBe("false");
    await page.getByTestId("validate").click();
    await page.getByTestId("validation-ok").or(problemList).first().waitFor();
    expect((await problemList.isVisible()) ? await problemList.textContent() : "").toBe("");
    await page.getByTestId("save-diagram").click();
    await page.getByText("Đã lưu sơ đồ").waitFor();

    // Over the legal time: the check turns red; undo brings it back.
    await setStep("Task_2", "Xử lý, thẩm định", "Phòng chuyên môn phụ trách lĩnh vực", "Chuyên viên", "30");
    await timeCheck.getByText("Vượt thời hạn quy định 16 giờ").waitFor();
    expect(await timeCheck.getAttribute("data-over")).toBe("true");
    await screenshot(page, "catalogue-designer-time-check-over");
    await setStep("Task_2", "Xử lý, thẩm định", "Phòng chuyên môn phụ trách lĩnh vực", "Chuyên viên", "14");
    await timeCheck.getByText("Trong thời hạn quy định").waitFor();
    await screenshot(page, "catalogue-designer-time-check");

    await page.getByTestId("submit").click();
    await page.locator('[data-testid=version-status][data-status="submitted"]').waitFor();
    const designerUrl = page.url();

    // The district's leader approves with the decision number and date.
    await logoutThroughUi(page);
    await loginThroughUi(page, "q10.lanhdao", PASSWORD);
    await page.goto(designerUrl);
    await page.getByTestId("approve").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Số quyết định phê duyệt").fill("215/QĐ-UBND");
    await dialog.getByLabel("Ngày quyết định").fill("20/12/2025");
    await dialog.getByLabel("Ngày quyết định").press("Enter");
    await dialog.getByTestId("dialog-ok").click();
    await page.locator('[data-testid=version-status][data-status="approved"]').waitFor();

    // The ISO secretary publishes it with its effective date.
    await logoutThroughUi(page);
    await loginThroughUi(page, "q10.thuky", PASSWORD);
    await page.goto(designerUrl);
    await page.getByTestId("publish").click();
    await page.getByRole("dialog").getByLabel("Ngày hiệu lực").fill("01/01/2026");
    await page.getByRole("dialog").getByLabel("Ngày hiệu lực").press("Enter");
    await page.getByRole("dialog").getByTestId("dialog-ok").click();
    await page.locator('[data-testid=version-status][data-status="published"]').waitFor();
    await page.getByText("QĐ 215/QĐ-UBND ngày 20/12/2025").first().waitFor();
    await screenshot(page, "catalogue-designer-published");

    // What was published is what was drawn: four steps with units, roles and times, compiled.
    const api = await server.login("q10.thuky");
    const definitionId = new URL(designerUrl).pathname.split("/").at(-1)!;
    const def = (await api.get(`/api/processes/${definitionId}`)).body;
    const version = (await api.get(`/api/process-versions/${def.published.id}`)).body;
    expect(version).toMatchObject({
      status: "published",
      decisionNumber: "215/QĐ-UBND",
      effectiveFrom: "2026-01-01",
    });
    const steps = version.compiled.nodes.filter((n: { type: string }) => n.type === "userTask");
    expect(
      steps.map((s: { id: string; role: string; hours: number; unit: unknown }) => [
        s.id,
        s.role,
        s.hours,
        s.unit,
      ]),
    ).toEqual([
      ["Task_1", "reception_clerk", 2, { kind: "relative", relation: "reception_desk" }],
      ["Task_2", "officer", 14, { kind: "relative", relation: "field_division" }],
      ["Task_3", "leader", 6, { kind: "relative", relation: "agency" }],
      ["Task_4", "reception_clerk", 2, { kind: "relative", relation: "reception_desk" }],
    ]);
    expect(version.compiled.totalHours).toBe(24);
    expect(problems).toEqual([]);
  });

  it("finds procedures without accents and shows the demo's processes and versions", async () => {
    await openMenu(page, "Thủ tục hành chính");
    await page.getByPlaceholder("Tìm theo tên hoặc mã").fill("giay phep xay dung nha o rieng le");
    await page.getByRole("link", { name: "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ" }).waitFor();
    await screenshot(page, "catalogue-procedures");
    // Its detail: required documents, fees and the dossier data its gateway reads.
    await page.getByRole("link", { name: "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ" }).click();
    const detail = page.getByTestId("procedure-page");
    await detail.locator('input[value="Bản vẽ thiết kế xây dựng"]').waitFor();
    await detail.locator('input[value="needsSiteInspection"]').waitFor();
    // Papers handed in "if any" are marked so. The district's ISO secretary reads the city's
    // procedure but cannot change it: no save button, the form is read-only.
    const ifAny = detail.getByTestId("doc-if-any");
    const flags = () => Promise.all([0, 1, 2, 3].map((i) => ifAny.nth(i).isChecked()));
    expect(await flags()).toEqual([false, false, false, true]);
    expect(await page.getByTestId("save-procedure").count()).toBe(0);
    expect(await ifAny.nth(1).isDisabled()).toBe(true);
    await screenshot(page, "catalogue-procedure-detail");
    await openMenu(page, "Thủ tục hành chính");
    await page.getByRole("tab", { name: "Quy trình" }).click();
    await page
      .getByTestId("process-table")
      .getByRole("link", { name: /1\.009994/ })
      .click();
    await page.getByTestId("designer-page").waitFor();
    // The demo has version 2 in draft; compare it with the published version 1.
    await page.getByTestId("compare-1").click();
    await page
      .getByTestId("version-diff")
      .getByText("Chuyên viên thẩm định hồ sơ: 64 giờ → 56 giờ")
      .waitFor();
    await screenshot(page, "catalogue-version-diff");
    expect(problems).toEqual([]);
  });

  it("adopts the city's birth registration template for a ward, binding its own units", async () => {
    await openMenu(page, "Thủ tục hành chính");
    await page.getByRole("tab", { name: "Quy trình" }).click();
    await page.getByTestId("adopt-1.001193").click();
    const dialog = page.getByRole("dialog");
    await pick(page, dialog.getByLabel("Đơn vị áp dụng"), "Phường 7,", "Ủy ban nhân dân Phường 7, Quận 10");
    await dialog.getByLabel("Ngày hiệu lực").fill("01/02/2026");
    await dialog.getByLabel("Ngày hiệu lực").press("Enter");
    await dialog.getByRole("button", { name: /OK|Đồng ý/ }).click();
    await page.getByText("Đã áp dụng quy trình mẫu").waitFor();

    const api = await server.login("q10.thuky");
    const ward7 = server.demo.hcmc.units.get("Ủy ban nhân dân Phường 7, Quận 10")!;
    const [def] = (await api.get(`/api/processes?unitId=${ward7}`)).body;
    const versions = (await api.get(`/api/processes/${def.id}`)).body.versions;
    expect(
      versions.map((v: { status: string; effectiveFrom: string }) => [v.status, v.effectiveFrom]),
    ).toEqual([
      ["published", "2026-02-01"],
      ["superseded", "2025-04-15"],
    ]);
    expect(problems).toEqual([]);
  });

  it("the city's catalogue manager marks a paper as handed in 'if any' and saves", async () => {
    await logoutThroughUi(page);
    await loginThroughUi(page, "admin", PASSWORD);
    await openMenu(page, "Thủ tục hành chính");
    await page.getByPlaceholder("Tìm theo tên hoặc mã").fill("giay phep xay dung nha o rieng le");
    await page.getByRole("link", { name: "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ" }).click();
    const ifAny = page.getByTestId("procedure-page").getByTestId("doc-if-any");
    await ifAny.nth(3).waitFor();
    await ifAny.nth(1).check();
    // The fee note is saved too (it sat inside the fees list, which made the fees an object: 400).
    await page.getByLabel("Ghi chú phí, lệ phí").fill("Miễn lệ phí cho hộ nghèo");
    await page.getByTestId("save-procedure").click();
    await page.getByText("Đã lưu thủ tục").waitFor();
    const procedureId = new URL(page.url()).pathname.split("/").at(-1)!;
    const stored = (await (await server.login("admin")).get(`/api/procedures/${procedureId}`)).body;
    expect(stored.feeNote).toBe("Miễn lệ phí cho hộ nghèo");
    expect(stored.fees).toEqual([{ name: "Lệ phí cấp giấy phép xây dựng", amountVnd: 75_000 }]);
    expect(stored.documents.map((d: { name: string; required: boolean }) => [d.name, d.required])).toEqual([
      ["Đơn đề nghị cấp giấy phép xây dựng (mẫu số 01 Phụ lục II Nghị định 15/2021/NĐ-CP)", true],
      ["Giấy tờ chứng minh quyền sử dụng đất", false],
      ["Bản vẽ thiết kế xây dựng", true],
      ["Bản kê khai năng lực, kinh nghiệm của tổ chức, cá nhân thiết kế (nếu có)", false],
    ]);
    expect(problems).toEqual([]);
  });
});
