import { readFileSync } from "node:fs";
import { NO_FIELD_ID } from "@eiso/contracts";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "../../platform/db/client";
import { publishedProcedure } from "../../testing/dossier-fixtures";
import { type ApiClient, startTestServer, type TestServer } from "../../testing/harness";
import { tenantCalendar } from "../calendar/service";

let server: TestServer;
let clerk: ApiClient;
let leader: ApiClient;
const ids = { q10: "", desk: "", root: "", soTuPhap: "" };
const DAY = 86_400_000;
const vnDate = (t: number) => new Date(t + 7 * 3600_000).toISOString().slice(0, 10);

interface Raw {
  id: string;
  status: string;
  agency_path: string;
  procedure_id: string;
  field_id: string | null;
  received_at: Date | string;
  completed_at: Date | string | null;
  closed_at: Date | string | null;
  original_due_at: Date | string;
  pauses: { start: string; end: string | null }[];
}
interface RawEvent {
  dossier_id: string;
  kind: string;
  at: Date | string;
  data: unknown;
}

/** Every dossier and event as stored, for the counts computed here in plain code. */
async function rawRows() {
  const db = server.database.db;
  const rows = rowsOf<Raw>(
    await db.execute(
      sql`select id, status, agency_path, procedure_id, field_id, received_at, completed_at, closed_at, original_due_at, pauses from dossiers`,
    ),
  );
  const events = rowsOf<RawEvent>(
    await db.execute(sql`select dossier_id, kind, at, data from dossier_events`),
  );
  return { rows, events };
}

