import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { browserTestPlan, launchChromium } from "@holonet/browser-test/chromium";
import { FREE_PORTS, startLocalCloud } from "@holonet/local-cloud/local-cloud";
import { dashboardClient } from "@holonet/local-dashboard/dashboard-client";
import { openInvocation } from "@holonet/local-dashboard/dashboard-page-probe";
import type { Page } from "playwright-core";

/**
 * The README's screenshots, from a short session on a fresh local cloud: a few quotes, two saved with
 * who said them, a refusal; then the site, one saved quote, the dashboard, and a cold save's trace.
 * `pnpm --filter @holonet/web run screenshots` (after a build) writes them to docs/screenshots/.
 */
const root = path.resolve(import.meta.dirname, "../../..");
const outDir = path.join(root, "docs/screenshots");
const VIEWPORT = { width: 1280, height: 800 };

/** Who said some of the `starwars` package's lines, so that a screenshot never credits Yoda with Han's. */
const SPEAKERS: Record<string, string> = {
  "These aren't the droids you're looking for.": "Obi-Wan Kenobi",
  "Remember... the Force will be with you, always.": "Obi-Wan Kenobi",
  "There's always a bigger fish.": "Qui-Gon Jinn",
  "Search your feelings, you know it to be true.": "Darth Vader",
  "Told you I did. Reckless is he. ...Now, matters are worse.": "Yoda",
  "I thought they smelled bad on the outside!": "Han Solo",
  "Luke, when gone am I... the last of the Jedi will you be.": "Yoda",
  "Twice the pride, double the fall.": "Count Dooku",
  "Don't be too proud of this technological terror you've constructed.": "Darth Vader",
  "Use the Force, Luke.": "Obi-Wan Kenobi",
  "No more training do you require. Already know you that which you need.": "Yoda",
  "Soon will I rest, yes, forever sleep. Earned it I have. Twilight is upon me, soon night must fall.":
    "Yoda",
  "Why you stuck-up, half-witted, scruffy-looking nerf-herder!": "Leia Organa",
  "I've got a very bad feeling about this.": "Han Solo",
  "General Grievous, you're shorter than I expected.": "Obi-Wan Kenobi",
  "It's a trap!": "Admiral Ackbar",
  "So this is how liberty dies, with thunderous applause.": "Padmé Amidala",
  "Fear is the path to the dark side. Fear leads to anger. Anger leads to hate. Hate leads to suffering.":
    "Yoda",
  "Beware of the dark side.": "Yoda",
  "Everything is proceeding as I have foreseen.": "Emperor Palpatine",
};

async function getQuote(page: Page, jedi: boolean): Promise<string> {
  const checkbox = page.getByRole("checkbox", { name: "I am a Jedi" });
  await (jedi ? checkbox.check() : checkbox.uncheck());
  await page.getByRole("button", { name: "Get a quote" }).click();
  const outcome = page.getByTestId("quote-outcome");
  if (!jedi) return (await outcome.getByRole("alert").textContent()) ?? "";
  await outcome.getByTestId("save-form").waitFor();
  return (await outcome.getByTestId("quote").textContent())?.trim() ?? "";
}

/** Asks for quotes (at most 80) until one whose speaker is known comes, and saves it with their name. */
async function saveAKnownQuote(page: Page, saved: Set<string>) {
  for (let asked = 0; asked < 80; asked++) {
    const quote = await getQuote(page, true);
    const author = SPEAKERS[quote];
    if (!author || saved.has(quote)) continue;
    const outcome = page.getByTestId("quote-outcome");
    await outcome.getByLabel("Who said it?").fill(author);
    await outcome.getByRole("button", { name: "Save" }).click();
    await outcome.getByTestId("saved-as").waitFor();
    saved.add(quote);
    return;
  }
  throw new Error("80 quotes and none whose speaker is known");
}

const plan = browserTestPlan();
if (!plan.run) throw new Error(plan.reason);
const dataDir = await mkdtemp(path.join(tmpdir(), "holonet-screenshots-"));
const cloud = await startLocalCloud({ root, dataDir, ports: FREE_PORTS, reset: true });
const browser = await launchChromium({ executablePath: plan.executablePath });
try {
  await mkdir(outDir, { recursive: true });
  const site = await browser.context.newPage();
  await site.setViewportSize(VIEWPORT);
  await site.goto(cloud.web);
  const saved = new Set<string>();
  await saveAKnownQuote(site, saved);
  await getQuote(site, false);
  await saveAKnownQuote(site, saved);
  await site.mouse.move(0, 0);
  await site.screenshot({ path: path.join(outDir, "website.png") });

  await site.getByTestId("saved-item").first().getByTestId("saved-link").click();
  await site.getByTestId("quote-detail").getByTestId("saved-quote").waitFor();
  await site.screenshot({ path: path.join(outDir, "website-saved-quote.png") });
  // A link cut short, for the dashboard's 4xx.
  await site.goto(`${cloud.web}#/quotes/01JDQ3H7Y8`);
  await site.getByTestId("quote-detail").getByRole("alert").waitFor();

  const invocations = await dashboardClient(cloud.dashboard).invocations(200);
  const coldSave = invocations.find((each) => each.route === "POST /quotes" && each.coldStart);
  if (!coldSave) throw new Error("the session made no cold save");
  const dashboard = await browser.context.newPage();
  await dashboard.setViewportSize(VIEWPORT);
  await dashboard.goto(cloud.dashboard);
  await dashboard.locator('[data-testid=connection][data-state="live"]').waitFor();
  await dashboard.getByTestId("buckets").locator("[data-bucket]").first().waitFor();
  const detail = await openInvocation(dashboard, coldSave.requestId);
  await detail.getByTestId("sandbox-gap").waitFor();
  await dashboard.evaluate(() => window.scrollTo(0, 0));
  await dashboard.mouse.move(0, 0);
  await dashboard.screenshot({ path: path.join(outDir, "dashboard.png") });

  await detail.evaluate((card) => window.scrollTo(0, card.getBoundingClientRect().top + window.scrollY - 16));
  await dashboard.screenshot({ path: path.join(outDir, "dashboard-trace.png") });
  console.log(`docs/screenshots: website.png, website-saved-quote.png, dashboard.png, dashboard-trace.png`);
} finally {
  await browser.close();
  await cloud.close();
  await rm(dataDir, { recursive: true, force: true });
}
