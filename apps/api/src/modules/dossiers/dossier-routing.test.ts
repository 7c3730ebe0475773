import { EISO_NAMESPACE } from "@eiso/contracts";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveSession } from "../../platform/auth/session";
import { rowsOf } from "../../platform/db/client";
import { activeStep, activeSteps, publishedProcedure } from "../../testing/dossier-fixtures";
import { type ApiClient, startTestServer, type TestServer } from "../../testing/harness";
import { tenantCalendar } from "../calendar/service";
import { catalogueForDossiers } from "../catalogue/runtime";
import { receiveSupplement, requestSupplement } from "./handling";
import { receiveDossier } from "./receive-dossier";
import { loadDossier } from "./store";

let server: TestServer;
let admin: ApiClient;
let clerk: ApiClient;
let leader: ApiClient;
const ids = { q10: "", desk: "", justice: "", urban: "", ward12: "", soTuPhap: "", q1: "" };
const applicant = { name: "Trần Thị Bình", idNumber: "079190004321" };

async function userId(username: string) {
  const res = await admin.get(`/api/users?q=${username}`);
  return res.body.items.find((u: { username: string }) => u.username === username).id as string;
}

beforeAll(async () => {
  server = await startTestServer();
  const u = server.demo.hcmc.units;
  ids.q10 = u.get("Ủy ban nhân dân quận 10")!;
  ids.desk = u.get("Bộ phận Tiếp nhận và Trả kết quả quận 10")!;
  ids.justice = u.get("Phòng Tư pháp quận 10")!;
  ids.urban = u.get("Phòng Quản lý đô thị quận 10")!;
  ids.ward12 = u.get("Ủy ban nhân dân Phường 12, Quận 10")!;
  ids.soTuPhap = u.get("Sở Tư pháp")!;
  ids.q1 = u.get("Ủy ban nhân dân quận 1")!;
  admin = await server.login("admin");
  clerk = await server.login("q10.motcua");
  leader = await server.login("q10.lanhdao");
});
afterAll(() => server?.close());