beforeAll(async () => {
  server = await startTestServer();
  const u = server.demo.hcmc.units;
  ids.q10 = u.get("Ủy ban nhân dân quận 10")!;
  ids.desk = u.get("Bộ phận Tiếp nhận và Trả kết quả quận 10")!;
  ids.root = server.demo.hcmc.rootUnitId;
  clerk = await server.login("q10.motcua");
  leader = await server.login("q10.lanhdao");
  const { procedureId } = await publishedProcedure(server.database, server.demo.hcmc.tenantId, {
    code: "9.900010",
    name: "Thủ tục thống kê",
    agencyUnitId: ids.q10,
    ownerUnitId: ids.q10,
    legal: { amount: 3, unit: "days" },
    parts: [
      { id: "process", name: "Xử lý", stepKind: "process", unit: "@agency", role: "leader", hours: 16 },
    ],
  });
  const receive = (extra: Record<string, unknown> = {}) =>
    clerk.post("/api/dossiers", {
      procedureId,
      deskUnitId: ids.desk,
      applicant: { name: "Người nộp thống kê" },
      documents: [{ name: "Tờ khai", originals: 1, copies: 0 }],
      ...extra,
    });
  const made: string[] = [];
  for (let i = 0; i < 9; i++) made.push((await receive()).body.id);
  await receive({ decision: "refuse", reasons: ["Không đủ điều kiện"] });
  // Asked at the desk to complete its papers: not received (yet), but asked to supplement.
  await receive({ decision: "request_supplement", reasons: ["Thiếu tờ khai có chữ ký"] });
  const db = server.database.db;
  const complete = async (id: string) => {
    const d = (await leader.get(`/api/dossiers/${id}`)).body;
    const s = d.steps.find((x: { status: string }) => x.status === "active");
    await leader.post(`/api/dossiers/${id}/steps/${s.id}/complete`, { version: s.version });
  };
  // Carried over from last month, still open and overdue.
  await db.execute(
    sql`update dossiers set received_at = now() - interval '40 days', original_due_at = now() - interval '35 days', due_at = now() - interval '35 days' where id = ${made[0]}`,
  );
  // Carried over and resolved late this period.
  await complete(made[1]!);
  await db.execute(
    sql`update dossiers set received_at = now() - interval '40 days', original_due_at = now() - interval '20 days' where id = ${made[1]}`,
  );
  // Resolved on time.
  await complete(made[2]!);
  await complete(made[3]!);
  // Supplement asked, stopped, withdrawn.
  await leader.post(`/api/dossiers/${made[4]}/supplement-request`, {
    items: [{ requirement: "Bản sao", reason: "Thiếu" }],
  });
  // Its appointment passed while it waited, after its clock stopped: still in progress on time.
  await db.execute(
    sql`update dossiers set original_due_at = now() - interval '1 hour', pauses = jsonb_build_array(jsonb_build_object('start', now() - interval '3 hours', 'end', null)), paused_since = now() - interval '3 hours', pause_started_at = now() - interval '3 hours' where id = ${made[4]}`,
  );
  await leader.post(`/api/dossiers/${made[5]}/stop`, { reason: "Dừng theo đề nghị" });
  await clerk.post(`/api/dossiers/${made[6]}/withdraw`, { reason: "Rút hồ sơ" });
  // Received long ago and closed before the period: counts nowhere.
  await complete(made[7]!);
  await db.execute(
    sql`update dossiers set received_at = now() - interval '90 days', completed_at = now() - interval '80 days', original_due_at = now() - interval '85 days' where id = ${made[7]}`,
  );

  // Two dossiers whose supplement pause moved their appointment after a past period ended: the
  // report for that period sees them as they stood then. Both were overdue on day -25 (appointment
  // day -30); X was waiting for its supplement then (pause days -28 → -10), Y was asked later
  // (pause days -20 → -5). Their appointments now, moved by the pauses, are days -12 and -15.
  const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
  for (const [startDay, endDay, dueNowDay] of [
    [28, 10, 12],
    [20, 5, 15],
  ] as const) {
    const id = (await receive()).body.id as string;
    await leader.post(`/api/dossiers/${id}/supplement-request`, {
      items: [{ requirement: "Bản sao", reason: "Thiếu" }],
    });
    expect((await clerk.post(`/api/dossiers/${id}/supplement-received`, {})).status).toBe(200);
    const [start, end, dueBefore, dueNow] = [ago(startDay), ago(endDay), ago(30), ago(dueNowDay)];
    await db.execute(sql`update dossiers set received_at = ${ago(40)}, due_at = ${dueNow},
        original_due_at = ${dueNow}, original_due_before_pause = ${dueBefore},
        pauses = ${JSON.stringify([{ start, end }])}::jsonb, pause_started_at = ${start}, pause_ended_at = ${end}
      where id = ${id}`);
    await db.execute(
      sql`update dossier_events set at = ${start} where dossier_id = ${id} and kind = 'supplement_requested'`,
    );
    await db.execute(sql`update dossier_events set at = ${end},
        data = data || jsonb_build_object('originalDueAtBefore', ${dueBefore}::text, 'originalDueAt', ${dueNow}::text)
      where dossier_id = ${id} and kind = 'supplement_received'`);
    await db.execute(
      sql`update dossier_events set at = ${ago(40)} where dossier_id = ${id} and kind = 'received'`,
    );
  }

  // A second procedure in a field of its own, so the breakdowns by field and procedure have rows
  // that differ.
  const second = await publishedProcedure(server.database, server.demo.hcmc.tenantId, {
    code: "9.900011",
    name: "Thủ tục thống kê bổ sung",
    agencyUnitId: ids.q10,
    ownerUnitId: ids.q10,
    legal: { amount: 5, unit: "days" },
    parts: [
      { id: "process", name: "Xử lý", stepKind: "process", unit: "@agency", role: "leader", hours: 16 },
    ],
  });
  const more: string[] = [];
  for (let i = 0; i < 4; i++) more.push((await receive({ procedureId: second.procedureId })).body.id);
  await complete(more[0]!);
  await leader.post(`/api/dossiers/${more[1]}/supplement-request`, {
    items: [{ requirement: "Bản chính", reason: "Thiếu" }],
  });
  // Received before fields were recorded: counted in a row of its own.
  await db.execute(sql`update dossiers set field_id = null where id = ${more[2]}`);
  // Withdrawn today, but its record (repaired by hand) says it was received and closed long ago:
  // only its event puts it in the report.
  await clerk.post(`/api/dossiers/${more[3]}/withdraw`, { reason: "Rút hồ sơ" });
  await db.execute(
    sql`update dossiers set received_at = now() - interval '70 days', original_due_at = now() - interval '65 days', closed_at = now() - interval '60 days' where id = ${more[3]}`,
  );
});
afterAll(() => server?.close());

