import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { district10, publishedProcedure } from "../../testing/dossier-fixtures";
import { type ApiClient, startTestServer, type TestServer } from "../../testing/harness";
import { toStepDto } from "./store";
import { dossierEvents, dossierForms, dossierSteps } from "./tables";

let server: TestServer;
let clerk: ApiClient;
let leader: ApiClient;
let officer: ApiClient;
let procedureId: string;
let deskId: string;
let officerId: string;

beforeAll(async () => {
  server = await startTestServer();
  const d10 = await district10(server);
  const q10 = d10.ids.q10;
  deskId = d10.ids.desk;
  ({ clerk, leader, officer, officerId } = d10);
  const p = await publishedProcedure(server.database, server.demo.hcmc.tenantId, {
    code: "9.900071",
    name: "Thủ tục kiểm tra trang hồ sơ",
    agencyUnitId: q10,
    ownerUnitId: q10,
    legal: { amount: 2, unit: "days" },
    documents: [{ name: "Tờ khai", originals: 1, copies: 0 }],
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
        hours: 8,
      },
      { id: "approve", name: "Phê duyệt", stepKind: "approve", unit: "@agency", role: "leader", hours: 3 },
    ],
  });
  procedureId = p.procedureId;
});
afterAll(() => server?.close());

describe("dossier page", () => {
  it("lists the steps, events and forms exactly as stored, in order", async () => {
    const received = await clerk.post("/api/dossiers", {
      procedureId,
      deskUnitId: deskId,
      applicant: { name: "Trần Thị Bình", idNumber: "079190001111" },
      documents: [{ name: "Tờ khai", originals: 1, copies: 0 }],
    });
    expect(received.status).toBe(201);
    const d = received.body;
    // The reception answers with the page as the clerk then reads it.
    expect(d).toEqual((await clerk.get(`/api/dossiers/${d.id}`)).body);
    expect(d.steps.length).toBeGreaterThan(1);
    const act = async (client: ApiClient, body: Record<string, unknown>) => {
      const now = (await client.get(`/api/dossiers/${d.id}`)).body;
      const active = now.steps.find((s: { status: string }) => s.status === "active");
      const r = await client.post(`/api/dossiers/${d.id}/steps/${active.id}/complete`, {
        version: active.version,
        ...body,
      });
      expect(r.status).toBe(200);
      return r.body;
    };
    await act(leader, { comment: "Giao xử lý", nextAssigneeId: officerId });
    await act(officer, { comment: "Đã xử lý" });
    await act(leader, { outcome: "send_back", comment: "Xem lại" });
    await act(officer, {});
    const answered = await act(leader, { outcome: "approve" });
    const page = (await leader.get(`/api/dossiers/${d.id}`)).body;
    expect(answered).toEqual(page);
    expect(page.status).toBe("result_ready");

    const db = server.database.db;
    const tenantId = server.demo.hcmc.tenantId;
    const steps = await db
      .select()
      .from(dossierSteps)
      .where(and(eq(dossierSteps.tenantId, tenantId), eq(dossierSteps.dossierId, d.id)))
      .orderBy(asc(dossierSteps.startedAt), asc(dossierSteps.id));
    const events = await db
      .select()
      .from(dossierEvents)
      .where(and(eq(dossierEvents.tenantId, tenantId), eq(dossierEvents.dossierId, d.id)))
      .orderBy(asc(dossierEvents.at), asc(dossierEvents.id));
    const forms = await db
      .select()
      .from(dossierForms)
      .where(and(eq(dossierForms.tenantId, tenantId), eq(dossierForms.dossierId, d.id)))
      .orderBy(asc(dossierForms.createdAt));
    const withoutNames = ({
      unitName: _u,
      assigneeName: _a,
      completedByName: _c,
      ...rest
    }: Record<string, unknown>) => rest;
    expect(page.steps.map(withoutNames)).toEqual(steps.map((s) => withoutNames({ ...toStepDto(s) })));
    expect(page.steps).toHaveLength(6);
    expect(page.events).toEqual(
      events.map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        kind: e.kind,
        actorName: e.actorName,
        stepId: e.stepId,
        comment: e.comment,
        data: e.data,
      })),
    );
    expect(page.forms).toEqual(
      forms.map((f) => ({ id: f.id, formNo: f.formNo, createdAt: f.createdAt.toISOString() })),
    );
    expect(page.forms.length).toBeGreaterThan(0);
  });
});
