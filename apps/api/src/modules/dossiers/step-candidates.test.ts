import { EISO_NAMESPACE, type TStepCandidates } from "@eiso/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activeStep, activeSteps, publishedProcedure } from "../../testing/dossier-fixtures";
import { type ApiClient, startTestServer, type TestServer } from "../../testing/harness";

// The step dialogs offer only the officers the API accepts: for handing a step over, those holding
// its role over its unit; for the next step, those holding the next step's role over the next
// step's unit, the next step found by the engine's own walk of the process.

let server: TestServer;
let admin: ApiClient;
let clerk: ApiClient;
const ids = { q10: "", desk: "", justice: "", urban: "" };
type Detail = { id: string; status: string; steps: Parameters<typeof activeStep>[0]["steps"] };

const people: Record<string, string> = {};
/** "Full name (username)" of the candidates, as the picker shows them. */
const names = (list: TStepCandidates["assignees"]) =>
  (list ?? []).map((c) => `${c.fullName} (${c.username})`);

async function userId(username: string) {
  if (people[username]) return people[username];
  const res = await admin.get(`/api/users?q=${username}`);
  people[username] = res.body.items.find((u: { username: string }) => u.username === username).id as string;
  return people[username];
}

async function procedureId(code: string) {
  const list = (await clerk.get("/api/procedures?pageSize=200")).body.items as { id: string; code: string }[];
  return list.find((p) => p.code === code)!.id;
}

