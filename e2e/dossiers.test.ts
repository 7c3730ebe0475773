import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { tenantCalendar } from "../apps/api/src/modules/calendar/service";
import { startTestServer, type TestServer } from "../apps/api/src/testing/harness";
import { launchBrowser, newPage, screenshot } from "./browser";
import { confirmDialog, loginThroughUi, openMenu, pick } from "./ui";

const PASSWORD = "eiso-demo-2026";

// A district procedure of the demo catalogue whose published District 10 process is: desk receives →
// head of Phòng Tư pháp assigns (leader) → officer checks → head reviews (leader, may send back) →
// District leader approves → desk returns (apps/api/src/demo/catalogue.ts, districtParts).
const PROCEDURE = { code: "1.001695", name: "Đăng ký khai sinh có yếu tố nước ngoài" };
const STEPS = {
  assign: "Lãnh đạo phòng phân công",
  process: "Chuyên viên thẩm định",
  review: "Lãnh đạo phòng xem xét, trình ký",
  approve: "Lãnh đạo UBND quận phê duyệt, ký",
  return: "Trả kết quả",
};
const OFFICER = "Phạm Thị Chuyên";
const SEND_BACK_REASON = "Bổ sung ý kiến thẩm định về quốc tịch của người cha";

interface Officer {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

describe("one-stop dossier in the browser (issue 12 acceptance)", () => {
  let server: TestServer;
  let browser: Browser;
  const people: Record<"clerk" | "leader" | "officer", Officer | null> = {
    clerk: null,
    leader: null,
    officer: null,
  };
  let dossierId = "";
  let code = "";
  /** The address printed (and in the QR code) on form 01: the public tracking page. */
  let trackingUrl = "";

  beforeAll(async () => {
    server = await startTestServer({ serveWeb: true });
    browser = await launchBrowser();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== "fail") return;
    for (const [who, p] of Object.entries(people))
      if (p) await screenshot(p.page, `failed-dossiers-${who}`).catch(() => {});
  });
  afterAll(async () => {
    for (const p of Object.values(people)) await p?.context.close();
    await browser?.close();
    await server?.close();
  });

  /** Each officer works in their own browser profile, signed in once. */
  const as = async (who: keyof typeof people, username: string): Promise<Page> => {
    const existing = people[who];
    if (existing) return existing.page;
    const p = await newPage(browser, server.baseUrl);
    await loginThroughUi(p.page, username, PASSWORD);
    people[who] = p;
    return p.page;
  };

  const openDossier = async (page: Page) => {
    await page.goto(`/dossiers/${dossierId}`);
    await page.locator(`[data-testid=dossier-page][data-code="${code}"]`).waitFor();
  };

  /** The action row of the active step named `step`, as the signed-in officer sees it. */
  const stepRow = (page: Page, step: string) =>
    page.getByTestId("step-actions").filter({ hasText: `Bước «${step}»` });

  /** A counter dossier received at District 10's desk through the API (PROCEDURE unless `code`); its id. */
  const receiveAtCounter = async (
    applicant: { name: string; idNumber?: string },
    extra: { code?: string; decision?: "accept" | "refuse"; reasons?: string[] } = {},
  ): Promise<string> => {
    const api = await server.login("q10.motcua");
    const procedures = (await api.get("/api/procedures?pageSize=200")).body.items as {
      id: string;
      code: string;
    }[];
    const code = extra.code ?? PROCEDURE.code;
    const procedure = (await api.get(`/api/procedures/${procedures.find((p) => p.code === code)!.id}`)).body;
    const units = (await api.get("/api/units")).body as { id: string; name: string }[];
    const received = await api.post("/api/dossiers", {
      procedureId: procedure.id,
      deskUnitId: units.find((u) => u.name === "Bộ phận Tiếp nhận và Trả kết quả quận 10")!.id,
      applicant,
      documents: (procedure.documents as { name: string; originals: number; copies: number }[]).map(
        ({ name, originals, copies }) => ({ name, originals, copies }),
      ),
      ...(extra.decision ? { decision: extra.decision, reasons: extra.reasons ?? [] } : {}),
    });
    expect(received.status, JSON.stringify(received.body)).toBe(201);
    return received.body.id as string;
  };

  /** The officers an open officer picker offers, as listed (it stays open). */
  const offeredOfficers = async (page: Page, field: ReturnType<Page["getByTestId"]>) => {
    await field.click();
    const options = page.locator(".ant-select-dropdown:visible .ant-select-item-option");
    await options.first().waitFor();
    return options.evaluateAll((els) => els.map((e) => e.getAttribute("title")));
  };

  /** Picks `option` in the officer picker `offeredOfficers` left open. */
  const pickOffered = async (page: Page, field: ReturnType<Page["getByTestId"]>, option: string) => {
    await page.locator(".ant-select-dropdown:visible").getByTitle(option, { exact: true }).click();
    await field
      .locator(
        'xpath=ancestor-or-self::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]',
      )
      .filter({ hasText: option })
      .waitFor();
  };

  /**
   * Opens the step's action, fills the dialog and confirms; waits until the dialog is gone. With
   * `next`, checks the dialog names the next step and offers exactly the `offered` officers (the
   * people holding the next step's role over its unit) before picking `officer` among them.
   */
  const act = async (
    page: Page,
    step: string,
    button: "action-complete" | "action-send-back",
    fill: { officer?: string; comment?: string; next?: { step: string; offered: string[] } } = {},
  ) => {
    await stepRow(page, step).getByTestId(button).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    if (fill.next) {
      await dialog
        .getByTestId("next-step")
        .filter({ hasText: `«${fill.next.step}»` })
        .waitFor();
      const field = dialog.getByTestId("officer-select");
      expect(await offeredOfficers(page, field)).toEqual(fill.next.offered);
      await pickOffered(page, field, fill.officer ?? fill.next.offered[0]!);
      const key = Object.keys(STEPS).find((k) => STEPS[k as keyof typeof STEPS] === fill.next?.step);
      await screenshot(page, `dossiers-next-officer-${key}`);
    } else if (fill.officer) await pick(page, dialog.getByTestId("officer-select"), "chuyen", fill.officer);
    if (fill.comment) await dialog.getByTestId("action-comment").fill(fill.comment);
    await confirmDialog(page);
    await page.getByText("Đã cập nhật hồ sơ").first().waitFor();
  };

  it("a clerk receives a counter dossier, checks its documents and prints form 01", async () => {
    const page = await as("clerk", "q10.motcua");
    await openMenu(page, /Tiếp nhận hồ sơ/);
    await page.getByRole("heading", { name: "Tiếp nhận hồ sơ" }).waitFor();

    // Accent-insensitive procedure search.
    await pick(
      page,
      page.getByTestId("procedure-select"),
      "khai sinh nuoc ngoai",
      `${PROCEDURE.code} · ${PROCEDURE.name}`,
    );
    const checklist = page.getByTestId("documents-checklist");
    await checklist.getByText("Giấy chứng sinh").waitFor();
    expect(await page.getByTestId("procedure-facts").textContent()).toContain("3 ngày làm việc");

    await page.getByTestId("applicant-name").fill("Nguyễn Thị Hoa");
    await page.getByTestId("applicant-id").fill("079190012345");
    await page.getByTestId("applicant-phone").fill("0903123456");
    await page.getByTestId("applicant-address").fill("268 Tô Hiến Thành, Phường 15, Quận 10");

    // Completeness is live: nothing ticked → incomplete and "Tiếp nhận" disabled; one document → still
    // incomplete; the two required ones → complete without the paper handed in "if any" (tagged
    // "Nếu có"); all → complete with it.
    const completeness = page.getByTestId("completeness");
    expect(await completeness.getAttribute("data-complete")).toBe("false");
    expect(await page.getByTestId("reception-accept").isDisabled()).toBe(true);
    expect(await checklist.getByTestId("paper-if-any").count()).toBe(1);
    expect(await checklist.locator("tr", { has: page.getByTestId("paper-if-any") }).textContent()).toContain(
      "Văn bản thỏa thuận chọn quốc tịch cho con (nếu có)",
    );
    await checklist.getByTestId("doc-received").first().check();
    expect(await completeness.textContent()).toContain("Còn thiếu 1 thành phần");
    await checklist.getByTestId("doc-received").nth(1).check();
    await page.locator('[data-testid=completeness][data-complete="true"]').waitFor();
    expect(await completeness.textContent()).toContain("Hồ sơ đủ thành phần (2/2)");
    await page.getByTestId("docs-all").check();
    await page.locator('[data-testid=completeness][data-complete="true"]').waitFor();
    expect(await completeness.textContent()).toContain("Hồ sơ đủ thành phần (3/3)");
    await screenshot(page, "dossiers-reception");

    await page.getByTestId("reception-accept").click();
    const done = page.getByTestId("reception-done");
    await done.waitFor();
    code = (await done.getAttribute("data-code")) ?? "";
    expect(code).toMatch(/^000\.00\.10\.H29-\d{6}-0001$/);
    await done.getByText(`Đã tiếp nhận hồ sơ ${code}`).waitFor();
    await screenshot(page, "dossiers-reception-done");

    // Form 01: the print view opens in a new tab with the dossier code; the DOCX downloads.
    const clerk = people.clerk!;
    const [printTab] = await Promise.all([
      clerk.context.waitForEvent("page"),
      done.getByTestId("print-form-01").click(),
    ]);
    await printTab.waitForLoadState();
    expect(await printTab.title()).toContain("Giấy tiếp nhận hồ sơ và hẹn trả kết quả");
    expect(await printTab.locator("body").textContent()).toContain(code);
    expect(await printTab.locator("body").textContent()).toContain("Nguyễn Thị Hoa");
    trackingUrl = /https?:\/\/[^\s]+\/portal\/tra-cuu\/[^\s]+/.exec(
      (await printTab.locator("body").textContent()) ?? "",
    )![0];
    expect(trackingUrl).toContain(code);
    await printTab.close();
    const docx = await clerk.context.request.get(
      (await done.getByTestId("docx-form-01").getAttribute("href"))!,
    );
    expect(docx.status()).toBe(200);
    expect(docx.headers()["content-type"]).toContain("wordprocessingml");

    await done.getByTestId("open-dossier").click();
    await page.locator(`[data-testid=dossier-page][data-code="${code}"]`).waitFor();
    dossierId = page.url().split("/").at(-1)!;
    expect(await page.getByTestId("dossier-status").getAttribute("data-status")).toBe("processing");
    // The clerk has nothing to do while the agency handles it.
    expect(await page.getByTestId("step-actions").count()).toBe(0);
  });

  it("the leader finds it in the inbox and directs it to an officer", async () => {
    const page = await as("leader", "q10.lanhdao");
    await openMenu(page, /Hồ sơ cần xử lý/);
    await page.getByRole("heading", { name: "Hồ sơ cần xử lý" }).waitFor();
    // Not assigned to anyone yet: in the unit's list and among the steps to claim, not in "mine".
    await page
      .getByTestId("inbox-tabs")
      .getByRole("tab", { name: /Chờ nhận/ })
      .click();
    const row = page.locator(`[data-testid=inbox-table] tr[data-code="${code}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(STEPS.assign);
    expect(await row.textContent()).toContain("Nguyễn Thị Hoa");
    await screenshot(page, "dossiers-inbox");

    await row.getByRole("link", { name: code }).click();
    await page.locator(`[data-testid=dossier-page][data-code="${code}"]`).waitFor();
    await act(page, STEPS.assign, "action-complete", {
      officer: `${OFFICER} (q10.chuyenvien) — Chuyên viên`,
      // The next step's officers of the justice division, not its head (a leader, not an officer).
      next: { step: STEPS.process, offered: [`${OFFICER} (q10.chuyenvien) — Chuyên viên`] },
      comment: "Đề nghị đồng chí Chuyên thẩm định, trình trong ngày",
    });
    await stepRow(page, STEPS.assign).waitFor({ state: "detached" });
    const steps = page.getByTestId("steps-table");
    await steps.getByText(OFFICER).first().waitFor();
  });

  it("the officer processes it; the diagram highlights the step in progress", async () => {
    const page = await as("officer", "q10.chuyenvien");
    await openMenu(page, /Hồ sơ cần xử lý/);
    const row = page.locator(`[data-testid=inbox-table] tr[data-code="${code}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(STEPS.process);
    await row.getByRole("link", { name: code }).click();
    await page.locator('[data-testid=process-diagram][data-rendered="true"]').waitFor();
    await page.locator('.djs-element.eiso-active[data-element-id="Task_process"]').waitFor();
    expect(await page.locator('.djs-element.eiso-done[data-element-id="Task_assign"]').count()).toBe(1);
    await act(page, STEPS.process, "action-complete", {
      comment: "Hồ sơ hợp lệ, đề nghị cấp Giấy khai sinh",
    });
  });

  it("the leader sends it back once with a reason, the officer processes again, the leader approves", async () => {
    const leader = await as("leader", "q10.lanhdao");
    await openDossier(leader);
    await act(leader, STEPS.review, "action-send-back", { comment: SEND_BACK_REASON });
    await leader
      .locator('[data-testid=timeline-item][data-kind="step.sent_back"]')
      .getByText(SEND_BACK_REASON)
      .waitFor();

    const officer = await as("officer", "q10.chuyenvien");
    await openDossier(officer);
    // Sent back to the officer who processed it, with the leader's reason on the timeline.
    await stepRow(officer, STEPS.process).waitFor();
    await act(officer, STEPS.process, "action-complete", { comment: "Đã bổ sung ý kiến về quốc tịch" });

    await openDossier(leader);
    await leader.locator('.djs-element.eiso-active[data-element-id="Task_review"]').waitFor();
    await screenshot(leader, "dossiers-dossier-in-progress");
    // The District leader's signature comes next: its leaders are offered, not the division's staff.
    await act(leader, STEPS.review, "action-complete", {
      comment: "Đồng ý, trình lãnh đạo UBND quận",
      next: { step: STEPS.approve, offered: ["Trần Thị Lãnh (q10.lanhdao) — Phó Chủ tịch UBND quận"] },
    });
    await stepRow(leader, STEPS.approve).waitFor();
    await act(leader, STEPS.approve, "action-complete", { comment: "Đồng ý cấp" });
    await stepRow(leader, STEPS.approve).waitFor({ state: "detached" });
  });

  it("the clerk returns the result; the dossier page shows the whole timeline and the diagram", async () => {
    const page = await as("clerk", "q10.motcua");
    await openDossier(page);
    await act(page, STEPS.return, "action-complete");
    await page.locator('[data-testid=dossier-status][data-status="returned"]').waitFor();

    const kinds = await page
      .getByTestId("timeline-item")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")));
    expect(kinds[0]).toBe("received");
    expect(kinds.at(-1)).toBe("returned");
    expect(kinds.filter((k) => k === "step.sent_back")).toHaveLength(1);
    // assign, process twice, review twice (one sent back: its own kind), approve, return
    expect(kinds.filter((k) => k === "step.completed")).toHaveLength(6);
    expect(kinds).toContain("result.ready");
    const timeline = (await page.getByTestId("dossier-timeline").textContent()) ?? "";
    for (const text of [
      "Tiếp nhận hồ sơ",
      `Chỉ đạo, phân công xử lý «${STEPS.assign}»`,
      `Người xử lý: ${OFFICER}`,
      `Hoàn thành bước «${STEPS.process}»`,
      `Trả lại bước «${STEPS.review}» về «${STEPS.process}»`,
      SEND_BACK_REASON,
      `Đồng ý «${STEPS.approve}»`,
      "Trả kết quả",
      "Trần Thị Lãnh",
      "Võ Thị Một",
    ])
      expect(timeline, text).toContain(text);

    // The diagram: rendered by bpmn-js, every task of the path done and coloured, nothing active.
    const diagram = page.locator('[data-testid=process-diagram][data-rendered="true"]');
    await diagram.waitFor();
    expect(await diagram.locator("svg").count()).toBeGreaterThan(0);
    for (const id of [
      "Task_receive",
      "Task_assign",
      "Task_process",
      "Task_review",
      "Task_approve",
      "Task_return",
    ])
      expect(await page.locator(`.djs-element.eiso-done[data-element-id="${id}"]`).count(), id).toBe(1);
    expect(await page.locator(".djs-element.eiso-active").count()).toBe(0);
    const fill = await page
      .locator('.djs-element.eiso-done[data-element-id="Task_review"] .djs-visual > rect')
      .first()
      .evaluate((el) => getComputedStyle(el).fill);
    expect(fill).toBe("rgb(232, 245, 233)");

    // The control sheet: every step with its officer; the forms with 01 issued and 06 always.
    const sheet = page.getByTestId("steps-table");
    expect(await sheet.locator("tbody tr.ant-table-row").count()).toBe(8);
    expect(await page.getByTestId("dossier-forms").textContent()).toContain("Mẫu 01");
    expect(await page.getByTestId("dossier-forms").textContent()).toContain("Mẫu 06");
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "dossiers-dossier-page");
    // The diagram and the timeline together, below the header.
    await page
      .getByTestId("diagram-card")
      .evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 72));
    await screenshot(page, "dossiers-diagram-timeline");
    await page.getByTestId("steps-table").scrollIntoViewIfNeeded();
    await screenshot(page, "dossiers-control-sheet");

    // The citizen opens the address of form 01's QR code on a phone, without an account: it is returned.
    const citizen = await newPage(browser, server.baseUrl);
    await citizen.page.goto(trackingUrl);
    const tracked = citizen.page.locator('[data-testid=tracking-result][data-status="returned"]');
    await tracked.waitFor();
    const shown = (await tracked.textContent()) ?? "";
    expect(shown).toContain(code);
    expect(shown).toContain("Nguyễn T. H.");
    expect(shown).not.toContain("079190012345");
    await screenshot(citizen.page, "dossiers-public-tracking");
    expect(citizen.problems).toEqual([]);
    await citizen.context.close();

    // Accent-insensitive search finds it by the applicant's name.
    await openMenu(page, /Tra cứu hồ sơ/);
    await page.getByTestId("dossier-search-q").fill("nguyen thi hoa");
    await page.getByTestId("dossier-search-submit").click();
    await page.getByTestId("dossier-table").getByRole("link", { name: code }).waitFor();
    await screenshot(page, "dossiers-search");
  });

