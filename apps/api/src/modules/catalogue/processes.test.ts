import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "../../platform/db/client";
import { type ApiClient, startTestServer, type TestServer } from "../../testing/harness";
import { buildProcessXml, type StepSpec } from "./process-builder";
import { catalogueForDossiers } from "./runtime";

let server: TestServer;
let thuky: ApiClient; // ISO secretary of District 10: designs and publishes
let lanhdao: ApiClient; // leader of District 10: approves
let q10: string;
let tuPhap: string;
let procedureId: string;

const step = (id: string, name: string, hours: number, extra: Partial<StepSpec> = {}): StepSpec => ({
  id,
  name,
  stepKind: "process",
  unit: "@field_division",
  role: "officer",
  hours,
  ...extra,
});

/** Four steps: receive at the desk, check in the Justice Division, approve, return. */
const fourSteps = (checkHours = 16) =>
  buildProcessXml({
    name: "Đăng ký giám hộ",
    parts: [
      step("Task_receive", "Tiếp nhận", 2, {
        stepKind: "receive",
        unit: "@reception_desk",
        role: "reception_clerk",
      }),
      step("Task_check", "Thẩm định", checkHours, { unit: tuPhap }),
      step("Task_approve", "Phê duyệt", 4, { stepKind: "approve", unit: "@agency", role: "leader" }),
      step("Task_return", "Trả kết quả", 2, {
        stepKind: "return",
        unit: "@reception_desk",
        role: "reception_clerk",
      }),
    ],
  });

beforeAll(async () => {
  server = await startTestServer();
  q10 = server.demo.hcmc.units.get("Ủy ban nhân dân quận 10")!;
  tuPhap = server.demo.hcmc.units.get("Phòng Tư pháp quận 10")!;
  thuky = await server.login("q10.thuky");
  lanhdao = await server.login("q10.lanhdao");
  const admin = await server.login("admin");
  const field = (await admin.get("/api/catalogue/fields")).body.find(
    (f: { code: string }) => f.code === "HT",
  );
  const created = await admin.post("/api/procedures", {
    code: "1.000777",
    name: "Đăng ký giám hộ (cấp huyện)",
    fieldId: field.id,
    level: "district",
    processingTime: { amount: 3, unit: "days" },
    dossierFields: [
      { key: "wardAge", label: "Tuổi người được giám hộ", type: "number" },
      { key: "relation", label: "Quan hệ", type: "select", options: ["con", "cháu", "khác"] },
    ],
  });
  expect(created.status).toBe(201);
  procedureId = created.body.id;
});
afterAll(() => server?.close());

async function newProcess(xml = fourSteps()) {
  const res = await thuky.post("/api/processes", { procedureId, unitId: q10, xml });
  if (res.status === 409) {
    // One process per agency and procedure: later tests open a new version of it.
    const def = (await thuky.get(`/api/processes/${res.body.error.details.definitionId}`)).body;
    return def;
  }
  expect(res.status).toBe(201);
  return res.body;
}

async function draftOf(definitionId: string) {
  const def = (await thuky.get(`/api/processes/${definitionId}`)).body;
  return def.versions.find((v: { status: string }) => v.status === "draft");
}

async function publishThrough(versionId: string, effectiveFrom = "2026-01-01") {
  expect((await thuky.post(`/api/process-versions/${versionId}/submit`)).status).toBe(200);
  const approved = await lanhdao.post(`/api/process-versions/${versionId}/approve`, {
    decisionNumber: "215/QĐ-UBND",
    decisionDate: "2025-12-20",
  });
  expect(approved.status).toBe(200);
  const published = await thuky.post(`/api/process-versions/${versionId}/publish`, { effectiveFrom });
  expect(published.status).toBe(200);
  return published.body;
}

