import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "../../platform/db/client";
import { readSpreadsheet, writeSpreadsheet } from "../../platform/files/spreadsheet";
import { type ApiClient, startTestServer, type TestServer } from "../../testing/harness";
import { procedureHeaders } from "./procedure-columns";
import { procedures } from "./tables";

let server: TestServer;
let admin: ApiClient;
let fields: { id: string; code: string; name: string }[];

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.login("admin");
  fields = (await admin.get("/api/catalogue/fields")).body;
});
afterAll(() => server?.close());

const upload = (c: ApiClient, path: string, file: Buffer, name = "thu-tuc.xlsx") => {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(file)]), name);
  return c.request("POST", path, undefined, { raw: form });
};

async function auditCount(action: string) {
  const [r] = rowsOf<{ n: number }>(
    await server.database.db.execute(sql`select count(*)::int as n from audit_log where action = ${action}`),
  );
  return r!.n;
}

describe("the demo catalogue", () => {
  it("has the city's fields and about twenty procedures with codes, times and fees", async () => {
    expect(fields.map((f) => f.name)).toContain("Hộ tịch");
    const page = (await admin.get("/api/procedures?pageSize=100")).body;
    expect(page.total).toBeGreaterThanOrEqual(20);
    const birth = page.items.find((p: { code: string }) => p.code === "1.001193");
    expect(birth).toMatchObject({ name: "Đăng ký khai sinh", level: "commune", legalHours: 8 });
  });
});

describe("searching procedures", () => {
  it("finds procedures without accents, words in any order, and by code", async () => {
    const search = async (q: string) =>
      (await admin.get(`/api/procedures?q=${encodeURIComponent(q)}`)).body.items.map(
        (p: { name: string }) => p.name,
      );
    expect(await search("dang ky khai sinh")).toContain("Đăng ký khai sinh");
    expect(await search("KHAI SINH đăng ký")).toContain("Đăng ký khai sinh");
    expect(await search("giay phep xay dung")).toContain("Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ");
    expect(await search("1.009994")).toEqual(["Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"]);
    expect(await search("khong co thu tuc nay")).toEqual([]);
  });

  it("filters by field and level", async () => {
    const hoTich = fields.find((f) => f.name === "Hộ tịch")!;
    const res = await admin.get(`/api/procedures?fieldId=${hoTich.id}&level=district`);
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const p of res.body.items) expect([p.fieldName, p.level]).toEqual(["Hộ tịch", "district"]);
  });
});

describe("editing the catalogue", () => {
  it("creates a procedure with its documents, fees and dossier fields, audited", async () => {
    const before = await auditCount("catalogue.procedure.create");
    const res = await admin.post("/api/procedures", {
      code: "1.000123",
      name: "Đăng ký giám hộ",
      fieldId: fields.find((f) => f.code === "HT")!.id,
      level: "commune",
      processingTime: { amount: 3, unit: "days" },
      documents: [{ name: "Tờ khai đăng ký giám hộ", originals: 1, copies: 0 }],
      fees: [{ name: "Lệ phí", amountVnd: 15000 }],
      dossierFields: [{ key: "wardAge", label: "Tuổi người được giám hộ", type: "number" }],
      onlineLevel: "partial",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      code: "1.000123",
      legalHours: 24,
      fieldName: "Hộ tịch",
      status: "active",
    });
    expect(await auditCount("catalogue.procedure.create")).toBe(before + 1);
    const patched = await admin.patch(`/api/procedures/${res.body.id}`, {
      status: "abolished",
      abolishedOn: "2026-01-01",
    });
    expect(patched.body).toMatchObject({
      status: "abolished",
      abolishedOn: "2026-01-01",
      name: "Đăng ký giám hộ",
    });
  });

  it("refuses a duplicate code, an abolished procedure without a date and duplicate dossier field keys", async () => {
    const base = { name: "X", fieldId: fields[0]!.id, level: "commune" };
    expect((await admin.post("/api/procedures", { ...base, code: "1.001193" })).status).toBe(409);
    const abolished = await admin.post("/api/procedures", { ...base, code: "9.999001", status: "abolished" });
    expect(abolished.status).toBe(422);
    const dupKeys = await admin.post("/api/procedures", {
      ...base,
      code: "9.999002",
      dossierFields: [
        { key: "a", label: "A", type: "text" },
        { key: "a", label: "B", type: "number" },
      ],
    });
    expect(dupKeys.status).toBe(400);
    const selectWithoutOptions = await admin.post("/api/procedures", {
      ...base,
      code: "9.999003",
      dossierFields: [{ key: "kind", label: "Loại", type: "select" }],
    });
    expect(selectWithoutOptions.status).toBe(400);
  });

  it("lets a district's ISO secretary add a field for the district but not for the city", async () => {
    const thuky = await server.login("q10.thuky");
    const q10 = server.demo.hcmc.units.get("Ủy ban nhân dân quận 10")!;
    const own = await thuky.post("/api/catalogue/fields", {
      code: "Q10-MT",
      name: "Môi trường quận",
      ownerUnitId: q10,
    });
    expect(own.status).toBe(201);
    expect(
      (await thuky.post("/api/catalogue/fields", { code: "TP-X", name: "Lĩnh vực thành phố" })).status,
    ).toBe(403);
    const renamed = await thuky.patch(`/api/catalogue/fields/${own.body.id}`, { name: "Môi trường" });
    expect(renamed.body.name).toBe("Môi trường");
  });
});

