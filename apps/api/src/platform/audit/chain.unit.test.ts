import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashAuditRow, unplacedContent } from "./chain";

const json = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);

describe("unplacedContent", () => {
  it("joined with the previous hash and seq, hashes to the row's own hash", () => {
    fc.assert(
      fc.property(
        fc.record({
          tenantId: fc.uuid(),
          id: fc.uuid(),
          at: fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }),
          actorId: fc.option(fc.uuid()),
          actorName: fc.option(fc.string()),
          action: fc.string(),
          entityType: fc.string(),
          entityId: fc.string(),
          unitId: fc.option(fc.uuid()),
          before: json,
          after: json,
          requestId: fc.option(fc.string()),
        }),
        fc.nat(),
        fc.stringMatching(/^[0-9a-f]{64}$/),
        (row, seq, prevHash) => {
          const [a, b, c] = unplacedContent(row);
          const joined = `${a}${prevHash}${b}${seq}${c}`;
          expect(createHash("sha256").update(joined).digest("hex")).toBe(
            hashAuditRow({ ...row, seq, prevHash }),
          );
        },
      ),
    );
  });
});
