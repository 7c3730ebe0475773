import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyMultipart from "@fastify/multipart";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyServerOptions } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { registerModules } from "../../modules/registry";
import { DEFAULT_UPLOAD_MAX_MB, megabytes } from "../config";
import type { Database } from "../db/client";
import { newId } from "../ids";
import { registerErrorHandler } from "./error-handler";
import { registerGuard } from "./guard";
import "./types";

export const webDist = fileURLToPath(new URL("../../../../web/dist", import.meta.url));

/** Every /api route with its declared permission, for the permission sweep test. */
export interface RouteEntry {
  method: string;
  url: string;
  permission: string | undefined;
}

export interface AppOptions {
  database: Database;
  logger?: FastifyServerOptions["logger"];
  /** Serve the built web app from apps/web/dist (production and `npm start`). */
  serveWeb?: boolean;
  /** Requests per minute per IP on sign-in and other public endpoints. */
  publicRateLimit?: number;
  secureCookies?: boolean;
  /** Largest uploaded file in bytes (config EISO_UPLOAD_MAX_MB). */
  maxUploadBytes?: number;
}

/** Builds the HTTP application; routes are registered by the domain modules. */
export async function buildApp(options: AppOptions) {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && /^[\w.-]{1,100}$/.test(given) ? given : newId();
    },
    requestIdHeader: false,
    trustProxy: true,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate("database", options.database);
  app.addHook("onSend", async (req, reply) => {
    reply.header("x-request-id", req.id);
  });

  await app.register(fastifyCookie);
  const maxUploadBytes = options.maxUploadBytes ?? megabytes(DEFAULT_UPLOAD_MAX_MB);
  app.decorate("maxUploadBytes", maxUploadBytes);
  await app.register(fastifyMultipart, { limits: { fileSize: maxUploadBytes, files: 1, fields: 20 } });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: "eISO API", description: "ISO điện tử — API", version: "0.1.0" },
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "eiso_session" } } },
    },
    transform: jsonSchemaTransform,
  });
  // The docs plugin's own routes are read-only and public.
  const routeTable: RouteEntry[] = [];
  app.decorate("routeTable", routeTable);
  app.addHook("onRoute", (route) => {
    // The API docs and the web app's static files are public by nature.
    if (route.url.startsWith("/api/docs") || (route.url === "/*" && !route.config?.permission)) {
      route.config = { ...(route.config ?? {}), permission: "public" };
    }
    for (const method of [route.method].flat()) {
      if (method === "HEAD" || !route.url.startsWith("/api/")) continue;
      routeTable.push({ method, url: route.url, permission: route.config?.permission });
    }
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs", uiConfig: { docExpansion: "list" } });

  const spa = !!options.serveWeb && existsSync(webDist);
  registerErrorHandler(app, { spaFallback: spa });
  registerGuard(app);
  await registerModules(app, {
    publicRateLimit: options.publicRateLimit ?? 20,
    secureCookies: !!options.secureCookies,
  });

  if (spa) {
    // Files are looked up per request (wildcard), so a rebuilt web app is served without a restart;
    // client-side routes fall back to index.html in the not-found handler.
    await app.register(fastifyStatic, { root: webDist, wildcard: true, index: ["index.html"] });
  }
  return app;
}

export type EisoApp = Awaited<ReturnType<typeof buildApp>>;
