import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NO_THROTTLING, startTestCloud, type TestCloud } from "./support/test-cloud";

const SITE_DIR = path.resolve(import.meta.dirname, "../../../../services/web/dist");

/**
 * The exact type each built file must be served with. S3 cannot send X-Content-Type-Options: nosniff, so a
 * browser may sniff a file whose type is wrong or missing; an exact type per file is the defence left.
 */
const EXPECTED_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
};

const builtFiles = (dir: string, prefix = ""): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? builtFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`)
      : [`${prefix}${entry.name}`],
  );

describe("the website as the web bucket serves it", () => {
  let stack: TestCloud;
  beforeAll(async () => {
    stack = await startTestCloud({ throttling: NO_THROTTLING });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("serves every built file, and config.json, with its exact Content-Type", async () => {
    const files = [...builtFiles(SITE_DIR), "config.json"];
    expect(files).toContain("index.html");
    for (const file of files) {
      const expected = EXPECTED_TYPES[path.extname(file)];
      expect(expected, `no expected type for ${file}`).toBeDefined();
      const answer = await fetch(new URL(file, stack.cloud.web));
      expect(answer.status, file).toBe(200);
      expect(answer.headers.get("content-type"), file).toBe(expected);
      await answer.arrayBuffer();
    }
  });

  it("serves index.html at the site's root with its Content-Security-Policy and no inline script", async () => {
    const answer = await fetch(stack.cloud.web);
    expect(answer.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await answer.text();
    expect(html).toMatch(/<meta\s+http-equiv="Content-Security-Policy"\s+content="[^"]*script-src 'self';/);
    for (const [, attributes, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
      expect(attributes).toMatch(/\bsrc="/);
      expect(body?.trim()).toBe("");
    }
  });
});
