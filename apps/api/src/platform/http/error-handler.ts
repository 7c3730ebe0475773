import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import type { z } from "zod";
import { AppError, issueMessage, requestLang } from "../errors";

function fromFramework(err: FastifyError): AppError | null {
  if (hasZodFastifySchemaValidationErrors(err)) {
    // The type provider passes each zod issue as { keyword: code, message, params: the rest }.
    const zodIssues = err.validation.map(
      (v) =>
        ({ ...v.params, code: v.keyword, message: v.message ?? "", path: [] }) as unknown as z.core.$ZodIssue,
    );
    const issues = err.validation.map((v, i) => ({
      path: `${err.validationContext ?? "body"}${v.instancePath.replaceAll("/", ".")}`,
      message: v.message ?? "",
      code: zodIssues[i]?.code,
    }));
    const first = issues[0];
    const firstIssue = zodIssues[0];
    const vi = first && firstIssue ? issueMessage(firstIssue, "vi") : first?.message;
    return new AppError(
      "validation_failed",
      {
        vi: `Dữ liệu không hợp lệ${first ? `: ${first.path} — ${vi}` : ""}`,
        en: `Invalid input${first ? `: ${first.path} — ${first.message}` : ""}`,
      },
      { issues },
    );
  }
  switch (err.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new AppError("malformed_json");
    case "FST_ERR_CTP_BODY_TOO_LARGE":
    case "FST_REQ_FILE_TOO_LARGE":
    case "FST_FILES_LIMIT":
      return new AppError("payload_too_large");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new AppError("unsupported_media_type");
    case "FST_INVALID_MULTIPART_CONTENT_TYPE":
      return new AppError("unsupported_media_type");
  }
  if (err.statusCode === 429) return new AppError("rate_limited");
  if (err instanceof SyntaxError && err.statusCode === 400) return new AppError("malformed_json");
  const pgCode =
    (err as { code?: string; cause?: { code?: string } }).code ??
    (err as { cause?: { code?: string } }).cause?.code;
  if (pgCode === "23505") return new AppError("conflict");
  if (pgCode === "40001" || pgCode === "40P01") {
    return new AppError("conflict", {
      vi: "Dữ liệu vừa được người khác thay đổi, vui lòng tải lại",
      en: "Someone else changed this just now; reload and retry",
    });
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return new AppError("validation_failed", { vi: err.message, en: err.message });
  }
  return null;
}

/** Every error leaves the API as `{ error: { code, message, details } }` in the caller's language. */
export function registerErrorHandler(app: FastifyInstance, options: { spaFallback: boolean }): void {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    const appError = error instanceof AppError ? error : fromFramework(error);
    if (!appError || isResponseSerializationError(error)) {
      req.log.error({ err: error }, "unhandled error");
      const internal = new AppError("internal");
      return reply.status(500).send({
        error: { code: internal.code, message: internal.userMessage[requestLang(req.headers)] },
      });
    }
    if (appError.status >= 500) req.log.error({ err: error }, appError.code);
    else req.log.info({ code: appError.code }, "request refused");
    const body: { error: { code: string; message: string; details?: unknown } } = {
      error: { code: appError.code, message: appError.userMessage[requestLang(req.headers)] },
    };
    if (appError.details !== undefined) body.error.details = appError.details;
    return reply.status(appError.status).send(body);
  });
  app.setNotFoundHandler((req, reply) => {
    // Client-side routes of the single-page app (e.g. /units) load index.html; /api paths stay 404.
    if (options.spaFallback && req.method === "GET" && !req.url.startsWith("/api/")) {
      return reply.type("text/html").sendFile("index.html");
    }
    const e = new AppError("not_found", {
      vi: `Không có đường dẫn ${req.method} ${req.url.split("?")[0]}`,
      en: `No route ${req.method} ${req.url.split("?")[0]}`,
    });
    return reply
      .status(404)
      .send({ error: { code: e.code, message: e.userMessage[requestLang(req.headers)] } });
  });
}
