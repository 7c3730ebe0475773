import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSpreadsheet } from "../../platform/files/spreadsheet";
import { type ApiClient, startTestServer, type TestServer } from "../../testing/harness";

let server: TestServer;
let admin: ApiClient;
const unit = (name: string) => server.demo.hcmc.units.get(name)!;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.login("admin");
});
afterAll(() => server?.close());

function upload(client: ApiClient, path: string, file: Buffer, filename: string) {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(file)]), filename);
  return client.request("POST", path, undefined, { raw: form });
}

describe("agency tree", () => {
  it("lists the 63 agencies of seed 000 annex 3 for the demo tenant admin", async () => {
    const res = await admin.get("/api/units");
    const names = res.body.map((u: { name: string }) => u.name);
    expect(names).toContain("Sở Khoa học và Công nghệ");
    expect(names).toContain("Chi cục Văn thư - Lưu trữ thuộc Sở Nội vụ");
    const root = res.body.find((u: { depth: number }) => u.depth === 0);
    const annex = res.body.filter(
      (u: { name: string; kind: string }) =>
        u.kind !== "commune" &&
        u.kind !== "division" &&
        u.kind !== "service_centre" &&
        u.kind !== "people_committee",
    );
    expect(annex).toHaveLength(63);
    expect(root.name).toBe("Ủy ban nhân dân Thành phố Hồ Chí Minh");
    const chiCuc = res.body.find((u: { name: string }) => u.name.startsWith("Chi cục Thủy lợi"));
    expect(chiCuc.parentId).toBe(unit("Sở Nông nghiệp và Phát triển nông thôn"));
  });

  it("finds units without diacritics", async () => {
    const res = await admin.get(`/api/units?q=${encodeURIComponent("so tu phap")}`);
    expect(res.body.map((u: { name: string }) => u.name)).toEqual(["Sở Tư pháp"]);
  });

  it("creates, edits and moves a unit with its subtree, keeping history", async () => {
    const q10 = unit("Ủy ban nhân dân quận 10");
    const created = await admin.post("/api/units", {
      parentId: q10,
      code: "000.10.60.H29",
      name: "Phòng Thử nghiệm",
      kind: "division",
    });
    expect(created.status).toBe(201);
    const child = await admin.post("/api/units", {
      parentId: created.body.id,
      code: "000.10.61.H29",
      name: "Tổ Thử nghiệm",
      kind: "division",
    });
    const renamed = await admin.patch(`/api/units/${created.body.id}`, { name: "Phòng Thử nghiệm mới" });
    expect(renamed.body.name).toBe("Phòng Thử nghiệm mới");
    const q1 = unit("Ủy ban nhân dân quận 1");
    const moved = await admin.post(`/api/units/${created.body.id}/move`, { newParentId: q1 });
    expect(moved.status).toBe(200);
    const movedChild = await admin.get(`/api/units/${child.body.id}`);
    expect(movedChild.body.path.startsWith(moved.body.path)).toBe(true);
    expect(movedChild.body.depth).toBe(moved.body.depth + 1);
    const q1Subtree = await admin.get(`/api/units?rootId=${q1}`);
    expect(q1Subtree.body.map((u: { id: string }) => u.id)).toContain(child.body.id);
    // Each unit reports how many active units sit directly under it, as counted from the list.
    const listed: { id: string; parentId: string | null; childCount: number }[] = q1Subtree.body;
    for (const u of listed) expect(u.childCount, u.id).toBe(listed.filter((c) => c.parentId === u.id).length);
    expect(listed.find((u) => u.id === created.body.id)?.childCount).toBe(1);
    const history = await admin.get(`/api/units/${created.body.id}/history`);
    expect(history.body.map((e: { event: string }) => e.event)).toEqual(["moved", "renamed", "created"]);
  });

  it("refuses to move a unit under its own descendant", async () => {
    const q10 = unit("Ủy ban nhân dân quận 10");
    const ward = unit("Ủy ban nhân dân Phường 2, Quận 10");
    const res = await admin.post(`/api/units/${q10}/move`, { newParentId: ward });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("invalid_operation");
  });

  it("refuses a duplicate electronic identifier code", async () => {
    const res = await admin.post("/api/units", {
      parentId: unit("Ủy ban nhân dân quận 10"),
      code: "000.00.30.H29",
      name: "Trùng mã",
      kind: "division",
    });
    expect(res.status).toBe(409);
  });
});

