import { axeViolations, describeViolations } from "@holonet/browser-test/axe";
import { browserTestPlan, skipWithoutChromium } from "@holonet/browser-test/chromium";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openInvocation } from "../src/dashboard-page-probe";
import { buildPageForTest } from "./support/built-page";
import { fixtureSource, invocationId } from "./support/fixture-source";
import { openDashboardIn } from "./support/open-dashboard";

const plan = browserTestPlan();
let page: Awaited<ReturnType<typeof buildPageForTest>>;
beforeAll(async () => {
  page = await buildPageForTest();
});
afterAll(async () => {
  await page?.remove();
});

/** axe-core's WCAG 2.2 AA and best-practice violations of the page as it is now, one line per element. */
const violations = async (tab: Page) => describeViolations(await axeViolations(tab));

describe("the dashboard's accessibility", () => {
  it("has no axe violations with traffic, with a cold invocation's detail and trace open, and its raw logs unfolded", {
    timeout: 120_000,
  }, async (context) => {
    skipWithoutChromium(context, plan);
    const opened = await openDashboardIn(page.dir, fixtureSource().source);
    const { tab } = opened;
    try {
      await tab.getByTestId("buckets").locator("[data-bucket]").first().waitFor();
      expect(await violations(tab), "the page with traffic").toEqual([]);

      const detail = await openInvocation(tab, invocationId(1));
      await detail.getByTestId("span").first().waitFor();
      expect(await violations(tab), "a cold invocation open").toEqual([]);

      await openInvocation(tab, invocationId(2));
      await detail.getByRole("heading", { name: "holonet-store-save:dev" }).waitFor();
      await detail.getByText("The lines as logged").click();
      expect(await violations(tab), "a save open, its raw logs unfolded").toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it("lets a keyboard reach every pane that scrolls, each named for a screen reader", {
    timeout: 120_000,
  }, async (context) => {
    skipWithoutChromium(context, plan);
    const opened = await openDashboardIn(page.dir, fixtureSource().source);
    const { tab } = opened;
    try {
      const detail = await openInvocation(tab, invocationId(2));
      for (const name of ["Invocation detail", "Logs", "Event", "Result", "Objects in holonet-dev-data"]) {
        const pane = tab.getByRole("region", { name, exact: true });
        expect(await pane.getAttribute("tabindex"), name).toBe("0");
        await pane.focus();
        expect(await pane.evaluate((element) => element === document.activeElement), name).toBe(true);
      }
      // Focused, the logs scroll with the arrow keys, as a pane of the page would.
      const logs = detail.getByRole("region", { name: "Logs", exact: true });
      await logs.evaluate((element) => {
        element.style.maxHeight = "40px";
      });
      await logs.focus();
      await tab.keyboard.press("ArrowDown");
      await tab.waitForFunction(
        () => (document.querySelector("[data-testid=log-lines]")?.scrollTop ?? 0) > 0,
        undefined,
        { timeout: 5_000 },
      );
    } finally {
      await opened.close();
    }
  });

  it("has no axe violations on a fresh cloud with nothing to show yet", {
    timeout: 120_000,
  }, async (context) => {
    skipWithoutChromium(context, plan);
    const { source, fixtures } = fixtureSource();
    const empty = { t: [], requests: [], errors: [], throttles: [], coldStarts: [], concurrency: {} };
    const opened = await openDashboardIn(page.dir, {
      ...source,
      metrics: () => ({
        ...fixtures.metrics,
        api: {
          ...fixtures.metrics.api,
          requests: 0,
          requestsPerSecond: 0,
          status4xx: 0,
          status5xx: 0,
          throttled: 0,
        },
        functions: [],
        series: { ...empty, latencyP50: [], latencyP95: [], latencyP99: [] },
      }),
      invocations: () => [],
      functions: async () => [],
      buckets: async () => [],
    });
    try {
      await opened.tab.getByTestId("buckets").getByText("No buckets.").waitFor();
      expect(await violations(opened.tab)).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});
