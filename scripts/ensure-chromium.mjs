#!/usr/bin/env node
// Browser tests drive Debian's Chromium through playwright-core; no browser is ever downloaded.
// Finds /usr/bin/chromium (or `chromium` on PATH); as root on Debian/Ubuntu installs the package
// with apt-get; otherwise says what to install and fails.
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";

const CANDIDATES = ["chromium", "chromium-browser"];

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium executable: /usr/bin/chromium first, then `chromium` anywhere on PATH. */
export function findChromium() {
  if (isExecutable("/usr/bin/chromium")) return "/usr/bin/chromium";
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    for (const name of CANDIDATES) {
      const path = join(dir, name);
      if (isExecutable(path)) return path;
    }
  }
  return null;
}

function run(command, args) {
  console.log(`$ ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return result.status === 0;
}

function main() {
  const found = findChromium();
  if (found) {
    console.log(found);
    return 0;
  }
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = isExecutable("/usr/bin/apt-get");
  if (isRoot && hasApt) {
    console.log("Chromium not found; installing the Debian package `chromium` with apt-get…");
    if (!run("apt-get", ["update"]) || !run("apt-get", ["install", "-y", "chromium"])) {
      console.error("apt-get could not install chromium.");
      return 1;
    }
    const installed = findChromium();
    if (installed) {
      console.log(installed);
      return 0;
    }
    console.error("apt-get finished but no chromium executable was found.");
    return 1;
  }
  console.error(
    [
      "Chromium is needed for the browser tests and was not found (/usr/bin/chromium or `chromium` on PATH).",
      "Install it with:",
      "",
      "    sudo apt-get install chromium",
      "",
      "(On Ubuntu without the snap, the package may be `chromium-browser`.)",
    ].join("\n"),
  );
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exit(main());
