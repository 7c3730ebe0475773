import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishedProcedure, workingDaysAhead } from "../../testing/dossier-fixtures";
import { type ApiClient, startTestServer, type TestServer } from "../../testing/harness";
import { formFileName } from "./forms";
import { readDocx } from "./forms/read-back";
import { vietnameseDate } from "./forms/vietnamese-dates";

let server: TestServer;
let clerk: ApiClient;
let leader: ApiClient;
let procedureId: string;
const ids = { q10: "", desk: "" };
const applicant = { name: "Lê Thị Hoa", idNumber: "079300009876", address: "45 Lý Thường Kiệt, Quận 10" };

async function download(
  client: ApiClient,
  path: string,
): Promise<{ status: number; body: Buffer; type: string | null; disposition: string | null }> {
  const res = await fetch(server.baseUrl + path, { headers: { cookie: client.cookie! } });
  return {
    status: res.status,
    body: Buffer.from(await res.arrayBuffer()),
    type: res.headers.get("content-type"),
    disposition: res.headers.get("content-disposition"),
  };
}

const receive = (extra: Record<string, unknown> = {}) =>
  clerk.post("/api/dossiers", {
    procedureId,
    deskUnitId: ids.desk,
    applicant,
    documents: [{ name: "Tờ khai đăng ký khai sinh", originals: 1, copies: 0 }],
    ...extra,
  });

async function docxText(client: ApiClient, dossierId: string, formNo: string) {
  const file = await download(client, `/api/dossiers/${dossierId}/forms/${formNo}`);
  expect(file.status).toBe(200);
  expect(file.type).toContain("wordprocessingml");
  return (await readDocx(file.body)).paragraphs.join("\n");
}

beforeAll(async () => {
  server = await startTestServer();
  ids.q10 = server.demo.hcmc.units.get("Ủy ban nhân dân quận 10")!;
  ids.desk = server.demo.hcmc.units.get("Bộ phận Tiếp nhận và Trả kết quả quận 10")!;
  procedureId = (
    await publishedProcedure(server.database, server.demo.hcmc.tenantId, {
      code: "9.900001",
      name: "Thủ tục đăng ký khai sinh",
      agencyUnitId: ids.q10,
      ownerUnitId: ids.q10,
      legal: { amount: 1, unit: "days" },
      documents: [{ name: "Tờ khai đăng ký khai sinh", originals: 1, copies: 0 }],
      parts: [
        { id: "process", name: "Xử lý", stepKind: "process", unit: "@agency", role: "leader", hours: 6 },
        {
          id: "return",
          name: "Trả kết quả",
          stepKind: "return",
          unit: "@reception_desk",
          role: "reception_clerk",
          hours: 2,
        },
      ],
    })
  ).procedureId;
  clerk = await server.login("q10.motcua");
  leader = await server.login("q10.lanhdao");
});
afterAll(() => server?.close());

