import { z } from "zod";
import { optionalText, text, ZDate, ZInstant, ZUuid } from "./common";
import { Role } from "./permissions";

export const UnitKind = z.enum([
  "people_committee",
  "department",
  "district",
  "commune",
  "division",
  "service_centre",
  "agency",
]);
export type TUnitKind = z.infer<typeof UnitKind>;

export const unitKindLabels: Record<TUnitKind, { vi: string; en: string }> = {
  people_committee: { vi: "UBND tỉnh/thành phố", en: "People's committee" },
  department: { vi: "Sở, ban, ngành", en: "Department" },
  district: { vi: "Quận/huyện (cũ)", en: "District (former tier)" },
  commune: { vi: "Xã/phường/đặc khu", en: "Commune / ward" },
  division: { vi: "Phòng, ban chuyên môn", en: "Internal division" },
  service_centre: { vi: "Trung tâm phục vụ hành chính công", en: "Public service centre" },
  agency: { vi: "Cơ quan, đơn vị khác", en: "Other agency" },
};

export const UnitStatus = z.enum(["active", "merged", "dissolved"]);

/** Electronic identifier code (mã định danh điện tử), e.g. 000.00.00.H29 or 000.01.10.H29. */
export const ZUnitCode = z
  .string()
  .trim()
  .regex(/^[0-9A-Z]{2,3}(\.[0-9A-Z]{2,3}){2,4}$/, "Mã định danh không đúng định dạng (ví dụ 000.00.00.H29)");

export const ZUnitSchema = z.object({
  id: ZUuid,
  tenantId: ZUuid,
  parentId: ZUuid.nullable(),
  path: z.string(),
  depth: z.number().int(),
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: UnitKind,
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  effectiveFrom: ZDate.nullable(),
  effectiveTo: ZDate.nullable(),
  status: UnitStatus,
  mergedIntoId: ZUuid.nullable(),
  childCount: z.number().int().optional(),
});
export type TUnit = z.infer<typeof ZUnitSchema>;

export const ZCreateUnitSchema = z.strictObject({
  parentId: ZUuid,
  code: ZUnitCode,
  name: text(300),
  shortName: optionalText(100),
  kind: UnitKind,
  address: optionalText(500),
  phone: optionalText(50),
  email: z.email().max(200).nullish(),
  effectiveFrom: ZDate.nullish(),
});
export type TCreateUnit = z.infer<typeof ZCreateUnitSchema>;

export const ZUpdateUnitSchema = ZCreateUnitSchema.omit({ parentId: true })
  .partial()
  .extend({ effectiveTo: ZDate.nullish() });
export type TUpdateUnit = z.infer<typeof ZUpdateUnitSchema>;

export const ZMoveUnitSchema = z.strictObject({ newParentId: ZUuid });

export const ZMergeUnitsSchema = z.strictObject({
  sourceIds: z.array(ZUuid).min(1).max(50),
  /** Merge into an existing unit, or create the new unit from `newUnit`. */
  targetId: ZUuid.nullish(),
  newUnit: ZCreateUnitSchema.nullish(),
  effectiveDate: ZDate,
  decision: optionalText(300),
});
export type TMergeUnits = z.infer<typeof ZMergeUnitsSchema>;

export const ZUnitListQuerySchema = z.strictObject({
  rootId: ZUuid.optional(),
  includeFormer: z.enum(["true", "false"]).optional(),
  q: z.string().max(200).optional(),
});

export const ZUnitEventSchema = z.object({
  id: ZUuid,
  unitId: ZUuid,
  event: z.string(),
  at: ZInstant,
  actorName: z.string().nullable(),
  data: z.unknown(),
});

export const UserKind = z.enum(["officer", "citizen", "business"]);
export const UserStatus = z.enum(["active", "disabled"]);

