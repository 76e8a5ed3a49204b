import path from "node:path";
import { browserTestPlan, launchChromium, skipWithoutChromium } from "@holonet/browser-test/chromium";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DashboardSource } from "../src/dashboard-api";
import { chartInk, listedInvocations, openInvocation, readFunctionRow } from "../src/dashboard-page-probe";
import { startDashboard } from "../src/dashboard-server";
import { buildPageForTest } from "./support/built-page";
import { fixtureSource } from "./support/fixture-source";

const plan = browserTestPlan();
const id = (n: number) => `7f3c2a1e-0b4d-4c5e-9a8f-${String(n).padStart(12, "0")}`;
const screenshot =
  process.env.HOLONET_DASHBOARD_SCREENSHOT ?? path.join(import.meta.dirname, "../test-results/dashboard.png");

let page: Awaited<ReturnType<typeof buildPageForTest>>;
beforeAll(async () => {
  page = await buildPageForTest();
});
afterAll(async () => {
  await page?.remove();
});

/** Starts the dashboard on the fixtures, opens it in Chromium, and collects what the browser complains about. */
async function openDashboard(source: DashboardSource) {
  if (!plan.run) throw new Error("no Chromium");
  const dashboard = await startDashboard({ port: 0, source, pageDir: page.dir });
  const browser = await launchChromium({ executablePath: plan.executablePath });
  const tab = await browser.context.newPage();
  const complaints: string[] = [];
  tab.on("console", (message) => {
    // A poll refused while the cloud is down is expected; anything else (a CSP violation, a crash) is not.
    if (message.type() === "error" && !message.text().includes("ERR_CONNECTION_REFUSED"))
      complaints.push(message.text());
  });
  tab.on("pageerror", (error) => complaints.push(error.message));
  await tab.setViewportSize({ width: 1440, height: 900 });
  await tab.goto(dashboard.url);
  await tab.locator('[data-testid=connection][data-state="live"]').waitFor();
  return {
    dashboard,
    tab,
    complaints,
    close: async () => {
      await browser.close();
      await dashboard.close();
    },
  };
}

const text = async (tab: Page, selector: string) => (await tab.locator(selector).textContent())?.trim();

