import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

/** JSON with object keys sorted at every level, so a value hashes the same after a jsonb round trip. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export interface ChainedFields {
  tenantId: string;
  id: string;
  seq: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  unitId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  prevHash: string;
}

/** The content that a row's hash covers, in canonical form once serialised. */
function chainedContent(row: ChainedFields) {
  // Pick the chained fields explicitly: a row read back also carries its own hash and must not hash it.
  return {
    tenantId: row.tenantId,
    id: row.id,
    seq: row.seq,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorName: row.actorName,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    unitId: row.unitId,
    before: row.before,
    after: row.after,
    requestId: row.requestId,
    prevHash: row.prevHash,
  };
}

/** The hash of one audit row: SHA-256 over its canonical content including the previous row's hash. */
export function hashAuditRow(row: ChainedFields): string {
  return createHash("sha256")
    .update(canonicalJson(chainedContent(row)))
    .digest("hex");
}

/**
 * The canonical content of a row not yet placed in the chain, cut where its previous hash and its
 * seq go: `parts[0] + prevHash + parts[1] + seq + parts[2]` is exactly what `hashAuditRow` hashes,
 * so the database can hash the row once it knows the chain's head (see `appendToChain`).
 */
export function unplacedContent(row: Omit<ChainedFields, "seq" | "prevHash">): [string, string, string] {
  const content = chainedContent({ ...row, seq: 0, prevHash: "" }) as Record<string, unknown>;
  const parts: string[] = [];
  let text = "{";
  const keys = Object.keys(content)
    .filter((k) => content[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  keys.forEach((k, i) => {
    text += `${i ? "," : ""}${JSON.stringify(k)}:`;
    if (k === "prevHash" || k === "seq") {
      // The hash is hex, so its JSON form is the hash between quotes; seq is an integer.
      if (k === "prevHash") text += '"';
      parts.push(text);
      text = k === "prevHash" ? '"' : "";
    } else {
      text += canonicalJson(content[k]);
    }
  });
  parts.push(`${text}}`);
  if (parts.length !== 3) throw new Error("audit content: prevHash and seq must both be chained");
  return parts as [string, string, string];
}
