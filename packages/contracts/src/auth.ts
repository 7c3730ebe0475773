import { z } from "zod";
import { ZUuid } from "./common";
import { ZPassword, ZRoleGrantSchema, ZTenantSchema, ZUnitSchema, ZUserSchema } from "./org";
import { Permission } from "./permissions";

export const ZLoginSchema = z.strictObject({
  login: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(200),
});

export const ZSessionSchema = z.object({
  user: ZUserSchema,
  tenant: ZTenantSchema,
  csrfToken: z.string(),
  grants: z.array(ZRoleGrantSchema),
  permissions: z.array(Permission),
  /** Units at which the user holds some role, for the unit switcher. */
  scopeUnits: z.array(ZUnitSchema),
  activeUnitId: ZUuid.nullable(),
});
export type TSession = z.infer<typeof ZSessionSchema>;

export const ZChangePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: ZPassword,
});

export const ZSwitchUnitSchema = z.strictObject({ unitId: ZUuid });
