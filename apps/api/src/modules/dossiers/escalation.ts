import { sql } from "drizzle-orm";
import { vnToday } from "../../platform/dates";
import type { Db } from "../../platform/db/client";
import { rowsOf } from "../../platform/db/client";
import { enqueue } from "../../platform/jobs/outbox";
import { MAIL_TOPIC } from "../../platform/mail";
import { tenantCalendar } from "../calendar/service";
import { officersWithRole } from "../org/access";
import { vietnameseDateTime } from "./forms/vietnamese-dates";
import { addDossierEvent } from "./store";

/** A step is "about to be late" when at most this share of its allotment (and at most 4 working hours) is left. */
export const WARN_SHARE = 0.25;
export const WARN_MAX_MS = 4 * 3600_000;

/**
 * Flags active steps that are about to be late (or already are) and escalates each once to the
 * leaders of its unit through the outbox, recording it in the dossier's log.
 */
export async function escalateDueSteps(db: Db, now = new Date()): Promise<number> {
  const candidates = rowsOf<{
    tenant_id: string;
    id: string;
    dossier_id: string;
    name: string;
    unit_path: string;
    due_at: Date | string;
    allotment_ms: number | string;
    code: string;
  }>(
    await db.execute(sql`
      select s.tenant_id, s.id, s.dossier_id, s.name, s.unit_path, s.due_at, s.allotment_ms, d.code
        from dossier_steps s join dossiers d on d.tenant_id = s.tenant_id and d.id = s.dossier_id
       where s.status = 'active' and s.escalated_at is null and d.status = 'processing'
         and s.due_at < ${new Date(now.getTime() + 7 * 86_400_000)}
       order by s.due_at limit 500`),
  );
  let escalated = 0;
  for (const c of candidates) {
    const calendar = await tenantCalendar(db, c.tenant_id);
    const due = new Date(c.due_at);
    const left = calendar.workingTimeBetween(now, due);
    if (left > Math.min(WARN_MAX_MS, Number(c.allotment_ms) * WARN_SHARE)) continue;
    await db.transaction(async (tx) => {
      const marked = rowsOf<{ id: string }>(
        await tx.execute(sql`update dossier_steps set escalated_at = ${now}
          where tenant_id = ${c.tenant_id} and id = ${c.id} and escalated_at is null returning id`),
      );
      if (!marked.length) return;
      const leaders = await officersWithRole(tx, c.tenant_id, "leader", c.unit_path, vnToday(now));
      const overdue = left <= 0;
      for (const l of leaders) {
        if (!l.email) continue;
        await enqueue(tx, c.tenant_id, MAIL_TOPIC, {
          to: l.email,
          subject: `[eISO] ${overdue ? "Quá hạn" : "Sắp đến hạn"}: hồ sơ ${c.code} — ${c.name}`,
          text: `Bước "${c.name}" của hồ sơ ${c.code} ${overdue ? "đã quá hạn" : "sắp đến hạn"} (hạn ${vietnameseDateTime(due)}).`,
        });
      }
      await addDossierEvent(
        tx,
        { tenantId: c.tenant_id, userId: null, name: "Hệ thống" },
        c.dossier_id,
        "step.escalated",
        {
          stepId: c.id,
          at: now,
          data: { overdue, dueAt: due.toISOString(), leaders: leaders.map((l) => l.id) },
        },
      );
      escalated++;
    });
  }
  return escalated;
}