describe("merging units (2025 reform)", () => {
  it("merges two wards into a new one; their users, history and audit entries are reachable from it", async () => {
    const q10 = unit("Ủy ban nhân dân quận 10");
    const w5 = unit("Ủy ban nhân dân Phường 5, Quận 10");
    const w6 = unit("Ủy ban nhân dân Phường 6, Quận 10");
    // An officer in each old ward, and a unit admin of ward 5.
    const officer5 = await admin.post("/api/users", {
      username: "p5.canbo",
      fullName: "Cán bộ Phường 5",
      unitId: w5,
      password: "mat-khau-2026",
      roles: ["officer"],
    });
    const admin6 = await admin.post("/api/users", {
      username: "p6.admin",
      fullName: "Quản trị Phường 6",
      unitId: w6,
      password: "mat-khau-2026",
      roles: ["unit_admin"],
    });
    expect(officer5.status).toBe(201);
    await admin.patch(`/api/units/${w5}`, { address: "Số 1 đường Ba Tháng Hai" });

    const merged = await admin.post("/api/units/merge", {
      sourceIds: [w5, w6],
      newUnit: {
        parentId: q10,
        code: "000.10.70.H29",
        name: "Ủy ban nhân dân Phường Diên Hồng",
        kind: "commune",
      },
      effectiveDate: "2025-07-01",
      decision: "Nghị quyết 1685/NQ-UBTVQH15",
    });
    expect(merged.status).toBe(200);
    const target = merged.body.id;

    // Old wards are kept, marked merged, inside the new ward's subtree.
    const former = await admin.get(`/api/units/${target}/former`);
    expect(former.body.map((u: { id: string }) => u.id).sort()).toEqual([w5, w6].sort());
    expect(
      former.body.every(
        (u: { status: string; mergedIntoId: string; effectiveTo: string }) =>
          u.status === "merged" && u.mergedIntoId === target && u.effectiveTo === "2025-07-01",
      ),
    ).toBe(true);
    // Active listings hide them; asking for former units shows them.
    const active = await admin.get(`/api/units?rootId=${q10}`);
    expect(active.body.map((u: { id: string }) => u.id)).not.toContain(w5);
    const all = await admin.get(`/api/units?rootId=${q10}&includeFormer=true`);
    expect(all.body.map((u: { id: string }) => u.id)).toContain(w5);

    // Users of the old wards now belong to the new one.
    const users = await admin.get(`/api/users?unitId=${target}`);
    expect(users.body.items.map((u: { id: string }) => u.id).sort()).toEqual(
      [officer5.body.id, admin6.body.id].sort(),
    );

    // History of the new ward includes the old wards' own events.
    const history = await admin.get(`/api/units/${target}/history`);
    const events = history.body.map(
      (e: { unitId: string; event: string }) =>
        `${e.unitId === target ? "new" : e.unitId === w5 ? "w5" : "w6"}:${e.event}`,
    );
    expect(events).toEqual(
      expect.arrayContaining([
        "new:absorbed",
        "new:created",
        "w5:merged_into",
        "w5:updated",
        "w5:created",
        "w6:merged_into",
      ]),
    );

    // Audit entries recorded against the old wards are found from the new ward.
    const audit = await admin.get(`/api/audit?unitId=${target}&pageSize=200`);
    const auditUnits = new Set(audit.body.items.map((a: { unitId: string }) => a.unitId));
    expect(auditUnits.has(w5)).toBe(true);
    expect(auditUnits.has(w6)).toBe(true);
    // …each named after the unit it was recorded against, the old ward's name included.
    const w5Name = (await admin.get(`/api/units/${w5}`)).body.name;
    const w5Entries = audit.body.items.filter((a: { unitId: string }) => a.unitId === w5);
    expect(w5Entries.length).toBeGreaterThan(0);
    for (const a of w5Entries) expect(a.unitName).toBe(w5Name);
    expect(
      audit.body.items.some(
        (a: { action: string; unitId: string }) => a.action === "unit.update" && a.unitId === w5,
      ),
    ).toBe(true);

    // The former ward-6 admin now administers the new ward (grant moved with the merge).
    const p6 = await server.loginFirstTime("p6.admin", "mat-khau-2026");
    const scope = await p6.get("/api/units");
    expect(scope.body[0].id).toBe(target);
  });

  it("refuses to merge a unit into its own descendant", async () => {
    const ward = unit("Ủy ban nhân dân Phường 9, Quận 10");
    const res = await admin.post("/api/units/merge", {
      sourceIds: [unit("Ủy ban nhân dân quận 10")],
      targetId: ward,
      effectiveDate: "2025-07-01",
    });
    expect(res.status).toBe(422);
  });
});