describe("routing dossiers through the process", () => {
  it("routes an exclusive gateway by the dossier's fields", async () => {
    const p = await publishedProcedure(server.database, server.demo.hcmc.tenantId, {
      code: "9.900003",
      name: "Cấp giấy phép xây dựng nhà ở riêng lẻ",
      agencyUnitId: ids.q10,
      ownerUnitId: ids.q10,
      legal: { amount: 15, unit: "days" },
      dossierFields: [{ key: "area", label: "Diện tích sàn (m²)", type: "number", required: true }],
      parts: [
        {
          id: "receive",
          name: "Tiếp nhận",
          stepKind: "receive",
          unit: "@reception_desk",
          role: "reception_clerk",
          hours: 2,
        },
        {
          id: "size",
          name: "Quy mô công trình",
          branches: [
            {
              name: "Lớn",
              condition: "area > 250",
              steps: [
                {
                  id: "survey",
                  name: "Kiểm tra thực địa",
                  stepKind: "process",
                  unit: ids.urban,
                  role: "officer",
                  hours: 40,
                },
              ],
            },
            {
              name: "Nhỏ",
              isDefault: true,
              steps: [
                {
                  id: "desk_review",
                  name: "Thẩm định hồ sơ",
                  stepKind: "process",
                  unit: ids.urban,
                  role: "officer",
                  hours: 24,
                },
              ],
            },
          ],
        },
        { id: "approve", name: "Phê duyệt", stepKind: "approve", unit: "@agency", role: "leader", hours: 8 },
      ],
    });
    const send = (area: number) =>
      clerk.post("/api/dossiers", {
        procedureId: p.procedureId,
        deskUnitId: ids.desk,
        applicant,
        documents: [{ name: "Tờ khai", originals: 1, copies: 0 }],
        data: { area },
      });
    const big = await send(400);
    const small = await send(90);
    const stepOf = async (id: string) => activeStep((await clerk.get(`/api/dossiers/${id}`)).body);
    expect((await stepOf(big.body.id)).name).toBe("Kiểm tra thực địa");
    expect((await stepOf(small.body.id)).name).toBe("Thẩm định hồ sơ");
    const missing = await clerk.post("/api/dossiers", {
      procedureId: p.procedureId,
      deskUnitId: ids.desk,
      applicant,
      documents: [{ name: "Tờ khai", originals: 1, copies: 0 }],
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.fields).toEqual(["area"]);
    // Data the procedure does not declare, or of the wrong type, is refused and nothing is written.
    const before = (await clerk.get(`/api/dossiers?procedureId=${p.procedureId}`)).body.total;
    for (const data of [{ area: 90, floors: 3 }, { area: "90" }]) {
      const wrong = await clerk.post("/api/dossiers", {
        procedureId: p.procedureId,
        deskUnitId: ids.desk,
        applicant,
        documents: [{ name: "Tờ khai", originals: 1, copies: 0 }],
        data,
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.code).toBe("validation_failed");
      expect(wrong.body.error.details.fields).toEqual([Object.keys(data).at(-1)]);
    }
    expect((await clerk.get(`/api/dossiers?procedureId=${p.procedureId}`)).body.total).toBe(before);
  });

  it("splits into parallel steps and continues only when both are done", async () => {
    const task = (id: string, name: string, unit: string, role: string, hours: number) =>
      `<bpmn:userTask id="${id}" name="${name}" eiso:stepKind="process" eiso:unit="${unit}" eiso:role="${role}" eiso:hours="${hours}" />`;
    const flow = (id: string, from: string, to: string) =>
      `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:eiso="${EISO_NAMESPACE}" id="D" targetNamespace="http://eiso.gov.vn/bpmn">
<bpmn:process id="P" isExecutable="true">
<bpmn:startEvent id="start" /><bpmn:parallelGateway id="split" /><bpmn:parallelGateway id="join" /><bpmn:endEvent id="end" />
${task("justice", "Phòng Tư pháp xác minh", ids.justice, "officer", 8)}
${task("urban", "Phòng Quản lý đô thị xác minh", ids.urban, "officer", 16)}
<bpmn:userTask id="approve" name="Phê duyệt" eiso:stepKind="approve" eiso:unit="@agency" eiso:role="leader" eiso:hours="4" />
${flow("f1", "start", "split")}${flow("f2", "split", "justice")}${flow("f3", "split", "urban")}${flow("f4", "justice", "join")}${flow("f5", "urban", "join")}${flow("f6", "join", "approve")}${flow("f7", "approve", "end")}
</bpmn:process></bpmn:definitions>`;
    const p = await publishedProcedure(server.database, server.demo.hcmc.tenantId, {
      code: "9.900004",
      name: "Thủ tục liên thông thử nghiệm",
      agencyUnitId: ids.q10,
      ownerUnitId: ids.q10,
      legal: { amount: 5, unit: "days" },
      xml,
      unitIds: [ids.justice, ids.urban],
    });
    const d = (
      await clerk.post("/api/dossiers", {
        procedureId: p.procedureId,
        deskUnitId: ids.desk,
        applicant,
        documents: [{ name: "Tờ khai", originals: 1, copies: 0 }],
      })
    ).body;
    let detail = (await clerk.get(`/api/dossiers/${d.id}`)).body;
    expect(
      activeSteps(detail)
        .map((s) => s.name)
        .sort(),
    ).toEqual(["Phòng Quản lý đô thị xác minh", "Phòng Tư pháp xác minh"]);
    const justiceOfficer = await server.login("q10.chuyenvien");
    const justiceStep = activeSteps(detail).find((s) => s.name === "Phòng Tư pháp xác minh")!;
    detail = (
      await justiceOfficer.post(`/api/dossiers/${d.id}/steps/${justiceStep.id}/complete`, {
        version: justiceStep.version,
      })
    ).body;
    expect(activeSteps(detail).map((s) => s.name)).toEqual(["Phòng Quản lý đô thị xác minh"]);
    await admin.post("/api/users", {
      username: "q10.dothi",
      fullName: "Cán bộ Đô thị",
      unitId: ids.urban,
      password: "mat-khau-2026",
      roles: ["officer"],
    });
    const urbanOfficer = await server.loginFirstTime("q10.dothi", "mat-khau-2026");
    const urbanStep = activeStep(detail);
    detail = (
      await urbanOfficer.post(`/api/dossiers/${d.id}/steps/${urbanStep.id}/complete`, {
        version: urbanStep.version,
      })
    ).body;
    expect(activeSteps(detail).map((s) => s.name)).toEqual(["Phê duyệt"]);
    const approve = activeStep(detail);
    detail = (
      await leader.post(`/api/dossiers/${d.id}/steps/${approve.id}/complete`, {
        version: approve.version,
        outcome: "approve",
      })
    ).body;
    expect(detail.status).toBe("result_ready");
  });

  it("honours reassignment by the division head and a time-boxed delegation", async () => {
    const p = await publishedProcedure(server.database, server.demo.hcmc.tenantId, {
      code: "9.900005",
      name: "Đăng ký khai sinh (thử nghiệm phân công)",
      agencyUnitId: ids.q10,
      ownerUnitId: ids.q10,
      legal: { amount: 1, unit: "days" },
      parts: [
        { id: "process", name: "Xử lý", stepKind: "process", unit: ids.justice, role: "officer", hours: 4 },
        { id: "approve", name: "Ký duyệt", stepKind: "approve", unit: "@agency", role: "leader", hours: 2 },
      ],
    });
    const d = (
      await clerk.post("/api/dossiers", {
        procedureId: p.procedureId,
        deskUnitId: ids.desk,
        applicant,
        documents: [{ name: "Tờ khai", originals: 1, copies: 0 }],
      })
    ).body;
    await admin.post("/api/users", {
      username: "q10.tuphap2",
      fullName: "Chuyên viên Tư pháp 2",
      unitId: ids.justice,
      password: "mat-khau-2026",
      roles: ["officer"],
    });
    const officer1 = await server.login("q10.chuyenvien");
    const officer2 = await server.loginFirstTime("q10.tuphap2", "mat-khau-2026");
    let detail = (await officer1.get(`/api/dossiers/${d.id}`)).body;
    let step = activeStep(detail);
    detail = (await officer1.post(`/api/dossiers/${d.id}/steps/${step.id}/claim`, { version: step.version }))
      .body;
    step = activeStep(detail);
    expect(step.assigneeId).toBe(await userId("q10.chuyenvien"));
    // Another officer cannot take over; the division head reassigns.
    expect(
      (await officer2.post(`/api/dossiers/${d.id}/steps/${step.id}/complete`, { version: step.version }))
        .status,
    ).toBe(403);
    const head = await server.login("q10.truongphong");
    // Not to someone who does not hold the step's role over its unit (the secretary).
    const refused = await head.post(`/api/dossiers/${d.id}/steps/${step.id}/assign`, {
      version: step.version,
      assigneeId: await userId("q10.thuky"),
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("invalid_operation");
    const reassigned = await head.post(`/api/dossiers/${d.id}/steps/${step.id}/assign`, {
      version: step.version,
      assigneeId: await userId("q10.tuphap2"),
      comment: "Chuyển do chuyên viên nghỉ phép",
    });
    expect(reassigned.status).toBe(200);
    step = activeStep(reassigned.body);
    expect(
      (await officer1.post(`/api/dossiers/${d.id}/steps/${step.id}/complete`, { version: step.version }))
        .status,
    ).toBe(403);
    detail = (
      await officer2.post(`/api/dossiers/${d.id}/steps/${step.id}/complete`, { version: step.version })
    ).body;
    step = activeStep(detail);
    expect(step.name).toBe("Ký duyệt");

    // The ISO secretary cannot sign… until the leader delegates the role for today.
    const secretary = await server.login("q10.thuky");
    expect(
      (await secretary.post(`/api/dossiers/${d.id}/steps/${step.id}/complete`, { version: step.version }))
        .status,
    ).toBe(403);
    const leaderGrant = (await leader.get("/api/auth/session")).body.grants[0].id;
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const delegation = await leader.post("/api/delegations", {
      grantId: leaderGrant,
      toUserId: await userId("q10.thuky"),
      startsOn: today,
      endsOn: today,
      reason: "Đi công tác",
    });
    expect(delegation.status).toBe(201);
    // Both sides of the delegation list it with the two officers' names.
    const received = (await secretary.get("/api/delegations")).body;
    const given = (await leader.get("/api/delegations")).body;
    for (const list of [received, given]) {
      const row = list.find((x: { id: string }) => x.id === delegation.body.id);
      expect(row.fromUserName).toBe((await leader.get("/api/auth/session")).body.user.fullName);
      expect(row.toUserName).toBe((await secretary.get("/api/auth/session")).body.user.fullName);
    }
    const signed = await secretary.post(`/api/dossiers/${d.id}/steps/${step.id}/complete`, {
      version: step.version,
      outcome: "approve",
    });
    expect(signed.body.error).toBeUndefined();
    detail = signed.body;
    expect(detail.status).toBe("result_ready");
  });

  it("accepts a department's procedure at a ward desk and routes it to the department's queue", async () => {
    const p = await publishedProcedure(server.database, server.demo.hcmc.tenantId, {
      code: "9.900006",
      name: "Cấp Phiếu lý lịch tư pháp",
      agencyUnitId: ids.soTuPhap,
      ownerUnitId: ids.soTuPhap,
      legal: { amount: 10, unit: "days" },
      parts: [
        {
          id: "process",
          name: "Xử lý tại Sở",
          stepKind: "process",
          unit: "@agency",
          role: "officer",
          hours: 40,
        },
      ],
    });
    await admin.post("/api/users", {
      username: "p12.motcua",
      fullName: "Một cửa Phường 12",
      unitId: ids.ward12,
      password: "mat-khau-2026",
      roles: ["reception_clerk"],
    });
    await admin.post("/api/users", {
      username: "stp.chuyenvien",
      fullName: "Chuyên viên Sở Tư pháp",
      unitId: ids.soTuPhap,
      password: "mat-khau-2026",
      roles: ["officer"],
    });
    const wardClerk = await server.loginFirstTime("p12.motcua", "mat-khau-2026");
    const res = await wardClerk.post("/api/dossiers", {
      procedureId: p.procedureId,
      deskUnitId: ids.ward12,
      applicant,
      documents: [{ name: "Tờ khai", originals: 1, copies: 0 }],
    });
    expect(res.status).toBe(201);
    expect(res.body.agencyUnitId).toBe(ids.soTuPhap);
    expect(res.body.deskUnitId).toBe(ids.ward12);
    expect(res.body.code.startsWith("000.00.30.H29-")).toBe(true);
    const deptOfficer = await server.loginFirstTime("stp.chuyenvien", "mat-khau-2026");
    const queue = await deptOfficer.get("/api/dossiers/inbox?scope=role");
    expect(queue.body.items.map((i: { dossierId: string }) => i.dossierId)).toContain(res.body.id);
    // District 10's officers do not see it in their queues.
    const q10Officer = await server.login("q10.chuyenvien");
    const theirs = await q10Officer.get("/api/dossiers/inbox?scope=role");
    expect(theirs.body.items.map((i: { dossierId: string }) => i.dossierId)).not.toContain(res.body.id);
    // A clerk cannot receive at a desk outside their scope.
    const elsewhere = await clerk.post("/api/dossiers", {
      procedureId: p.procedureId,
      deskUnitId: ids.q1,
      applicant,
      documents: [{ name: "Tờ khai", originals: 1, copies: 0 }],
    });
    expect(elsewhere.status).toBe(403);
  });
});

describe("clock pauses", () => {
  it("stops the clock while the applicant supplements and shifts the due time by exactly the paused working time", async () => {
    const p = await publishedProcedure(server.database, server.demo.hcmc.tenantId, {
      code: "9.900007",
      name: "Thủ tục hai ngày",
      agencyUnitId: ids.q10,
      ownerUnitId: ids.q10,
      legal: { amount: 2, unit: "days" },
      parts: [
        { id: "process", name: "Xử lý", stepKind: "process", unit: ids.justice, role: "officer", hours: 16 },
      ],
    });
    const tenantId = server.demo.hcmc.tenantId;
    const db = server.database.db;
    const actorOf = async (c: ApiClient) => (await resolveSession(db, c.cookie!.split("=")[1]))!;
    const clerkActor = await actorOf(clerk);
    const leaderActor = await actorOf(leader);
    const calendar = await tenantCalendar(db, tenantId);
    const at = (s: string) => new Date(s);
    // Received Monday 7/12/2026 08:00: 16 working hours → Wednesday 9/12 08:00.
    const d = await db.transaction((tx) =>
      receiveDossier(
        tx,
        clerkActor,
        {
          procedureId: p.procedureId,
          deskUnitId: ids.desk,
          method: "counter",
          applicant,
          documents: [{ name: "Tờ khai", originals: 1, copies: 0 }],
          data: {},
          resultDelivery: "counter",
          decision: "accept",
          reasons: [],
        },
        { port: catalogueForDossiers, calendar, now: at("2026-12-07T08:00:00+07:00") },
      ),
    );
    expect(d.dueAt.toISOString()).toBe(at("2026-12-09T08:00:00+07:00").toISOString());
    // Supplement asked Tuesday 09:00 (9 working hours used), received Thursday 14:00.
    await db.transaction(async (tx) =>
      requestSupplement(
        tx,
        leaderActor,
        await loadDossier(tx, tenantId, d.id, true),
        [{ requirement: "Bản sao sổ hộ khẩu", reason: "Thiếu" }],
        {
          port: catalogueForDossiers,
          calendar,
          now: at("2026-12-08T09:00:00+07:00"),
        },
      ),
    );
    await db.transaction(async (tx) =>
      receiveSupplement(
        tx,
        clerkActor,
        await loadDossier(tx, tenantId, d.id, true),
        {},
        { port: catalogueForDossiers, calendar, now: at("2026-12-10T14:00:00+07:00") },
      ),
    );
    const after = await loadDossier(db, tenantId, d.id);
    // 7 hours left from Thursday 14:00: 3 h Thursday, 4 h Friday morning → Friday 11/12 11:30.
    expect(after.dueAt.toISOString()).toBe(at("2026-12-11T11:30:00+07:00").toISOString());
    expect(after.status).toBe("processing");
    // The step's own due time moved by the same paused working time.
    const [step] = rowsOf<{ due_at: Date | string }>(
      await db.execute(
        sql`select due_at from dossier_steps where dossier_id = ${d.id} and status = 'active'`,
      ),
    );
    expect(new Date(step!.due_at).toISOString()).toBe(at("2026-12-11T11:30:00+07:00").toISOString());
    // Independent check: working time from receipt to the new due, minus the paused working time, is the allowance.
    const paused = calendar.workingTimeBetween(
      at("2026-12-08T09:00:00+07:00"),
      at("2026-12-10T14:00:00+07:00"),
    );
    expect(calendar.workingTimeBetween(d.receivedAt, after.dueAt) - paused).toBe(16 * 3600_000);
  });
});
