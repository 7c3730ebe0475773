import { describe, expect, it } from "vitest";
import { isLate } from "./store";

const due = new Date("2026-11-20T10:00:00+07:00");
const now = new Date("2026-12-01T10:00:00+07:00");
const dossier = (status: string, completedAt: Date | null = null) =>
  ({ status, completedAt, originalDueAt: due, pausedSince: null }) as Parameters<typeof isLate>[0];

describe("a late dossier", () => {
  it("is one finished or still open after its appointment, not one that ended without a result", () => {
    expect(isLate(dossier("processing"), now)).toBe(true);
    expect(isLate(dossier("returned", new Date("2026-11-19T10:00:00+07:00")), now)).toBe(false);
    expect(isLate(dossier("archived", new Date("2026-11-25T10:00:00+07:00")), now)).toBe(true);
    for (const status of ["refused", "stopped", "withdrawn"])
      expect(isLate(dossier(status), now)).toBe(false);
    // Stopped or withdrawn, then archived: still no result, still not late.
    expect(isLate(dossier("archived"), now)).toBe(false);
  });
});
