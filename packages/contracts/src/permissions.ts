import { z } from "zod";

/** Officer roles; each is granted at a unit and covers that unit's whole subtree. */
export const Role = z.enum([
  "tenant_admin",
  "unit_admin",
  "leader",
  "officer",
  "reception_clerk",
  "iso_secretary",
  "dost_inspector",
]);
export type TRole = z.infer<typeof Role>;

export const roleLabels: Record<TRole, { vi: string; en: string }> = {
  tenant_admin: { vi: "Quản trị hệ thống tỉnh/thành", en: "Tenant administrator" },
  unit_admin: { vi: "Quản trị đơn vị", en: "Unit administrator" },
  leader: { vi: "Lãnh đạo", en: "Leader" },
  officer: { vi: "Chuyên viên", en: "Officer" },
  reception_clerk: { vi: "Cán bộ tiếp nhận (một cửa)", en: "Reception clerk" },
  iso_secretary: { vi: "Thư ký ISO", en: "ISO secretary" },
  dost_inspector: { vi: "Kiểm tra viên Sở KH&CN", en: "DOST inspector" },
};

export const Permission = z.enum([
  "org.unit.read",
  "org.unit.manage",
  "org.user.read",
  "org.user.manage",
  "org.role.grant",
  "org.delegation.manage",
  "audit.read",
  "calendar.manage",
  // Procedure catalogue and process designer (issue 5).
  "catalogue.read",
  "catalogue.manage",
  "process.design",
  "process.approve",
  // One-stop-shop dossiers (issue 12).
  "dossier.receive",
  "dossier.read",
  "dossier.process",
  "dossier.return",
  "dossier.stats",
]);
export type TPermission = z.infer<typeof Permission>;

/**
 * Route-level access: a permission, any signed-in user, a signed-in citizen or business (the portal's
 * own use cases), or the public.
 */
export type TRouteAccess = TPermission | "authenticated" | "citizen" | "public";

const readOnly: TPermission[] = ["org.unit.read", "org.user.read", "catalogue.read"];

export const rolePermissions: Record<TRole, readonly TPermission[]> = {
  tenant_admin: Permission.options,
  unit_admin: [
    ...readOnly,
    "org.unit.manage",
    "org.user.manage",
    "org.role.grant",
    "org.delegation.manage",
    "audit.read",
    "catalogue.manage",
    "process.design",
    "dossier.read",
    "dossier.stats",
  ],
  leader: [
    ...readOnly,
    "org.delegation.manage",
    "audit.read",
    "process.approve",
    "dossier.read",
    "dossier.process",
    "dossier.stats",
  ],
  officer: [...readOnly, "dossier.read", "dossier.process"],
  reception_clerk: [...readOnly, "dossier.receive", "dossier.read", "dossier.process", "dossier.return"],
  iso_secretary: [
    ...readOnly,
    "audit.read",
    "catalogue.manage",
    "process.design",
    "dossier.read",
    "dossier.stats",
  ],
  dost_inspector: [...readOnly, "audit.read", "dossier.read", "dossier.stats"],
};

/** Roles that only a tenant administrator may grant. */
export const tenantOnlyRoles: readonly TRole[] = ["tenant_admin", "dost_inspector"];
