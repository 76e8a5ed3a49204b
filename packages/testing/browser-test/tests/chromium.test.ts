import { describe, expect, it } from "vitest";
import {
  browserTestPlan,
  chromiumCandidates,
  findChromium,
  launchChromium,
  skipWithoutChromium,
} from "../src/chromium";

const nothing = () => false;
const only = (file: string) => (candidate: string) => candidate === file;

describe("finding Chromium", () => {
  it("tries CHROMIUM_PATH first, then Debian's and Ubuntu's places", () => {
    expect(chromiumCandidates({ CHROMIUM_PATH: "/opt/chromium/chrome" })).toEqual([
      "/opt/chromium/chrome",
      "/usr/bin/chromium",
      "/usr/bin/chromium-browser",
    ]);
    expect(findChromium({}, only("/usr/bin/chromium-browser"))).toBe("/usr/bin/chromium-browser");
  });

  it("runs browser tests where Chromium is", () => {
    expect(browserTestPlan({}, only("/usr/bin/chromium"))).toEqual({
      run: true,
      executablePath: "/usr/bin/chromium",
    });
  });

  it("skips them with one line that says why and what to do, outside CI", () => {
    const plan = browserTestPlan({}, nothing);
    expect(plan).toEqual({
      run: false,
      reason:
        "browser tests skipped: no Chromium found at /usr/bin/chromium, /usr/bin/chromium-browser; install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH",
    });
  });

  it("fails in CI rather than skip", () => {
    expect(() => browserTestPlan({ CI: "true" }, nothing)).toThrow(/^CI=true and no Chromium found at/);
  });
});

const plan = browserTestPlan();

describe("launchChromium", () => {
  it("starts headless Chromium with a fresh profile, offline from the world", {
    timeout: 60_000,
  }, async (context) => {
    skipWithoutChromium(context, plan);
    const browser = await launchChromium({ executablePath: plan.executablePath });
    try {
      const page = await browser.context.newPage();
      await page.setContent("<label>I am a Jedi <input type='checkbox'></label>");
      await page.getByRole("checkbox", { name: "I am a Jedi" }).check();
      expect(await page.getByRole("checkbox", { name: "I am a Jedi" }).isChecked()).toBe(true);
      expect(await page.evaluate(() => navigator.userAgent)).toContain("HeadlessChrome");
    } finally {
      await browser.close();
    }
  });
});
