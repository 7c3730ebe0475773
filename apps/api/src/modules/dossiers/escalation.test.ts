import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "../../platform/db/client";
import { publishedProcedure } from "../../testing/dossier-fixtures";
import { startTestServer, type TestServer } from "../../testing/harness";
import { escalateDueSteps } from "./escalation";

let server: TestServer;
const dossiersMade: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  const q10 = server.demo.hcmc.units.get("Ủy ban nhân dân quận 10")!;
  const desk = server.demo.hcmc.units.get("Bộ phận Tiếp nhận và Trả kết quả quận 10")!;
  const justice = server.demo.hcmc.units.get("Phòng Tư pháp quận 10")!;
  const { procedureId } = await publishedProcedure(server.database, server.demo.hcmc.tenantId, {
    code: "9.900030",
    name: "Thủ tục cảnh báo",
    agencyUnitId: q10,
    ownerUnitId: q10,
    legal: { amount: 2, unit: "days" },
    parts: [
      { id: "process", name: "Thẩm định", stepKind: "process", unit: justice, role: "officer", hours: 8 },
    ],
  });
  const clerk = await server.login("q10.motcua");
  for (let i = 0; i < 2; i++) {
    const res = await clerk.post("/api/dossiers", {
      procedureId,
      deskUnitId: desk,
      applicant: { name: `Người nộp ${i}` },
      documents: [{ name: "Tờ khai", originals: 1, copies: 0 }],
    });
    dossiersMade.push(res.body.id);
  }
});
afterAll(() => server?.close());

describe("escalation of steps about to be late", () => {
  it("warns the leaders of the step's unit once, through the outbox, and records it in the dossier's log", async () => {
    const db = server.database.db;
    // Monday 7/12/2026 10:00: the first step is due at 11:00 (1 working hour left of 8), the second on Tuesday 16:00.
    await db.execute(
      sql`update dossier_steps set due_at = '2026-12-07T11:00:00+07:00' where dossier_id = ${dossiersMade[0]}`,
    );
    await db.execute(
      sql`update dossier_steps set due_at = '2026-12-08T16:00:00+07:00' where dossier_id = ${dossiersMade[1]}`,
    );
    const now = new Date("2026-12-07T10:00:00+07:00");
    expect(await escalateDueSteps(db, now)).toBe(1);
    expect(await escalateDueSteps(db, now)).toBe(0);
    const mails = rowsOf<{ payload: { to: string; subject: string } }>(
      await db.execute(
        sql`select payload from outbox where topic = 'mail.send' and payload->>'subject' like '%Sắp đến hạn%'`,
      ),
    );
    // Leaders over Phòng Tư pháp quận 10: its head and the district's leader.
    expect(mails.map((m) => m.payload.to).sort()).toEqual([
      "q10.lanhdao@demo.eiso.vn",
      "q10.truongphong@demo.eiso.vn",
    ]);
    const [event] = rowsOf<{ kind: string }>(
      await db.execute(
        sql`select kind from dossier_events where dossier_id = ${dossiersMade[0]} and kind = 'step.escalated'`,
      ),
    );
    expect(event?.kind).toBe("step.escalated");
    // Tuesday 15:00: the second step has 1 working hour left and is escalated in turn.
    expect(await escalateDueSteps(db, new Date("2026-12-08T15:00:00+07:00"))).toBe(1);
  });
});
