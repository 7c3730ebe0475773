import { countTenants, createTenant } from "../modules/org/tenants";
import { insertUnit } from "../modules/org/units";
import { bootstrapUser } from "../modules/org/users";
import type { Db } from "../platform/db/client";
import { loadCatalogueDemo } from "./catalogue";
import { district10Divisions, district10Wards, hcmcAgencies, hcmcKind, hcmcParentName } from "./hcmc";
import { hueDepartments, hueWards } from "./hue";

/** Every demo account uses this password (listed in README). */
export const DEMO_PASSWORD = "eiso-demo-2026";

const two = (n: number) => String(n).padStart(2, "0");

export interface DemoIds {
  hcmc: { tenantId: string; rootUnitId: string; units: Map<string, string> };
  hue: { tenantId: string; rootUnitId: string; units: Map<string, string> };
}

/** Loads the demo province and city into an empty database; does nothing when a tenant exists. */
export async function loadDemoData(db: Db): Promise<DemoIds | null> {
  if ((await countTenants(db)) > 0) return null;
  return db.transaction(async (tx) => {
    // ---- Thành phố Hồ Chí Minh, three tiers as in seed 000 (2018) ----
    const hcmc = await createTenant(tx, {
      code: "HCM",
      name: "Thành phố Hồ Chí Minh",
      model: "three_tier",
      root: {
        code: "000.00.00.H29",
        name: "Ủy ban nhân dân Thành phố Hồ Chí Minh",
        kind: "people_committee",
        address: "86 Lê Thánh Tôn, phường Sài Gòn",
      },
    });
    const byName = new Map<string, string>();
    const rootRow = { id: hcmc.rootUnitId, path: `/${hcmc.rootUnitId}/`, depth: 0 };
    const parents = new Map<string, { id: string; path: string; depth: number }>();
    let order = 0;
    for (const [i, name] of hcmcAgencies.entries()) {
      const parentName = hcmcParentName(name);
      const parent = parentName ? parents.get(parentName)! : rootRow;
      const row = await insertUnit(tx, hcmc.system, parent, {
        code: `000.00.${two(i + 1)}.H29`,
        name,
        kind: hcmcKind(name),
        sortOrder: order++,
      });
      parents.set(name, row);
      byName.set(name, row.id);
    }
    const q10 = parents.get("Ủy ban nhân dân quận 10")!;
    for (const [i, name] of district10Divisions.entries()) {
      const row = await insertUnit(tx, hcmc.system, q10, {
        code: `000.10.${two(40 + i)}.H29`,
        name,
        kind: "division",
        sortOrder: i,
      });
      byName.set(name, row.id);
    }
    const desk = await insertUnit(tx, hcmc.system, q10, {
      code: "000.10.50.H29",
      name: "Bộ phận Tiếp nhận và Trả kết quả quận 10",
      kind: "service_centre",
      sortOrder: 10,
    });
    byName.set(desk.name, desk.id);
    for (const [i, name] of district10Wards.entries()) {
      const row = await insertUnit(tx, hcmc.system, q10, {
        code: `000.10.${two(i + 1)}.H29`,
        name,
        kind: "commune",
        sortOrder: 20 + i,
      });
      byName.set(name, row.id);
    }
    const centre = await insertUnit(tx, hcmc.system, rootRow, {
      code: "000.00.99.H29",
      name: "Trung tâm Phục vụ hành chính công Thành phố Hồ Chí Minh",
      kind: "service_centre",
      sortOrder: 100,
    });
    byName.set(centre.name, centre.id);

    const u = (name: string) => byName.get(name)!;
    const accounts = [
      {
        username: "admin",
        fullName: "Quản trị hệ thống TP.HCM",
        unitId: hcmc.rootUnitId,
        roles: [{ role: "tenant_admin" as const, unitId: hcmc.rootUnitId }],
      },
      {
        username: "q10.admin",
        fullName: "Nguyễn Văn Quản",
        unitId: q10.id,
        position: "Quản trị đơn vị",
        roles: [{ role: "unit_admin" as const, unitId: q10.id }],
      },
      {
        username: "q10.lanhdao",
        fullName: "Trần Thị Lãnh",
        unitId: q10.id,
        position: "Phó Chủ tịch UBND quận",
        roles: [{ role: "leader" as const, unitId: q10.id }],
      },
      {
        username: "q10.truongphong",
        fullName: "Lê Văn Trưởng",
        unitId: u("Phòng Tư pháp quận 10"),
        position: "Trưởng phòng",
        roles: [{ role: "leader" as const, unitId: u("Phòng Tư pháp quận 10") }],
      },
      {
        username: "q10.chuyenvien",
        fullName: "Phạm Thị Chuyên",
        unitId: u("Phòng Tư pháp quận 10"),
        position: "Chuyên viên",
        roles: [{ role: "officer" as const, unitId: u("Phòng Tư pháp quận 10") }],
      },
      {
        username: "q10.motcua",
        fullName: "Võ Thị Một",
        unitId: desk.id,
        position: "Công chức tiếp nhận",
        roles: [{ role: "reception_clerk" as const, unitId: q10.id }],
      },
      {
        username: "q10.thuky",
        fullName: "Đặng Văn Thư",
        unitId: u("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân quận 10"),
        position: "Thư ký ISO",
        roles: [{ role: "iso_secretary" as const, unitId: q10.id }],
      },
      {
        username: "q10.qldt",
        fullName: "Đỗ Minh Quang",
        unitId: u("Phòng Quản lý đô thị quận 10"),
        position: "Trưởng phòng",
        roles: [{ role: "leader" as const, unitId: u("Phòng Quản lý đô thị quận 10") }],
      },
      {
        username: "q10.qldt.cv",
        fullName: "Phan Thanh Xây",
        unitId: u("Phòng Quản lý đô thị quận 10"),
        position: "Chuyên viên",
        roles: [{ role: "officer" as const, unitId: u("Phòng Quản lý đô thị quận 10") }],
      },
      {
        username: "q10.kinhte",
        fullName: "Dương Thị Kim",
        unitId: u("Phòng Kinh tế quận 10"),
        position: "Trưởng phòng",
        roles: [{ role: "leader" as const, unitId: u("Phòng Kinh tế quận 10") }],
      },
      {
        username: "q10.kinhte.cv",
        fullName: "Lý Văn Tế",
        unitId: u("Phòng Kinh tế quận 10"),
        position: "Chuyên viên",
        roles: [{ role: "officer" as const, unitId: u("Phòng Kinh tế quận 10") }],
      },
      {
        username: "p12.chutich",
        fullName: "Trương Văn Tịch",
        unitId: u("Ủy ban nhân dân Phường 12, Quận 10"),
        position: "Chủ tịch UBND phường",
        roles: [{ role: "leader" as const, unitId: u("Ủy ban nhân dân Phường 12, Quận 10") }],
      },
      {
        username: "p12.tuphap",
        fullName: "Mai Thị Hộ",
        unitId: u("Ủy ban nhân dân Phường 12, Quận 10"),
        position: "Công chức Tư pháp - Hộ tịch",
        roles: [{ role: "officer" as const, unitId: u("Ủy ban nhân dân Phường 12, Quận 10") }],
      },
      {
        username: "p12.admin",
        fullName: "Huỳnh Văn Phường",
        unitId: u("Ủy ban nhân dân Phường 12, Quận 10"),
        roles: [{ role: "unit_admin" as const, unitId: u("Ủy ban nhân dân Phường 12, Quận 10") }],
      },
      {
        username: "q1.admin",
        fullName: "Bùi Thị Quận",
        unitId: u("Ủy ban nhân dân quận 1"),
        roles: [{ role: "unit_admin" as const, unitId: u("Ủy ban nhân dân quận 1") }],
      },
      {
        username: "dost.kiemtra",
        fullName: "Ngô Văn Kiểm",
        unitId: u("Sở Khoa học và Công nghệ"),
        position: "Kiểm tra viên",
        roles: [{ role: "dost_inspector" as const, unitId: hcmc.rootUnitId }],
      },
    ];
    for (const a of accounts) {
      await bootstrapUser(tx, hcmc.system, {
        ...a,
        email: `${a.username}@demo.eiso.vn`,
        password: DEMO_PASSWORD,
      });
    }
    await bootstrapUser(tx, hcmc.system, {
      kind: "citizen",
      username: "congdan",
      email: "congdan@demo.eiso.vn",
      fullName: "Nguyễn Thị Dân",
      unitId: null,
      password: DEMO_PASSWORD,
    });

    // ---- Thành phố Huế, two tiers (since 1 July 2025) ----
    const hue = await createTenant(tx, {
      code: "HUE",
      name: "Thành phố Huế",
      model: "two_tier",
      root: {
        code: "000.00.00.H57",
        name: "Ủy ban nhân dân thành phố Huế",
        kind: "people_committee",
        address: "16 Lê Lợi, phường Thuận Hóa",
      },
    });
    const hueRoot = { id: hue.rootUnitId, path: `/${hue.rootUnitId}/`, depth: 0 };
    const hueUnits = new Map<string, string>();
    for (const [i, name] of hueDepartments.entries()) {
      const row = await insertUnit(tx, hue.system, hueRoot, {
        code: `000.00.${two(i + 1)}.H57`,
        name,
        kind: "department",
        sortOrder: i,
      });
      hueUnits.set(name, row.id);
    }
    for (const [i, name] of hueWards.entries()) {
      const row = await insertUnit(tx, hue.system, hueRoot, {
        code: `000.${two(i + 20)}.00.H57`,
        name: `Ủy ban nhân dân ${name}`,
        kind: "commune",
        sortOrder: 50 + i,
      });
      hueUnits.set(name, row.id);
    }
    const hueCentre = await insertUnit(tx, hue.system, hueRoot, {
      code: "000.00.99.H57",
      name: "Trung tâm Phục vụ hành chính công thành phố Huế",
      kind: "service_centre",
      sortOrder: 100,
    });
    hueUnits.set(hueCentre.name, hueCentre.id);
    await bootstrapUser(tx, hue.system, {
      username: "hue.admin",
      email: "hue.admin@demo.eiso.vn",
      fullName: "Quản trị hệ thống thành phố Huế",
      unitId: hue.rootUnitId,
      password: DEMO_PASSWORD,
      roles: [{ role: "tenant_admin", unitId: hue.rootUnitId }],
    });
    await bootstrapUser(tx, hue.system, {
      username: "thuanhoa.admin",
      email: "thuanhoa.admin@demo.eiso.vn",
      fullName: "Hoàng Văn Hóa",
      unitId: hueUnits.get("Phường Thuận Hóa")!,
      password: DEMO_PASSWORD,
      roles: [{ role: "unit_admin", unitId: hueUnits.get("Phường Thuận Hóa")! }],
    });
    // Procedure catalogue and processes (issue 5), once the agency tree and accounts exist.
    await loadCatalogueDemo(tx, hcmc.system, { rootUnitId: hcmc.rootUnitId, units: byName });
    return {
      hcmc: { tenantId: hcmc.tenantId, rootUnitId: hcmc.rootUnitId, units: byName },
      hue: { tenantId: hue.tenantId, rootUnitId: hue.rootUnitId, units: hueUnits },
    };
  });
}
