import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { browserTestPlan, launchChromium, skipWithoutChromium } from "@holonet/browser-test/chromium";
import { FREE_PORTS, startLocalCloud } from "@holonet/local-cloud/local-cloud";
import { dashboardClient } from "@holonet/local-dashboard/dashboard-client";
import { listedInvocations, openInvocation } from "@holonet/local-dashboard/dashboard-page-probe";
import { describe, expect, it } from "vitest";
import { runSiteFlow } from "./site-flow";

const root = path.resolve(import.meta.dirname, "../../..");
const plan = browserTestPlan();

describe("the website on the local cloud", () => {
  it("gets, refuses, saves with its author, lists, opens from its words and reloads a quote in a real browser, then finds it on the dashboard", {
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

      // Then the dashboard shows the save the clicks made, with its logs and its trace down to S3.
      const recent = await dashboardClient(cloud.dashboard).invocations(200);
      const save = recent.find((each) => each.route === "POST /quotes" && each.status === 201);
      expect(save?.functionName).toBe("holonet-store-save");
      const dashboard = await browser.context.newPage();
      await dashboard.goto(cloud.dashboard);
      expect(await listedInvocations(dashboard)).toContain(save?.requestId);
      const detail = await openInvocation(dashboard, save?.requestId ?? "");
      // Its logs read as lines, not JSON: the service's line, and the metrics line in one row.
      const lines = await detail.getByTestId("log-lines").locator(".log-line").allTextContents();
      expect(lines).toContainEqual(
        expect.stringMatching(/ INFO Quote saved .*id=[0-7][0-9A-HJKMNP-TV-Z]{25}/),
      );
      expect(lines).toContainEqual(
        expect.stringMatching(/^METRIC Invocations=1 Errors=0 ColdStart=\d Duration=/),
      );
      const hops = await detail
        .getByTestId("span")
        .evaluateAll((spans) => spans.map((span) => (span as HTMLElement).dataset.hop));
      expect(hops).toEqual(expect.arrayContaining(["gateway", "lambda", "handler", "s3"]));
      await dashboard.screenshot({
        path: path.join(import.meta.dirname, "../test-results/holonet-dashboard.png"),
        fullPage: true,
      });
    } finally {
      await browser.close();
      await cloud.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
