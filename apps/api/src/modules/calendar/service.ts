import {
  createCalendar,
  DEFAULT_OFFICE_HOURS,
  officialScheduleOf,
  type WorkingCalendar,
  type YearOverride,
} from "@eiso/calendar";
import type { TCalendarYear, TOfficeHours } from "@eiso/contracts";
import { and, eq, type Placeholder, type SQL, sql } from "drizzle-orm";
import type { Actor } from "../../platform/actor";
import { recordAudit } from "../../platform/audit/service";
import { executeNamed, type Queryable, type Tx } from "../../platform/db/client";
import { AppError } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { calendarOverrides, calendarSettings } from "./tables";

interface Cached {
  stamp: string;
  calendar: WorkingCalendar;
}
const cache = new Map<string, Cached>();

/**
 * What changes when the tenant's calendar does (its overrides and office hours), as one SQL value:
 * a transition reads it beside the dossier it locks, in the same round trip.
 */
export function calendarStampSql(tenantId: string | Placeholder): SQL<string> {
  return sql<string>`concat(
      (select max(updated_at)::text || count(*)::text from ${calendarOverrides} where tenant_id = ${tenantId}), '|',
      (select updated_at::text from ${calendarSettings} where tenant_id = ${tenantId}))`;
}

/**
 * The tenant's working calendar: shipped schedules plus the tenant's overrides and office hours.
 * Cached per process, but every call checks the tenant's last change (`stamp`, when the caller
 * has read it already) so an edit made on any API node applies to the very next deadline computed
 * anywhere.
 */
export async function tenantCalendar(
  db: Queryable,
  tenantId: string,
  stamp?: string,
): Promise<WorkingCalendar> {
  if (stamp === undefined) {
    const [row] = await executeNamed<{ stamp: string | null }>(
      db,
      "calendar_stamp",
      sql`select ${calendarStampSql(tenantId)} as stamp`,
    );
    stamp = row?.stamp ?? "";
  }
  const hit = cache.get(tenantId);
  if (hit && hit.stamp === stamp) return hit.calendar;
  const calendar = await buildCalendar(db, tenantId);
  cache.set(tenantId, { stamp, calendar });
  return calendar;
}

async function buildCalendar(db: Queryable, tenantId: string): Promise<WorkingCalendar> {
  const overrides = await db.select().from(calendarOverrides).where(eq(calendarOverrides.tenantId, tenantId));
  const [settings] = await db.select().from(calendarSettings).where(eq(calendarSettings.tenantId, tenantId));
  return createCalendar({
    overrides: overrides.map((o): YearOverride => ({ year: o.year, mode: o.mode, days: o.days })),
    officeHours: settings?.officeHours ?? DEFAULT_OFFICE_HOURS,
  });
}

/** One year as the tenant sees it, with the shipped days and the tenant's override side by side. */
export async function calendarYear(db: Queryable, tenantId: string, year: number): Promise<TCalendarYear> {
  const calendar = await tenantCalendar(db, tenantId);
  const shipped = createCalendar().holidays(year);
  const [o] = await db
    .select()
    .from(calendarOverrides)
    .where(and(eq(calendarOverrides.tenantId, tenantId), eq(calendarOverrides.year, year)));
  const official = officialScheduleOf(year);
  return {
    year,
    days: calendar.holidays(year),
    shipped,
    override: o
      ? {
          mode: o.mode,
          days: o.days,
          source: o.source,
          updatedAt: o.updatedAt.toISOString(),
          updatedBy: o.updatedBy,
        }
      : null,
    officialSource: official ? official.sources.join("; ") : null,
  };
}

/** Sets (or clears, with no days in extend mode) a tenant's override of one year; audited. */
export async function setYearOverride(
  tx: Tx,
  actor: Actor,
  year: number,
  input: { mode: "extend" | "replace"; days: YearOverride["days"]; source?: string | null | undefined },
): Promise<TCalendarYear> {
  try {
    createCalendar({ overrides: [{ year, mode: input.mode, days: input.days }] });
  } catch (e) {
    throw new AppError("validation_failed", (e as Error).message);
  }
  const before = await calendarYear(tx, actor.tenantId, year);
  await tx
    .delete(calendarOverrides)
    .where(and(eq(calendarOverrides.tenantId, actor.tenantId), eq(calendarOverrides.year, year)));
  if (input.mode === "replace" || input.days.length > 0) {
    await tx.insert(calendarOverrides).values({
      tenantId: actor.tenantId,
      id: newId(),
      year,
      mode: input.mode,
      days: [...input.days].sort((a, b) => a.date.localeCompare(b.date)),
      source: input.source ?? null,
      updatedAt: new Date(),
      updatedBy: actor.name,
    });
  }
  cache.delete(actor.tenantId);
  const after = await calendarYear(tx, actor.tenantId, year);
  await recordAudit(tx, actor, {
    action: "calendar.override",
    entityType: "calendar_year",
    entityId: String(year),
    before: { override: before.override, days: before.days },
    after: { override: after.override, days: after.days },
  });
  return after;
}

export async function officeHours(db: Queryable, tenantId: string): Promise<TOfficeHours> {
  const [s] = await db.select().from(calendarSettings).where(eq(calendarSettings.tenantId, tenantId));
  return (
    s?.officeHours ?? {
      periods: [...DEFAULT_OFFICE_HOURS.periods],
      weekdays: [...(DEFAULT_OFFICE_HOURS.weekdays ?? [])],
    }
  );
}

export async function setOfficeHours(tx: Tx, actor: Actor, hours: TOfficeHours): Promise<TOfficeHours> {
  try {
    createCalendar({ officeHours: hours });
  } catch (e) {
    throw new AppError("validation_failed", (e as Error).message);
  }
  const before = await officeHours(tx, actor.tenantId);
  await tx
    .insert(calendarSettings)
    .values({ tenantId: actor.tenantId, officeHours: hours, updatedAt: new Date(), updatedBy: actor.name })
    .onConflictDoUpdate({
      target: calendarSettings.tenantId,
      set: { officeHours: hours, updatedAt: new Date(), updatedBy: actor.name },
    });
  cache.delete(actor.tenantId);
  await recordAudit(tx, actor, {
    action: "calendar.office_hours",
    entityType: "calendar_settings",
    entityId: actor.tenantId,
    before,
    after: hours,
  });
  return hours;
}
