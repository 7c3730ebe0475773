import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LATE_RETURN_TOPIC } from "../modules/dossiers/handling";
import { inboxCounts } from "../modules/dossiers/queries";
import { loadEffectiveGrants } from "../modules/org/access";
import type { Actor } from "../platform/actor";
import { vnToday } from "../platform/dates";
import { rowsOf } from "../platform/db/client";
import { startTestServer, type TestServer } from "../testing/harness";
import { type DemoDossierSummary, loadDemoDossiers } from "./demo-dossiers";

// A Friday morning, Vietnam time: the demo's quarter of work ends here.
const now = new Date("2026-11-20T10:00:00+07:00");

describe("demo dossiers (npm start)", () => {
  let server: TestServer;
  let summary: DemoDossierSummary;
  const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await server.database.db.execute(query));

  beforeAll(async () => {
    server = await startTestServer();
    summary = await loadDemoDossiers(server.database.db, server.demo.hcmc, { now });
  });
  afterAll(() => server.app.close().then(() => server.database.close()));

  it("leaves dossiers in every state a desk sees, all received by the engine", async () => {
    const rows = await q<{ status: string; n: number }>(
      sql`select status, count(*)::int as n from dossiers group by status`,
    );
    const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    for (const status of [
      "archived",
      "returned",
      "processing",
      "waiting_supplement",
      "refused",
      "stopped",
      "withdrawn",
    ]) {
      expect(by[status], status).toBeGreaterThan(0);
    }
    expect(rows.reduce((s, r) => s + r.n, 0)).toBe(summary.received);
    const [received] = await q<{ n: number }>(
      sql`select count(distinct dossier_id)::int as n from dossier_events where kind in ('received', 'refused', 'supplement_requested_at_reception')`,
    );
    // Every dossier was received once: accepted, refused or asked to complete at the desk.
    expect(received!.n).toBe(summary.received);
  });

  it("takes some dossiers from the portal through the desk's online queue, leaves two waiting there and one to complete", async () => {
    const rows = await q<{ status: string; n: number; with_dossier: number; late: number }>(sql`
      select s.status, count(*)::int as n, count(d.id)::int as with_dossier,
             count(*) filter (where d.received_at < s.submitted_at or s.submitted_at > ${now})::int as late
        from online_submissions s left join dossiers d on d.tenant_id = s.tenant_id and d.id = s.dossier_id
       group by s.status`);
    const by = Object.fromEntries(rows.map((r) => [r.status, r]));
    expect(by.pending).toMatchObject({ n: 2, with_dossier: 0 });
    // One waits for the citizen's supplement, asked at the desk.
    expect(by.supplement_requested?.n).toBeGreaterThanOrEqual(1);
    const decided = rows.filter((r) => r.status !== "pending");
    expect(decided.reduce((s, r) => s + r.n, 0)).toBeGreaterThan(0);
    // Each decided submission became its dossier, received online after it was submitted.
    for (const r of decided) expect(r).toMatchObject({ with_dossier: r.n, late: 0 });
    const [online] = await q<{ n: number }>(sql`
      select count(*)::int as n from dossiers d join online_submissions s on s.dossier_id = d.id
       where d.method = 'online' and d.idempotency_key = 'eiso-queue-' || s.id`);
    expect(online!.n).toBe(decided.reduce((s, r) => s + r.n, 0));
  });

  it("happens before now, and each dossier's log is in time order", async () => {
    const [late] = await q<{ n: number }>(
      sql`select count(*)::int as n from dossier_events where at > ${now}`,
    );
    expect(late!.n).toBe(0);
    const [disorder] = await q<{ n: number }>(sql`
      select count(*)::int as n from (
        select at < lag(at) over (partition by dossier_id order by id) as back from dossier_events
      ) e where back`);
    expect(disorder!.n).toBe(0);
  });

  it("numbers each agency's dossiers of a day 1, 2, 3… in the order they were handed in", async () => {
    const gaps = await q<{ code: string; expected: number }>(sql`
      select code, row_number() over (partition by agency_unit_id, left(code, length(code) - 5) order by created_at, code)::int as expected
        from dossiers`);
    expect(gaps.length).toBe(summary.received);
    for (const g of gaps) expect(Number(g.code.slice(-4)), g.code).toBe(g.expected);
  });

  it("honours the rules: a late dossier went back only after its apology (form 04) and was reported to the QMS; one supplement at most", async () => {
    const lateReturns = await q<{ id: string; returned_at: Date; letter: Date | null; reported: number }>(sql`
      select d.id, e.at as returned_at,
             (select min(f.created_at) from dossier_forms f where f.dossier_id = d.id and f.form_no = '04') as letter,
             (select count(*)::int from outbox o where o.topic = ${LATE_RETURN_TOPIC} and o.payload->>'dossierId' = d.id::text) as reported
        from dossiers d join dossier_events e on e.dossier_id = d.id and e.kind = 'returned'
       where (e.data->>'late')::boolean`);
    expect(lateReturns.length).toBeGreaterThan(0);
    for (const r of lateReturns) {
      expect(r.letter, r.id).not.toBeNull();
      expect(new Date(r.letter!).getTime()).toBeLessThanOrEqual(new Date(r.returned_at).getTime());
      expect(r.reported, r.id).toBe(1);
    }
    const [twice] = await q<{ n: number }>(
      sql`select count(*)::int as n from dossiers where supplement_count > 1`,
    );
    expect(twice!.n).toBe(0);
    const [sentBack] = await q<{ n: number }>(
      sql`select count(*)::int as n from dossier_events where kind = 'step.sent_back'`,
    );
    expect(sentBack!.n).toBeGreaterThan(0);
  });

  it("gives the officers work: steps assigned, in the queues and overdue, as the leader's counts show", async () => {
    const [leader] = await q<{ id: string }>(sql`select id from users where username = 'q10.lanhdao'`);
    const actor: Actor = {
      tenantId: server.demo.hcmc.tenantId,
      userId: leader!.id,
      name: "Trần Thị Lãnh",
      kind: "officer",
      grants: await loadEffectiveGrants(
        server.database.db,
        server.demo.hcmc.tenantId,
        leader!.id,
        vnToday(now),
      ),
      sessionId: "test",
      csrfToken: "test",
      activeUnitId: null,
    };
    const q10Path = actor.grants[0]!.unitPath;
    const [raw] = await q<{ active: number; overdue: number; assignees: number; queued: number }>(sql`
      select count(*)::int as active,
             count(*) filter (where due_at < ${now})::int as overdue,
             count(distinct assignee_id)::int as assignees,
             count(*) filter (where assignee_id is null)::int as queued
        from dossier_steps where status = 'active' and unit_path like ${`${q10Path}%`}`);
    expect(raw!.overdue).toBeGreaterThan(0);
    expect(raw!.assignees).toBeGreaterThanOrEqual(3);
    expect(raw!.queued).toBeGreaterThan(0);
    const counts = await inboxCounts(server.database.db, actor, now);
    expect(counts.unit).toBe(raw!.active);
    expect(counts.overdueUnit).toBe(raw!.overdue);
  });

  it("opens every kind of dossier's page and receipt through the API", async () => {
    const leader = await server.login("q10.lanhdao");
    const samples = await q<{ id: string; code: string; status: string }>(
      sql`select distinct on (status) id, code, status from dossiers order by status, code`,
    );
    for (const s of samples) {
      const page = await leader.get(`/api/dossiers/${s.id}`);
      expect(page.status, s.status).toBe(200);
      expect(page.body.code).toBe(s.code);
      expect(page.body.events.length).toBeGreaterThan(0);
    }
    const accepted = samples.find((s) => s.status === "archived")!;
    const receipt = await leader.get(`/api/dossiers/${accepted.id}/forms/01?format=html`);
    expect(receipt.status).toBe(200);
    expect(receipt.body).toContain(accepted.code);
  });
});