const t = (v: Date | string | null) => (v === null ? Number.POSITIVE_INFINITY : new Date(v).getTime());

/** The report's definitions, applied in plain code to the raw rows (those received before `to`). */
function expected(all: Raw[], events: RawEvent[], from: number, to: number) {
  const rows = all.filter((r) => t(r.received_at) < to);
  const inPeriod = (v: Date | string | null) => t(v) >= from && t(v) < to;
  const eventIn = (id: string, kinds: string[]) =>
    events.some((e) => e.dossier_id === id && kinds.includes(e.kind) && inPeriod(e.at));
  const open = (r: Raw, at: number) => Math.min(t(r.completed_at), t(r.closed_at)) >= at;
  // Accepted: not refused, not still waiting at the desk for its papers (no pause: no clock yet).
  const counted = rows.filter(
    (r) => r.status !== "refused" && !(r.status === "waiting_supplement" && r.pauses.length === 0),
  );
  // As the dossier stood at `at`: the clock of a dossier then waiting for its supplement stopped when
  // the pause began; a pause that ended after `at` had not moved the appointment yet (the
  // resumption's event says what it was before).
  const pausedAt = (r: Raw, at: number) => {
    const p = r.pauses.at(-1);
    return p && t(p.start) <= at && t(p.end) > at ? t(p.start) : null;
  };
  const clock = (r: Raw, at: number) => pausedAt(r, at) ?? at;
  const dueAt = (r: Raw, at: number) => {
    const p = r.pauses.at(-1);
    if (!p?.end || t(p.end) <= at) return t(r.original_due_at);
    const resumed = events.find((e) => e.dossier_id === r.id && e.kind === "supplement_received");
    return t(
      (resumed?.data as { originalDueAtBefore?: string } | null)?.originalDueAtBefore ?? r.original_due_at,
    );
  };
  const resolved = rows.filter((r) => inPeriod(r.completed_at));
  const onTime = resolved.filter((r) => t(r.completed_at) <= t(r.original_due_at)).length;
  // In progress "as of" the end of the period, or now when the period has not ended yet.
  const asOf = Math.min(to, Date.now());
  const stillOpen = counted.filter((r) => t(r.received_at) < asOf && open(r, asOf));
  return {
    receivedNew: counted.filter((r) => inPeriod(r.received_at)).length,
    carriedOver: counted.filter((r) => t(r.received_at) < from && open(r, from)).length,
    resolvedOnTime: onTime,
    resolvedLate: resolved.length - onTime,
    inProgressOnTime: stillOpen.filter((r) => dueAt(r, asOf) >= clock(r, asOf)).length,
    inProgressOverdue: stillOpen.filter((r) => dueAt(r, asOf) < clock(r, asOf)).length,
    supplementRequested: rows.filter((r) =>
      eventIn(r.id, ["supplement_requested", "supplement_requested_at_reception"]),
    ).length,
    refused: rows.filter((r) => eventIn(r.id, ["refused"])).length,
    stopped: rows.filter((r) => eventIn(r.id, ["stopped"])).length,
    withdrawn: rows.filter((r) => eventIn(r.id, ["withdrawn"])).length,
  };
}

