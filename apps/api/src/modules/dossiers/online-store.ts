import { and, eq, type SQL, sql } from "drizzle-orm";
import type { Actor } from "../../platform/actor";
import type { Queryable } from "../../platform/db/client";
import { notFound } from "../../platform/errors";
import { onlineSubmissions } from "./tables";

export type SubmissionRow = typeof onlineSubmissions.$inferSelect;

export const notFoundSubmission = () =>
  notFound({ vi: "Không tìm thấy hồ sơ nộp trực tuyến", en: "Online submission not found" });

/** A submission by id (404 if none), locked for the caller's transaction when `lock`. */
export async function loadSubmission(
  db: Queryable,
  tenantId: string,
  id: string,
  lock = false,
): Promise<SubmissionRow> {
  const query = db
    .select()
    .from(onlineSubmissions)
    .where(and(eq(onlineSubmissions.tenantId, tenantId), eq(onlineSubmissions.id, id)));
  const [s] = lock ? await query.for("update") : await query;
  if (!s) throw notFoundSubmission();
  return s;
}

/** One of the account's own submissions: anyone else's answers 404, as if it did not exist. */
export async function ownSubmission(db: Queryable, actor: Actor, id: string): Promise<SubmissionRow> {
  const s = await loadSubmission(db, actor.tenantId, id);
  if (s.accountId !== actor.userId) throw notFoundSubmission();
  return s;
}

/** Ids without nulls or repeats, for one `= any(uuid[])` parameter. */
export const distinctIds = (ids: (string | null | undefined)[]): string[] => [
  ...new Set(ids.filter((x): x is string => !!x)),
];

/** `column = any($ids::uuid[])`: one parameter whatever the number of ids. */
export const inIds = (column: SQL | { name: string }, ids: string[]) =>
  sql`${column} = any(${sql.param(ids)}::uuid[])`;
