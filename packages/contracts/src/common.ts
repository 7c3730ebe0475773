import { z } from "zod";

export const ZUuid = z.uuid();
/** Calendar date as used in Vietnamese business rules: YYYY-MM-DD in Asia/Ho_Chi_Minh. */
export const ZDate = z.iso.date();
export const ZInstant = z.iso.datetime({ offset: true });

/** Bounded text: every string the API accepts has a length limit. */
export const text = (max = 500) => z.string().trim().min(1).max(max);
export const optionalText = (max = 500) => z.string().trim().max(max).nullish();

export const ZPageQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const ZIdParamsSchema = z.strictObject({ id: ZUuid });

export const ZOkSchema = z.object({ ok: z.literal(true) });
