import { parseArgs } from "node:util";
import { loadDemoDossiers } from "../demo/demo-dossiers";
import { loadDemoData } from "../demo/load-demo";
import { escalateDueSteps } from "../modules/dossiers/escalation";
import { countTenants, createTenant } from "../modules/org/tenants";
import { bootstrapUser } from "../modules/org/users";
import { loadConfig, megabytes } from "../platform/config";
import { openDatabase } from "../platform/db/client";
import { buildApp } from "../platform/http/app";
import { outboxHandlers } from "../platform/jobs/handlers";
import { runOutboxWorker } from "../platform/jobs/outbox";
import { runPeriodically } from "../platform/jobs/periodic";

/** `eiso serve [--demo]`: migrates, loads demo data or bootstraps an admin, and serves HTTP. */
export async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { demo: { type: "boolean" }, port: { type: "string" } },
  });
  const config = loadConfig();
  const production = config.NODE_ENV === "production";
  if (production && values.demo)
    throw new Error("Không nạp dữ liệu mẫu ở chế độ production / no demo data in production");
  if (production && !config.EISO_ADMIN_PASSWORD) {
    process.stderr.write(
      "Chưa cấu hình mật khẩu quản trị: đặt biến môi trường EISO_ADMIN_PASSWORD (ít nhất 12 ký tự).\n" +
        "Refusing to start in production without EISO_ADMIN_PASSWORD (at least 12 characters).\n",
    );
    return 1;
  }
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.EISO_DATA_DIR,
    poolSize: config.DATABASE_POOL_SIZE,
  });
  await database.migrate();
  if (values.demo) {
    const loaded = await loadDemoData(database.db);
    if (loaded) {
      process.stdout.write("Đã nạp dữ liệu mẫu / demo data loaded\n");
      // Sample dossiers are a convenience: if laying them down fails, the app still starts.
      try {
        const { received } = await loadDemoDossiers(database.db, loaded.hcmc);
        process.stdout.write(`Đã nạp ${received} hồ sơ mẫu của quận 10 / ${received} demo dossiers\n`);
      } catch (e) {
        process.stderr.write(`Không tạo được hồ sơ mẫu / demo dossiers not loaded: ${String(e)}\n`);
      }
    }
  } else if ((await countTenants(database.db)) === 0) {
    if (!config.EISO_ADMIN_PASSWORD) {
      process.stderr.write(
        "Cơ sở dữ liệu trống: đặt EISO_ADMIN_PASSWORD để tạo tài khoản quản trị đầu tiên.\n",
      );
      await database.close();
      return 1;
    }
    await database.db.transaction(async (tx) => {
      const t = await createTenant(tx, {
        code: config.EISO_TENANT_CODE,
        name: config.EISO_TENANT_NAME,
        model: "two_tier",
        root: {
          code: config.EISO_ROOT_UNIT_CODE,
          name: `Ủy ban nhân dân ${config.EISO_TENANT_NAME}`,
          kind: "people_committee",
        },
      });
      await bootstrapUser(tx, t.system, {
        username: "admin",
        fullName: "Quản trị hệ thống",
        unitId: t.rootUnitId,
        password: config.EISO_ADMIN_PASSWORD!,
        roles: [{ role: "tenant_admin", unitId: t.rootUnitId }],
        mustChangePassword: true,
      });
    });
  }
  const app = await buildApp({
    database,
    serveWeb: true,
    logger: { level: config.LOG_LEVEL },
    publicRateLimit: config.PUBLIC_RATE_LIMIT,
    maxUploadBytes: megabytes(config.EISO_UPLOAD_MAX_MB),
    secureCookies: config.COOKIE_SECURE ? config.COOKIE_SECURE === "true" : production,
  });
  const port = values.port ? Number(values.port) : config.PORT;
  const stopWorker = new AbortController();
  if (config.EISO_WORKER === "inline") {
    void runOutboxWorker(
      database.db,
      outboxHandlers(config, (m) => app.log.info(m)),
      stopWorker.signal,
      1000,
      (e) => app.log.error({ err: e }, "outbox worker"),
    );
    void runPeriodically(
      () => escalateDueSteps(database.db),
      5 * 60_000,
      stopWorker.signal,
      (e) => app.log.error({ err: e }, "escalation"),
    );
  }
  const shutdown = async () => {
    stopWorker.abort();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  await app.listen({ port, host: config.HOST });
  process.stdout.write(`eISO: http://localhost:${port} (${database.kind})\n`);
  return new Promise<number>(() => {});
}
