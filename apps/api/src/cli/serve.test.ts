import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../platform/db/client";

const bin = fileURLToPath(new URL("../../bin/eiso.mjs", import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), "eiso-serve-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const baseEnv = () => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    EISO_DATA_DIR: path.join(dir, "pglite"),
    LOG_LEVEL: "silent",
  };
  delete env.DATABASE_URL;
  delete env.EISO_ADMIN_PASSWORD;
  return env;
};

// Each test starts Node with the TypeScript loader: seconds alone, much more on a busy CI machine.
describe("eiso serve", { timeout: 180_000 }, () => {
  it("refuses a production start without an administrator password", () => {
    const res = spawnSync(process.execPath, [bin, "serve", "--port", "0"], {
      env: { ...baseEnv(), NODE_ENV: "production" },
      encoding: "utf8",
      timeout: 150_000,
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain("EISO_ADMIN_PASSWORD");
  });

  it("refuses to load demo data in production", () => {
    const res = spawnSync(process.execPath, [bin, "serve", "--demo", "--port", "0"], {
      env: { ...baseEnv(), NODE_ENV: "production", EISO_ADMIN_PASSWORD: "mat-khau-quan-tri-2026" },
      encoding: "utf8",
      timeout: 150_000,
    });
    expect(res.status).not.toBe(0);
    expect(res.stderr).toMatch(/demo/);
  });

  it("tells a second process clearly that the PGlite data folder is in use", async () => {
    const folder = path.join(dir, "locked");
    const first = await openDatabase({ dataDir: folder });
    try {
      const child = spawn(process.execPath, [bin, "audit", "verify"], {
        env: { ...baseEnv(), EISO_DATA_DIR: folder },
      });
      let stderr = "";
      child.stderr.on("data", (c) => {
        stderr += c.toString();
      });
      const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
      expect(code).not.toBe(0);
      expect(stderr).toContain("đang được tiến trình");
      expect(stderr).toContain(String(process.pid));
    } finally {
      await first.close();
    }
  });
});