  /** More dossiers through the API, at the same desk, for ward procedures: Ward 12 handles them. */
  const receiveWardDossiers = async () => {
    const plan: [string, number, "accept" | "refuse"][] = [
      ["1.000656", 3, "accept"],
      ["2.000884", 2, "accept"],
      ["1.004194", 1, "refuse"],
    ];
    for (const [code, count, decision] of plan) {
      for (let i = 1; i <= count; i++) {
        await receiveAtCounter(
          { name: `Lê Văn Dân ${code}-${i}` },
          {
            code,
            decision,
            reasons: decision === "refuse" ? ["Hồ sơ không thuộc thẩm quyền giải quyết của phường"] : [],
          },
        );
      }
    }
  };

  it("the leader sees the statistics with the chart, in Vietnamese and English", async () => {
    await receiveWardDossiers();
    const page = await as("leader", "q10.lanhdao");
    // The home page shows the month's figures for the leader's unit, with the chart and their work.
    await page.goto("/");
    const home = page.getByTestId("home-dossier-stats");
    await home.getByText("Ủy ban nhân dân quận 10", { exact: false }).first().waitFor();
    await home.locator(".recharts-bar-rectangle").first().waitFor();
    expect(await page.getByTestId("home-on-time-rate").textContent()).toContain("100");
    await page.getByTestId("home-my-work").getByText("Mở hồ sơ cần xử lý").waitFor();
    await screenshot(page, "home-dashboard");
    await openMenu(page, /Thống kê/);
    await page.getByRole("heading", { name: "Thống kê tình hình giải quyết hồ sơ" }).waitFor();
    const table = page.getByTestId("stats-table");
    await table.locator(".ant-table-summary").getByText("Tổng cộng: Ủy ban nhân dân quận 10").waitFor();
    await page.getByTestId("stats-chart").locator(".recharts-bar-rectangle").first().waitFor();
    // One row for District 10's own dossier, one per sub-unit; Ward 12 has the five in progress and
    // the refusal. The summary counts the whole district.
    const ward = table.locator("tr.ant-table-row", { hasText: "Ủy ban nhân dân Phường 12, Quận 10" });
    const wardCells = await ward.locator("td").allTextContents();
    expect(wardCells.slice(1, 3)).toEqual(["5", "0"]);
    expect(wardCells[8]).toBe("1");
    const totals = await table.locator(".ant-table-summary td").allTextContents();
    expect(totals.slice(1, 4)).toEqual(["6", "0", "1"]);
    // The returned dossier counts as resolved on time: rate 100 %, written as the table writes it.
    expect(await page.getByTestId("stats-rate").textContent()).toContain("100%");
    expect(totals.at(-1)).toBe("100%");
    await screenshot(page, "dossiers-statistics");
    const xlsx = await people.leader!.context.request.get(
      (await page.getByTestId("stats-xlsx").getAttribute("href"))!,
    );
    expect(xlsx.status()).toBe(200);
    const book = await people.leader!.context.request.get(
      (await page.getByTestId("tracking-book").getAttribute("href"))!,
    );
    expect(book.status()).toBe(200);

    await page.getByTestId("stats-group").getByText("Theo thủ tục").click();
    await table.getByText(PROCEDURE.name).waitFor();
    // By field: the procedure's field (Hộ tịch) has a row, and the summary still counts the district.
    await page.getByTestId("stats-group").getByText("Theo lĩnh vực").click();
    await table.locator("tr.ant-table-row", { hasText: "Hộ tịch" }).waitFor();
    expect((await table.locator(".ant-table-summary td").allTextContents()).slice(1, 4)).toEqual([
      "6",
      "0",
      "1",
    ]);

    await page.getByTestId("language-toggle").getByText("EN").click();
    await page.getByRole("heading", { name: "Dossier statistics" }).waitFor();
    expect(await page.getByTestId("stats-rate").textContent()).toContain("100%");
    await page.getByTestId("main-menu").getByText("One-stop dossiers").waitFor();
    await page.getByTestId("language-toggle").getByText("VI").click();
    await page.getByRole("heading", { name: "Thống kê tình hình giải quyết hồ sơ" }).waitFor();
  });