export const ZUserSchema = z.object({
  id: ZUuid,
  tenantId: ZUuid,
  kind: UserKind,
  username: z.string(),
  email: z.string().nullable(),
  fullName: z.string(),
  phone: z.string().nullable(),
  position: z.string().nullable(),
  unitId: ZUuid.nullable(),
  unitName: z.string().nullable().optional(),
  status: UserStatus,
  mustChangePassword: z.boolean(),
  lockedUntil: ZInstant.nullable(),
  createdAt: ZInstant,
});
export type TUser = z.infer<typeof ZUserSchema>;

export const ZUsername = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9._-]{3,60}$/,
    "Tên đăng nhập chỉ gồm chữ thường không dấu, số, dấu chấm, gạch (3–60 ký tự)",
  );

export const ZPassword = z.string().min(10).max(200);

export const ZCreateUserSchema = z.strictObject({
  username: ZUsername,
  email: z.email().max(200).nullish(),
  fullName: text(200),
  phone: optionalText(50),
  position: optionalText(200),
  unitId: ZUuid,
  password: ZPassword,
  roles: z.array(Role).max(7).default([]),
});
export type TCreateUser = z.infer<typeof ZCreateUserSchema>;

export const ZUpdateUserSchema = z.strictObject({
  email: z.email().max(200).nullish(),
  fullName: text(200).optional(),
  phone: optionalText(50),
  position: optionalText(200),
  unitId: ZUuid.optional(),
  status: UserStatus.optional(),
});

export const ZUserListQuerySchema = z.strictObject({
  unitId: ZUuid.optional(),
  q: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const ZResetPasswordSchema = z.strictObject({ newPassword: ZPassword });

export const ZRoleGrantSchema = z.object({
  id: ZUuid,
  userId: ZUuid,
  role: Role,
  unitId: ZUuid,
  unitName: z.string().optional(),
  createdAt: ZInstant,
  /** Set when the grant is held through a delegation. */
  delegatedBy: ZUuid.nullable().optional(),
  validUntil: ZDate.nullable().optional(),
});
export type TRoleGrant = z.infer<typeof ZRoleGrantSchema>;

export const ZGrantRoleSchema = z.strictObject({ role: Role, unitId: ZUuid });

export const ZDelegationSchema = z.object({
  id: ZUuid,
  fromUserId: ZUuid,
  fromUserName: z.string().optional(),
  toUserId: ZUuid,
  toUserName: z.string().optional(),
  grantId: ZUuid,
  role: Role,
  unitId: ZUuid,
  startsOn: ZDate,
  endsOn: ZDate,
  reason: z.string().nullable(),
  revokedAt: ZInstant.nullable(),
});
export type TDelegation = z.infer<typeof ZDelegationSchema>;

export const ZCreateDelegationSchema = z
  .strictObject({
    grantId: ZUuid,
    toUserId: ZUuid,
    startsOn: ZDate,
    endsOn: ZDate,
    reason: optionalText(500),
  })
  .refine((d) => d.startsOn <= d.endsOn, {
    message: "Ngày bắt đầu phải trước ngày kết thúc",
    path: ["endsOn"],
  });

export const ZTenantSchema = z.object({
  id: ZUuid,
  code: z.string(),
  name: z.string(),
  model: z.enum(["three_tier", "two_tier"]),
  rootUnitId: ZUuid.nullable(),
});
export type TTenant = z.infer<typeof ZTenantSchema>;

export const ZImportRowErrorSchema = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  message: z.string(),
});
export const ZUnitImportPreviewSchema = z.object({
  rows: z.array(
    z.object({
      row: z.number().int(),
      code: z.string(),
      name: z.string(),
      kind: z.string(),
      parentCode: z.string(),
      action: z.enum(["create", "update", "skip"]),
    }),
  ),
  errors: z.array(ZImportRowErrorSchema),
  applied: z.boolean(),
});
export type TUnitImportPreview = z.infer<typeof ZUnitImportPreviewSchema>;
