import type { Page } from "playwright-core";
import { expect } from "vitest";

const NOT_A_JEDI = "Sorry you can't get a quote";
export const AUTHOR = "Yoda";

/**
 * The site's main story, as a visitor lives it: a Jedi gets a quote, anyone else is refused, a quote is
 * saved with who said it, found at the top of the list, opened from its words, and still there after a
 * reload; a link with a bad id says the quote is not in the archives. Ends on the home view, the list
 * showing, for a screenshot.
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
  await outcome.getByLabel("Who said it?").fill(AUTHOR);
  await outcome.getByRole("button", { name: "Save" }).click();
  const savedAs = outcome.getByTestId("saved-as");
  const savedId = (await savedAs.getAttribute("href"))?.replace("#/quotes/", "") ?? "";
  expect(savedId).toMatch(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
  expect(await outcome.getByTestId("author").textContent()).toBe(AUTHOR);

  const top = page.getByTestId("saved-item").first();
  await page.locator(`[data-testid="saved-item"][data-id="${savedId}"]`).waitFor();
  expect(await top.getAttribute("data-id")).toBe(savedId);
  expect((await top.locator("blockquote").textContent())?.trim()).toBe(quote);
  expect(await top.getByTestId("author").textContent()).toBe(AUTHOR);

  // The quote's own words are the link that opens it.
  await top.getByRole("link", { name: quote, exact: true }).click();
  await page.waitForURL(`**/#/quotes/${savedId}`);
  const detail = page.getByTestId("quote-detail");
  await detail.locator(`[data-id="${savedId}"]`).waitFor();
  expect((await detail.locator("blockquote").textContent())?.trim()).toBe(quote);
  expect(await detail.getByTestId("author").textContent()).toBe(AUTHOR);
  expect(await page.getByTestId("saved-list").isVisible()).toBe(false);

  await page.reload();
  await detail.locator(`[data-id="${savedId}"]`).waitFor();
  expect((await detail.locator("blockquote").textContent())?.trim()).toBe(quote);

  // A link cut short: the visitor is told so in words, not in the validator's.
  await page.goto(`${siteUrl}#/quotes/${savedId.slice(0, 12)}`);
  const missing = detail.getByRole("alert");
  await missing.waitFor();
  expect(await missing.textContent()).toContain("That quote is not in the archives.");
  expect(await missing.textContent()).not.toContain("path.id");

  await page.getByTestId("back").click();
  await page.locator(`[data-testid="saved-item"][data-id="${savedId}"]`).waitFor();
  return { savedId, quote };
}