/** A spreadsheet of `n` procedures in the export layout, with `bad` rows broken on purpose. */
async function procedureSheet(n: number, bad: Map<number, Partial<Record<string, string>>>) {
  const rows: string[][] = [];
  for (let i = 1; i <= n; i++) {
    const cells: Record<string, string> = {
      "Mã thủ tục": `9.${String(i).padStart(6, "0")}`,
      "Tên thủ tục": `Thủ tục nhập thử số ${i}`,
      "Lĩnh vực": i % 2 ? "HT" : "Chứng thực",
      "Cấp thực hiện": i % 3 ? "Cấp xã" : "Cấp huyện",
      "Cơ quan thực hiện": "Ủy ban nhân dân cấp xã",
      "Cách thức thực hiện": "Trực tiếp, Trực tuyến",
      "Thời hạn giải quyết": i % 5 ? `${(i % 10) + 1} ngày làm việc` : "4 giờ",
      "Phí, lệ phí (đồng)": i % 4 ? `Lệ phí: ${(i % 7) * 5}.000 đồng` : "Miễn phí",
      "Thành phần hồ sơ": "Tờ khai | 1 | 0\nGiấy tờ tùy thân | 0 | 1",
      "Dịch vụ công trực tuyến": "Một phần",
      "Trạng thái": "Đang áp dụng",
      ...bad.get(i),
    };
    rows.push(procedureHeaders.map((h) => cells[h] ?? ""));
  }
  return writeSpreadsheet("Thủ tục", procedureHeaders, rows);
}

describe("importing procedures from XLSX", () => {
  const bad = new Map<number, Partial<Record<string, string>>>([
    [17, { "Cấp thực hiện": "Cấp vũ trụ" }],
    [250, { "Lĩnh vực": "Lĩnh vực không có" }],
    [499, { "Thời hạn giải quyết": "vài hôm" }],
  ]);
  const count = async () => {
    const [r] = await server.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(procedures)
      .where(and(eq(procedures.tenantId, server.demo.hcmc.tenantId), sql`${procedures.code} like '9.%'`));
    return r!.n;
  };

  it("previews 500 rows without writing, reporting the 3 bad rows by row and column", async () => {
    const res = await upload(admin, "/api/procedures/import?mode=preview", await procedureSheet(500, bad));
    expect(res.status).toBe(200);
    expect(res.body.applied).toBe(false);
    expect(res.body.rows).toHaveLength(497);
    expect(res.body.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [18, "Cấp thực hiện"],
      [251, "Lĩnh vực"],
      [500, "Thời hạn giải quyết"],
    ]);
    expect(res.body.errors[1].message).toMatch(/Lĩnh vực không có/);
    expect(await count()).toBe(0);
  });

  it("reports a value the contract refuses in Vietnamese, like its own checks", async () => {
    const res = await upload(
      admin,
      "/api/procedures/import?mode=preview",
      await procedureSheet(3, new Map([[1, { "Tên thủ tục": "" }]])),
    );
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0]).toMatchObject({ row: 2, column: "Tên thủ tục" });
    expect(res.body.errors[0].message).toMatch(/^Quá nhỏ/);
  });

  it("imports the good rows, and a re-import updates by code without duplicates", async () => {
    const file = await procedureSheet(500, bad);
    const first = await upload(admin, "/api/procedures/import?mode=apply", file);
    expect(first.body).toMatchObject({ applied: true, created: 497, updated: 0 });
    expect(first.body.errors).toHaveLength(3);
    expect(await count()).toBe(497);

    // The corrected file: the three rows fixed, one name changed.
    const fixed = await procedureSheet(
      500,
      new Map([[42, { "Tên thủ tục": "Thủ tục nhập thử số 42 (đã sửa)" }]]),
    );
    const second = await upload(admin, "/api/procedures/import?mode=apply", fixed);
    expect(second.body).toMatchObject({ created: 3, updated: 497, errors: [] });
    expect(await count()).toBe(500);
    const third = await upload(admin, "/api/procedures/import?mode=apply", fixed);
    expect(third.body).toMatchObject({ created: 0, updated: 500 });
    expect(await count()).toBe(500);
    const found = (await admin.get("/api/procedures?q=nhap thu so 42 da sua")).body.items;
    expect(found.map((p: { code: string }) => p.code)).toEqual(["9.000042"]);
    const fourHours = (await admin.get("/api/procedures?q=9.000005")).body.items[0];
    expect(fourHours.processingTime).toEqual({ amount: 4, unit: "hours" });
    // Each import is one audited change listing what it created and changed.
    const [audit] = rowsOf<{ after: { created: string[]; changed: { code: string; fields: string[] }[] } }>(
      await server.database.db.execute(
        sql`select after from audit_log where action = 'catalogue.procedure.import' order by at desc, id desc offset 1 limit 1`,
      ),
    );
    expect(audit!.after.created).toEqual(["9.000017", "9.000250", "9.000499"]);
    expect(audit!.after.changed).toEqual([{ code: "9.000042", fields: ["name"] }]);
  }, 300_000);

  it("reports a file without the required columns, and refuses a file that is not a spreadsheet", async () => {
    const noLevel = await writeSpreadsheet(
      "x",
      ["Mã thủ tục", "Tên thủ tục", "Lĩnh vực"],
      [["1", "A", "HT"]],
    );
    const res = await upload(admin, "/api/procedures/import", noLevel);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Cấp thực hiện/);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]);
    expect((await upload(admin, "/api/procedures/import", png, "thu-tuc.xlsx")).status).toBe(400);
  });

  it("exports XLSX in the import layout, and the export re-imports unchanged", async () => {
    const res = await fetch(`${server.baseUrl}/api/procedures/export?q=chung thuc`, {
      headers: { cookie: admin.cookie! },
    });
    expect(res.headers.get("content-type")).toMatch(/spreadsheetml/);
    const file = Buffer.from(await res.arrayBuffer());
    const sheet = await readSpreadsheet(file);
    expect(sheet.headers).toEqual(procedureHeaders);
    const copy = sheet.rows.find((r) => r.cells["Mã thủ tục"] === "2.000815")!;
    expect(copy.cells["Phí, lệ phí (đồng)"]).toMatch(/^Phí chứng thực: 2\.000 đồng/);
    expect(copy.cells["Thời hạn giải quyết"]).toBe("1 ngày làm việc");
    const before = (await admin.get("/api/procedures?q=2.000815")).body.items[0];
    const again = await upload(admin, "/api/procedures/import?mode=apply", file);
    expect(again.body.errors).toEqual([]);
    expect(again.body.created).toBe(0);
    const after = (await admin.get("/api/procedures?q=2.000815")).body.items[0];
    expect(after.fees).toEqual(before.fees);
    expect(after.processingTime).toEqual(before.processingTime);
  });
});

