import type { TDelegation } from "@eiso/contracts";
import dayjs from "dayjs";

export type DelegationStatus = "active" | "upcoming" | "expired" | "revoked";

/** Where a delegation stands today (calendar dates, local to the officer). */
export function delegationStatus(
  d: Pick<TDelegation, "startsOn" | "endsOn" | "revokedAt">,
  today = dayjs().format("YYYY-MM-DD"),
): DelegationStatus {
  if (d.revokedAt) return "revoked";
  if (today < d.startsOn) return "upcoming";
  if (today > d.endsOn) return "expired";
  return "active";
}
