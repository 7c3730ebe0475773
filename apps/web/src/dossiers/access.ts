import { useCanAt } from "../auth/scope";
import { useCurrentSession } from "../auth/session";
import { useUnits } from "../org/queries";
import type { TDossierDetail, TDossierStep } from "./queries";

export interface StepAccess {
  claim: boolean;
  complete: boolean;
  /** Hand the step to an officer: a leader over its unit, or its current holder. */
  assign: boolean;
}

export interface DossierAccess {
  step(step: TDossierStep): StepAccess;
  /** Reception (or return) at the dossier's desk. */
  atDesk: boolean;
  /** Handling at the competent agency. */
  atAgency: boolean;
  userId: string;
}

/**
 * What the signed-in officer may do on a dossier, mirroring the API's checks (role held over the
 * step's unit, the assignee, the desk and agency scopes) so only usable actions are shown. The API
 * checks again on every request.
 */
export function useDossierAccess(d: TDossierDetail | undefined): DossierAccess {
  const session = useCurrentSession();
  const canAt = useCanAt();
  const { data: units = [] } = useUnits(false);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const grantPath = new Map(session.scopeUnits.map((u) => [u.id, u.path]));
  const holdsRoleAt = (role: string | null, unitId: string | null) => {
    const unit = unitId ? unitById.get(unitId) : undefined;
    if (!role || !unit) return false;
    return session.grants.some((g) => {
      const path = grantPath.get(g.unitId);
      return g.role === role && !!path && unit.path.startsWith(path);
    });
  };
  const me = session.user.id;
  const desk = d ? unitById.get(d.deskUnitId) : undefined;
  const agency = d ? unitById.get(d.agencyUnitId) : undefined;
  return {
    userId: me,
    atDesk: canAt("dossier.receive", desk) || canAt("dossier.return", desk),
    atAgency: canAt("dossier.process", agency),
    step(step) {
      const active = step.status === "active" && d?.status === "processing";
      const mayTake = holdsRoleAt(step.role, step.unitId);
      return {
        claim: active && mayTake && !step.assigneeId,
        complete: active && mayTake && (!step.assigneeId || step.assigneeId === me),
        assign: active && (holdsRoleAt("leader", step.unitId) || step.assigneeId === me),
      };
    },
  };
}