describe("designing, approving and publishing a process", () => {
  it("takes a draft through submission, a leader's approval with the decision, and publication", async () => {
    const def = await newProcess();
    const draft = def.versions[0];
    expect(draft).toMatchObject({ version: 1, status: "draft" });

    const check = await thuky.post(`/api/process-versions/${draft.id}/validate`, {});
    expect(check.body).toMatchObject({ ok: true, totalHours: 24, legalHours: 24, exceedsLegalTime: false });

    const submitted = await thuky.post(`/api/process-versions/${draft.id}/submit`);
    expect(submitted.body).toMatchObject({ status: "submitted", totalHours: 24 });
    // Only a leader approves; the designer cannot.
    expect(
      (
        await thuky.post(`/api/process-versions/${draft.id}/approve`, {
          decisionNumber: "1",
          decisionDate: "2025-12-20",
        })
      ).status,
    ).toBe(403);
    const approved = await lanhdao.post(`/api/process-versions/${draft.id}/approve`, {
      decisionNumber: "215/QĐ-UBND",
      decisionDate: "2025-12-20",
      note: "Đồng ý ban hành",
    });
    expect(approved.body).toMatchObject({
      status: "approved",
      decisionNumber: "215/QĐ-UBND",
      decisionDate: "2025-12-20",
      approvedByName: "Trần Thị Lãnh",
    });
    const published = await thuky.post(`/api/process-versions/${draft.id}/publish`, {
      effectiveFrom: "2026-01-01",
    });
    expect(published.body).toMatchObject({ status: "published", effectiveFrom: "2026-01-01" });

    const version = (await thuky.get(`/api/process-versions/${draft.id}`)).body;
    const tasks = version.compiled.nodes.filter((n: { type: string }) => n.type === "userTask");
    expect(tasks.map((t: { id: string; hours: number }) => [t.id, t.hours])).toEqual([
      ["Task_receive", 2],
      ["Task_check", 16],
      ["Task_approve", 4],
      ["Task_return", 2],
    ]);
    expect(tasks[1].unit).toEqual({ kind: "unit", unitId: tuPhap });
    expect(version.compiled.totalHours).toBe(24);
  });

  it("flags a process whose allotments exceed the legal time", async () => {
    const def = await newProcess();
    const v = await thuky.post(`/api/processes/${def.id}/versions`, {});
    const res = await thuky.post(`/api/process-versions/${v.body.id}/validate`, { xml: fourSteps(40) });
    expect(res.body).toMatchObject({ ok: true, totalHours: 48, legalHours: 24, exceedsLegalTime: true });
  });

  it("lets a leader send a submission back with a reason", async () => {
    const def = await newProcess();
    const draft = await draftOf(def.id);
    await thuky.post(`/api/process-versions/${draft.id}/submit`);
    const back = await lanhdao.post(`/api/process-versions/${draft.id}/reject`, {
      reason: "Rút ngắn bước thẩm định",
    });
    expect(back.body).toMatchObject({ status: "draft", rejectedReason: "Rút ngắn bước thẩm định" });
    const saved = await thuky.put(`/api/process-versions/${draft.id}/xml`, { xml: fourSteps(12) });
    expect(saved.body).toMatchObject({ status: "draft", totalHours: 20 });
  });
});