/** A dossier of the demo procedure `code` received at District 10's desk, with its data. */
async function receive(code: string, data: Record<string, unknown>): Promise<Detail> {
  const id = await procedureId(code);
  const procedure = (await clerk.get(`/api/procedures/${id}`)).body;
  const res = await clerk.post("/api/dossiers", {
    procedureId: id,
    deskUnitId: ids.desk,
    applicant: { name: "Lâm Văn Xây", idNumber: "079085001234" },
    documents: (procedure.documents as { name: string; originals: number; copies: number }[]).map(
      ({ name, originals, copies }) => ({ name, originals, copies }),
    ),
    data,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const candidatesOf = async (c: ApiClient, d: Detail, stepName?: string) => {
  const step = stepName ? activeSteps(d).find((s) => s.name === stepName)! : activeStep(d);
  const res = await c.get(`/api/dossiers/${d.id}/steps/${step.id}/candidates`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as TStepCandidates;
};

/** Completes the active step (or the one named) as `c`; the dossier page after it. */
async function complete(
  c: ApiClient,
  d: Detail,
  body: { outcome?: string; nextAssigneeId?: string } = {},
  stepName?: string,
) {
  const step = stepName ? activeSteps(d).find((s) => s.name === stepName)! : activeStep(d);
  return c.post(`/api/dossiers/${d.id}/steps/${step.id}/complete`, { version: step.version, ...body });
}

beforeAll(async () => {
  server = await startTestServer();
  const u = server.demo.hcmc.units;
  ids.q10 = u.get("Ủy ban nhân dân quận 10")!;
  ids.desk = u.get("Bộ phận Tiếp nhận và Trả kết quả quận 10")!;
  ids.justice = u.get("Phòng Tư pháp quận 10")!;
  ids.urban = u.get("Phòng Quản lý đô thị quận 10")!;
  admin = await server.login("admin");
  clerk = await server.login("q10.motcua");
});
afterAll(() => server?.close());

describe("the officers offered for the next step", () => {
  it("follows the construction permit process: the division's officer, then the District's leader, not the division's staff", async () => {
    const head = await server.login("q10.qldt");
    const urbanOfficer = await server.login("q10.qldt.cv");
    const districtLeader = await server.login("q10.lanhdao");
    let d = await receive("1.009994", { landArea: 80, floors: 3, needsSiteInspection: false });
    expect(activeStep(d).name).toBe("Lãnh đạo phòng phân công");

    // The head of division directs: past the gateway (no site inspection) to the division's officer.
    let c = await candidatesOf(head, d);
    expect(c.next).toMatchObject({
      kind: "step",
      name: "Chuyên viên thẩm định hồ sơ",
      unitName: "Phòng Quản lý đô thị quận 10",
      role: "officer",
    });
    expect(c.next?.kind === "step" && names(c.next.candidates)).toEqual(["Phan Thanh Xây (q10.qldt.cv)"]);
    // Handing this step over: leaders over the division (its head, and the District's leader above it).
    expect(names(c.assignees).sort()).toEqual(
      ["Trần Thị Lãnh (q10.lanhdao)", "Đỗ Minh Quang (q10.qldt)"].sort(),
    );

    let res = await complete(head, d, { nextAssigneeId: await userId("q10.qldt.cv") });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    d = res.body;
    expect(activeStep(d).assigneeId).toBe(await userId("q10.qldt.cv"));

    // The officer's next step is the head's review, in the division.
    c = await candidatesOf(urbanOfficer, d);
    expect(c.next).toMatchObject({ kind: "step", name: "Lãnh đạo phòng xem xét, trình ký" });
    expect(c.next?.kind === "step" && names(c.next.candidates).sort()).toEqual(
      ["Trần Thị Lãnh (q10.lanhdao)", "Đỗ Minh Quang (q10.qldt)"].sort(),
    );
    // An officer may not hand the step over unless it is theirs: it is (assigned by the head).
    expect(names(c.assignees)).toEqual(["Phan Thanh Xây (q10.qldt.cv)"]);
    d = (await complete(urbanOfficer, d)).body;

    // The head's review leads to the District leader's signature: the leaders of the District's
    // people's committee, never the division's staff.
    c = await candidatesOf(head, d);
    expect(c.next).toMatchObject({
      kind: "step",
      name: "Lãnh đạo UBND quận ký giấy phép",
      unitId: ids.q10,
      unitName: "Ủy ban nhân dân quận 10",
      role: "leader",
    });
    const offered = c.next?.kind === "step" ? c.next.candidates : [];
    expect(names(offered)).toEqual(["Trần Thị Lãnh (q10.lanhdao)"]);
    // Exactly what the API accepts: the division's officer is refused, the offered leader taken.
    const refused = await complete(head, d, {
      outcome: "approve",
      nextAssigneeId: await userId("q10.qldt.cv"),
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("invalid_operation");
    res = await complete(head, d, { outcome: "approve", nextAssigneeId: offered[0]!.id });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    d = res.body;

    // The signature leads to the desk's return step; the return step ends the process.
    c = await candidatesOf(districtLeader, d);
    expect(c.next).toMatchObject({ kind: "step", name: "Trả giấy phép" });
    expect(c.next?.kind === "step" && names(c.next.candidates)).toEqual(["Võ Thị Một (q10.motcua)"]);
    d = (await complete(districtLeader, d, { outcome: "approve" })).body;
    c = await candidatesOf(clerk, d);
    expect(c.next).toEqual({ kind: "end" });
  });

  it("takes the gateway's branch the dossier's data decides", async () => {
    const head = await server.login("q10.qldt");
    const d = await receive("1.009994", { landArea: 120, floors: 6, needsSiteInspection: false });
    const c = await candidatesOf(head, d);
    expect(c.next).toMatchObject({ kind: "step", name: "Kiểm tra hiện trạng khu đất" });
  });

  it("offers the ward chairman for the chairman's step, not the ward's other staff", async () => {
    const wardOfficer = await server.login("p12.tuphap");
    // Leaders over the ward: its chairman and, the ward being inside District 10, the District's
    // leader (the API accepts both); never the ward's unit administrator or its officer.
    for (const [needsVerification, next, offered] of [
      [false, "Chủ tịch UBND phường ký", ["Trương Văn Tịch (p12.chutich)", "Trần Thị Lãnh (q10.lanhdao)"]],
      [true, "Xác minh điều kiện kết hôn", ["Mai Thị Hộ (p12.tuphap)"]],
    ] as const) {
      const d = await receive("1.000894", { needsVerification });
      expect(activeStep(d).name).toBe("Công chức tư pháp - hộ tịch kiểm tra");
      const c = await candidatesOf(wardOfficer, d);
      expect(c.next).toMatchObject({
        kind: "step",
        name: next,
        unitName: "Ủy ban nhân dân Phường 12, Quận 10",
      });
      expect(c.next?.kind === "step" && names(c.next.candidates).sort()).toEqual([...offered].sort());
      // An unassigned step: the officer may work it, not hand it over.
      expect(c.assignees).toBeNull();
    }
  });

  it("honours a delegation running today, as the API does when it takes the choice", async () => {
    const head = await server.login("q10.qldt");
    const districtLeader = await server.login("q10.lanhdao");
    let d = await receive("1.009994", { landArea: 60, floors: 2, needsSiteInspection: false });
    d = (await complete(head, d)).body;
    d = (await complete(await server.login("q10.qldt.cv"), d)).body;
    expect(activeStep(d).name).toBe("Lãnh đạo phòng xem xét, trình ký");
    const secretary = await userId("q10.thuky");
    const before = await candidatesOf(head, d);
    expect(before.next?.kind === "step" && before.next.candidates.map((x) => x.id)).not.toContain(secretary);
    // A secretary handed as next officer without the role is refused…
    expect((await complete(head, d, { outcome: "approve", nextAssigneeId: secretary })).status).toBe(422);

    // …until the District leader delegates the role for today: then offered, and accepted.
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const grant = (await districtLeader.get("/api/auth/session")).body.grants[0].id;
    const delegation = await districtLeader.post("/api/delegations", {
      grantId: grant,
      toUserId: secretary,
      startsOn: today,
      endsOn: today,
      reason: "Đi công tác",
    });
    expect(delegation.status, JSON.stringify(delegation.body)).toBe(201);
    const after = await candidatesOf(head, d);
    expect(after.next?.kind === "step" && names(after.next.candidates).sort()).toEqual(
      ["Trần Thị Lãnh (q10.lanhdao)", "Đặng Văn Thư (q10.thuky)"].sort(),
    );
    const res = await complete(head, d, { outcome: "approve", nextAssigneeId: secretary });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(activeStep(res.body).assigneeId).toBe(secretary);
    expect((await districtLeader.post(`/api/delegations/${delegation.body.id}/revoke`, {})).status).toBe(200);
  });

  it("names no officer when the flow splits in parallel or waits at a join", async () => {
    const task = (id: string, name: string, unit: string, role: string) =>
      `<bpmn:userTask id="${id}" name="${name}" eiso:stepKind="process" eiso:unit="${unit}" eiso:role="${role}" eiso:hours="8" />`;
    const flow = (id: string, from: string, to: string) =>
      `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:eiso="${EISO_NAMESPACE}" id="D" targetNamespace="http://eiso.gov.vn/bpmn">
<bpmn:process id="P" isExecutable="true">
<bpmn:startEvent id="start" /><bpmn:parallelGateway id="split" /><bpmn:parallelGateway id="join" /><bpmn:endEvent id="end" />
${task("first", "Tiếp nhận xác minh", ids.justice, "officer")}
${task("justice", "Phòng Tư pháp xác minh", ids.justice, "officer")}
${task("urban", "Phòng Quản lý đô thị xác minh", ids.urban, "officer")}
<bpmn:userTask id="approve" name="Phê duyệt" eiso:stepKind="approve" eiso:unit="@agency" eiso:role="leader" eiso:hours="4" />
${flow("f0", "start", "first")}${flow("f1", "first", "split")}${flow("f2", "split", "justice")}${flow("f3", "split", "urban")}${flow("f4", "justice", "join")}${flow("f5", "urban", "join")}${flow("f6", "join", "approve")}${flow("f7", "approve", "end")}
</bpmn:process></bpmn:definitions>`;
    const p = await publishedProcedure(server.database, server.demo.hcmc.tenantId, {
      code: "9.900081",
      name: "Thủ tục liên thông (người xử lý bước sau)",
      agencyUnitId: ids.q10,
      ownerUnitId: ids.q10,
      legal: { amount: 5, unit: "days" },
      xml,
      unitIds: [ids.justice, ids.urban],
    });
    const received = await clerk.post("/api/dossiers", {
      procedureId: p.procedureId,
      deskUnitId: ids.desk,
      applicant: { name: "Lâm Văn Xây" },
      documents: [{ name: "Tờ khai", originals: 1, copies: 0 }],
    });
    let d: Detail = received.body;
    const justiceOfficer = await server.login("q10.chuyenvien");
    const urbanOfficer = await server.login("q10.qldt.cv");
    expect((await candidatesOf(justiceOfficer, d)).next).toEqual({
      kind: "parallel",
      steps: [
        { name: "Phòng Tư pháp xác minh", unitName: "Phòng Tư pháp quận 10" },
        { name: "Phòng Quản lý đô thị xác minh", unitName: "Phòng Quản lý đô thị quận 10" },
      ],
    });
    d = (await complete(justiceOfficer, d)).body;
    // The first branch to finish waits at the join; the last one leads to the leader's approval.
    expect((await candidatesOf(justiceOfficer, d, "Phòng Tư pháp xác minh")).next).toEqual({ kind: "wait" });
    d = (await complete(justiceOfficer, d, {}, "Phòng Tư pháp xác minh")).body;
    const last = await candidatesOf(urbanOfficer, d, "Phòng Quản lý đô thị xác minh");
    expect(last.next).toMatchObject({ kind: "step", name: "Phê duyệt", unitName: "Ủy ban nhân dân quận 10" });
    expect(last.next?.kind === "step" && names(last.next.candidates)).toEqual([
      "Trần Thị Lãnh (q10.lanhdao)",
    ]);
  });
});

describe("who may ask", () => {
  it("refuses officers of other agencies and of other divisions (403), other provinces (404), unknown steps (404)", async () => {
    const d = await receive("1.009994", { landArea: 80, floors: 3, needsSiteInspection: false });
    const step = activeStep(d);
    const path = `/api/dossiers/${d.id}/steps/${step.id}/candidates`;
    for (const username of ["p12.tuphap", "q10.chuyenvien"]) {
      const res = await (await server.login(username)).get(path);
      expect(res.status, username).toBe(403);
      expect(res.body.error.code).toBe("forbidden");
    }
    const hue = await server.login("hue.admin");
    expect((await hue.get(path)).status).toBe(404);
    // The division's officer reads the dossier but cannot act on the head's step.
    const urbanOfficer = await server.login("q10.qldt.cv");
    expect((await urbanOfficer.get(`/api/dossiers/${d.id}`)).status).toBe(200);
    expect((await urbanOfficer.get(path)).status).toBe(403);
    const head = await server.login("q10.qldt");
    const unknown = await head.get(`/api/dossiers/${d.id}/steps/${d.id}/candidates`);
    expect(unknown.status).toBe(404);
    // A step already completed: someone acted first (409).
    const done = (await complete(head, d)).body as Detail;
    expect(activeStep(done).name).toBe("Chuyên viên thẩm định hồ sơ");
    const stale = await head.get(path);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("conflict");
  });
});