describe("the seven forms of Circular 03/2025 for real dossiers", () => {
  it("prints form 01 (receipt) with the code, applicant, procedure and appointment date, as DOCX and HTML", async () => {
    const d = (await receive()).body;
    const text = await docxText(clerk, d.id, "01");
    expect(text).toContain(d.code);
    // Saved under the form's number and the dossier's code.
    expect((await download(clerk, `/api/dossiers/${d.id}/forms/01`)).disposition).toBe(
      `attachment; filename="${formFileName("01", d.code, "docx")}"`,
    );
    expect(formFileName("01", d.code, "docx")).toContain(d.code);
    expect(text).toContain(applicant.name);
    expect(text).toContain("Thủ tục đăng ký khai sinh");
    expect(text).toContain(vietnameseDate(new Date(d.dueAt)));
    // The procedure's handling time as the dossier was received with it (one working day).
    expect(text).toContain("3. Thời gian giải quyết hồ sơ theo quy định là: 1 ngày làm việc");
    const html = await download(clerk, `/api/dossiers/${d.id}/forms/01?format=html`);
    expect(html.type).toContain("text/html");
    expect(html.body.toString("utf8")).toContain(d.code);
  });

  it("prints forms 02 (supplement), 04 (apology), 05 (stop) and 06 (control sheet) after the matching actions", async () => {
    const d = (await receive()).body;
    await leader.post(`/api/dossiers/${d.id}/supplement-request`, {
      items: [{ requirement: "Giấy chứng sinh", reason: "Chưa có bản chính" }],
    });
    expect(await docxText(clerk, d.id, "02")).toContain("Giấy chứng sinh");
    await clerk.post(`/api/dossiers/${d.id}/supplement-received`, {});
    // An appointment on a day off is refused, with nothing written.
    const sunday = new Date(Date.now() + 7 * 86_400_000);
    sunday.setUTCDate(sunday.getUTCDate() + ((7 - sunday.getUTCDay()) % 7));
    sunday.setUTCHours(2, 0, 0, 0); // 09:00 in Vietnam, a Sunday there too
    const onSunday = await leader.post(`/api/dossiers/${d.id}/apology`, {
      reason: "Cần xác minh nơi cư trú",
      newDueAt: sunday.toISOString(),
    });
    expect(onSunday.status).toBe(422);
    expect(onSunday.body.error.message).toContain("không phải ngày làm việc");
    expect((await download(clerk, `/api/dossiers/${d.id}/forms/04`)).status).toBe(404);
    const newDue = await workingDaysAhead(server, 3);
    const apology = await leader.post(`/api/dossiers/${d.id}/apology`, {
      reason: "Cần xác minh nơi cư trú",
      newDueAt: newDue.toISOString(),
    });
    expect(apology.status).toBe(200);
    const t04 = await docxText(clerk, d.id, "04");
    expect(t04).toContain("Cần xác minh nơi cư trú");
    expect(t04).toContain(vietnameseDate(newDue));
    const t06 = await docxText(leader, d.id, "06");
    expect(t06).toContain(d.code);
    expect(t06).toContain("Bộ phận Tiếp nhận và Trả kết quả quận 10");
    await leader.post(`/api/dossiers/${d.id}/stop`, {
      reason: "Người nộp đề nghị dừng để bổ sung giấy tờ nước ngoài",
    });
    expect(await docxText(clerk, d.id, "05")).toContain("Người nộp đề nghị dừng");
  });

  it("prints form 03 (refusal) with the reasons, and has no form 01 for a refused dossier", async () => {
    const d = (
      await receive({
        decision: "refuse",
        reasons: ["Hồ sơ không thuộc thẩm quyền của Ủy ban nhân dân quận 10"],
      })
    ).body;
    expect(await docxText(clerk, d.id, "03")).toContain("không thuộc thẩm quyền");
    expect((await download(clerk, `/api/dossiers/${d.id}/forms/01`)).status).toBe(404);
  });

  it("builds the desk's tracking book (form 07) with one row per dossier", async () => {
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const list = await clerk.get(`/api/dossiers?unitId=${ids.q10}&pageSize=200`);
    const file = await download(
      clerk,
      `/api/dossiers/tracking-book.xlsx?deskUnitId=${ids.desk}&from=${today}&to=${today}`,
    );
    expect(file.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    for (const d of list.body.items as { code: string }[]) expect(cells).toContain(d.code);
    expect(list.body.items.length).toBeGreaterThanOrEqual(3);
    // A code typed in small letters, with spaces around it, finds its dossier.
    const code = (list.body.items as { code: string }[])[0]!.code;
    const found = await clerk.get(`/api/dossiers?code=${encodeURIComponent(` ${code.toLowerCase()} `)}`);
    expect(found.body.items.map((d: { code: string }) => d.code)).toEqual([code]);
  });

  it("refuses forms to an officer of another agency", async () => {
    const d = (await receive()).body;
    const outsider = await server.login("q1.admin");
    expect((await download(outsider, `/api/dossiers/${d.id}/forms/01`)).status).toBe(403);
  });
});
