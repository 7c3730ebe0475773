import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { registerCalendarRoutes } from "./calendar/routes";
import { registerCatalogueRoutes } from "./catalogue/routes";
import { registerDossierDocumentRoutes } from "./dossiers/documents/routes";
import { registerDossierRoutes } from "./dossiers/routes";
import { registerOrgRoutes } from "./org/routes";
import { registerPortalRoutes } from "./portal/routes";
import { registerSystemRoutes } from "./system/routes";

export interface ModuleOptions {
  publicRateLimit: number;
  secureCookies: boolean;
}

/** The Fastify instance as modules see it: zod schemas type the handlers. */
export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Registers every domain module's routes. */
export async function registerModules(app: FastifyInstance, options: ModuleOptions): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  registerSystemRoutes(api, options);
  registerOrgRoutes(api, options);
  registerCalendarRoutes(api, options);
  registerCatalogueRoutes(api, options);
  registerDossierRoutes(api, options);
  registerDossierDocumentRoutes(api, options);
  registerPortalRoutes(api, options);
}