describe("publishing an invalid process is refused with the element named", () => {
  // Built lazily: the unit ids they name exist once the server has started.
  const invalid: [string, () => string, RegExp][] = [
    [
      "a dead end",
      () =>
        buildProcessXml({
          name: "x",
          parts: [step("Task_a", "Thẩm định", 4, { role: "leader", unit: "@agency" })],
        }).replace(/<bpmn:sequenceFlow id="Flow_2"[^>]*>(<\/bpmn:sequenceFlow>)?/, ""),
      /Bước "Thẩm định" \(Task_a\): ngõ cụt/,
    ],
    [
      "an unknown field in a condition",
      () =>
        buildProcessXml({
          name: "x",
          parts: [
            {
              id: "Gateway_1",
              name: "Tuổi",
              branches: [
                {
                  name: "Nhỏ",
                  condition: "childAge < 6",
                  steps: [step("Task_a", "A", 4, { unit: "@agency" })],
                },
                { name: "Khác", isDefault: true, steps: [step("Task_b", "B", 4, { unit: "@agency" })] },
              ],
            },
          ],
        }),
      /Luồng "Nhỏ" \(Flow_2\).*"childAge" không có trong dữ liệu hồ sơ/,
    ],
    [
      "a task with no role",
      () =>
        fourSteps()
          .replace(
            'id="Task_check" name="Thẩm định" eiso:stepKind="process"',
            'id="Task_check" name="Thẩm định"',
          )
          .replace(/(id="Task_check" name="Thẩm định"[^/]*?) eiso:role="officer"/, "$1"),
      /Bước "Thẩm định" \(Task_check\): chưa chọn vai trò/,
    ],
    [
      "a compensation event",
      () =>
        fourSteps().replace(
          "</bpmn:process>",
          '<bpmn:boundaryEvent id="Event_comp" name="Hoàn trả" attachedToRef="Task_check"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent></bpmn:process>',
        ),
      /Sự kiện biên "Hoàn trả" \(Event_comp\): sự kiện biên loại Compensate không được hỗ trợ/,
    ],
  ];

  for (const [what, xml, message] of invalid) {
    it(`refuses ${what}`, async () => {
      const def = await newProcess();
      let draft = await draftOf(def.id);
      if (!draft) draft = (await thuky.post(`/api/processes/${def.id}/versions`, {})).body;
      expect((await thuky.put(`/api/process-versions/${draft.id}/xml`, { xml: xml() })).status).toBe(200);
      const submit = await thuky.post(`/api/process-versions/${draft.id}/submit`);
      expect(submit.status).toBe(422);
      expect(submit.body.error.code).toBe("invalid_operation");
      expect(submit.body.error.message).toMatch(message);
      expect(
        submit.body.error.details.problems.some((p: { message: string }) => message.test(p.message)),
      ).toBe(true);
      // Nothing moved: the version is still a draft, and cannot jump to approval or publication.
      expect((await thuky.get(`/api/process-versions/${draft.id}`)).body.status).toBe("draft");
      expect(
        (await thuky.post(`/api/process-versions/${draft.id}/publish`, { effectiveFrom: "2026-02-01" }))
          .status,
      ).toBe(422);
      // Leave a valid draft for the next case.
      await thuky.put(`/api/process-versions/${draft.id}/xml`, { xml: fourSteps() });
    });
  }
});

