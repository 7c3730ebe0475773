import { legalHoursOf } from "@eiso/contracts";
import { adoptAs } from "../modules/catalogue/adopt-template";
import { insertAssignment } from "../modules/catalogue/assignments";
import { insertField } from "../modules/catalogue/fields";
import { unitInfos } from "../modules/catalogue/org-lookup";
import { insertProcedure } from "../modules/catalogue/procedures";
import { buildProcessXml, type ProcessPart, type StepSpec } from "../modules/catalogue/process-builder";
import { insertDefinition, insertDraft } from "../modules/catalogue/processes";
import { publishApprovedElsewhere } from "../modules/catalogue/version-lifecycle";
import type { SystemActor } from "../platform/actor";
import type { Tx } from "../platform/db/client";
import { type DemoProcedure, demoFields, demoProcedures } from "./catalogue-procedures";

const DISTRICT = "Ủy ban nhân dân quận 10";
const WARD_12 = "Ủy ban nhân dân Phường 12, Quận 10";

/** Splits a legal time over steps by shares, in quarter hours rounded down, so the total fits. */
const split = (legalHours: number, shares: number[]) =>
  shares.map((s) => Math.max(0.25, Math.floor(legalHours * s * 4) / 4));

const step = (
  id: string,
  name: string,
  stepKind: StepSpec["stepKind"],
  unit: string,
  role: string,
  hours: number,
): StepSpec => ({
  id,
  name,
  stepKind,
  unit,
  role,
  hours,
});

/** The usual district process: desk receives, division head assigns, officer checks, head reviews, leader approves, desk returns. */
function districtParts(p: DemoProcedure): ProcessPart[] {
  const [receive, assign, process, review, approve, ret] = split(
    legalHoursOf(p.processingTime) ?? 8,
    [0.05, 0.05, 0.6, 0.1, 0.15, 0.05],
  ) as [number, number, number, number, number, number];
  return [
    step(
      "Task_receive",
      "Tiếp nhận, kiểm tra hồ sơ",
      "receive",
      "@reception_desk",
      "reception_clerk",
      receive,
    ),
    step("Task_assign", "Lãnh đạo phòng phân công", "assign", "@field_division", "leader", assign),
    step("Task_process", "Chuyên viên thẩm định", "process", "@field_division", "officer", process),
    step("Task_review", "Lãnh đạo phòng xem xét, trình ký", "review", "@field_division", "leader", review),
    step("Task_approve", "Lãnh đạo UBND quận phê duyệt, ký", "approve", "@agency", "leader", approve),
    step("Task_return", "Trả kết quả", "return", "@reception_desk", "reception_clerk", ret),
  ];
}

/** The usual ward process: one-stop desk receives, the justice–civil status officer processes, the chairman signs. */
function wardParts(p: DemoProcedure): ProcessPart[] {
  const [receive, process, approve, ret] = split(
    legalHoursOf(p.processingTime) ?? 8,
    [0.125, 0.5, 0.25, 0.125],
  ) as [number, number, number, number];
  return [
    step("Task_receive", "Tiếp nhận hồ sơ", "receive", "@reception_desk", "reception_clerk", receive),
    step("Task_process", "Công chức tư pháp - hộ tịch xử lý", "process", "@agency", "officer", process),
    step("Task_approve", "Chủ tịch UBND phường ký", "approve", "@agency", "leader", approve),
    step("Task_return", "Trả kết quả", "return", "@reception_desk", "reception_clerk", ret),
  ];
}

/** Parts for procedures whose process branches on the dossier's data. */
function specialParts(p: DemoProcedure): ProcessPart[] | null {
  if (p.code === "1.000894") {
    return [
      step("Task_receive", "Tiếp nhận hồ sơ", "receive", "@reception_desk", "reception_clerk", 1),
      step("Task_process", "Công chức tư pháp - hộ tịch kiểm tra", "process", "@agency", "officer", 3),
      {
        id: "Gateway_verify",
        name: "Cần xác minh?",
        branches: [
          {
            name: "Cần xác minh",
            condition: "needsVerification",
            steps: [step("Task_verify", "Xác minh điều kiện kết hôn", "process", "@agency", "officer", 32)],
          },
          { name: "Không", isDefault: true, steps: [] },
        ],
      },
      step("Task_approve", "Chủ tịch UBND phường ký", "approve", "@agency", "leader", 2),
      step("Task_return", "Trao Giấy chứng nhận kết hôn", "return", "@reception_desk", "reception_clerk", 1),
    ];
  }
  if (p.code === "1.009994") {
    return [
      step("Task_receive", "Tiếp nhận, kiểm tra hồ sơ", "receive", "@reception_desk", "reception_clerk", 4),
      step("Task_assign", "Lãnh đạo phòng phân công", "assign", "@field_division", "leader", 4),
      {
        id: "Gateway_site",
        name: "Kiểm tra thực địa?",
        branches: [
          {
            name: "Có",
            condition: "needsSiteInspection or floors > 5",
            steps: [
              step("Task_site", "Kiểm tra hiện trạng khu đất", "process", "@field_division", "officer", 16),
            ],
          },
          { name: "Không", isDefault: true, steps: [] },
        ],
      },
      step("Task_process", "Chuyên viên thẩm định hồ sơ", "process", "@field_division", "officer", 64),
      step("Task_review", "Lãnh đạo phòng xem xét, trình ký", "review", "@field_division", "leader", 8),
      step("Task_approve", "Lãnh đạo UBND quận ký giấy phép", "sign", "@agency", "leader", 16),
      step("Task_return", "Trả giấy phép", "return", "@reception_desk", "reception_clerk", 4),
    ];
  }
  return null;
}

