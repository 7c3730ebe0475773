import type { TDossierActions } from "@eiso/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { district10, publishedProcedure } from "../../testing/dossier-fixtures";
import { type ApiClient, startTestServer, type TestServer } from "../../testing/harness";

// The dossier page shows the actions the API lists in `actions`. These tests walk one dossier and,
// at every stage and for every officer, check the list and that the API refuses what it leaves out.

let server: TestServer;
let clerk: ApiClient;
let leader: ApiClient;
let officer: ApiClient;
let procedureId: string;
const ids: Record<string, string> = {};

type Detail = {
  id: string;
  status: string;
  actions: TDossierActions;
  steps: { id: string; name: string; status: string; version: number }[];
};

const activeStep = (d: Detail) => d.steps.find((s) => s.status === "active")!;
const view = async (c: ApiClient, id: string): Promise<Detail> => (await c.get(`/api/dossiers/${id}`)).body;

beforeAll(async () => {
  server = await startTestServer();
  const d10 = await district10(server);
  Object.assign(ids, d10.ids, { officer: d10.officerId });
  ({ clerk, leader, officer } = d10);
  const p = await publishedProcedure(server.database, server.demo.hcmc.tenantId, {
    code: "9.900071",
    name: "Chứng thực chữ ký trong giấy tờ, văn bản",
    agencyUnitId: d10.ids.q10,
    ownerUnitId: d10.ids.q10,
    legal: { amount: 2, unit: "days" },
    documents: [{ name: "Giấy tờ cần chứng thực chữ ký", originals: 1, copies: 0 }],
    bindings: { field_division: d10.ids.justice },
    parts: [
      {
        id: "receive",
        name: "Tiếp nhận",
        stepKind: "receive",
        unit: "@reception_desk",
        role: "reception_clerk",
        hours: 1,
      },
      { id: "direct", name: "Chỉ đạo", stepKind: "assign", unit: "@agency", role: "leader", hours: 2 },
      {
        id: "process",
        name: "Xử lý",
        stepKind: "process",
        unit: "@field_division",
        role: "officer",
        hours: 6,
      },
      { id: "approve", name: "Phê duyệt", stepKind: "approve", unit: "@agency", role: "leader", hours: 3 },
      {
        id: "return",
        name: "Trả kết quả",
        stepKind: "return",
        unit: "@reception_desk",
        role: "reception_clerk",
        hours: 2,
      },
    ],
  });
  procedureId = p.procedureId;
});
afterAll(() => server?.close());

