import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BuiltPage as BuiltSite, buildSite } from "@holonet/static-site/page-build";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const packageDir = path.resolve(import.meta.dirname, "..");
let outDir: string;
let site: BuiltSite;
let html: string;

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), "holonet-web-build-"));
  site = await buildSite({ packageDir, outDir });
  html = readFileSync(path.join(outDir, "index.html"), "utf8");
});
afterAll(() => rm(outDir, { recursive: true, force: true }));

describe("the site's build", () => {
  it("names the script and stylesheet by their content's hash", () => {
    expect(site.app).toMatch(/^assets\/app-[A-Z2-7]{8}\.js$/);
    expect(site.styles).toMatch(/^assets\/styles-[A-Z2-7]{8}\.css$/);
    expect(existsSync(path.join(outDir, site.app))).toBe(true);
    expect(existsSync(path.join(outDir, site.styles))).toBe(true);
  });

  it("refers to them from index.html by relative URL, so any path prefix works", () => {
    expect(html).toContain(`<script type="module" src="${site.app}"></script>`);
    expect(html).toContain(`<link rel="stylesheet" href="${site.styles}" />`);
    expect(html).not.toMatch(/(src|href)="\/(?!\/)/);
  });

  it("leaves config.json to the publisher", () => {
    expect(existsSync(path.join(outDir, "config.json"))).toBe(false);
  });

  it("gives the browser test its handles: a labelled checkbox and buttons", () => {
    expect(html).toMatch(/<input type="checkbox" id="is-jedi"/);
    expect(html).toContain("I am a Jedi");
    expect(html).toContain('data-testid="get-quote"');
    expect(html).toContain('aria-live="polite"');
  });
});
