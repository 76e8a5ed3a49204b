import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { BuildError } from "@holonet/cli-support/build-services";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { buildDevSite } from "../src/page-builds";

/** A repository holding only a website, as services/web lays it out. */
function siteRepository(app: string): string {
  const root = mkdtempSync(path.join(tmpdir(), "holonet-page-builds-"));
  const src = path.join(root, "services", "web", "src");
  mkdirSync(src, { recursive: true });
  writeFileSync(path.join(src, "app.ts"), app);
  writeFileSync(path.join(src, "styles.css"), "body { margin: 0; }\n");
  writeFileSync(
    path.join(src, "index.html"),
    '<link rel="stylesheet" href="{{styles.css}}"><script type="module" src="{{app.js}}"></script>\n',
  );
  return root;
}

describe("buildDevSite", () => {
  let root: string;
  beforeEach(() => {
    root = "";
  });
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    vi.restoreAllMocks();
  });

  it("builds services/web/dist as the site's own build does", async () => {
    root = siteRepository('document.title = "built";\n');
    await buildDevSite(root);
    const html = readFileSync(path.join(root, "services", "web", "dist", "index.html"), "utf8");
    const script = /src="(assets\/app-[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect(readFileSync(path.join(root, "services", "web", "dist", script ?? ""), "utf8")).toContain("built");
  });

  it("tells a syntax error as its place in the repository, once, and leaves the site as it was", async () => {
    root = siteRepository('document.title = "built";\n');
    await buildDevSite(root);
    const dist = path.join(root, "services", "web", "dist", "index.html");
    const before = readFileSync(dist, "utf8");
    writeFileSync(path.join(root, "services", "web", "src", "app.ts"), "const x = ;\n");
    const written = vi.spyOn(process.stderr, "write");
    const failure = await buildDevSite(root).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BuildError);
    expect((failure as BuildError).summary).toEqual(['services/web/src/app.ts:1:10: ERROR: Unexpected ";"']);
    // esbuild's own drawing of it is for --verbose only.
    expect(written).not.toHaveBeenCalled();
    expect(existsSync(dist) && readFileSync(dist, "utf8")).toBe(before);
  });
});
