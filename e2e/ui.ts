import type { Locator, Page } from "playwright-core";

/** Signs in through the login form and waits for the signed-in shell (or the forced password change). */
export async function loginThroughUi(page: Page, login: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel(/Tên đăng nhập|Username/).fill(login);
  await page.getByLabel(/^(Mật khẩu|Password)$/).fill(password);
  await page.getByRole("button", { name: /^(Đăng nhập|Sign in)$/ }).click();
  await page.locator('[data-testid="user-menu"], [data-testid="forced-password-change"]').first().waitFor();
}

export async function logoutThroughUi(page: Page): Promise<void> {
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: /Đăng xuất|Sign out/ }).click();
  await page.getByRole("button", { name: /^(Đăng nhập|Sign in)$/ }).waitFor();
}

/** Opens a screen from the left menu by its label. */
export async function openMenu(page: Page, label: string | RegExp): Promise<void> {
  await page.getByTestId("main-menu").getByRole("menuitem", { name: label }).click();
}

/**
 * Names of every unit the tree renders, scrolling its virtual list from top to bottom (the tree only
 * puts the visible rows in the DOM).
 */
export async function collectTreeNames(page: Page): Promise<string[]> {
  const names = new Set<string>();
  const holder = page.locator('[data-testid="unit-tree"] .ant-tree-list-holder');
  const { total, step } = await holder.evaluate((el) => ({
    total: el.scrollHeight,
    step: Math.max(Math.floor(el.clientHeight * 0.8), 1),
  }));
  // Absolute positions, top to bottom: the list re-renders on scroll and may adjust scrollTop itself.
  for (let top = 0; ; top += step) {
    await holder.evaluate((el, y) => {
      el.scrollTop = y;
    }, top);
    await page.waitForTimeout(60);
    const shown = await page
      .locator("[data-testid=unit-tree] [data-unit-name]")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-unit-name") ?? ""));
    for (const n of shown) names.add(n);
    if (top >= total) break;
  }
  return [...names];
}

/**
 * Picks an option of an antd Select or TreeSelect: opens the field, types to filter, clicks the option
 * whose title is `option` in the open popup, and waits until the field shows it (a pick that did not
 * take fails here, not at a later step).
 */
export async function pick(page: Page, field: Locator, typed: string, option = typed): Promise<void> {
  await field.click();
  await page.keyboard.type(typed);
  await page.locator(".ant-select-dropdown:visible").getByTitle(option, { exact: true }).first().click();
  const select = field.locator(
    'xpath=ancestor-or-self::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]',
  );
  await select.filter({ hasText: option }).waitFor({ timeout: 5_000 });
}

/** Confirms the open dialog and waits until it closes; if it stays open, says what it shows (a validation message, an API error). */
export async function confirmDialog(page: Page, button = "Xác nhận"): Promise<void> {
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: button }).click();
  await dialog.waitFor({ state: "hidden" }).catch(async (error: Error) => {
    const text = (await dialog.textContent().catch(() => null)) ?? "(gone)";
    throw new Error(`${error.message}\nThe dialog still shows: ${text.replace(/\s+/g, " ")}`);
  });
}