describe("published versions", () => {
  it("cannot be changed by any API call, and a new version supersedes them", async () => {
    const def = await newProcess();
    let draft = await draftOf(def.id);
    if (!draft) draft = (await thuky.post(`/api/processes/${def.id}/versions`, {})).body;
    await thuky.put(`/api/process-versions/${draft.id}/xml`, { xml: fourSteps() });
    const v1 = await publishThrough(draft.id, "2026-03-01");
    const frozen = async () => {
      const [row] = rowsOf<{ xml: string; compiled: unknown; status: string; updated_at: string }>(
        await server.database.db.execute(
          sql`select xml, compiled, status, updated_at::text from process_versions where id = ${v1.id}`,
        ),
      );
      return row!;
    };
    const before = await frozen();
    const attempts = [
      () => thuky.put(`/api/process-versions/${v1.id}/xml`, { xml: fourSteps(1) }),
      () => thuky.post(`/api/process-versions/${v1.id}/submit`),
      () =>
        lanhdao.post(`/api/process-versions/${v1.id}/approve`, {
          decisionNumber: "9",
          decisionDate: "2026-01-01",
        }),
      () => lanhdao.post(`/api/process-versions/${v1.id}/reject`, { reason: "sửa" }),
      () => thuky.post(`/api/process-versions/${v1.id}/publish`, { effectiveFrom: "2027-01-01" }),
    ];
    for (const attempt of attempts) {
      const res = await attempt();
      expect(res.status).toBe(422);
      expect(res.body.error.message).toMatch(/đã ban hành nên không thể thay đổi/);
    }
    // The routes that touch versions are exactly these (plus reads and validation, which write nothing).
    const versionRoutes = server.app.routeTable
      .filter((r) => r.url.startsWith("/api/process-versions/:id") && r.method !== "GET")
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(versionRoutes).toEqual([
      "POST /api/process-versions/:id/approve",
      "POST /api/process-versions/:id/publish",
      "POST /api/process-versions/:id/reject",
      "POST /api/process-versions/:id/submit",
      "POST /api/process-versions/:id/validate",
      "PUT /api/process-versions/:id/xml",
    ]);
    expect(await frozen()).toEqual(before);

    // Version 2 starts from version 1's diagram; publishing it supersedes version 1.
    const v2 = await thuky.post(`/api/processes/${def.id}/versions`, {});
    expect(v2.body).toMatchObject({ status: "draft", version: v1.version + 1 });
    expect((await thuky.post(`/api/processes/${def.id}/versions`, {})).status).toBe(409);
    await thuky.put(`/api/process-versions/${v2.body.id}/xml`, { xml: fourSteps(8) });
    await publishThrough(v2.body.id, "2026-06-01");
    const versions = (await thuky.get(`/api/processes/${def.id}`)).body.versions;
    expect(versions.find((v: { id: string }) => v.id === v1.id)).toMatchObject({ status: "superseded" });
    expect(versions.find((v: { id: string }) => v.id === v2.body.id)).toMatchObject({ status: "published" });
    expect((await frozen()).xml).toBe(before.xml);
    expect((await thuky.put(`/api/process-versions/${v1.id}/xml`, { xml: fourSteps(1) })).status).toBe(422);

    // The diff names the changed step and its time.
    const diff = (await thuky.get(`/api/process-versions/diff?from=${v1.id}&to=${v2.body.id}`)).body;
    expect(diff.timeChanges).toEqual([{ id: "Task_check", name: "Thẩm định", before: 16, after: 8 }]);
    expect(diff.changed).toEqual([
      { id: "Task_check", name: "Thẩm định", changes: [{ property: "hours", before: 16, after: 8 }] },
    ]);
    expect([diff.totalHoursBefore, diff.totalHoursAfter]).toEqual([24, 16]);
  });

  it("lists added and removed steps between the demo construction permit versions", async () => {
    const c = await server.login("q10.admin");
    const defs = (await c.get(`/api/processes?unitId=${q10}`)).body;
    const permit = defs.find((d: { procedureCode: string }) => d.procedureCode === "1.009994");
    expect(permit.published).toMatchObject({ decisionNumber: "1520/QĐ-UBND", totalHours: 116 });
    const versions = (await c.get(`/api/processes/${permit.id}`)).body.versions;
    const [draft, published] = versions;
    const diff = (await c.get(`/api/process-versions/diff?from=${published.id}&to=${draft.id}`)).body;
    expect(diff.timeChanges).toEqual([
      { id: "Task_process", name: "Chuyên viên thẩm định hồ sơ", before: 64, after: 56 },
    ]);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
  });
});

describe("what the dossier runtime sees", () => {
  it("keeps the current version in effect until a newer one's effective date, then switches", async () => {
    const def = await newProcess();
    let draft = await draftOf(def.id);
    if (!draft) draft = (await thuky.post(`/api/processes/${def.id}/versions`, {})).body;
    await thuky.put(`/api/process-versions/${draft.id}/xml`, { xml: fourSteps(12) });
    const current = await publishThrough(draft.id, "2026-07-01");
    const next = await thuky.post(`/api/processes/${def.id}/versions`, {});
    await thuky.put(`/api/process-versions/${next.body.id}/xml`, { xml: fourSteps(10) });
    await publishThrough(next.body.id, "2026-09-01");
    const inEffect = async (day: string) => {
      const list = await catalogueForDossiers.publishedProcesses(
        server.database.db,
        server.demo.hcmc.tenantId,
        procedureId,
        new Date(`${day}T09:00:00+07:00`),
      );
      return list.find((p) => p.agencyUnitId === q10)?.versionId;
    };
    expect(await inEffect("2026-08-15")).toBe(current.id);
    expect(await inEffect("2026-09-01")).toBe(next.body.id);
    // A dossier that started on the older version keeps it.
    const running = await catalogueForDossiers.processVersion(
      server.database.db,
      server.demo.hcmc.tenantId,
      current.id,
    );
    expect(running.compiled.nodes.find((n) => n.id === "Task_check")).toMatchObject({ hours: 12 });
    expect(
      await catalogueForDossiers.divisionInCharge(
        server.database.db,
        server.demo.hcmc.tenantId,
        q10,
        procedureId,
      ),
    ).toBe(tuPhap);
  });
});

