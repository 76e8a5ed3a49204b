import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { browserTestPlan, launchChromium, skipWithoutChromium } from "@holonet/browser-test/chromium";
import { FREE_PORTS, startLocalCloud } from "@holonet/local-cloud/local-cloud";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const plan = browserTestPlan();

const MARKUP = `<img src=x onerror="window.__pwned=1"><b>bold</b>`;
const AUTHOR = `<script>window.__pwned=2</script>Yoda`;

describe("the website shows what visitors saved as text, under its Content-Security-Policy", () => {
  it("displays a quote containing markup as text in the list and in its own view, runs none of it, and breaks no policy", {
    timeout: 180_000,
  }, async (context) => {
    skipWithoutChromium(context, plan);
    const dataDir = await mkdtemp(path.join(tmpdir(), "holonet-web-markup-"));
    const cloud = await startLocalCloud({ root, dataDir, ports: FREE_PORTS, reset: true });
    const browser = await launchChromium({ executablePath: plan.executablePath });
    try {
      // Saved through the API as any client could, not through the page, which only saves quotes it got.
      const saved = await fetch(`${cloud.api}/quotes`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ quote: MARKUP, author: AUTHOR }),
      });
      expect(saved.status).toBe(201);
      const { id } = (await saved.json()) as { id: string };

      const page = await browser.context.newPage();
      const violations: string[] = [];
      page.on("console", (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
      });
      page.on("pageerror", (error) => violations.push(`page error: ${error.message}`));
      await page.goto(cloud.web);

      // The policy is the one the page declares; the API call below must pass it (connect-src).
      await page.getByRole("button", { name: "Get a quote" }).click();
      await page.getByTestId("quote-outcome").getByTestId("quote").waitFor();

      const item = page.locator(`[data-testid="saved-item"][data-id="${id}"]`);
      await item.waitFor();
      expect((await item.locator("blockquote").textContent())?.trim()).toBe(MARKUP);
      expect(await item.locator("figcaption").textContent()).toContain(AUTHOR);
      expect(await item.locator("img, b, script").count()).toBe(0);

      await item.getByTestId("saved-link").click();
      await page.waitForURL(`**/#/quotes/${id}`);
      const detail = page.getByTestId("quote-detail").locator(`[data-id="${id}"]`);
      await detail.waitFor();
      expect((await detail.locator("blockquote").textContent())?.trim()).toBe(MARKUP);
      expect(await detail.locator("figcaption").textContent()).toContain(AUTHOR);
      expect(await detail.locator("img, b, script").count()).toBe(0);

      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(violations).toEqual([]);
    } finally {
      await browser.close();
      await cloud.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
