import { parseArgs } from "node:util";
import { tenants } from "../modules/org/tables";
import { verifyAuditChain } from "../platform/audit/service";
import { loadConfig } from "../platform/config";
import { openDatabase } from "../platform/db/client";
import type { CliIo } from "./calendar";

/** `eiso audit verify [--tenant CODE] [--json]`: walks every tenant's hash chain; exit 1 names the first broken row. */
export async function auditCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== "verify") {
    io.err("Cách dùng: eiso audit verify [--tenant CODE] [--json]\n");
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: { tenant: { type: "string" }, json: { type: "boolean" } },
  });
  const config = loadConfig();
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.EISO_DATA_DIR,
    poolSize: 2,
  });
  try {
    const all = await database.db.select().from(tenants);
    const chosen = values.tenant
      ? all.filter((t) => t.code === values.tenant || t.id === values.tenant)
      : all;
    if (values.tenant && chosen.length === 0) {
      io.err(`Không có đơn vị hành chính (tenant) ${values.tenant}\n`);
      return 2;
    }
    const results = [];
    for (const t of chosen) results.push({ code: t.code, ...(await verifyAuditChain(database.db, t.id)) });
    if (values.json) io.out(`${JSON.stringify(results)}\n`);
    else {
      for (const r of results) {
        io.out(
          r.ok
            ? `✓ ${r.code}: ${r.checked} bản ghi nhật ký trong ${r.chains} chuỗi băm, nguyên vẹn / intact\n`
            : `✗ ${r.code}: chuỗi băm bị phá tại bản ghi seq=${r.broken!.seq} id=${r.broken!.id} (chuỗi/chain ${r.broken!.chain}) — ${r.broken!.reason}\n`,
        );
      }
    }
    return results.every((r) => r.ok) ? 0 : 1;
  } finally {
    await database.close();
  }
}
