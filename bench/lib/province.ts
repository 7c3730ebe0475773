import { DEMO_PASSWORD, type DemoIds } from "../../apps/api/src/demo/load-demo";
import { FAMILY } from "../../apps/api/src/demo/names";
import { buildProcessXml, type ProcessPart } from "../../apps/api/src/modules/catalogue/process-builder";
import { processDefinitions, processVersions } from "../../apps/api/src/modules/catalogue/tables";
import { roleGrants, users } from "../../apps/api/src/modules/org/tables";
import { insertUnit } from "../../apps/api/src/modules/org/units";
import type { SystemActor } from "../../apps/api/src/platform/actor";
import { hashPassword } from "../../apps/api/src/platform/auth/password";
import type { Database } from "../../apps/api/src/platform/db/client";
import { newId } from "../../apps/api/src/platform/ids";
import { foldVietnamese } from "../../apps/api/src/platform/text";
import { publishedProcedure } from "../../apps/api/src/testing/dossier-fixtures";

export interface BenchWard {
  index: number;
  id: string;
  path: string;
  deskId: string;
  clerk: string;
  leader: string;
  officers: string[];
}

const pad = (n: number, w = 3) => String(n).padStart(w, "0");

const givenNames = [
  "An",
  "Bình",
  "Chi",
  "Dũng",
  "Giang",
  "Hà",
  "Hùng",
  "Lan",
  "Minh",
  "Nga",
  "Phúc",
  "Quân",
  "Thảo",
  "Trang",
  "Vy",
];
export const personName = (i: number) =>
  `${FAMILY[i % FAMILY.length]} ${i % 2 ? "Thị" : "Văn"} ${givenNames[(i * 7) % givenNames.length]}`;

/**
 * Adds `count` wards under the province's root, each with its one-stop desk, a reception clerk, a
 * chairman (leader) and `officersPerWard` officers, all with the demo password. Passwords are hashed
 * once (argon2 is deliberately slow) and the user rows written directly.
 */
export async function addWards(
  database: Database,
  demo: DemoIds["hcmc"],
  count: number,
  officersPerWard: number,
): Promise<BenchWard[]> {
  const system: SystemActor = { tenantId: demo.tenantId, userId: null, name: "Benchmark" };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const root = { id: demo.rootUnitId, path: `/${demo.rootUnitId}/`, depth: 0 };
  return database.db.transaction(async (tx) => {
    const wards: BenchWard[] = [];
    const userRows: (typeof users.$inferInsert)[] = [];
    const grantRows: (typeof roleGrants.$inferInsert)[] = [];
    const person = (username: string, fullName: string, unitId: string, role: string, grantUnit: string) => {
      const id = newId();
      userRows.push({
        tenantId: demo.tenantId,
        id,
        kind: "officer",
        username,
        email: `${username}@bench.eiso.vn`,
        fullName,
        nameSearch: foldVietnamese(`${fullName} ${username}`),
        unitId,
        passwordHash,
      });
      grantRows.push({
        tenantId: demo.tenantId,
        id: newId(),
        userId: id,
        role,
        unitId: grantUnit,
        createdAt: new Date(),
      });
      return username;
    };
    for (let i = 1; i <= count; i++) {
      const ward = await insertUnit(tx, system, root, {
        code: `000.BN.${pad(i)}.H29`,
        name: `Ủy ban nhân dân phường Thử Tải ${i}`,
        kind: "commune",
        sortOrder: 1000 + i,
      });
      const desk = await insertUnit(tx, system, ward, {
        code: `000.BN.${pad(i)}.MC.H29`,
        name: `Bộ phận Một cửa phường Thử Tải ${i}`,
        kind: "service_centre",
        sortOrder: 0,
      });
      const n = i * 10;
      wards.push({
        index: i,
        id: ward.id,
        path: ward.path,
        deskId: desk.id,
        clerk: person(`bench.w${pad(i)}.motcua`, personName(n), desk.id, "reception_clerk", ward.id),
        leader: person(`bench.w${pad(i)}.chutich`, personName(n + 1), ward.id, "leader", ward.id),
        officers: Array.from({ length: officersPerWard }, (_, j) =>
          person(`bench.w${pad(i)}.cv${pad(j + 1, 2)}`, personName(n + 2 + j), ward.id, "officer", ward.id),
        ),
      });
    }
    for (let k = 0; k < userRows.length; k += 500) await tx.insert(users).values(userRows.slice(k, k + 500));
    for (let k = 0; k < grantRows.length; k += 500)
      await tx.insert(roleGrants).values(grantRows.slice(k, k + 500));
    return wards;
  });
}

/** The ward process driven by the benchmark: four steps after reception, for three people. */
export const wardProcessParts: ProcessPart[] = [
  {
    id: "Task_receive",
    name: "Tiếp nhận hồ sơ",
    stepKind: "receive",
    unit: "@reception_desk",
    role: "reception_clerk",
    hours: 2,
  },
  {
    id: "Task_assign",
    name: "Chủ tịch UBND phường phân công",
    stepKind: "assign",
    unit: "@agency",
    role: "leader",
    hours: 2,
  },
  {
    id: "Task_process",
    name: "Công chức thẩm định hồ sơ",
    stepKind: "process",
    unit: "@agency",
    role: "officer",
    hours: 8,
  },
  {
    id: "Task_check",
    name: "Công chức dự thảo kết quả",
    stepKind: "process",
    unit: "@agency",
    role: "officer",
    hours: 6,
  },
  {
    id: "Task_approve",
    name: "Chủ tịch UBND phường ký",
    stepKind: "approve",
    unit: "@agency",
    role: "leader",
    hours: 4,
  },
];

/**
 * One procedure whose process (built, read and validated like a published one) is published at every
 * bench ward, so each ward handles its own dossiers with its own officers.
 */
export async function wardProcedure(database: Database, demo: DemoIds["hcmc"], wards: BenchWard[]) {
  const name = "Chứng thực hợp đồng, giao dịch (thử tải)";
  const xml = buildProcessXml({ name, parts: wardProcessParts });
  const first = await publishedProcedure(database, demo.tenantId, {
    code: "BENCH.001",
    name,
    agencyUnitId: wards[0]!.id,
    ownerUnitId: demo.rootUnitId,
    legal: { amount: 3, unit: "days" },
    xml,
    documents: [{ name: "Phiếu yêu cầu chứng thực", originals: 1, copies: 0 }],
  });
  const defs = wards.slice(1).map((w) => ({
    tenantId: demo.tenantId,
    id: newId(),
    kind: "agency" as const,
    procedureId: first.procedureId,
    unitId: w.id,
    name,
  }));
  if (defs.length) {
    await database.db.insert(processDefinitions).values(defs);
    await database.db.insert(processVersions).values(
      defs.map((d) => ({
        tenantId: demo.tenantId,
        id: newId(),
        definitionId: d.id,
        version: 1,
        status: "published" as const,
        xml,
        compiled: first.compiled,
        publishedAt: new Date(),
        effectiveFrom: "2020-01-01",
      })),
    );
  }
  return { procedureId: first.procedureId, document: "Phiếu yêu cầu chứng thực" };
}
