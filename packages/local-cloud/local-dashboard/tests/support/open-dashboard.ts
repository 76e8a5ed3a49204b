import { browserTestPlan, launchChromium } from "@holonet/browser-test/chromium";
import type { DashboardSource } from "../../src/dashboard-api";
import { startDashboard } from "../../src/dashboard-server";

/** Starts the dashboard on `source` with the page built in `pageDir`, opens it in Chromium, and collects what the browser complains about. */
export async function openDashboardIn(pageDir: string, source: DashboardSource) {
  const plan = browserTestPlan();
  if (!plan.run) throw new Error("no Chromium");
  const dashboard = await startDashboard({ port: 0, source, pageDir });
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