describe("dossier statistics", () => {
  it("match a count computed independently from the raw rows, for the unit and rolled up the tree", async () => {
    const fromDate = vnDate(Date.now() - 10 * DAY);
    const toDate = vnDate(Date.now());
    const from = new Date(`${fromDate}T00:00:00+07:00`).getTime();
    const to = new Date(`${toDate}T00:00:00+07:00`).getTime() + DAY;
    const { rows, events } = await rawRows();
    const want = expected(rows, events, from, to);
    expect(want.carriedOver).toBe(4);
    expect(want.resolvedLate).toBe(1);
    // The paused dossier is on time, the one waiting at the desk is not counted as received.
    const paused = rows.find((r) => r.status === "waiting_supplement" && r.pauses.length > 0)!;
    expect(t(paused.original_due_at)).toBeLessThan(Date.now());
    expect(rows.filter((r) => r.status === "waiting_supplement" && r.pauses.length === 0)).toHaveLength(1);

    const admin = await server.login("admin");
    const res = await admin.get(`/api/dossiers/statistics?unitId=${ids.root}&from=${fromDate}&to=${toDate}`);
    expect(res.status).toBe(200);
    const { onTimeRate, unitId, unitName, ...total } = res.body.total;
    expect(total).toEqual(want);
    const q10Row = res.body.rows.find((r: { unitId: string }) => r.unitId === ids.q10);
    const { onTimeRate: _r, unitId: _u, unitName: _n, ...q10 } = q10Row;
    expect(q10).toEqual(want);
    expect(onTimeRate).toBe(
      Math.round((want.resolvedOnTime / (want.resolvedOnTime + want.resolvedLate)) * 10_000) / 100,
    );
    const others = res.body.rows.filter((r: { unitId: string }) => r.unitId !== ids.q10);
    expect(others.every((r: { receivedNew: number }) => r.receivedNew === 0)).toBe(true);

    // District 10 handles these dossiers itself: they are its own row, not a sub-unit's.
    const q10Stats = await leader.get(
      `/api/dossiers/statistics?unitId=${ids.q10}&from=${fromDate}&to=${toDate}`,
    );
    const { onTimeRate: _o, unitId: _i, unitName: _m, ...own } = q10Stats.body.own;
    expect(own).toEqual(want);
    expect(q10Stats.body.rows.every((r: { receivedNew: number }) => r.receivedNew === 0)).toBe(true);

    const byProcedure = await leader.get(
      `/api/dossiers/statistics?unitId=${ids.q10}&from=${fromDate}&to=${toDate}&groupBy=procedure`,
    );
    expect(byProcedure.body.rows.map((r: { unitName: string }) => r.unitName)).toEqual([
      "Thủ tục thống kê",
      "Thủ tục thống kê bổ sung",
    ]);
    const xlsx = await fetch(
      `${server.baseUrl}/api/dossiers/statistics.xlsx?unitId=${ids.q10}&from=${fromDate}&to=${toDate}&groupBy=field`,
      {
        headers: { cookie: leader.cookie! },
      },
    );
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsx.arrayBuffer()) as never);
    // The breakdown asked for comes first; each sheet ends with the unit's total.
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Theo lĩnh vực", "Theo đơn vị", "Theo thủ tục"]);
    const fieldSheet = wb.worksheets[0]!;
    const lastRow = fieldSheet.getRow(fieldSheet.rowCount);
    expect(String(lastRow.getCell(1).value)).toContain("Tổng cộng");
    expect(lastRow.getCell(2).value).toBe(want.receivedNew);
  });

  it("break down by field and by procedure with something to count, each row matching a count from the raw rows, over several periods", async () => {
    const db = server.database.db;
    const { rows, events } = await rawRows();
    const [{ path }] = rowsOf<{ path: string }>(
      await db.execute(sql`select path from units where id = ${ids.q10}`),
    ) as [{ path: string }];
    const fieldNames = new Map(
      rowsOf<{ id: string; name: string }>(await db.execute(sql`select id, name from catalogue_fields`)).map(
        (f) => [f.id, f.name],
      ),
    );
    const under = rows.filter((r) => r.agency_path.startsWith(path));
    const periods: [number, number][] = [
      [-10, 0],
      [-45, -25],
      [-75, -55],
      [-100, -70],
      [3, 8], // not begun yet: in progress as of now
    ];
    let checkedRows = 0;
    for (const [a, b] of periods) {
      const fromDate = vnDate(Date.now() + a * DAY);
      const toDate = vnDate(Date.now() + b * DAY);
      const from = new Date(`${fromDate}T00:00:00+07:00`).getTime();
      const to = new Date(`${toDate}T00:00:00+07:00`).getTime() + DAY;
      const seen = under.filter((r) => t(r.received_at) < to);
      for (const groupBy of ["field", "procedure"] as const) {
        const keyOf = (r: Raw) => (groupBy === "field" ? (r.field_id ?? NO_FIELD_ID) : r.procedure_id);
        const res = await leader.get(
          `/api/dossiers/statistics?unitId=${ids.q10}&from=${fromDate}&to=${toDate}&groupBy=${groupBy}`,
        );
        expect(res.status).toBe(200);
        const got = res.body.rows as { unitId: string; unitName: string; onTimeRate: number | null }[];
        // A row for every field (procedure) that has something to count in the period.
        const keys = [...new Set(seen.map(keyOf))].filter((k) =>
          Object.values(
            expected(
              seen.filter((r) => keyOf(r) === k),
              events,
              from,
              to,
            ),
          ).some((n) => n > 0),
        );
        expect(got.map((r) => r.unitId).sort()).toEqual(keys.sort());
        for (const { unitId, unitName, onTimeRate: _r, ...counts } of got) {
          const mine = seen.filter((r) => keyOf(r) === unitId);
          expect(counts, `${groupBy} ${unitName} ${fromDate}..${toDate}`).toEqual(
            expected(mine, events, from, to),
          );
          if (groupBy === "field" && unitId !== NO_FIELD_ID) expect(unitName).toBe(fieldNames.get(unitId));
          checkedRows++;
        }
        const { onTimeRate: _o, unitId: _u, unitName: _n, ...total } = res.body.total;
        expect(total).toEqual(expected(under, events, from, to));
      }
    }
    expect(checkedRows).toBeGreaterThan(10);
  });

  it("count a period in the past the same way from the top of the tree", async () => {
    const { rows, events } = await rawRows();
    const admin = await server.login("admin");
    for (const [a, b] of [
      [-45, -25],
      [-100, -70],
    ] as const) {
      const fromDate = vnDate(Date.now() + a * DAY);
      const toDate = vnDate(Date.now() + b * DAY);
      const from = new Date(`${fromDate}T00:00:00+07:00`).getTime();
      const to = new Date(`${toDate}T00:00:00+07:00`).getTime() + DAY;
      const res = await admin.get(
        `/api/dossiers/statistics?unitId=${ids.root}&from=${fromDate}&to=${toDate}`,
      );
      const { onTimeRate: _o, unitId: _u, unitName: _n, ...total } = res.body.total;
      expect(total).toEqual(expected(rows, events, from, to));
      const q10Row = res.body.rows.find((r: { unitId: string }) => r.unitId === ids.q10);
      const { onTimeRate: _r, unitId: _i, unitName: _m, ...q10 } = q10Row;
      expect(q10).toEqual(expected(rows, events, from, to));
    }
    // The two dossiers whose pauses moved their appointments after day -25 were overdue then, and
    // count so in that period's report, though their appointments now fall after it.
    const movedLater = rows.filter((r) => r.pauses.at(-1)?.end && t(r.received_at) < Date.now() - 39 * DAY);
    expect(movedLater).toHaveLength(2);
    expect(movedLater.every((r) => t(r.original_due_at) > Date.now() - 25 * DAY)).toBe(true);
    const past = expected(movedLater, events, Date.now() - 45 * DAY, Date.now() - 25 * DAY);
    expect([past.inProgressOnTime, past.inProgressOverdue]).toEqual([0, 2]);
  });

  it("learn the pause of dossiers resumed before the pause was kept, from the resumption's audit entry (migration 0014)", async () => {
    const db = server.database.db;
    const { procedureId } = rowsOf<{ procedureId: string }>(
      await db.execute(
        sql`select procedure_id as "procedureId" from dossiers where procedure_code = '9.900010' limit 1`,
      ),
    )[0]!;
    const id = (
      await clerk.post("/api/dossiers", {
        procedureId,
        deskUnitId: ids.desk,
        applicant: { name: "Người nộp thống kê" },
        documents: [{ name: "Tờ khai", originals: 1, copies: 0 }],
      })
    ).body.id as string;
    await leader.post(`/api/dossiers/${id}/supplement-request`, {
      items: [{ requirement: "Bản sao", reason: "Thiếu" }],
    });
    // Received six days ago, waiting since four days ago (a span with working time in it whatever
    // the hour this runs), resumed now: the pause moves the appointment.
    const calendar = await tenantCalendar(db, server.demo.hcmc.tenantId);
    const received = new Date(Date.now() - 6 * DAY);
    const due = calendar.addWorkingTime(received, { days: 3 });
    const start = new Date(Date.now() - 4 * DAY).toISOString();
    await db.execute(sql`update dossiers set received_at = ${received}, due_at = ${due}, original_due_at = ${due},
        pauses = jsonb_build_array(jsonb_build_object('start', ${start}::text, 'end', null)),
        paused_since = ${start}, pause_started_at = ${start} where id = ${id}`);
    expect((await clerk.post(`/api/dossiers/${id}/supplement-received`, {})).status).toBe(200);
    const columns = sql`select pause_started_at, pause_ended_at, original_due_before_pause, original_due_at from dossiers where id = ${id}`;
    const [kept] = rowsOf<Record<string, Date | string | null>>(await db.execute(columns));
    expect(t(kept!.original_due_before_pause!)).toBeLessThan(t(kept!.original_due_at!));
    // As a dossier resumed before migration 0014 would be: the pause only in `pauses` and the audit.
    // (In a transaction rolled back afterwards: the backfill rewrites every paused dossier.)
    const migration = readFileSync(
      new URL("../../../drizzle/0014_dossier_pause_history.sql", import.meta.url),
      "utf8",
    );
    const backfill = migration
      .split("--> statement-breakpoint")
      .filter((x) => /^\s*(--.*\n)*\s*UPDATE/i.test(x));
    expect(backfill).toHaveLength(2);
    const rollback = new Error("rollback");
    const learnt = await db
      .transaction(async (tx) => {
        await tx.execute(
          sql`update dossiers set pause_started_at = null, pause_ended_at = null, original_due_before_pause = null where id = ${id}`,
        );
        for (const statement of backfill) await tx.execute(sql.raw(statement));
        const [row] = rowsOf<Record<string, Date | string | null>>(await tx.execute(columns));
        throw Object.assign(rollback, { row });
      })
      .catch((e: Error & { row?: Record<string, Date | string | null> }) => {
        if (e !== rollback) throw e;
        return e.row!;
      });
    expect(Object.fromEntries(Object.entries(learnt).map(([k, v]) => [k, t(v)]))).toEqual(
      Object.fromEntries(Object.entries(kept!).map(([k, v]) => [k, t(v)])),
    );
  });

  it("refuses statistics of another agency", async () => {
    const q1 = await server.login("q1.admin");
    const res = await q1.get(`/api/dossiers/statistics?unitId=${ids.q10}&from=2026-01-01&to=2026-12-31`);
    expect(res.status).toBe(403);
  });
});
