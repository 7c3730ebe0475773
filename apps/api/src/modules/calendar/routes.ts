import { formatVietnamInstant } from "@eiso/calendar";
import {
  ZCalendarYearSchema,
  ZDeadlineQuerySchema,
  ZDeadlineSchema,
  ZOfficeHoursSchema,
  ZYearOverrideInputSchema,
} from "@eiso/contracts";
import { z } from "zod";
import { AppError } from "../../platform/errors";
import { actorOf } from "../../platform/http/guard";
import type { Api, ModuleOptions } from "../registry";
import { calendarYear, officeHours, setOfficeHours, setYearOverride, tenantCalendar } from "./service";

const ZYearParams = z.strictObject({ year: z.coerce.number().int().min(1990).max(2100) });

export function registerCalendarRoutes(app: Api, _options: ModuleOptions): void {
  const db = () => app.database.db;

  app.get(
    "/api/calendar/years/:year",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["calendar"],
        summary: "Lịch nghỉ lễ, nghỉ bù, hoán đổi ngày làm việc của một năm",
        params: ZYearParams,
        response: { 200: ZCalendarYearSchema },
      },
    },
    async (req) => calendarYear(db(), actorOf(req).tenantId, req.params.year),
  );

  app.put(
    "/api/calendar/years/:year",
    {
      config: { permission: "calendar.manage" },
      schema: {
        tags: ["calendar"],
        summary: "Điều chỉnh lịch nghỉ của một năm (áp dụng ngay cho các hạn mới)",
        params: ZYearParams,
        body: ZYearOverrideInputSchema,
        response: { 200: ZCalendarYearSchema },
      },
    },
    async (req) => {
      const outside = req.body.days.find((d) => !d.date.startsWith(`${req.params.year}-`));
      if (outside) {
        throw new AppError("validation_failed", {
          vi: `Ngày ${outside.date} không thuộc năm ${req.params.year}`,
          en: `${outside.date} is not in ${req.params.year}`,
        });
      }
      return db().transaction((tx) => setYearOverride(tx, actorOf(req), req.params.year, req.body));
    },
  );

  app.get(
    "/api/calendar/office-hours",
    {
      config: { permission: "authenticated" },
      schema: { tags: ["calendar"], summary: "Giờ làm việc", response: { 200: ZOfficeHoursSchema } },
    },
    async (req) => officeHours(db(), actorOf(req).tenantId),
  );

  app.put(
    "/api/calendar/office-hours",
    {
      config: { permission: "calendar.manage" },
      schema: {
        tags: ["calendar"],
        summary: "Đặt giờ làm việc",
        body: ZOfficeHoursSchema,
        response: { 200: ZOfficeHoursSchema },
      },
    },
    async (req) => db().transaction((tx) => setOfficeHours(tx, actorOf(req), req.body)),
  );

  app.get(
    "/api/calendar/deadline",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["calendar"],
        summary: "Tính hạn giải quyết theo ngày/giờ làm việc",
        querystring: ZDeadlineQuerySchema,
        response: { 200: ZDeadlineSchema },
      },
    },
    async (req) => {
      const q = req.query;
      if (q.days === undefined && q.hours === undefined) {
        throw new AppError("validation_failed", { vi: "Cần số ngày hoặc số giờ", en: "Give days or hours" });
      }
      const calendar = await tenantCalendar(db(), actorOf(req).tenantId);
      const from = new Date(q.from);
      const due = calendar.addWorkingTime(from, {
        ...(q.days === undefined ? {} : { days: q.days }),
        ...(q.hours === undefined ? {} : { hours: q.hours }),
      });
      return {
        from: formatVietnamInstant(from),
        countingStart: formatVietnamInstant(calendar.countingStart(from)),
        due: formatVietnamInstant(due),
      };
    },
  );
}
