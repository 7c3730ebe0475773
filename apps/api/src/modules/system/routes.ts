import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Api, ModuleOptions } from "../registry";

/** Health and version: used by load balancers and the status page. */
export function registerSystemRoutes(app: Api, _options: ModuleOptions): void {
  app.get(
    "/api/health",
    {
      config: { permission: "public" },
      schema: {
        tags: ["system"],
        summary: "Kiểm tra tình trạng hệ thống và cơ sở dữ liệu",
        response: {
          200: z.object({ status: z.literal("ok"), database: z.string(), time: z.string() }),
          503: z.object({ status: z.literal("unavailable"), database: z.string(), time: z.string() }),
        },
      },
    },
    async (_req, reply) => {
      const time = new Date().toISOString();
      try {
        await app.database.db.execute(sql`select 1`);
        return { status: "ok" as const, database: app.database.kind, time };
      } catch {
        return reply.status(503).send({ status: "unavailable" as const, database: app.database.kind, time });
      }
    },
  );
}
