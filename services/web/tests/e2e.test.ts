import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { browserTestPlan, launchChromium, skipWithoutChromium } from "@holonet/browser-test/chromium";
import { FREE_PORTS, startLocalCloud } from "@holonet/local-cloud/local-cloud";
import { describe, it } from "vitest";
import { runSiteFlow } from "./site-flow";

const root = path.resolve(import.meta.dirname, "../../..");
const plan = browserTestPlan();

describe("the website on the local cloud", () => {
  it("gets, refuses, saves, lists, opens and reloads a quote in a real browser", {
    timeout: 180_000,
  }, async (context) => {
    skipWithoutChromium(context, plan);
    const dataDir = await mkdtemp(path.join(tmpdir(), "holonet-web-e2e-"));
    const cloud = await startLocalCloud({
      root,
      dataDir,
      ports: FREE_PORTS,
      reset: true,
    });
    const browser = await launchChromium({ executablePath: plan.executablePath });
    try {
      const page = await browser.context.newPage();
      await runSiteFlow(page, cloud.web);
      await page.screenshot({
        path:
          process.env.HOLONET_SCREENSHOT ??
          path.join(import.meta.dirname, "../test-results/holonet-site.png"),
        fullPage: true,
      });
    } finally {
      await browser.close();
      await cloud.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
