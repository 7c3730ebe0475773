import { z } from "zod";
import { optionalText, text, ZDate, ZInstant } from "./common";

export const DayKind = z.enum(["holiday", "compensatory", "swap-off", "swap-work"]);
export type TDayKind = z.infer<typeof DayKind>;

export const dayKindLabels: Record<TDayKind, { vi: string; en: string }> = {
  holiday: { vi: "Ngày lễ, Tết", en: "Public holiday" },
  compensatory: { vi: "Nghỉ bù", en: "Compensatory day off" },
  "swap-off": { vi: "Nghỉ do hoán đổi", en: "Day off (swapped)" },
  "swap-work": { vi: "Làm việc bù (thứ Bảy)", en: "Working day (swapped Saturday)" },
};

export const ZCalendarDaySchema = z.object({ date: ZDate, name: text(200), kind: DayKind });
export type TCalendarDay = z.infer<typeof ZCalendarDaySchema>;

const ZHhMm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Giờ dạng HH:MM");

export const ZOfficeHoursSchema = z.strictObject({
  periods: z
    .array(z.strictObject({ start: ZHhMm, end: ZHhMm }))
    .min(1)
    .max(4),
  weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
});
export type TOfficeHours = z.infer<typeof ZOfficeHoursSchema>;

/** A tenant's change to one year's schedule: extra/changed days off and swapped working days. */
export const ZYearOverrideInputSchema = z.strictObject({
  mode: z.enum(["extend", "replace"]),
  days: z.array(z.strictObject({ date: ZDate, name: text(200), kind: DayKind })).max(100),
  source: optionalText(500),
});

export const ZCalendarYearSchema = z.object({
  year: z.number().int(),
  /** The days in effect for the tenant (statutory + official schedule + the tenant's override). */
  days: z.array(ZCalendarDaySchema),
  /** What the shipped data says without the tenant's override, for comparison. */
  shipped: z.array(ZCalendarDaySchema),
  override: z
    .object({
      mode: z.enum(["extend", "replace"]),
      days: z.array(ZCalendarDaySchema),
      source: z.string().nullable(),
      updatedAt: ZInstant,
      updatedBy: z.string().nullable(),
    })
    .nullable(),
  officialSource: z.string().nullable(),
});
export type TCalendarYear = z.infer<typeof ZCalendarYearSchema>;

export const ZDeadlineQuerySchema = z.strictObject({
  from: ZInstant,
  days: z.coerce.number().min(0).max(3650).optional(),
  hours: z.coerce.number().min(0).max(100_000).optional(),
});
export const ZDeadlineSchema = z.object({ from: ZInstant, countingStart: ZInstant, due: ZInstant });
