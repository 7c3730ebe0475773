import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dossierEvents, dossierSteps } from "../../modules/dossiers/tables";
import { createTestDatabase, type TestDatabase } from "../../testing/database";
import { AppError } from "../errors";
import { newId } from "../ids";
import { insertRows, updateWhere } from "./plain-writes";
import { writeTogether } from "./transactions";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const tenantId = newId();
const dossierId = newId();
const stale = () => new AppError("conflict", { vi: "Đã thay đổi", en: "Changed" });

const step = (over: Partial<typeof dossierSteps.$inferInsert> = {}): typeof dossierSteps.$inferInsert => ({
  tenantId,
  id: newId(),
  dossierId,
  nodeId: "Task_1",
  name: "Thẩm định hồ sơ",
  stepKind: "process",
  status: "active",
  unitId: newId(),
  unitPath: "a.b",
  role: "officer",
  assigneeId: null,
  previousStepId: null,
  allotmentMs: 16 * 3600_000,
  startedAt: new Date("2026-12-02T03:04:05.678Z"),
  dueAt: new Date("2026-12-04T10:00:00.000Z"),
  completedAt: null,
  completedBy: null,
  outcome: null,
  comment: null,
  escalatedAt: null,
  ...over,
});

describe("writes written from the table's columns", () => {
  it("insert rows that read back as given, with defaults where a value is left out", async () => {
    const events = [
      {
        tenantId,
        id: newId(),
        dossierId,
        at: new Date("2026-12-02T01:02:03.004Z"),
        kind: "step.completed",
        actorId: newId(),
        actorName: 'Nguyễn Văn A\'s "desk" \\ $1',
        stepId: null,
        comment: "ý kiến: đồng ý;\nchuyển lãnh đạo",
        data: { name: "Thẩm định", late: false, list: [1, "hai", null], nested: { q: "'" } },
      },
      {
        tenantId,
        id: newId(),
        dossierId,
        at: new Date("2026-12-02T01:02:04.000Z"),
        kind: "step.activated",
        actorId: null,
        actorName: null,
        stepId: newId(),
        comment: null,
        data: {},
      },
    ];
    const steps = [step(), step({ nodeId: "Task_2", comment: "$2 and $10" })];
    await database.db.transaction(async (tx) => {
      await writeTogether(
        tx,
        [
          { query: insertRows(dossierEvents, events, "id") },
          { query: insertRows(dossierSteps, steps, "id") },
        ],
        stale,
      );
    });
    const readEvents = await database.db
      .select()
      .from(dossierEvents)
      .where(eq(dossierEvents.dossierId, dossierId))
      .orderBy(dossierEvents.at);
    expect(readEvents).toEqual(events);
    const readSteps = await database.db
      .select()
      .from(dossierSteps)
      .where(eq(dossierSteps.dossierId, dossierId))
      .orderBy(dossierSteps.nodeId);
    // `version` was left out: the column's default (0).
    expect(readSteps).toEqual(steps.map((s) => ({ ...s, version: 0 })));
  });

  it("update the row named by the condition, and fail with the caller's conflict when it changed", async () => {
    const s = step({ nodeId: "Task_3" });
    await database.db.insert(dossierSteps).values(s);
    const completedAt = new Date("2026-12-03T08:00:00.000Z");
    const complete = (version: number) =>
      database.db.transaction(async (tx) => {
        await writeTogether(
          tx,
          [
            {
              query: updateWhere(
                dossierSteps,
                {
                  status: "completed",
                  completedAt,
                  outcome: "done",
                  version: version + 1,
                  comment: undefined,
                },
                { tenantId, id: s.id, status: "active", version },
                "id",
              ),
              expectOne: true,
            },
          ],
          stale,
        );
      });
    await complete(0);
    const read = async () =>
      (
        await database.db
          .select()
          .from(dossierSteps)
          .where(and(eq(dossierSteps.tenantId, tenantId), eq(dossierSteps.id, s.id)))
      )[0];
    // Set columns changed; the one left undefined (comment) and the others kept.
    expect(await read()).toEqual({ ...s, status: "completed", completedAt, outcome: "done", version: 1 });
    // The same move again: the row is no longer active at version 0.
    await expect(complete(0)).rejects.toMatchObject({ code: "conflict" });
    expect((await read())!.version).toBe(1);
  });

  it("refuse a column the table does not have (to write or as a condition), or a condition without a value", () => {
    expect(() => updateWhere(dossierSteps, { status: "completed" }, { nope: 1 }, "id")).toThrow(/nope/);
    // A misspelt property in what to write would otherwise be a write that silently did not happen.
    expect(() => updateWhere(dossierSteps, { stauts: "completed" }, { id: newId() }, "id")).toThrow(
      /stauts is not a column of dossier_steps/,
    );
    expect(() => insertRows(dossierEvents, [{ id: newId(), kindd: "x" }], "id")).toThrow(
      /kindd is not a column of dossier_events/,
    );
    expect(() => updateWhere(dossierSteps, { status: "completed" }, { id: null }, "id")).toThrow(/id/);
    expect(() => updateWhere(dossierSteps, {}, { id: newId() }, "id")).toThrow(/nothing to set/);
  });
});
