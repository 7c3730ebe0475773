import type { TCompiledProcess, TProcedure } from "@eiso/contracts";
import type { Queryable } from "../../platform/db/client";

/** What the dossier runtime needs from the catalogue module, through its service functions. */
export interface PublishedProcess {
  versionId: string;
  /** The agency that runs this process (a procedure may have one process per agency). */
  agencyUnitId: string;
  compiled: TCompiledProcess;
  /** Units bound to the relative roles of the process (agency, field division, reception desk). */
  bindings: { agency?: string | null; field_division?: string | null; reception_desk?: string | null };
}

export interface CataloguePort {
  procedure(db: Queryable, tenantId: string, procedureId: string): Promise<TProcedure>;
  /** Processes of the procedure published and in effect at `at`, one per agency. */
  publishedProcesses(
    db: Queryable,
    tenantId: string,
    procedureId: string,
    at: Date,
  ): Promise<PublishedProcess[]>;
  /** A published version by id (running dossiers stay on the version they started with). */
  processVersion(db: Queryable, tenantId: string, versionId: string): Promise<PublishedProcess>;
  /** The unit in charge of the procedure (or its field) inside the agency, per responsibility assignment. */
  divisionInCharge(
    db: Queryable,
    tenantId: string,
    agencyUnitId: string,
    procedureId: string,
  ): Promise<string | null>;
}