describe("importing units from XLSX and CSV", () => {
  it("previews, reports bad rows by row and column, applies good rows, and re-import updates without duplicates", async () => {
    const q10 = unit("Ủy ban nhân dân quận 10");
    const headers = ["Mã định danh", "Tên đơn vị", "Loại đơn vị", "Mã đơn vị cấp trên", "Địa chỉ"];
    const rows = [
      ["000.10.80.H29", "Phòng Nội vụ quận 10", "division", "", "474 Đường 3/2"],
      ["000.10.81.H29", "Tổ Thi đua", "Phòng, ban chuyên môn", "000.10.80.H29", ""],
      ["BAD CODE", "Phòng Lỗi Mã", "division", "", ""],
      ["000.10.82.H29", "Phòng Lỗi Loại", "lâu đài", "", ""],
      ["000.10.83.H29", "Phòng Lỗi Cha", "division", "000.99.99.H29", ""],
    ];
    const file = await writeSpreadsheet("Đơn vị", headers, rows);
    const preview = await upload(admin, `/api/units/import?mode=preview&parentId=${q10}`, file, "units.xlsx");
    expect(preview.status).toBe(200);
    expect(preview.body.applied).toBe(false);
    expect(preview.body.rows.map((r: { code: string; action: string }) => `${r.code}:${r.action}`)).toEqual([
      "000.10.80.H29:create",
      "000.10.81.H29:create",
    ]);
    expect(preview.body.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`)).toEqual([
      "4:Mã định danh",
      "5:Loại đơn vị",
      "6:Mã đơn vị cấp trên",
    ]);
    expect((await admin.get("/api/units?q=Phong Noi vu quan 10")).body).toHaveLength(0);

    const applied = await upload(admin, `/api/units/import?mode=apply&parentId=${q10}`, file, "units.xlsx");
    expect(applied.body.applied).toBe(true);
    const noiVu = (await admin.get("/api/units?q=Phong Noi vu quan 10")).body;
    expect(noiVu).toHaveLength(1);
    const toThiDua = (await admin.get("/api/units?q=To Thi dua")).body;
    expect(toThiDua[0].parentId).toBe(noiVu[0].id);

    const csv = Buffer.from(
      "\uFEFFMã định danh;Tên đơn vị;Loại đơn vị\n000.10.80.H29;Phòng Nội vụ quận 10 (đổi tên);division\n",
    );
    const again = await upload(admin, `/api/units/import?mode=apply&parentId=${q10}`, csv, "units.csv");
    expect(again.body.rows[0].action).toBe("update");
    const after = (await admin.get("/api/units?q=Phong Noi vu quan 10")).body;
    expect(after).toHaveLength(1);
    expect(after[0].name).toBe("Phòng Nội vụ quận 10 (đổi tên)");
  });

  it("rejects a file that is neither XLSX nor CSV by its content", async () => {
    const q10 = unit("Ủy ban nhân dân quận 10");
    const res = await upload(
      admin,
      `/api/units/import?mode=preview&parentId=${q10}`,
      Buffer.from([0, 1, 2, 3, 0]),
      "units.xlsx",
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("import_failed");
  });
});
