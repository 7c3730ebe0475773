import { accessSync, constants, mkdirSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

export const screenshotDir = fileURLToPath(new URL("./screenshots/", import.meta.url));

const executable = (p: string) => {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** Debian's Chromium (see scripts/ensure-chromium.mjs); playwright never downloads a browser here. */
export function chromiumPath(): string {
  if (executable("/usr/bin/chromium")) return "/usr/bin/chromium";
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    for (const name of ["chromium", "chromium-browser"]) {
      if (dir && executable(join(dir, name))) return join(dir, name);
    }
  }
  throw new Error(
    "Chromium not found: run `node scripts/ensure-chromium.mjs` (or `sudo apt-get install chromium`)",
  );
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * A fresh browser profile at a common office-monitor size, Vietnamese locale and time zone, reduced motion.
 * Console errors and failed page scripts are collected in `problems` so tests can assert none.
 */
export async function newPage(
  browser: Browser,
  baseURL: string,
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1440, height: 900 },
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    // The app then turns antd's animations off (as for an officer who asked the system for less
    // motion): a dialog's opening or closing animation moves focus when it ends, and a click or key
    // press that landed meanwhile went astray (a Select that lost its choice, a search not cleared).
    reducedMotion: "reduce",
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    // The API's refusals (401 before sign-in, the 403s a test provokes) are logged by the browser as
    // failed resources; those are expected. Anything else React or antd reports is a problem.
    if (m.type() === "error" && !/Failed to load resource/.test(m.text()))
      problems.push(`console: ${m.text()}`);
    if (m.type() === "warning" && /Warning|deprecated|antd/i.test(m.text()))
      problems.push(`warning: ${m.text()}`);
  });
  return { context, page, problems };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  // Let antd's open/close and tab animations finish so the picture shows the settled screen.
  await page.waitForTimeout(400);
  await page.screenshot({ path, fullPage: false });
  return path;
}
