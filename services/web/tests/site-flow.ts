import type { Page } from "playwright-core";
import { expect } from "vitest";

const NOT_A_JEDI = "Sorry you can't get a quote";

/**
 * The site's main story, as a visitor lives it: a Jedi gets a quote, anyone else is refused, a quote is
 * saved, found at the top of the list, opened by its link, and still there after a reload. Ends on the
 * home view, the list showing, for a screenshot.
 */
export async function runSiteFlow(page: Page, siteUrl: string): Promise<{ savedId: string; quote: string }> {
  await page.goto(siteUrl);
  const jedi = page.getByRole("checkbox", { name: "I am a Jedi" });
  const getQuote = page.getByRole("button", { name: "Get a quote" });
  const outcome = page.getByTestId("quote-outcome");

  await jedi.check();
  await getQuote.click();
  const first = (await outcome.getByTestId("quote").textContent())?.trim();
  expect(first).toBeTruthy();

  await jedi.uncheck();
  await getQuote.click();
  await outcome.getByRole("alert").filter({ hasText: NOT_A_JEDI }).waitFor();
  expect(await outcome.getByTestId("quote").count()).toBe(0);

  await jedi.check();
  await getQuote.click();
  const quote = (await outcome.getByTestId("quote").textContent())?.trim() ?? "";
  expect(quote).not.toBe("");
  await outcome.getByRole("button", { name: "Save" }).click();
  const savedAs = outcome.getByTestId("saved-as");
  const savedId = (await savedAs.getAttribute("href"))?.replace("#/quotes/", "") ?? "";
  expect(savedId).toMatch(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);

  const top = page.getByTestId("saved-item").first();
  await page.locator(`[data-testid="saved-item"][data-id="${savedId}"]`).waitFor();
  expect(await top.getAttribute("data-id")).toBe(savedId);
  expect((await top.locator("blockquote").textContent())?.trim()).toBe(quote);

  await top.getByTestId("saved-link").click();
  await page.waitForURL(`**/#/quotes/${savedId}`);
  const detail = page.getByTestId("quote-detail");
  await detail.locator(`[data-id="${savedId}"]`).waitFor();
  expect((await detail.locator("blockquote").textContent())?.trim()).toBe(quote);
  expect(await page.getByTestId("saved-list").isVisible()).toBe(false);

  await page.reload();
  await detail.locator(`[data-id="${savedId}"]`).waitFor();
  expect((await detail.locator("blockquote").textContent())?.trim()).toBe(quote);

  await page.getByTestId("back").click();
  await page.locator(`[data-testid="saved-item"][data-id="${savedId}"]`).waitFor();
  return { savedId, quote };
}
