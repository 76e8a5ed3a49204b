import path from "node:path";
import { browserTestPlan, skipWithoutChromium } from "@holonet/browser-test/chromium";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DashboardSource } from "../src/dashboard-api";
import { chartInk, listedInvocations, openInvocation, readFunctionRow } from "../src/dashboard-page-probe";
import { buildPageForTest } from "./support/built-page";
import { fixtureSource, invocationId as id } from "./support/fixture-source";
import { openDashboardIn } from "./support/open-dashboard";

const plan = browserTestPlan();
const screenshot =
  process.env.HOLONET_DASHBOARD_SCREENSHOT ?? path.join(import.meta.dirname, "../test-results/dashboard.png");

let page: Awaited<ReturnType<typeof buildPageForTest>>;
beforeAll(async () => {
  page = await buildPageForTest();
});
afterAll(async () => {
  await page?.remove();
});

const openDashboard = (source: DashboardSource) => openDashboardIn(page.dir, source);

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
        ["latency", "#1d4ed8"],
        ["latency", "#d97706"],
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
      // 4xx are the callers' mistakes; the function errors are a tile of their own (3 + 1 + 0 in the fixture).
      expect(await text(tab, "[data-testid=tile-4xx] .tile-name")).toBe("4xx client errors");
      expect(await text(tab, "[data-testid=tile-4xx] .tile-note")).toBe(
        "the caller's mistake, not a function error",
      );
      expect(await text(tab, "[data-testid=tile-function-errors] .tile-value")).toBe("4");
      expect(await text(tab, "[data-testid=headline-errors]")).toBe("9 function errors · 15 throttles");
      expect(await listedInvocations(tab)).toEqual([id(4), id(3), id(2), id(1)]);

      const versions = tab.getByTestId("function-versions");
      await versions.locator('[data-function="holonet-quote"]').waitFor();
      expect(
        await versions.locator('[data-function="holonet-quote"] [data-alias]').allTextContents(),
      ).toEqual(["dev → 3", "prod → 2"]);
      expect(await versions.locator('[data-function="holonet-quote"] tr[data-version]').count()).toBe(3);
      const buckets = tab.getByTestId("buckets");
      const data = buckets.locator('[data-bucket="holonet-dev-data"]');
      expect(await data.locator("tbody td:first-child").allTextContents()).toEqual(
        fixtures.buckets[0]?.objects.map((object) => object.key),
      );
      // Each quote's id beside its mirrored key, and why they differ.
      expect(await data.locator("[data-col=quote-id]").allTextContents()).toEqual([
        "01KDX3V9ZC5W8M2N4P6R8T0V2X",
        "01KDX2A7B3C9D1E5F7G9H1J3K5",
        "",
      ]);
      expect(await data.getByTestId("key-note").textContent()).toContain("mirrored");
      expect(await buckets.locator('[data-bucket="holonet-dev-web"] [data-col=quote-id]').count()).toBe(0);
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
      // The logs as people read them: level, message, fields; the metrics line compact; the raw lines folded away.
      const lines = await detail.getByTestId("log-lines").locator(".log-line").allTextContents();
      expect(lines).toEqual([
        `START RequestId: ${id(2)} Version: 5`,
        '11:59:00.031 INFO S3 PutObject span.hop=s3 span.name="S3 PutObject" span.durationMs=24.6 span.status=200',
        '11:59:00.036 INFO Quote saved route="POST /quotes" id=01KDX3V9ZC5W8M2N4P6R8T0V2X key=quotes/ZYCJ2W4P0KT3QBXAV9S7Q5Z4X2.json',
        "METRIC Invocations=1 Errors=0 ColdStart=0 Duration=38.9ms  · service=store-save qualifier=dev",
        `END RequestId: ${id(2)}`,
        `REPORT RequestId: ${id(2)}  Duration: 38.90 ms  Billed Duration: 39 ms  Memory Size: 256 MB  Max Memory Used: 88 MB`,
      ]);
      expect(await detail.getByTestId("raw-logs").isVisible()).toBe(false);
      expect(await detail.getByTestId("raw-logs").textContent()).toContain('"message":"Quote saved"');
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
      expect(await logs.getByTestId("log-lines").textContent()).toContain(
        'WARN <img src=x onerror="window.__injectedLog = true"> detail="<b>not bold either</b>"',
      );
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
          return [globals.__injected, globals.__injectedSpan, globals.__injectedLog];
        }),
      ).toEqual([undefined, undefined, undefined]);
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

  it("draws p50, p95 and p99 of sparse traffic each in sight: single requests as dots, equal percentiles nested", {
    timeout: 120_000,
  }, async (context) => {
    skipWithoutChromium(context, plan);
    const { source, fixtures } = fixtureSource();
    // A developer's session: a request now and then (all three percentiles equal), and one burst of five seconds.
    const seconds = fixtures.metrics.series.t.length;
    const latency = (at: number) => ([7, 31, 55, 83].includes(at) ? 40 : at >= 95 && at < 100 ? 25 : null);
    const p50 = Array.from({ length: seconds }, (_, at) => latency(at));
    const opened = await openDashboard({
      ...source,
      metrics: () => ({
        ...fixtures.metrics,
        series: { ...fixtures.metrics.series, latencyP50: p50, latencyP95: p50, latencyP99: p50 },
      }),
    });
    try {
      for (const [label, color] of [
        ["p50", "#1d4ed8"],
        ["p95", "#d97706"],
        ["p99", "#dc2626"],
      ] as const) {
        expect(await chartInk(opened.tab, "latency", color), `ink of ${label}`).toBeGreaterThan(40);
        expect(
          await opened.tab.locator(`[data-chart=latency] .chart-legend [data-series=${label}]`).count(),
        ).toBe(1);
      }
      expect(opened.complaints).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it("labels the time before a cold start's init as the sandbox starting", {
    timeout: 120_000,
  }, async (context) => {
    skipWithoutChromium(context, plan);
    const opened = await openDashboard(fixtureSource().source);
    try {
      const detail = await openInvocation(opened.tab, id(1));
      const gap = detail.getByTestId("sandbox-gap");
      expect(await gap.locator(".wf-name").textContent()).toBe("Sandbox start");
      expect(await gap.locator(".wf-duration").textContent()).toBe("20.0 ms");
      expect(
        await detail
          .getByTestId("span")
          .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.hop)),
      ).toEqual(["gateway", "lambda", "init", "handler"]);

      const warm = await openInvocation(opened.tab, id(2));
      await warm.getByRole("heading", { name: "holonet-store-save:dev" }).waitFor();
      expect(await warm.getByTestId("sandbox-gap").count()).toBe(0);
    } finally {
      await opened.close();
    }
  });
});
