import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../apps/api/src/testing/harness";
import { launchBrowser, newPage, screenshot } from "./browser";
import { loginThroughUi, openMenu, pick } from "./ui";

const PASSWORD = "eiso-demo-2026";
// A district procedure of the demo catalogue offered online, with District 10's published process.
const PROCEDURE = { code: "1.001695", name: "Đăng ký khai sinh có yếu tố nước ngoài" };
const CITIZEN = { name: "Nguyễn Thị Dân", idNumber: "079190004321", address: "5 Sư Vạn Hạnh, Phường 12" };

interface Person {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

describe("online submission from the portal to the desk's queue (issue 12 point 1)", () => {
  let server: TestServer;
  let browser: Browser;
  const people: Record<"citizen" | "clerk", Person | null> = { citizen: null, clerk: null };
  let code = "";

  beforeAll(async () => {
    server = await startTestServer({ serveWeb: true });
    browser = await launchBrowser();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== "fail") return;
    for (const [who, p] of Object.entries(people))
      if (p) await screenshot(p.page, `failed-portal-${who}`).catch(() => {});
  });
  afterAll(async () => {
    for (const p of Object.values(people)) await p?.context.close();
    await browser?.close();
    await server?.close();
  });

  const as = async (who: keyof typeof people, username: string): Promise<Page> => {
    const existing = people[who];
    if (existing) return existing.page;
    const p = await newPage(browser, server.baseUrl);
    await loginThroughUi(p.page, username, PASSWORD);
    people[who] = p;
    return p.page;
  };

  it("a citizen signs in to the portal (not the officers' shell) and submits a dossier online", async () => {
    const page = await as("citizen", "congdan");
    await page.waitForURL("**/portal/ho-so");
    await expect(page.getByTestId("main-menu").count()).resolves.toBe(0);
    await page.getByTestId("new-submission").click();
    await page.waitForURL("**/portal/nop-ho-so");
    await pick(
      page,
      page.getByTestId("portal-procedure"),
      "khai sinh co yeu to nuoc ngoai",
      `${PROCEDURE.name} (${PROCEDURE.code})`,
    );
    await page.getByTestId("procedure-facts").waitFor();
    await expect(
      page.getByText("Hồ sơ được gửi đến: Bộ phận Tiếp nhận và Trả kết quả quận 10").count(),
    ).resolves.toBe(1);
    // The account's name is filled in; the ID number is asked for.
    await expect(page.getByTestId("applicant-name").inputValue()).resolves.toBe(CITIZEN.name);
    await page.getByTestId("applicant-id").fill(CITIZEN.idNumber);
    await page.getByTestId("applicant-address").fill(CITIZEN.address);
    // The paper handed in "if any" says so.
    await expect(page.getByTestId("portal-documents").getByTestId("paper-if-any").count()).resolves.toBe(1);
    // Without every required paper it cannot be sent.
    // A scan attached to the first paper ticks it.
    const docs = page.getByTestId("portal-doc");
    await page
      .getByTestId("portal-documents")
      .locator("input[type=file]")
      .first()
      .setInputFiles({
        name: "to-khai.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from("%PDF-1.4\n%%EOF\n"),
      });
    await page.getByTestId("portal-scan").filter({ hasText: "to-khai.pdf" }).waitFor();
    await expect(docs.first().isChecked()).resolves.toBe(true);
    await expect(page.getByTestId("portal-missing").isVisible()).resolves.toBe(true);
    await expect(page.getByTestId("portal-send").isDisabled()).resolves.toBe(true);
    for (let i = 1; i < (await docs.count()); i++) await docs.nth(i).click();
    await screenshot(page, "portal-submit");
    await page.getByTestId("portal-send").click();
    await page.getByTestId("submit-done").waitFor();
    await page.getByTestId("to-mine").click();
    const row = page.getByTestId("my-submissions").locator("tr", { hasText: PROCEDURE.name });
    await expect(row.getByTestId("submission-status").getAttribute("data-status")).resolves.toBe("pending");
    expect(people.citizen!.problems).toEqual([]);
  });

  it("the clerk finds it in the online queue, checks the filled-in reception form and accepts it", async () => {
    const page = await as("clerk", "q10.motcua");
    await page.getByTestId("menu-online-count").waitFor();
    await expect(page.getByTestId("menu-online-count").textContent()).resolves.toBe("1");
    await openMenu(page, /Hồ sơ trực tuyến/);
    const row = page.getByTestId("online-queue").locator("tr", { hasText: CITIZEN.name });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(PROCEDURE.name);
    await screenshot(page, "portal-online-queue");
    await row.getByTestId("online-check").click();
    await page.getByTestId("online-banner").waitFor();
    await expect(page.getByTestId("applicant-name").inputValue()).resolves.toBe(CITIZEN.name);
    await expect(page.getByTestId("applicant-id").inputValue()).resolves.toBe(CITIZEN.idNumber);
    await expect(page.getByTestId("completeness").getAttribute("data-complete")).resolves.toBe("true");
    await expect(page.getByTestId("submitted-scan").textContent()).resolves.toContain("to-khai.pdf");
    await screenshot(page, "portal-online-check");
    await page.getByTestId("reception-accept").click();
    const done = page.getByTestId("reception-done");
    await done.waitFor();
    code = (await done.getAttribute("data-code")) ?? "";
    expect(code).toMatch(/-\d{6}-\d{4}$/);
    await expect(page.getByTestId("print-form-01").isVisible()).resolves.toBe(true);
    // Off the queue.
    await page.getByTestId("reception-next").click();
    await page.waitForURL("**/dossiers/online");
    await expect(
      page.getByTestId("online-queue").locator("tr", { hasText: CITIZEN.name }).count(),
    ).resolves.toBe(0);
    expect(people.clerk!.problems).toEqual([]);
  });

  it("the citizen sees the dossier's code and follows it to the tracking page", async () => {
    const page = await as("citizen", "congdan");
    await page.goto("/portal/ho-so");
    const row = page.getByTestId("my-submissions").locator("tr", { hasText: PROCEDURE.name });
    await expect(row.getByTestId("submission-status").getAttribute("data-status")).resolves.toBe("accepted");
    await expect(row.getByTestId("submission-code").textContent()).resolves.toBe(code);
    await screenshot(page, "portal-my-submissions");
    await row.getByTestId("submission-code").click();
    const result = page.getByTestId("tracking-result");
    await result.waitFor();
    await expect(result.getAttribute("data-status")).resolves.toBe("processing");

    // Typed by hand in lower case, with a space around it: the same dossier.
    const input = page.getByTestId("tracking-code").locator("input");
    await input.fill(`  ${code.toLowerCase()} `);
    await input.press("Enter");
    await page.waitForURL(`**/portal/tra-cuu/${code}`);
    await page.locator('[data-testid=tracking-result][data-status="processing"]').waitFor();
    await expect(page.getByTestId("tracking-result").getByRole("heading").textContent()).resolves.toBe(code);
    await expect(input.inputValue()).resolves.toBe(code);
    await expect(page.getByTestId("tracking-due").textContent()).resolves.toMatch(
      /^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/,
    );
    await screenshot(page, "portal-tracking-lower-case");
    // Not a code at all: said in words, not as the API's validation message.
    await page.getByTestId("tracking-code").locator("input").fill("abc");
    await page.getByTestId("tracking-code").locator("input").press("Enter");
    const error = page.getByTestId("tracking-error");
    await error.waitFor();
    const said = (await error.textContent()) ?? "";
    expect(said).toContain("Mã hồ sơ không đúng định dạng");
    expect(said).not.toMatch(/params|string|>=/);
    await expect(page.getByTestId("tracking-result").count()).resolves.toBe(0);
    await screenshot(page, "portal-tracking-bad-code");
    expect(people.citizen!.problems).toEqual([]);
  });

  it("the desk asks to complete; the citizen sends the supplement online and the desk receives it from its queue", async () => {
    // The submission and the desk's request go through the API (the screens above show them).
    const api = await server.login("congdan");
    const procedureId = (await api.get(`/api/portal/procedures?q=${encodeURIComponent(PROCEDURE.code)}`)).body
      .items[0].id;
    const procedure = (await api.get(`/api/portal/procedures/${procedureId}`)).body;
    const submitted = await api.post("/api/portal/submissions", {
      procedureId,
      applicant: { name: CITIZEN.name, idNumber: CITIZEN.idNumber },
      documents: procedure.documents.map((d: { name: string; originals: number; copies: number }) => ({
        name: d.name,
        originals: d.originals,
        copies: d.copies,
      })),
      clientKey: "e2e-supplement",
    });
    expect(submitted.status).toBe(201);
    const desk = await server.login("q10.motcua");
    const asked = await desk.post(`/api/dossiers/online-queue/${submitted.body.id}/receive`, {
      decision: "request_supplement",
      reasons: ["Giấy chứng sinh bản chụp bị mờ"],
    });
    expect(asked.status).toBe(200);

    const page = await as("citizen", "congdan");
    await page.goto("/portal/ho-so");
    await page.getByTestId("supplement-open").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("Giấy chứng sinh bản chụp bị mờ").waitFor();
    await dialog
      .locator("input[type=file]")
      .first()
      .setInputFiles({
        name: "giay-chung-sinh.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from("%PDF-1.4\n%%EOF\n"),
      });
    await dialog.getByTestId("supplement-scan").waitFor();
    await screenshot(page, "portal-supplement");
    await dialog.locator("#supplement-send").click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByTestId("supplement-sent").waitFor();

    const clerk = await as("clerk", "q10.motcua");
    await clerk.goto("/dossiers/online");
    await clerk
      .getByTestId("online-tabs")
      .getByRole("tab", { name: /Hồ sơ bổ sung \(1\)/ })
      .click();
    const row = clerk.getByTestId("online-supplements").locator("tr", { hasText: asked.body.dossier.code });
    await expect(row.textContent()).resolves.toContain("giay-chung-sinh.pdf");
    await screenshot(clerk, "portal-online-supplements");
    await row.getByTestId("online-receive-supplement").click();
    await clerk.getByRole("button", { name: /^(OK|Đồng ý|Xác nhận)$/ }).click();
    await clerk.locator(`[data-testid=dossier-page][data-code="${asked.body.dossier.code}"]`).waitFor();
    const status = await desk.get(`/api/dossiers/${asked.body.dossier.id}`);
    expect(status.body.status).toBe("processing");
    expect(people.citizen!.problems).toEqual([]);
    expect(people.clerk!.problems).toEqual([]);
  });

  it("the processing time is written as the interface language writes numbers", async () => {
    const page = await as("citizen", "congdan");
    await page.goto("/portal/nop-ho-so");
    await pick(
      page,
      page.getByTestId("portal-procedure"),
      "xac nhan thong tin cu tru",
      "Xác nhận thông tin về cư trú (1.004194)",
    );
    const facts = page.getByTestId("procedure-facts");
    await facts.getByText("0,5 ngày làm việc").waitFor();
    await screenshot(page, "portal-half-day");
    await page.getByTestId("language-toggle").getByText("EN").click();
    await facts.getByText("0.5 working days").waitFor();
    await page.getByTestId("language-toggle").getByText("VI").click();
    await facts.getByText("0,5 ngày làm việc").waitFor();
    expect(people.citizen!.problems).toEqual([]);
  });

  it("the citizen cancels a submission still waiting, with buttons that say what they do", async () => {
    const api = await server.login("congdan");
    const procedureId = (await api.get(`/api/portal/procedures?q=${encodeURIComponent(PROCEDURE.code)}`)).body
      .items[0].id;
    const procedure = (await api.get(`/api/portal/procedures/${procedureId}`)).body;
    const submitted = await api.post("/api/portal/submissions", {
      procedureId,
      applicant: { name: CITIZEN.name, idNumber: CITIZEN.idNumber },
      documents: procedure.documents.map((d: { name: string; originals: number; copies: number }) => ({
        name: d.name,
        originals: d.originals,
        copies: d.copies,
      })),
      clientKey: "e2e-cancel",
    });
    expect(submitted.status).toBe(201);

    const page = await as("citizen", "congdan");
    await page.goto("/portal/ho-so");
    const row = page
      .getByTestId("my-submissions")
      .locator("tr", { has: page.locator('[data-testid=submission-status][data-status="pending"]') });
    await row.getByTestId("submission-cancel").click();
    const confirm = page.locator(".ant-popconfirm:visible");
    await confirm.waitFor();
    // "Hủy" alone would read as "cancel the dossier": the buttons say "Không" and "Hủy hồ sơ".
    await expect(confirm.getByRole("button").allTextContents()).resolves.toEqual(["Không", "Hủy hồ sơ"]);
    await screenshot(page, "portal-cancel-confirm");
    await confirm.getByRole("button", { name: "Không" }).click();
    await confirm.waitFor({ state: "hidden" });
    await expect(row.getByTestId("submission-status").getAttribute("data-status")).resolves.toBe("pending");

    await row.getByTestId("submission-cancel").click();
    await page.locator(".ant-popconfirm:visible").getByRole("button", { name: "Hủy hồ sơ" }).click();
    await page
      .getByTestId("my-submissions")
      .locator('[data-testid=submission-status][data-status="cancelled"]')
      .waitFor();
    expect(
      (await api.get("/api/portal/submissions")).body.items.find(
        (s: { id: string }) => s.id === submitted.body.id,
      ).status,
    ).toBe("cancelled");
    expect(people.citizen!.problems).toEqual([]);
  });
});
