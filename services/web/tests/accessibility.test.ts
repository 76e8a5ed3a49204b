import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { axeViolations, describeViolations } from "@holonet/browser-test/axe";
import { browserTestPlan, launchChromium, skipWithoutChromium } from "@holonet/browser-test/chromium";
import { FREE_PORTS, startLocalCloud } from "@holonet/local-cloud/local-cloud";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const plan = browserTestPlan();

/** axe-core's WCAG 2.2 AA and best-practice violations of the page as it is now, one line per element. */
const violations = async (page: Page) => describeViolations(await axeViolations(page));

/** Presses Tab until `target` has the focus (a bounded number of times), as a keyboard user would. */
async function tabTo(page: Page, target: (element: Element) => boolean, limit = 30): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(`(${target.toString()})(document.activeElement)`)) return;
  }
  throw new Error(`Tab did not reach the element in ${limit} presses`);
}

describe("the website's accessibility, in every state a visitor meets", () => {
  it("has no axe violations empty, with a quote, saved, refused, on a saved quote and on an unknown one; the keyboard opens a quote from its words", {
    timeout: 180_000,
  }, async (context) => {
    skipWithoutChromium(context, plan);
    const dataDir = await mkdtemp(path.join(tmpdir(), "holonet-web-a11y-"));
    const cloud = await startLocalCloud({ root, dataDir, ports: FREE_PORTS, reset: true });
    const browser = await launchChromium({ executablePath: plan.executablePath });
    try {
      const page = await browser.context.newPage();
      await page.goto(cloud.web);
      const outcome = page.getByTestId("quote-outcome");
      await page.getByTestId("saved-summary").getByText("No saved quotes yet").waitFor();
      expect(await violations(page), "empty").toEqual([]);

      await page.getByRole("button", { name: "Get a quote" }).click();
      await outcome.getByTestId("save-form").waitFor();
      expect(await violations(page), "a quote shown, with the form to save it").toEqual([]);

      await outcome.getByLabel("Who said it?").fill("Obi-Wan Kenobi");
      await outcome.getByRole("button", { name: "Save" }).click();
      await outcome.getByTestId("saved-as").waitFor();
      await page.getByTestId("saved-item").first().waitFor();
      expect(await violations(page), "saved, the list showing it").toEqual([]);

      await page.getByRole("checkbox", { name: "I am a Jedi" }).uncheck();
      await page.getByRole("button", { name: "Get a quote" }).click();
      await outcome.getByRole("alert").waitFor();
      expect(await violations(page), "refused").toEqual([]);

      // From the top of the page, Tab reaches the saved quote's words and Enter opens it.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await tabTo(page, (element) => element.closest("[data-testid=saved-item]") !== null);
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("A");
      await page.keyboard.press("Enter");
      await page.getByTestId("quote-detail").getByTestId("saved-quote").waitFor();
      expect(await violations(page), "one saved quote").toEqual([]);

      await page.goto(`${cloud.web}#/quotes/01JDQ3H7Y8ZK4M6N2P9R5T0VWX`);
      await page.getByTestId("quote-detail").getByText("That quote is not in the archives.").waitFor();
      expect(await violations(page), "a quote that is not there").toEqual([]);
    } finally {
      await browser.close();
      await cloud.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
