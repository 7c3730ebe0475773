import type { TRouteAccess } from "@eiso/contracts";
import type { Actor } from "../actor";
import type { Database } from "../db/client";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Every route declares who may call it; a route without this is refused at runtime and fails a test. */
    permission?: TRouteAccess;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    database: Database;
    routeTable: { method: string; url: string; permission: string | undefined }[];
    /** Largest uploaded file in bytes. */
    maxUploadBytes: number;
  }
}
