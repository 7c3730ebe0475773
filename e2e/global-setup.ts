import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const builtIndex = join(root, "apps/web/dist/index.html");

/** Everything the web bundle is built from: its sources and config, and the shared contracts. */
const inputs = [
  "apps/web/src",
  "apps/web/public",
  "apps/web/index.html",
  "apps/web/vite.config.ts",
  "apps/web/package.json",
  "packages/contracts/src",
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Builds the web app once for all browser tests, unless the existing build is newer than its sources. */
export default function setup(): void {
  const source = Math.max(...inputs.map((p) => newestMtime(join(root, p))));
  if (existsSync(builtIndex) && statSync(builtIndex).mtimeMs > source) return;
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const result = spawnSync("npm", ["run", "build", "-w", "@eiso/web"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error(`web build failed (exit ${result.status})`);
}