const APPROVAL = {
  decisionNumber: "1520/QĐ-UBND",
  decisionDate: "2025-03-10",
  approvedByName: "Trần Thị Lãnh",
  effectiveFrom: "2025-04-01",
};

/**
 * The demo catalogue: the city's fields and about twenty procedures, District 10's responsibility
 * assignments, a published process for every procedure (district ones at District 10, ward ones at
 * Ward 12), a second draft of the construction permit process, and the birth registration template
 * adopted by all of District 10's wards.
 */
export async function loadCatalogueDemo(
  tx: Tx,
  system: SystemActor,
  ids: { rootUnitId: string; units: Map<string, string> },
): Promise<void> {
  const unit = (name: string) => {
    const id = ids.units.get(name);
    if (!id) throw new Error(`demo unit missing: ${name}`);
    return id;
  };
  const fieldIds = new Map<string, string>();
  for (const f of demoFields) {
    fieldIds.set(f.code, (await insertField(tx, system, { ...f, ownerUnitId: ids.rootUnitId })).id);
  }
  const procedureIds = new Map<string, string>();
  for (const p of demoProcedures) {
    const { field, ...rest } = p;
    const row = await insertProcedure(tx, system, {
      ...rest,
      fieldId: fieldIds.get(field)!,
      ownerUnitId: ids.rootUnitId,
    });
    procedureIds.set(p.code, row.id);
  }

  const district = unit(DISTRICT);
  const districtPath = (await unitInfos(tx, system.tenantId, [district])).get(district)!.path;
  const assign = (fieldCode: string, division: string) =>
    insertAssignment(
      tx,
      system,
      {
        agencyUnitId: district,
        subjectType: "field",
        subjectId: fieldIds.get(fieldCode)!,
        assigneeUnitId: unit(division),
        note: "Phân công theo Quyết định 1520/QĐ-UBND",
      },
      districtPath,
    );
  await assign("HT", "Phòng Tư pháp quận 10");
  await assign("CT", "Phòng Tư pháp quận 10");
  await assign("XD", "Phòng Quản lý đô thị quận 10");
  await assign("HKD", "Phòng Kinh tế quận 10");
  await assign("DD", "Phòng Tài nguyên và Môi trường quận 10");

  const publish = async (p: DemoProcedure, unitId: string, parts: ProcessPart[]) => {
    const def = await insertDefinition(tx, system, {
      kind: "agency",
      procedureId: procedureIds.get(p.code)!,
      unitId,
      name: p.name,
    });
    const draft = await insertDraft(tx, system, def, buildProcessXml({ name: p.name, parts }));
    await publishApprovedElsewhere(tx, system, def, draft, APPROVAL);
    return def;
  };

  for (const p of demoProcedures) {
    if (p.code === "1.001193") continue; // birth registration: the template below
    const parts = specialParts(p) ?? (p.level === "district" ? districtParts(p) : wardParts(p));
    const def = await publish(p, p.level === "district" ? district : unit(WARD_12), parts);
    if (p.code === "1.009994") {
      // Version 2 in preparation: the checking step shortened after the 2025 review of the process.
      const v2 = (specialParts(p) ?? []).map((part) =>
        "stepKind" in part && part.id === "Task_process" ? { ...part, hours: 56 } : part,
      );
      await insertDraft(tx, system, def, buildProcessXml({ name: p.name, parts: v2 }));
    }
  }

  // The birth registration template, published once by the city and adopted by every ward of District 10.
  const birth = demoProcedures.find((p) => p.code === "1.001193")!;
  const template = await insertDefinition(tx, system, {
    kind: "template",
    procedureId: procedureIds.get(birth.code)!,
    unitId: ids.rootUnitId,
    name: `${birth.name} (quy trình mẫu cấp xã)`,
    adopterKind: "commune",
  });
  const draft = await insertDraft(
    tx,
    system,
    template,
    buildProcessXml({ name: birth.name, parts: wardParts(birth) }),
  );
  await publishApprovedElsewhere(tx, system, template, draft, {
    decisionNumber: "2345/QĐ-UBND",
    decisionDate: "2025-03-01",
    approvedByName: "Chủ tịch UBND Thành phố",
    effectiveFrom: "2025-04-01",
  });
  for (const [name, id] of ids.units) {
    if (!name.startsWith("Ủy ban nhân dân Phường") || !name.endsWith("Quận 10")) continue;
    await adoptAs(tx, system, template, {
      unitId: id,
      bindings: {},
      effectiveFrom: "2025-04-15",
      agencyPath: `${districtPath}${id}/`,
    });
  }
}