  it("at the district's desk, a ward procedure waits for the clerk to choose the ward (searchable without accents)", async () => {
    const page = await as("clerk", "q10.motcua");
    await openMenu(page, /Tiếp nhận hồ sơ/);
    await pick(
      page,
      page.getByTestId("procedure-select"),
      "dang ky khai sinh",
      "1.001193 · Đăng ký khai sinh",
    );
    const agency = page.getByTestId("agency-select");
    await agency.waitFor();
    // Several wards handle it and the desk is the district's: no decision until a ward is chosen.
    await page.getByText("Thủ tục do nhiều cơ quan giải quyết: chọn cơ quan có thẩm quyền").waitFor();
    for (const button of ["reception-accept", "reception-supplement", "reception-refuse"])
      expect(await page.getByTestId(button).isDisabled()).toBe(true);
    await pick(page, agency, "phuong 12", "Ủy ban nhân dân Phường 12, Quận 10");
    expect(
      await page.getByText("Thủ tục do nhiều cơ quan giải quyết: chọn cơ quan có thẩm quyền").count(),
    ).toBe(0);
    expect(await page.getByTestId("reception-supplement").isDisabled()).toBe(false);
    await screenshot(page, "dossiers-reception-agency");
  });

  it("reception renders the procedure's dossier fields by type and refuses with reasons (form 03)", async () => {
    const page = await as("clerk", "q10.motcua");
    await openMenu(page, /Tiếp nhận hồ sơ/);
    await pick(
      page,
      page.getByTestId("procedure-select"),
      "giay phep xay dung moi",
      "1.009994 · Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
    );
    // Number fields as number inputs, a yes/no field as a switch.
    await page.getByTestId("field-landArea").waitFor();
    expect(await page.getByTestId("field-floors").getAttribute("role")).toBe("spinbutton");
    expect(await page.getByTestId("field-needsSiteInspection").getAttribute("role")).toBe("switch");
    await page.getByTestId("field-floors").fill("4");
    await page.getByTestId("applicant-name").fill("Công ty TNHH Xây dựng Hòa Bình");
    await page.getByTestId("doc-received").first().check();
    // Four papers, one of them "(nếu có)": two still missing.
    expect(await page.getByTestId("completeness").textContent()).toContain("Còn thiếu 2 thành phần");
    await screenshot(page, "dossiers-reception-fields");

    await page.getByTestId("reception-refuse").click();
    const dialog = page.getByRole("dialog");
    await dialog
      .getByPlaceholder("Nội dung 1")
      .fill("Khu đất thuộc quy hoạch mở rộng đường, không cấp phép xây dựng mới");
    await dialog.getByRole("button", { name: "Xác nhận" }).click();
    const done = page.getByTestId("reception-done");
    await done.getByText(/Đã lập phiếu từ chối tiếp nhận hồ sơ/).waitFor();
    const [printTab] = await Promise.all([
      people.clerk!.context.waitForEvent("page"),
      done.getByTestId("print-form-03").click(),
    ]);
    await printTab.waitForLoadState();
    expect(await printTab.locator("body").textContent()).toContain("Khu đất thuộc quy hoạch mở rộng đường");
    await printTab.close();
    // Never received: its page gives no appointment.
    await done.getByTestId("open-dossier").click();
    await page.locator('[data-testid=dossier-status][data-status="refused"]').waitFor();
    expect((await page.getByTestId("dossier-due").textContent())?.trim()).toBe("—");
    // Nor in the search results (the code typed in lower case finds it).
    const refusedCode = (await page.getByTestId("dossier-code").textContent())!.trim();
    await openMenu(page, /Tra cứu hồ sơ/);
    await page.getByTestId("dossier-search-form").getByLabel("Mã hồ sơ").fill(refusedCode.toLowerCase());
    await page.getByTestId("dossier-search-submit").click();
    const found = page.getByTestId("dossier-table").locator("tr", { hasText: refusedCode });
    await found.locator('[data-testid=dossier-status][data-status="refused"]').waitFor();
    expect((await found.getByTestId("dossier-due").textContent())?.trim()).toBe("—");
    await screenshot(page, "dossiers-search-refused");
    // Its public tracking page says when it was handed in, not "received".
    await page.goto(`/portal/tra-cuu/${encodeURIComponent(refusedCode)}`);
    const tracked = page.locator('[data-testid=tracking-result][data-status="refused"]');
    await tracked.waitFor();
    expect(await tracked.textContent()).toContain("Ngày nộp hồ sơ");
    expect(await tracked.textContent()).not.toContain("Ngày tiếp nhận");
    // Back to the search: the filter and the list are still there (they live in the address).
    await page.goBack();
    await page
      .getByTestId("dossier-table")
      .locator("tr", { hasText: refusedCode })
      .locator('[data-testid=dossier-status][data-status="refused"]')
      .waitFor();
    expect(await page.getByTestId("dossier-search-form").getByLabel("Mã hồ sơ").inputValue()).toBe(
      refusedCode.toLowerCase(),
    );
  });