describe("the dashboard page in a real browser", () => {
  it("draws the charts and shows the fixture's numbers, invocations, versions, buckets and cost", {
    timeout: 120_000,
  }, async (context) => {
    skipWithoutChromium(context, plan);
    const { source, fixtures } = fixtureSource();
    const opened = await openDashboard(source);
    const { tab } = opened;
    try {
      for (const [chart, color] of [
        ["requests", "#2563eb"],
        ["latency", "#dc2626"],
        ["errors", "#d97706"],
        ["cold-starts", "#7c3aed"],
        ["concurrency", "#16a34a"],
      ] as const) {
        expect(await tab.locator(`[data-chart="${chart}"] canvas`).count()).toBe(1);
        expect(await chartInk(tab, chart, color), `ink of ${color} in the ${chart} chart`).toBeGreaterThan(
          50,
        );
      }

      expect(await readFunctionRow(tab, "holonet-quote")).toEqual({
        invocations: "1,234",
        errors: "3",
        throttles: "7",
        coldStarts: "2",
        concurrency: "1 / 5",
        p50: "12.5",
        p95: "42.5",
        p99: "97.5",
      });
      expect(await readFunctionRow(tab, "holonet-quote", "dev")).toMatchObject({
        invocations: "1,200",
        errors: "2",
        p50: "12.2",
        p99: "96.5",
      });
      expect(await readFunctionRow(tab, "holonet-quote", "3")).toMatchObject({
        invocations: "34",
        errors: "1",
      });
      expect(await readFunctionRow(tab, "holonet-store-get")).toMatchObject({ invocations: "0", p50: "–" });
      expect(await text(tab, '[data-function="holonet-quote"][data-qualifier="dev"] th')).toBe("alias dev");
      expect(await text(tab, '[data-function="holonet-quote"][data-qualifier="3"] th')).toBe("version 3");

      expect(await text(tab, "[data-testid=tile-requests] .tile-value")).toBe("1,290");
      expect(await text(tab, "[data-testid=tile-p99] .tile-value")).toBe("88.0 ms");
      expect(await listedInvocations(tab)).toEqual([id(4), id(3), id(2), id(1)]);

      const versions = tab.getByTestId("function-versions");
      await versions.locator('[data-function="holonet-quote"]').waitFor();
      expect(
        await versions.locator('[data-function="holonet-quote"] [data-alias]').allTextContents(),
      ).toEqual(["dev → 3", "prod → 2"]);
      expect(await versions.locator('[data-function="holonet-quote"] tr[data-version]').count()).toBe(3);
      const buckets = tab.getByTestId("buckets");
      expect(await buckets.locator('[data-bucket="holonet-dev-data"] td.mono').allTextContents()).toEqual(
        fixtures.buckets[0]?.objects.map((object) => object.key),
      );
      expect(await text(tab, "[data-testid=cost-total]")).toBe("$0.00166");

      const detail = await openInvocation(tab, id(2));
      const spans = detail.getByTestId("span");
      expect(await spans.evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.hop))).toEqual([
        "gateway",
        "lambda",
        "handler",
        "s3",
      ]);
      expect(await spans.filter({ hasText: "S3 PutObject" }).textContent()).toContain("24.6 ms");
      expect(await detail.getByTestId("logs").textContent()).toContain('"message":"Quote saved"');
      expect(await detail.getByTestId("event").textContent()).toContain('"routeKey": "POST /quotes"');
      expect(await detail.getByTestId("result").textContent()).toContain('"statusCode": 201');
      expect(await tab.locator(`tr.selected[data-request-id="${id(2)}"]`).count()).toBe(1);

      await tab.screenshot({ path: screenshot, fullPage: true });
      expect(opened.complaints).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it("shows markup from logs, spans, results and keys as text, never running it", {
    timeout: 120_000,
  }, async (context) => {
    skipWithoutChromium(context, plan);
    const opened = await openDashboard(fixtureSource().source);
    const { tab } = opened;
    try {
      const detail = await openInvocation(tab, id(4));
      const logs = detail.getByTestId("logs");

      expect(await logs.textContent()).toContain("<script>window.__injected = true</script><b>not bold</b>");
      expect(await logs.locator("script, b").count()).toBe(0);
      expect(await detail.getByTestId("trace").textContent()).toContain(
        "<script>window.__injectedSpan = true</script>",
      );
      expect(await detail.getByTestId("result").textContent()).toContain("<img src=x onerror=alert(1)>");
      expect(await detail.locator("img, script").count()).toBe(0);
      expect(await tab.getByTestId("buckets").textContent()).toContain(
        "quotes/<script>alert(1)</script>.json",
      );
      expect(
        await tab.evaluate(() => {
          const globals = window as unknown as Record<string, unknown>;
          return [globals.__injected, globals.__injectedSpan];
        }),
      ).toEqual([undefined, undefined]);
      expect(await detail.textContent()).toContain("cut short");
      expect(opened.complaints).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it("shows a fresh cloud with no traffic yet without errors", { timeout: 120_000 }, async (context) => {
    skipWithoutChromium(context, plan);
    const { source, fixtures } = fixtureSource();
    const empty = { t: [], requests: [], errors: [], throttles: [], coldStarts: [], concurrency: {} };
    const opened = await openDashboard({
      ...source,
      metrics: () => ({
        ...fixtures.metrics,
        api: {
          ...fixtures.metrics.api,
          requests: 0,
          requestsPerSecond: 0,
          latencyMs: { p50: null, p95: null, p99: null },
        },
        functions: [],
        series: { ...empty, latencyP50: [], latencyP95: [], latencyP99: [] },
      }),
      invocations: () => [],
      functions: async () => [],
      buckets: async () => [],
    });
    const { tab } = opened;
    try {
      expect(await text(tab, "[data-testid=function-table] tbody")).toBe("No function has been invoked yet.");
      expect(await text(tab, "[data-testid=invocations] tbody")).toBe("No invocation yet.");
      expect(await text(tab, "[data-testid=tile-p50] .tile-value")).toBe("– ms");
      expect(await tab.locator("[data-chart] canvas").count()).toBe(5);
      await tab.getByTestId("buckets").getByText("No buckets.").waitFor();
      expect(opened.complaints).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it("pauses polling while hidden, and says so clearly when the cloud stops answering", {
    timeout: 120_000,
  }, async (context) => {
    skipWithoutChromium(context, plan);
    const { source } = fixtureSource();
    let polls = 0;
    const opened = await openDashboard({
      ...source,
      metrics: () => {
        polls += 1;
        return source.metrics();
      },
    });
    const { tab } = opened;
    try {
      const setHidden = (hidden: boolean) =>
        tab.evaluate((value) => {
          Object.defineProperty(document, "hidden", { configurable: true, get: () => value });
          document.dispatchEvent(new Event("visibilitychange"));
        }, hidden);

      await setHidden(true);
      await tab.locator('[data-testid=connection][data-state="paused"]').waitFor();
      const whenHidden = polls;
      await tab.waitForTimeout(2_500);
      expect(polls - whenHidden).toBeLessThanOrEqual(1);
      await setHidden(false);
      await tab.waitForFunction(() =>
        document.querySelector("[data-testid=connection]")?.textContent?.includes("live"),
      );
      expect(polls).toBeGreaterThan(whenHidden);

      await opened.dashboard.close();
      const banner = tab.getByTestId("unreachable");
      await banner.waitFor({ state: "visible" });
      expect(await banner.textContent()).toContain("not reachable");
      expect(await text(tab, "[data-testid=connection]")).toBe("cloud not reachable");
      expect(await tab.locator('[data-testid=connection][data-state="unreachable"]').count()).toBe(1);
      expect(await tab.locator("[data-testid=function-table] tr[data-function]").count()).toBeGreaterThan(0);
    } finally {
      await opened.close();
    }
  });
});
