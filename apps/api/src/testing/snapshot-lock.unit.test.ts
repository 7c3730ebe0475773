import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ensureSnapshot } from "./database";

const keys: string[] = [];
const newKey = () => {
  keys.push(`lock-test-${randomUUID()}`);
  return keys.at(-1)!;
};
const lockOf = (key: string, file: string) => path.join(tmpdir(), "eiso-test-snapshots", key, `${file}.lock`);

afterEach(() => {
  for (const key of keys.splice(0))
    rmSync(path.join(tmpdir(), "eiso-test-snapshots", key), { recursive: true, force: true });
});

describe("test snapshot lock", () => {
  // Before, such a lock was waited out for 10 minutes: this test would time out.
  it("takes over at once a lock left by a process that is gone (a killed run)", async () => {
    const key = newKey();
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    mkdirSync(lockOf(key, "snap.txt"), { recursive: true });
    writeFileSync(path.join(lockOf(key, "snap.txt"), "pid"), String(dead));
    const file = await ensureSnapshot(key, "snap.txt", async (target) => writeFileSync(target, "built"));
    expect(readFileSync(file, "utf8")).toBe("built");
  });

  it("waits for a lock held by a living process and uses what it built", async () => {
    const key = newKey();
    mkdirSync(lockOf(key, "snap.txt"), { recursive: true });
    writeFileSync(path.join(lockOf(key, "snap.txt"), "pid"), String(process.pid));
    let built = false;
    const waiting = ensureSnapshot(key, "snap.txt", async (target) => {
      built = true;
      writeFileSync(target, "mine");
    });
    await new Promise((r) => setTimeout(r, 1_000));
    writeFileSync(path.join(tmpdir(), "eiso-test-snapshots", key, "snap.txt"), "theirs");
    const file = await waiting;
    expect(built).toBe(false);
    expect(readFileSync(file, "utf8")).toBe("theirs");
  });
});
