import { describe, expect, it } from "vitest";
import { axeViolations, describeViolations } from "../src/axe";
import { browserTestPlan, launchChromium, skipWithoutChromium } from "../src/chromium";

const plan = browserTestPlan();
// Served by the test itself (page.route), under a policy as strict as our pages': no inline script or style.
const ORIGIN = "http://127.0.0.1:9";
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'";

const page = (body: string) =>
  `<!doctype html><html lang="en"><head><meta http-equiv="Content-Security-Policy" content="${CSP}"><title>axe</title><link rel="stylesheet" href="/page.css"></head><body><main><h1>Holonet</h1>${body}</main></body></html>`;

async function violationsOf(body: string, css: string) {
  if (!plan.run) throw new Error("no Chromium");
  const browser = await launchChromium({ executablePath: plan.executablePath });
  try {
    const tab = await browser.context.newPage();
    await tab.route(`${ORIGIN}/`, (route) => route.fulfill({ contentType: "text/html", body: page(body) }));
    await tab.route(`${ORIGIN}/page.css`, (route) => route.fulfill({ contentType: "text/css", body: css }));
    await tab.goto(`${ORIGIN}/`);
    return describeViolations(await axeViolations(tab));
  } finally {
    await browser.close();
  }
}

describe("axeViolations", () => {
  it("finds low contrast and an unlabelled field on a page whose policy forbids inline scripts", {
    timeout: 60_000,
  }, async (context) => {
    skipWithoutChromium(context, plan);
    const found = await violationsOf(
      `<p class="faint">faint</p><input>`,
      ".faint { color: #999; background: #fff; }",
    );
    expect(found).toEqual([
      expect.stringMatching(/^color-contrast \(serious\) p: .*contrast of 2\.8/),
      expect.stringMatching(/^label \(critical\) input: /),
    ]);
  });

  it("finds nothing once they are fixed", { timeout: 60_000 }, async (context) => {
    skipWithoutChromium(context, plan);
    const found = await violationsOf(
      `<p class="faint">faint</p><label>Name <input></label>`,
      ".faint { color: #595959; background: #fff; }",
    );
    expect(found).toEqual([]);
  });
});
