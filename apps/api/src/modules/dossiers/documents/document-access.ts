import { dossierStatusLabels, type TDossierDocumentKind, type TDossierStatus } from "@eiso/contracts";
import type { Actor } from "../../../platform/actor";
import { invalidOperation } from "../../../platform/errors";
import { atDesk, hasStatus, mayWorkStep, READ_ONLY_STATUSES } from "../allowed-actions";
import type { DossierRow, StepRow } from "../store";

/** A returned, archived or otherwise closed dossier is a record: nothing more is attached to it. */
export const isReadOnly = (d: Pick<DossierRow, "status">) => hasStatus(d, READ_ONLY_STATUSES);

/** The refusal of an attachment to a read-only dossier, naming its state. */
export function readOnlyRefusal(d: Pick<DossierRow, "status">) {
  const label = dossierStatusLabels[d.status as TDossierStatus] ?? { vi: d.status, en: d.status };
  return invalidOperation(
    {
      vi: `Hồ sơ ở trạng thái «${label.vi}» chỉ được xem: không đính kèm thêm tài liệu`,
      en: `The dossier is «${label.en}» and read-only: no more documents can be attached`,
    },
    { status: d.status },
  );
}

/**
 * What the officer may attach now: the desk attaches the applicant's scanned papers and the result;
 * the officer holding an active step attaches working papers and the (draft or signed) result for
 * it. Nothing once the dossier is read-only.
 */
export function uploadRights(
  actor: Actor,
  d: DossierRow,
  steps: StepRow[],
): { kinds: TDossierDocumentKind[]; steps: StepRow[] } {
  if (isReadOnly(d)) return { kinds: [], steps: [] };
  const desk = atDesk(actor, d);
  const held = steps.filter((s) => mayWorkStep(actor, s));
  const kinds: TDossierDocumentKind[] = [];
  if (desk) kinds.push("submitted");
  if (held.length) kinds.push("working");
  if (desk || held.length) kinds.push("result");
  return { kinds, steps: held };
}