  it("hands a step to another officer, asks for a supplement once, extends with form 04, stops and archives", async () => {
    const id = await receiveAtCounter({ name: "Trần Văn Bình", idNumber: "079088000111" });
    const status = (page: Page, value: string) =>
      page.locator(`[data-testid=dossier-status][data-status="${value}"]`).waitFor();
    const more = async (page: Page, item: string) => {
      await page.getByTestId("more-actions").click();
      await page.getByRole("menuitem", { name: item }).click();
    };

    const leader = await as("leader", "q10.lanhdao");
    await leader.goto(`/dossiers/${id}`);
    await stepRow(leader, STEPS.assign).getByTestId("action-assign").click();
    // Who holds the step's role (leader) over the justice division: its head, and the District's leader.
    const assignee = leader.getByRole("dialog").getByTestId("officer-select");
    expect(await offeredOfficers(leader, assignee)).toEqual([
      "Lê Văn Trưởng (q10.truongphong) — Trưởng phòng",
      "Trần Thị Lãnh (q10.lanhdao) — Phó Chủ tịch UBND quận",
    ]);
    await pickOffered(leader, assignee, "Lê Văn Trưởng (q10.truongphong) — Trưởng phòng");
    await confirmDialog(leader);
    await leader.locator('[data-testid=timeline-item][data-kind="step.assigned"]').waitFor();
    // Now the head of division's step: the District leader may still hand it over, not complete it.
    await stepRow(leader, STEPS.assign).getByText("Lê Văn Trưởng").waitFor();
    expect(await stepRow(leader, STEPS.assign).getByTestId("action-complete").count()).toBe(0);

    await more(leader, "Yêu cầu bổ sung");
    const dialog = leader.getByRole("dialog");
    await dialog.getByPlaceholder("Giấy tờ, nội dung").fill("Bản sao hộ chiếu của người mẹ");
    await dialog.getByPlaceholder("Lý do").fill("Bản đã nộp hết hạn");
    await confirmDialog(leader);
    await status(leader, "waiting_supplement");

    // The unit's inbox filtered by dossier status: the paused dossier, marked as waiting.
    const code = (await leader.getByTestId("dossier-code").textContent())!.trim();
    await leader.goto("/dossiers/inbox?scope=unit");
    await pick(leader, leader.getByTestId("inbox-status"), "", "Chờ bổ sung");
    const row = leader.locator(`[data-testid=inbox-table] tr[data-code="${code}"]`);
    await row.locator('[data-testid=dossier-status][data-status="waiting_supplement"]').waitFor();
    await leader.waitForURL(/status=waiting_supplement/);
    const rows = leader.locator("[data-testid=inbox-table] tbody tr[data-code]");
    const waiting = leader.locator('[data-testid=inbox-table] [data-status="waiting_supplement"]');
    // Only waiting dossiers once the filtered page has loaded (the unfiltered one lists others).
    await expect.poll(async () => (await rows.count()) === (await waiting.count())).toBe(true);
    await leader.goto(`/dossiers/${id}`);
    await status(leader, "waiting_supplement");

    await more(leader, "Xin lỗi, hẹn lại (Mẫu 04)");
    // The proposed appointment: the current one moved by three working days of the tenant's calendar
    // (the one the API counts with), never a weekend or a holiday.
    const apology = leader.getByRole("dialog");
    const newDue = apology.locator(".ant-picker input");
    await expect.poll(() => newDue.inputValue()).not.toBe("");
    const calendar = await tenantCalendar(server.database.db, server.demo.hcmc.tenantId);
    const dueAt = (await (await server.login("q10.lanhdao")).get(`/api/dossiers/${id}`)).body.dueAt as string;
    const after = new Date(Math.max(Date.parse(dueAt), Date.now()));
    const vn = (at: Date) => new Date(at.getTime() + 7 * 3600_000).toISOString();
    const shown = await newDue.inputValue();
    const expected = vn(calendar.addWorkingTime(after, { days: 3 }));
    expect(shown).toBe(
      `${expected.slice(11, 16)} ${expected.slice(8, 10)}/${expected.slice(5, 7)}/${expected.slice(0, 4)}`,
    );
    expect(calendar.isWorkingDay(expected.slice(0, 10))).toBe(true);
    // The picker's month: every day before the current appointment or off work is disabled, and
    // only those; weekends among them.
    await newDue.click();
    const cells = leader.locator(".ant-picker-dropdown:visible td.ant-picker-cell-in-view[title]");
    await cells.first().waitFor();
    const month = await cells.evaluateAll((els) =>
      els.map((e) => ({
        date: e.getAttribute("title")!,
        disabled: e.classList.contains("ant-picker-cell-disabled"),
      })),
    );
    const firstDay = vn(after).slice(0, 10);
    expect(month.length).toBeGreaterThan(27);
    // The current appointment's own day only while office time is left after it.
    const timeLeft = vn(calendar.countingStart(new Date(after.getTime() + 60_000))).startsWith(firstDay);
    for (const cell of month)
      expect(cell.disabled, cell.date).toBe(
        cell.date < firstDay || (cell.date === firstDay && !timeLeft) || !calendar.isWorkingDay(cell.date),
      );
    const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
    const weekend = month.filter((c) => [0, 6].includes(weekday(c.date)) && c.date > firstDay);
    expect(weekend.some((c) => weekday(c.date) === 6 && c.disabled)).toBe(true);
    expect(weekend.some((c) => weekday(c.date) === 0 && c.disabled)).toBe(true);
    await screenshot(leader, "dossiers-extension-picker");
    await apology.locator(".ant-modal-title").click();
    await leader.locator(".ant-picker-dropdown:visible").waitFor({ state: "hidden" });
    expect(await newDue.inputValue()).toBe(shown);
    await apology.locator("textarea").fill("Chờ xác minh thông tin quốc tịch với cơ quan đại diện");
    // A refusal of the API (an appointment off working time) is shown in the dialog, which stays open.
    const refusal = "Ngày hẹn trả kết quả mới phải là ngày làm việc";
    await leader.route(`**/api/dossiers/${id}/apology`, (route) =>
      route.fulfill({
        status: 422,
        contentType: "application/json",
        body: JSON.stringify({ error: { code: "invalid_operation", message: refusal, details: null } }),
      }),
    );
    await apology.getByRole("button", { name: "Xác nhận" }).click();
    await apology.getByTestId("action-error").filter({ hasText: refusal }).waitFor();
    await screenshot(leader, "dossiers-extension-refused");
    await leader.unroute(`**/api/dossiers/${id}/apology`);
    await confirmDialog(leader);
    await leader.getByText("Đã gia hạn (Mẫu 04)").waitFor();

    const clerk = await as("clerk", "q10.motcua");
    await clerk.goto(`/dossiers/${id}`);
    await clerk.getByRole("button", { name: "Nhận hồ sơ bổ sung" }).click();
    await clerk.getByRole("dialog").locator("textarea").fill("Bản sao hộ chiếu của người mẹ");
    await confirmDialog(clerk);
    await status(clerk, "processing");

    // A second supplement request is not offered (Decree 118/2025: once).
    await leader.goto(`/dossiers/${id}`);
    await status(leader, "processing");
    await leader.getByTestId("more-actions").click();
    expect(
      await leader.getByRole("menuitem", { name: "Yêu cầu bổ sung" }).getAttribute("aria-disabled"),
    ).toBe("true");
    await leader.getByRole("menuitem", { name: "Dừng giải quyết" }).click();
    await leader
      .getByRole("dialog")
      .locator("textarea")
      .fill("Người nộp không bổ sung được giấy tờ của người mẹ");
    await confirmDialog(leader);
    await status(leader, "stopped");
    const forms = (await leader.getByTestId("dossier-forms").textContent()) ?? "";
    for (const no of ["01", "02", "04", "05", "06"]) expect(forms).toContain(`Mẫu ${no}`);
    // Stopped: no appointment any more, but when it stopped.
    expect((await leader.getByTestId("dossier-due").textContent())?.trim()).toBe("—");
    const stoppedAt = (await leader.getByTestId("dossier-closed").textContent())?.trim();
    expect(stoppedAt).toMatch(/^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
    await leader.evaluate(() => window.scrollTo(0, 0));
    await screenshot(leader, "dossiers-stopped-header");
    // The applicant's tracking page says the same.
    const citizen = await newPage(browser, server.baseUrl);
    await citizen.page.goto(`/portal/tra-cuu/${encodeURIComponent(code.toLowerCase())}`);
    const tracked = citizen.page.locator('[data-testid=tracking-result][data-status="stopped"]');
    await tracked.waitFor();
    expect((await tracked.getByTestId("tracking-due").textContent())?.trim()).toBe("—");
    expect((await tracked.getByTestId("tracking-closed").textContent())?.trim()).toBe(stoppedAt);
    expect(await tracked.textContent()).toContain("Ngày dừng giải quyết");
    expect(await tracked.textContent()).toContain("Ngày tiếp nhận");
    await screenshot(citizen.page, "dossiers-tracking-stopped");
    expect(citizen.problems).toEqual([]);
    await citizen.context.close();

    await clerk.goto(`/dossiers/${id}`);
    await more(clerk, "Lưu trữ");
    await clerk.getByRole("dialog").getByRole("button", { name: "Xác nhận" }).click();
    await status(clerk, "archived");
    expect(await clerk.getByTestId("more-actions").count()).toBe(0);
    // Archived after it stopped: still no appointment.
    expect((await clerk.getByTestId("dossier-due").textContent())?.trim()).toBe("—");
    expect((await clerk.getByTestId("dossier-closed").textContent())?.trim()).toBe(stoppedAt);
    const kinds = await clerk
      .getByTestId("timeline-item")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")));
    for (const kind of [
      "step.assigned",
      "supplement_requested",
      "extended",
      "supplement_received",
      "stopped",
      "archived",
    ])
      expect(kinds).toContain(kind);
  });

  it("the desk attaches a scanned paper to a dossier; the page lists it and it downloads", async () => {
    const id = await receiveAtCounter({ name: "Nguyễn Thị Hoa", idNumber: "079090000222" });
    const clerk = await as("clerk", "q10.motcua");
    await clerk.goto(`/dossiers/${id}`);
    const card = clerk.getByTestId("dossier-documents");
    await card.getByTestId("document-upload").click();
    const dialog = clerk.getByRole("dialog");
    await dialog.getByTestId("document-label").locator("input").fill("Bản sao hộ chiếu của người mẹ");
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
    await dialog
      .locator("input[type=file]")
      .setInputFiles({ name: "ho-chieu-me.pdf", mimeType: "application/pdf", buffer: pdf });
    await confirmDialog(clerk);
    const row = card.getByTestId("document-row").filter({ hasText: "Bản sao hộ chiếu của người mẹ" });
    await row.getByText("ho-chieu-me.pdf").waitFor();
    await screenshot(clerk, "dossiers-documents");
    const href = await card.getByTestId("document-download").first().getAttribute("href");
    const download = await people.clerk!.context.request.get(href!);
    expect(download.status()).toBe(200);
    expect((await download.body()).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("left no errors in any officer's browser console", () => {
    for (const [who, p] of Object.entries(people)) expect(p?.problems ?? [], who).toEqual([]);
  });
});