describe("templates", () => {
  it("shows the city's birth registration template adopted by every ward of District 10", async () => {
    const admin = await server.login("admin");
    const [template] = (await admin.get("/api/processes?kind=template")).body;
    expect(template).toMatchObject({ procedureCode: "1.001193", adopterKind: "commune" });
    const adoptions = (await admin.get(`/api/processes?templateId=${template.id}`)).body;
    expect(adoptions).toHaveLength(14);
    for (const a of adoptions) {
      expect(a.published).toMatchObject({
        decisionNumber: "2345/QĐ-UBND",
        adoptedFromVersionId: template.published.id,
      });
    }
  });

  it("lets a ward adopt a template, binding relative units to its own, and refuses units outside it", async () => {
    const admin = await server.login("admin");
    const root = server.demo.hcmc.rootUnitId;
    const created = await admin.post("/api/processes", {
      procedureId,
      unitId: root,
      kind: "template",
      xml: fourSteps(),
    });
    expect(created.status).toBe(201);
    const templateId = created.body.id;
    const p12 = await server.login("p12.admin");
    const ward12 = server.demo.hcmc.units.get("Ủy ban nhân dân Phường 12, Quận 10")!;
    const early = await p12.post(`/api/processes/${templateId}/adopt`, {
      unitId: ward12,
      effectiveFrom: "2026-01-01",
    });
    expect(early.status).toBe(422);
    expect(early.body.error.message).toMatch(/chưa được ban hành/);

    const draft = created.body.versions[0];
    await admin.post(`/api/process-versions/${draft.id}/submit`);
    await admin.post(`/api/process-versions/${draft.id}/approve`, {
      decisionNumber: "88/QĐ-UBND",
      decisionDate: "2025-12-01",
    });
    await admin.post(`/api/process-versions/${draft.id}/publish`, { effectiveFrom: "2026-01-01" });

    const outside = await p12.post(`/api/processes/${templateId}/adopt`, {
      unitId: ward12,
      bindings: { reception_desk: q10 },
      effectiveFrom: "2026-01-01",
    });
    expect(outside.status).toBe(422);
    const notHis = server.demo.hcmc.units.get("Ủy ban nhân dân Phường 4, Quận 10")!;
    expect(
      (await p12.post(`/api/processes/${templateId}/adopt`, { unitId: notHis, effectiveFrom: "2026-01-01" }))
        .status,
    ).toBe(403);

    const adopted = await p12.post(`/api/processes/${templateId}/adopt`, {
      unitId: ward12,
      bindings: { agency: ward12 },
      effectiveFrom: "2026-01-01",
    });
    expect(adopted.status).toBe(200);
    expect(adopted.body).toMatchObject({ kind: "agency", unitId: ward12, templateId });
    const version = (await p12.get(`/api/process-versions/${adopted.body.published.id}`)).body;
    expect(version).toMatchObject({
      status: "published",
      decisionNumber: "88/QĐ-UBND",
      bindings: { agency: ward12 },
    });
    const approve = version.compiled.nodes.find((n: { id: string }) => n.id === "Task_approve");
    expect(approve.unit).toEqual({ kind: "unit", unitId: ward12 });
    const receive = version.compiled.nodes.find((n: { id: string }) => n.id === "Task_receive");
    expect(receive.unit).toEqual({ kind: "relative", relation: "reception_desk" });
    // The adopted version is as immutable as any published one.
    expect((await p12.put(`/api/process-versions/${version.id}/xml`, { xml: fourSteps(1) })).status).toBe(
      422,
    );
  });
});