describe("responsibility assignment", () => {
  it("shows District 10's divisions in charge of fields and lets its admin assign and remove", async () => {
    const q10 = server.demo.hcmc.units.get("Ủy ban nhân dân quận 10")!;
    const c = await server.login("q10.admin");
    const list = (await c.get(`/api/catalogue/assignments?agencyUnitId=${q10}`)).body;
    expect(list.find((a: { subjectName: string }) => a.subjectName === "Xây dựng")).toMatchObject({
      assigneeUnitName: "Phòng Quản lý đô thị quận 10",
    });
    const birth = (await c.get("/api/procedures?q=1.001695")).body.items[0];
    const users = (await c.get("/api/users?pageSize=200")).body.items;
    const officer = users.find((u: { username: string }) => u.username === "q10.chuyenvien");
    const created = await c.post("/api/catalogue/assignments", {
      agencyUnitId: q10,
      subjectType: "procedure",
      subjectId: birth.id,
      assigneeUserId: officer.id,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ assigneeUserName: "Phạm Thị Chuyên", subjectCode: "1.001695" });
    expect(
      (
        await c.post("/api/catalogue/assignments", {
          agencyUnitId: q10,
          subjectType: "procedure",
          subjectId: birth.id,
          assigneeUserId: officer.id,
        })
      ).status,
    ).toBe(409);
    const outsider = server.demo.hcmc.units.get("Phòng Tư pháp quận 10")!;
    const ward = server.demo.hcmc.units.get("Ủy ban nhân dân Phường 12, Quận 10")!;
    // The unit in charge must be inside the agency.
    const wrong = await c.post("/api/catalogue/assignments", {
      agencyUnitId: ward,
      subjectType: "procedure",
      subjectId: birth.id,
      assigneeUnitId: outsider,
    });
    expect(wrong.status).toBe(422);
    expect((await c.post(`/api/catalogue/assignments/${created.body.id}/remove`)).status).toBe(200);
  });
});

describe("an officer without catalogue rights in the agency", () => {
  it("gets 403 on every catalogue mutation, and nothing is written", async () => {
    const officer = await server.login("q10.chuyenvien");
    const some = "01900000-0000-7000-8000-000000000000";
    const routes = server.app.routeTable.filter(
      (r) => r.method !== "GET" && /^\/api\/(catalogue|procedures|processes|process-versions)/.test(r.url),
    );
    expect(routes.length).toBeGreaterThanOrEqual(16);
    const before = await auditCount("catalogue.procedure.update");
    const results: string[] = [];
    for (const r of routes) {
      const url = r.url.replace(/:id/g, some);
      const res =
        url === "/api/procedures/import"
          ? await upload(officer, url, await procedureSheet(1, new Map()))
          : await officer.request(r.method, url, {});
      if (res.status !== 403) results.push(`${r.method} ${r.url} → ${res.status}`);
    }
    expect(results).toEqual([]);
    expect(await auditCount("catalogue.procedure.update")).toBe(before);
  });
});
