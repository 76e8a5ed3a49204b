import type { Page } from "playwright-core";

/**
 * What a browser test reads off the dashboard page, in one place, so that a test against the real local
 * cloud and the page's own tests look at the page the same way.
 */

/** The function table's cells for a function's total (qualifier "") or for one qualifier of it. */
export async function readFunctionRow(page: Page, functionName: string, qualifier = "") {
  const row = page.locator(
    `[data-testid="function-table"] tr[data-function="${functionName}"][data-qualifier="${qualifier}"]`,
  );
  await row.waitFor();
  return row.evaluate((tr) =>
    Object.fromEntries(
      [...tr.querySelectorAll<HTMLElement>("td[data-col]")].map((td) => [td.dataset.col, td.textContent]),
    ),
  );
}

/** The request ids of the listed invocations, top to bottom. */
export function listedInvocations(page: Page): Promise<string[]> {
  return page
    .locator("[data-testid=invocations] tr[data-request-id]")
    .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.requestId ?? ""));
}

/** Clicks an invocation in the list and waits until its detail is shown. */
export async function openInvocation(page: Page, requestId: string) {
  await page.locator(`tr[data-request-id="${requestId}"]`).click();
  const detail = page.getByTestId("invocation-detail");
  await detail.getByTestId("logs").waitFor();
  return detail;
}

/** How many pixels of a chart's canvas are close to `color` (#rrggbb): more than a few means its line is drawn. */
export function chartInk(page: Page, chartId: string, color: string): Promise<number> {
  return page.locator(`[data-chart="${chartId}"] canvas`).evaluate((node, hex) => {
    const canvas = node as HTMLCanvasElement;
    const context = canvas.getContext("2d");
    if (!context || canvas.width === 0 || canvas.height === 0) return 0;
    const want = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) {
      const distance = want.reduce((sum, value, c) => sum + Math.abs((data[i + c] ?? 0) - value), 0);
      if ((data[i + 3] ?? 0) > 200 && distance < 40) ink += 1;
    }
    return ink;
  }, color);
}
