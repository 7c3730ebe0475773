import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "../../platform/db/client";
import { activeStep, district10, publishedProcedure, workingDaysAhead } from "../../testing/dossier-fixtures";
import { type ApiClient, startTestServer, type TestServer } from "../../testing/harness";
import { tenantCalendar } from "../calendar/service";

let server: TestServer;
let clerk: ApiClient;
let leader: ApiClient;
let officer: ApiClient;
let procedureId: string;
const ids: Record<string, string> = {};

const applicant = {
  name: "Nguyễn Văn An",
  idNumber: "079090001234",
  address: "12 Ba Tháng Hai, Quận 10",
  email: "an@example.vn",
};

function receive(client: ApiClient, extra: Record<string, unknown> = {}) {
  return client.post("/api/dossiers", {
    procedureId,
    deskUnitId: ids.desk,
    applicant,
    documents: [{ name: "Bản chính giấy tờ cần chứng thực", originals: 1, copies: 1 }],
    ...extra,
  });
}

beforeAll(async () => {
  server = await startTestServer();
  const d10 = await district10(server);
  Object.assign(ids, d10.ids, { officerUser: d10.officerId });
  ({ clerk, leader, officer } = d10);
  const p = await publishedProcedure(server.database, server.demo.hcmc.tenantId, {
    code: "9.900002",
    name: "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
    agencyUnitId: d10.ids.q10,
    ownerUnitId: d10.ids.q10,
    legal: { amount: 2, unit: "days" },
    documents: [{ name: "Bản chính giấy tờ cần chứng thực", originals: 1, copies: 1 }],
    bindings: { field_division: d10.ids.justice },
    parts: [
      {
        id: "receive",
        name: "Tiếp nhận hồ sơ",
        stepKind: "receive",
        unit: "@reception_desk",
        role: "reception_clerk",
        hours: 1,
      },
      {
        id: "direct",
        name: "Lãnh đạo chỉ đạo",
        stepKind: "assign",
        unit: "@agency",
        role: "leader",
        hours: 2,
      },
      {
        id: "process",
        name: "Chuyên viên xử lý",
        stepKind: "process",
        unit: "@field_division",
        role: "officer",
        hours: 8,
      },
      {
        id: "approve",
        name: "Lãnh đạo phê duyệt",
        stepKind: "approve",
        unit: "@agency",
        role: "leader",
        hours: 3,
      },
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

describe("one-stop-shop dossier flow", () => {
  it("receives at the desk, directs, processes, sends back once, approves and returns, keeping the whole log", async () => {
    const received = await receive(clerk);
    expect(received.status).toBe(201);
    const d = received.body;
    expect(d.status).toBe("processing");
    expect(d.code).toMatch(/^000\.00\.10\.H29-\d{6}-0001$/);
    // The answer is the dossier page itself: names, the process so far and the desk's next actions.
    expect(d).toMatchObject({
      agencyName: "Ủy ban nhân dân quận 10",
      deskName: "Bộ phận Tiếp nhận và Trả kết quả quận 10",
    });
    expect(d.steps.map((s: { name: string; status: string }) => `${s.name}:${s.status}`)).toEqual([
      "Tiếp nhận hồ sơ:completed",
      "Lãnh đạo chỉ đạo:active",
    ]);
    expect(d.forms.map((f: { formNo: string }) => f.formNo)).toContain("01");
    expect(d.actions.atDesk).toBe(true);
    expect(new Date(d.dueAt).getTime()).toBeGreaterThan(new Date(d.receivedAt).getTime());

    let detail = (await clerk.get(`/api/dossiers/${d.id}`)).body;
    expect(detail.steps[0]).toMatchObject({ name: "Tiếp nhận hồ sơ", status: "completed" });
    let step = activeStep(detail);
    expect(step).toMatchObject({ name: "Lãnh đạo chỉ đạo", unitId: ids.q10, role: "leader" });

    // The officer cannot act on the leader's step.
    expect(
      (await officer.post(`/api/dossiers/${d.id}/steps/${step.id}/complete`, { version: step.version }))
        .status,
    ).toBe(403);

    // The next step goes only to an officer who holds its role over its unit: not to the clerk.
    const clerkId: string = (await clerk.get("/api/auth/session")).body.user.id;
    const refused = await leader.post(`/api/dossiers/${d.id}/steps/${step.id}/complete`, {
      version: step.version,
      nextAssigneeId: clerkId,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("invalid_operation");
    expect(activeStep((await clerk.get(`/api/dossiers/${d.id}`)).body)).toMatchObject({
      id: step.id,
      version: step.version,
    });

    detail = (
      await leader.post(`/api/dossiers/${d.id}/steps/${step.id}/complete`, {
        version: step.version,
        comment: "Giao chuyên viên Phòng Tư pháp xử lý",
        nextAssigneeId: ids.officerUser,
      })
    ).body;
    step = activeStep(detail);
    expect(step).toMatchObject({
      name: "Chuyên viên xử lý",
      unitId: ids.justice,
      assigneeId: ids.officerUser,
    });

    const inbox = (await officer.get("/api/dossiers/inbox?scope=mine")).body;
    expect(inbox.items.map((i: { dossierId: string }) => i.dossierId)).toContain(d.id);
    // The justice division's officer finds it in the search too (its step is in his division),
    // the urban-management division's officer does not.
    const searched = async (client: ApiClient) =>
      (
        (await client.get(`/api/dossiers?code=${encodeURIComponent(d.code)}`)).body.items as { id: string }[]
      ).map((x) => x.id);
    expect(await searched(officer)).toEqual([d.id]);
    expect(await searched(await server.login("q10.qldt.cv"))).toEqual([]);

    // Nor, at the agency's own step (its unit read with the dossier's lock), to someone who is not
    // its leader.
    expect(
      (
        await officer.post(`/api/dossiers/${d.id}/steps/${step.id}/complete`, {
          version: step.version,
          nextAssigneeId: ids.officerUser,
        })
      ).body.error.code,
    ).toBe("invalid_operation");

    detail = (
      await officer.post(`/api/dossiers/${d.id}/steps/${step.id}/complete`, {
        version: step.version,
        comment: "Đã kiểm tra",
      })
    ).body;
    step = activeStep(detail);
    expect(step.name).toBe("Lãnh đạo phê duyệt");
    // The page that answers a completion (read in the round trip that commits) is the page itself.
    expect(detail).toEqual((await officer.get(`/api/dossiers/${d.id}`)).body);

    // Sending back needs a reason, then returns the dossier to the officer who processed it.
    const noReason = await leader.post(`/api/dossiers/${d.id}/steps/${step.id}/complete`, {
      version: step.version,
      outcome: "send_back",
    });
    expect(noReason.status).toBe(422);
    detail = (
      await leader.post(`/api/dossiers/${d.id}/steps/${step.id}/complete`, {
        version: step.version,
        outcome: "send_back",
        comment: "Bổ sung đối chiếu bản chính",
      })
    ).body;
    step = activeStep(detail);
    expect(step).toMatchObject({ name: "Chuyên viên xử lý", assigneeId: ids.officerUser });

    detail = (
      await officer.post(`/api/dossiers/${d.id}/steps/${step.id}/complete`, { version: step.version })
    ).body;
    step = activeStep(detail);
    detail = (
      await leader.post(`/api/dossiers/${d.id}/steps/${step.id}/complete`, {
        version: step.version,
        outcome: "approve",
      })
    ).body;
    step = activeStep(detail);
    expect(step.name).toBe("Trả kết quả");

    detail = (await clerk.post(`/api/dossiers/${d.id}/steps/${step.id}/complete`, { version: step.version }))
      .body;
    expect(detail.status).toBe("returned");
    expect(detail.returnedAt).not.toBeNull();
    expect(detail.late).toBe(false);
    const kinds = detail.events.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        "received",
        "step.completed_at_reception",
        "step.completed",
        "step.sent_back",
        "result.ready",
        "returned",
      ]),
    );
    expect(detail.steps.map((s: { name: string }) => s.name)).toEqual([
      "Tiếp nhận hồ sơ",
      "Lãnh đạo chỉ đạo",
      "Chuyên viên xử lý",
      "Lãnh đạo phê duyệt",
      "Chuyên viên xử lý",
      "Lãnh đạo phê duyệt",
      "Trả kết quả",
    ]);
    expect(detail.forms.map((f: { formNo: string }) => f.formNo)).toEqual(["01"]);

    const archived = await clerk.post(`/api/dossiers/${d.id}/archive`, {});
    expect(archived.status).toBe(200);
    const afterArchive = (await clerk.get(`/api/dossiers/${d.id}`)).body;
    expect(afterArchive.status).toBe("archived");
  });

  it("numbers dossiers per agency and day without gaps, and a refused reception keeps its number", async () => {
    const a = (await receive(clerk)).body;
    const refusedMissing = await receive(clerk, { documents: [] });
    expect(refusedMissing.status).toBe(422);
    expect(refusedMissing.body.error.details.missing).toEqual(["Bản chính giấy tờ cần chứng thực"]);
    const b = (await receive(clerk)).body;
    const seq = (code: string) => Number(code.slice(-4));
    expect(seq(b.code)).toBe(seq(a.code) + 1);
    const refused = await receive(clerk, {
      decision: "refuse",
      reasons: ["Không thuộc thẩm quyền chứng thực"],
    });
    expect(refused.body.status).toBe("refused");
    expect(seq(refused.body.code)).toBe(seq(b.code) + 1);
  });

  it("creates one dossier when an online submission is received twice with the same key", async () => {
    const key = "online-2026-abcdef";
    const first = await receive(clerk, { method: "online", idempotencyKey: key });
    const second = await receive(clerk, { method: "online", idempotencyKey: key });
    expect(second.body.id).toBe(first.body.id);
    const [row] = rowsOf<{ n: number }>(
      await server.database.db.execute(
        sql`select count(*)::int as n from dossiers where idempotency_key = ${key}`,
      ),
    );
    expect(row!.n).toBe(1);
  });

  it("refuses a second supplement request during handling and says why", async () => {
    const d = (await receive(clerk)).body;
    const first = await leader.post(`/api/dossiers/${d.id}/supplement-request`, {
      items: [{ requirement: "Bản sao CCCD", reason: "Bản sao mờ" }],
    });
    expect(first.status).toBe(200);
    expect(first.body.status).toBe("waiting_supplement");
    expect(first.body.forms.map((f: { formNo: string }) => f.formNo)).toContain("02");
    // The answer (the dossier and its record read right after the COMMIT) is the page itself.
    expect(first.body).toEqual((await leader.get(`/api/dossiers/${d.id}`)).body);
    const resumed = await clerk.post(`/api/dossiers/${d.id}/supplement-received`, {
      note: "Đã nộp bản sao rõ",
    });
    expect(resumed.body.status).toBe("processing");
    const second = await leader.post(`/api/dossiers/${d.id}/supplement-request`, {
      items: [{ requirement: "Giấy ủy quyền", reason: "Thiếu" }],
    });
    expect(second.status).toBe(422);
    expect(second.body.error.message).toMatch(/chỉ được yêu cầu bổ sung một lần/);
  });

  it("lists as due soon the steps due within the next working day (working hours, as the escalation counts them)", async () => {
    const [soon, later] = [(await receive(clerk)).body, (await receive(clerk)).body];
    const calendar = await tenantCalendar(server.database.db, server.demo.hcmc.tenantId);
    const now = new Date();
    // Six working hours ahead is "soon" even when it is tomorrow morning (more than 8 clock hours
    // away in the evening); ten working hours ahead is not.
    for (const [d, hours] of [
      [soon, 6],
      [later, 10],
    ] as const) {
      const due = calendar.addWorkingTime(now, { hours });
      await server.database.db.execute(
        sql`update dossier_steps set due_at = ${due} where dossier_id = ${d.id} and status = 'active'`,
      );
    }
    const res = await leader.get("/api/dossiers/inbox?scope=unit&due=soon&pageSize=200");
    expect(res.status).toBe(200);
    const listed = res.body.items.map((i: { dossierId: string }) => i.dossierId);
    expect(listed).toContain(soon.id);
    expect(listed).not.toContain(later.id);
  });

  it("stops the inbox's clock while a dossier waits for its supplement: overdue only if it was before the pause", async () => {
    const [pausedInTime, running, pausedLate] = [
      (await receive(clerk)).body,
      (await receive(clerk)).body,
      (await receive(clerk)).body,
    ];
    for (const d of [pausedInTime, pausedLate]) {
      const asked = await leader.post(`/api/dossiers/${d.id}/supplement-request`, {
        items: [{ requirement: "Bản sao CCCD", reason: "Bản sao mờ" }],
      });
      expect(asked.status).toBe(200);
    }
    // Each active step fell due an hour ago; the first dossier was paused two hours ago, before that.
    await server.database.db.execute(sql`
      update dossier_steps set due_at = now() - interval '1 hour'
       where status = 'active' and dossier_id in (${pausedInTime.id}, ${running.id}, ${pausedLate.id})`);
    await server.database.db.execute(sql`
      update dossiers set pauses = jsonb_build_array(jsonb_build_object('start', now() - interval '2 hours', 'end', null)),
             paused_since = now() - interval '2 hours'
       where id = ${pausedInTime.id}`);
    const listed = async (due?: string) => {
      const res = await leader.get(`/api/dossiers/inbox?scope=unit&pageSize=200${due ? `&due=${due}` : ""}`);
      expect(res.status).toBe(200);
      return new Map<string, boolean>(
        res.body.items.map((i: { dossierId: string; overdue: boolean }) => [i.dossierId, i.overdue]),
      );
    };
    const overdue = await listed("overdue");
    expect(overdue.has(running.id)).toBe(true);
    expect(overdue.has(pausedLate.id)).toBe(true);
    expect(overdue.has(pausedInTime.id)).toBe(false);
    const all = await listed();
    expect([all.get(pausedInTime.id), all.get(running.id), all.get(pausedLate.id)]).toEqual([
      false,
      true,
      true,
    ]);
    const counts = (await leader.get("/api/dossiers/inbox/counts")).body;
    expect(counts.overdueUnit).toBe(overdue.size);
    // The dossier page says the same of the steps, and of the dossier once its appointment passed.
    await server.database.db.execute(sql`
      update dossiers set original_due_at = now() - interval '1 hour', due_at = now() - interval '1 hour'
       where id in (${pausedInTime.id}, ${pausedLate.id})`);
    const page = async (id: string) => (await leader.get(`/api/dossiers/${id}`)).body;
    const [inTime, late] = [await page(pausedInTime.id), await page(pausedLate.id)];
    expect([inTime.late, activeStep(inTime).late]).toEqual([false, false]);
    expect([late.late, activeStep(late).late]).toEqual([true, true]);
  });

  it("counts on the menu's badges what each inbox lists", async () => {
    for (const client of [leader, officer]) {
      const counts = (await client.get("/api/dossiers/inbox/counts")).body;
      const total = async (query: string) =>
        (await client.get(`/api/dossiers/inbox?${query}&pageSize=1`)).body.total as number;
      expect(counts).toEqual({
        mine: await total("scope=mine"),
        unit: await total("scope=unit"),
        role: await total("scope=role"),
        overdue: await total("scope=mine&due=overdue"),
        overdueUnit: await total("scope=unit&due=overdue"),
        overdueRole: await total("scope=role&due=overdue"),
        onlineQueue: 0,
      });
    }
    // Not counting nothing: the leader has dossiers in the unit's inbox, some overdue.
    const counts = (await leader.get("/api/dossiers/inbox/counts")).body;
    expect(counts.unit).toBeGreaterThan(0);
    expect(counts.overdueUnit).toBeGreaterThan(0);
  });

  it("does not return a late dossier without the apology letter (form 04)", async () => {
    const d = (await receive(clerk)).body;
    // Make it late: its appointment passed yesterday.
    await server.database.db.execute(
      sql`update dossiers set original_due_at = now() - interval '1 day', due_at = now() - interval '1 day' where id = ${d.id}`,
    );
    await server.database.db.execute(
      sql`update dossiers set status = 'result_ready', completed_at = now() where id = ${d.id}`,
    );
    const refused = await clerk.post(`/api/dossiers/${d.id}/return`, { delivery: "counter" });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/Mẫu 04/);
    const apology = await leader.post(`/api/dossiers/${d.id}/apology`, {
      reason: "Hồ sơ cần xác minh thêm",
      newDueAt: (await workingDaysAhead(server, 2)).toISOString(),
    });
    expect(apology.status).toBe(200);
    const returned = await clerk.post(`/api/dossiers/${d.id}/return`, { delivery: "counter" });
    expect(returned.status).toBe(200);
    expect(returned.body.late).toBe(true);
    // The late return is handed to the QMS as a nonconformity event.
    const [event] = rowsOf<{ payload: { code: string } }>(
      await server.database.db.execute(
        sql`select payload from outbox where topic = 'qms.nonconformity.dossier_late'`,
      ),
    );
    expect(event!.payload.code).toBe(d.code);
  });

  it("lets exactly one of two concurrent approvals win", async () => {
    const d = (await receive(clerk)).body;
    const detail = (await clerk.get(`/api/dossiers/${d.id}`)).body;
    const step = activeStep(detail);
    const leader2 = await server.login("q10.lanhdao");
    const [a, b] = await Promise.all([
      leader.post(`/api/dossiers/${d.id}/steps/${step.id}/complete`, {
        version: step.version,
        nextAssigneeId: ids.officerUser,
      }),
      leader2.post(`/api/dossiers/${d.id}/steps/${step.id}/complete`, {
        version: step.version,
        nextAssigneeId: ids.officerUser,
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error.code).toBe("conflict");
    const after = (await clerk.get(`/api/dossiers/${d.id}`)).body;
    expect(after.steps.filter((s: { name: string }) => s.name === "Chuyên viên xử lý")).toHaveLength(1);
  });
});
