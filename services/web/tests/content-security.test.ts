import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildSite } from "@holonet/static-site/page-build";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const packageDir = path.resolve(import.meta.dirname, "..");
let outDir: string;
let html: string;

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), "holonet-web-csp-"));
  await buildSite({ packageDir, outDir });
  html = readFileSync(path.join(outDir, "index.html"), "utf8");
});
afterAll(() => rm(outDir, { recursive: true, force: true }));

/** The policy's directives, by name, from the built page's meta tag. */
function policy(page: string): Map<string, string[]> {
  const content = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(page)?.[1];
  if (content === undefined) throw new Error("index.html has no Content-Security-Policy meta tag");
  return new Map(
    content
      .split(";")
      .map((directive) => directive.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name as string, values]),
  );
}

describe("the built page's content security", () => {
  it("declares a policy that allows no inline script or style and no plugins, bases or forms", () => {
    const csp = policy(html);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("script-src")).toEqual(["'self'"]);
    expect(csp.get("style-src")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'none'"]);
    expect(csp.get("form-action")).toEqual(["'none'"]);
    expect(csp.get("img-src")).toEqual(["'self'", "data:"]);
    for (const values of csp.values()) {
      expect(values).not.toContain("'unsafe-inline'");
      expect(values).not.toContain("'unsafe-eval'");
      expect(values).not.toContain("*");
    }
  });

  it("puts the policy before any script or stylesheet, so it governs them", () => {
    const at = html.search(/http-equiv="Content-Security-Policy"/i);
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(html.search(/<script/i));
    expect(at).toBeLessThan(html.search(/<link rel="stylesheet"/i));
  });

  it("has no inline script, event handler attribute, javascript: URL or inline style", () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="[^"]+"/);
      expect(body?.trim()).toBe("");
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/<style\b|\sstyle\s*=/i);
  });
});
