import type { TPermission } from "@eiso/contracts";
import type { ReactNode } from "react";
import { usePermission } from "../auth/session";
import { Forbidden } from "./QueryState";

/** Renders its page only for users whose roles carry the permission. */
export function RequirePermission({
  permission,
  children,
}: {
  permission: TPermission;
  children: ReactNode;
}) {
  const can = usePermission();
  return can(permission) ? children : <Forbidden />;
}