describe("the actions a dossier lists for the signed-in officer", () => {
  it("list exactly what each officer may do at each stage, and the API refuses the rest", async () => {
    const received = await clerk.post("/api/dossiers", {
      procedureId,
      deskUnitId: ids.desk,
      applicant: { name: "Trần Thị Bình", idNumber: "079190004321", address: "5 Lý Thường Kiệt, Quận 10" },
      documents: [{ name: "Giấy tờ cần chứng thực chữ ký", originals: 1, copies: 0 }],
    });
    expect(received.status).toBe(201);
    const id = received.body.id;

    // Stage 1: the leader's "direct" step is open.
    let asClerk = await view(clerk, id);
    let asLeader = await view(leader, id);
    let asOfficer: Detail;
    let step = activeStep(asLeader);
    expect(step.name).toBe("Chỉ đạo");
    // The demo clerk's role is held at the district: both its desk and its agency.
    expect(asClerk.actions).toMatchObject({ atDesk: true, atAgency: true, returnResult: false });
    // The officer's is held at the justice division, below the agency: the dossier is not theirs yet.
    expect((await officer.get(`/api/dossiers/${id}`)).status).toBe(403);
    expect(asClerk.actions.withdraw).toBe(true);
    expect(asClerk.actions.steps[step.id]).toEqual({
      claim: false,
      complete: false,
      sendBack: false,
      assign: false,
    });
    expect(asLeader.actions).toMatchObject({
      atAgency: true,
      requestSupplement: true,
      supplementUsed: false,
      apologise: true,
      stop: true,
      returnResult: false,
      archive: false,
    });
    expect(asLeader.actions.steps[step.id]).toEqual({
      claim: true,
      complete: true,
      sendBack: false,
      assign: true,
    });
    // …and what is not listed is refused.
    expect(
      (await clerk.post(`/api/dossiers/${id}/steps/${step.id}/claim`, { version: step.version })).status,
    ).toBe(403);
    expect(
      (await officer.post(`/api/dossiers/${id}/steps/${step.id}/complete`, { version: step.version })).status,
    ).toBe(403);
    expect(
      (
        await officer.post(`/api/dossiers/${id}/supplement-request`, {
          items: [{ requirement: "Bản sao", reason: "Thiếu" }],
        })
      ).status,
    ).toBe(403);
    expect((await officer.post(`/api/dossiers/${id}/withdraw`, { reason: "Không cần nữa" })).status).toBe(
      403,
    );
    expect((await clerk.post(`/api/dossiers/${id}/return`, { delivery: "counter" })).status).toBe(422);

    // Stage 2: the leader directs to the officer, who now holds the "process" step.
    const directed = await leader.post(`/api/dossiers/${id}/steps/${step.id}/complete`, {
      version: step.version,
      nextAssigneeId: ids.officer,
    });
    expect(directed.body.error).toBeUndefined();
    asLeader = directed.body;
    asOfficer = await view(officer, id);
    step = activeStep(asOfficer);
    expect(step.name).toBe("Xử lý");
    expect(asOfficer.actions.steps[step.id]).toEqual({
      claim: false,
      complete: true,
      sendBack: false,
      assign: true,
    });
    expect(asLeader.actions.steps[step.id]).toEqual({
      claim: false,
      complete: false,
      sendBack: false,
      assign: true,
    });
    expect(
      (await officer.post(`/api/dossiers/${id}/steps/${step.id}/claim`, { version: step.version })).status,
    ).toBe(409);
    expect(
      (await leader.post(`/api/dossiers/${id}/steps/${step.id}/complete`, { version: step.version })).status,
    ).toBe(403);

    // Stage 3: the officer processes; the leader may approve or send back.
    asOfficer = (
      await officer.post(`/api/dossiers/${id}/steps/${step.id}/complete`, { version: step.version })
    ).body;
    asLeader = await view(leader, id);
    step = activeStep(asLeader);
    expect(step.name).toBe("Phê duyệt");
    expect(asLeader.actions.steps[step.id]).toEqual({
      claim: true,
      complete: true,
      sendBack: true,
      assign: true,
    });
    expect(asOfficer.actions.steps[step.id]).toEqual({
      claim: false,
      complete: false,
      sendBack: false,
      assign: false,
    });

    // A supplement request uses the stage's one request: listed as used, and refused again.
    const supplement = await leader.post(`/api/dossiers/${id}/supplement-request`, {
      items: [{ requirement: "Bản chính CCCD", reason: "Ảnh mờ" }],
    });
    expect(supplement.body.error).toBeUndefined();
    expect(supplement.body.actions).toMatchObject({
      requestSupplement: false,
      supplementUsed: true,
      stop: true,
    });
    asClerk = await view(clerk, id);
    expect(asClerk.actions.receiveSupplement).toBe(true);
    // While the applicant supplements, no step can move.
    for (const can of Object.values(asClerk.actions.steps).concat(
      Object.values(supplement.body.actions.steps),
    ))
      expect(can).toEqual({ claim: false, complete: false, sendBack: false, assign: false });
    const back = await clerk.post(`/api/dossiers/${id}/supplement-received`, { note: "Đã bổ sung" });
    expect(back.body.error).toBeUndefined();
    asLeader = await view(leader, id);
    expect(asLeader.actions).toMatchObject({
      requestSupplement: false,
      supplementUsed: true,
      receiveSupplement: false,
    });
    expect(
      (
        await leader.post(`/api/dossiers/${id}/supplement-request`, {
          items: [{ requirement: "Giấy tờ", reason: "Lần hai" }],
        })
      ).status,
    ).toBe(422);

    // Stage 4: the leader approves; the desk returns the result; then the dossier can be archived.
    step = activeStep(asLeader);
    const approved = await leader.post(`/api/dossiers/${id}/steps/${step.id}/complete`, {
      version: step.version,
      outcome: "approve",
    });
    expect(approved.body.error).toBeUndefined();
    asClerk = await view(clerk, id);
    step = activeStep(asClerk);
    expect(step.name).toBe("Trả kết quả");
    expect(asClerk.actions.steps[step.id]).toMatchObject({ complete: true, sendBack: false });
    const returned = await clerk.post(`/api/dossiers/${id}/steps/${step.id}/complete`, {
      version: step.version,
    });
    expect(returned.body.error).toBeUndefined();
    expect(returned.body.status).toBe("returned");
    expect(returned.body.actions).toMatchObject({
      archive: true,
      withdraw: false,
      stop: false,
      apologise: false,
      returnResult: false,
      steps: {},
    });
    expect((await clerk.post(`/api/dossiers/${id}/withdraw`, { reason: "Không cần nữa" })).status).toBe(422);
    asOfficer = await view(officer, id);
    expect(asOfficer.actions.archive).toBe(false);
    expect((await officer.post(`/api/dossiers/${id}/archive`, {})).status).toBe(403);
    expect((await clerk.post(`/api/dossiers/${id}/archive`, {})).status).toBe(200);
  });
});
